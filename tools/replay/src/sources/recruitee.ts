import { clone } from '../identity-pool.js';
import { readRecordedJson, recordingFiles } from '../recordings.js';
import { boardedSource } from './boarded-source.js';
import { jsonAnswer, notFound, type ReplaySourceModule, TOUCH_NOTE } from './replay-source.js';

type Json = Record<string, unknown>;

/** Recruitee writes its dates as `2026-10-09 07:00:00 UTC`. */
const recruiteeDate = (date: Date) => `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** The recorded careers sites: `offers-<company>.json`, each a whole `/api/offers/` answer. */
function recordedCompanies(today: Date): Map<string, Json[]> {
  return new Map(
    recordingFiles('recruitee', /^offers-[a-z0-9-]+\.json$/).map((file) => [
      file.slice('offers-'.length, -'.json'.length),
      readRecordedJson<{ offers: Json[] }>('recruitee', file, today).offers,
    ]),
  );
}

/**
 * Recruitee careers sites, every company under its own path as a proxy serves them (live, each is
 * `https://<company>.recruitee.com`): `GET /{company}/api/offers/` (every published offer, whole) and
 * `GET /{company}/api/offers/{slug}` (`{ offer }`); an unknown company is a 404.
 */
export const recruiteeReplay: ReplaySourceModule = {
  name: 'recruitee',
  build: (build) => {
    const recorded = recordedCompanies(build.today);
    const template = [...recorded.values()][0]![0]!;
    return boardedSource<Json>(
      {
        name: 'recruitee',
        recorded,
        idOf: (offer) => String(offer.id),
        brokenReason: 'Recruitee offer without a title',
        generate({ board, company, who, random, broken }) {
          const remote = random.int(0, 3) === 0;
          const slug = `${who.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${random.hex(4)}`;
          const offer: Json = {
            ...clone(template),
            id: Number(random.digits(7)),
            slug,
            guid: random.hex(5),
            title: who.title,
            company_name: company,
            location: `${who.city.city}, ${who.city.country}`,
            city: who.city.city,
            state_name: who.city.region,
            state_code: null,
            country: who.city.country,
            country_code: null,
            postal_code: null,
            remote,
            hybrid: false,
            on_site: !remote,
            locations: [
              { id: Number(random.digits(5)), name: who.city.city, city: who.city.city, state: who.city.region, country: who.city.country },
            ],
            salary: { min: String(who.salaryMin), max: String(who.salaryMin + 15000), currency: 'USD', period: 'year' },
            description: who.descriptionHtml,
            requirements: `<ul><li>${who.experience}</li><li>${who.skills.join(', ')}</li></ul>`,
            careers_url: `https://${board}.recruitee.com/o/${slug}`,
            careers_apply_url: `https://${board}.recruitee.com/o/${slug}/c/new`,
            tags: who.skills,
            created_at: recruiteeDate(who.postedAt),
            published_at: recruiteeDate(who.postedAt),
            updated_at: recruiteeDate(who.postedAt),
            close_at: recruiteeDate(who.closesAt),
          };
          if (broken) delete offer.title;
          return offer;
        },
        route(request, _context, postingsOf) {
          const match = request.method === 'GET' ? request.url.pathname.match(/^\/([a-z0-9-]+)\/api\/offers\/([a-z0-9-]+)?$/) : null;
          if (!match) return undefined;
          const offers = postingsOf(match[1]!);
          if (!offers) return notFound('careers site');
          if (!match[2]) return jsonAnswer(200, { offers }, true);
          const offer = offers.find((candidate) => candidate.slug === match[2]);
          return offer ? jsonAnswer(200, { offer }, true) : notFound('offer');
        },
        touch(offer) {
          offer.description = `${String(offer.description ?? '')}${TOUCH_NOTE}`;
        },
        scraperEnv: (origin) => ({ JOBPIPE_SCRAPER_RECRUITEE_BASE_URL: origin }),
      },
      build,
    );
  },
};
