import { boardCompanies, clone, isBrokenAt, plainText, slug, TEAMS } from '../identity-pool.js';
import { readRecordedJson, recordingFiles } from '../recordings.js';
import {
  jsonAnswer,
  noSuchPosting,
  notFound,
  type ReplayPosting,
  type ReplaySourceModule,
  type ServedSource,
  TOUCH_NOTE,
} from './replay-source.js';

type Json = Record<string, unknown>;

/** The recorded companies: `postings.json` is Northwind's, `postings-<company>.json` the others'. */
function recordedCompanies(today: Date): Map<string, Json[]> {
  const companies = new Map<string, Json[]>();
  for (const file of recordingFiles('lever', /^postings(-[a-z0-9-]+)?\.json$/)) {
    const company = file === 'postings.json' ? 'northwind' : file.slice('postings-'.length, -'.json'.length);
    companies.set(company, readRecordedJson<Json[]>('lever', file, today));
  }
  return companies;
}

/** Lever postings: `GET /v0/postings/{company}?mode=json` and `/v0/postings/{company}/{id}`. */
export const leverReplay: ReplaySourceModule = {
  name: 'lever',
  build({ includeRecordings, today, count, broken, random, pool }): ServedSource {
    const recorded = recordedCompanies(today);
    const template = recorded.get('northwind')![0]!;
    const companies = new Map<string, Json[]>();
    const postings: ReplayPosting[] = [];
    if (includeRecordings) {
      for (const [company, list] of recorded) {
        companies.set(company, [...list]);
        for (const posting of list) postings.push({ source: 'lever', externalId: String(posting.id), broken: false });
      }
    }
    const names = boardCompanies(pool, count);
    for (let i = 0; i < count; i++) {
      const company = names[i % names.length]!;
      const who = pool.draw(company);
      const id = `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`;
      const isBroken = isBrokenAt(i, count, broken);
      const location = `${who.city.city}, ${who.city.region}`;
      const plain = plainText(who.descriptionHtml);
      const posting: Json = {
        ...clone(template),
        id,
        text: who.title,
        createdAt: who.postedAt.getTime(),
        categories: { commitment: 'Full-time', department: 'Engineering', location, team: random.pick(TEAMS), allLocations: [location] },
        description: `<div>${who.descriptionHtml}</div>`,
        descriptionPlain: `${plain}\n`,
        descriptionBody: `<div>${who.descriptionHtml}</div>`,
        descriptionBodyPlain: `${plain}\n`,
        lists: [{ text: 'Requirements', content: `<li>${who.experience}</li><li>${who.skills.join(', ')}</li>` }],
        salaryRange: { currency: 'USD', interval: 'per-year-salary', min: who.salaryMin, max: who.salaryMin + 20000 },
        hostedUrl: `https://jobs.lever.co/${slug(company)}/${id}`,
        applyUrl: `https://jobs.lever.co/${slug(company)}/${id}/apply`,
      };
      if (isBroken) delete posting.text;
      companies.set(slug(company), [...(companies.get(slug(company)) ?? []), posting]);
      postings.push({
        source: 'lever',
        externalId: id,
        broken: isBroken,
        ...(isBroken ? { brokenReason: 'Lever posting without text (title)' } : {}),
      });
    }
    return {
      postings,
      boards: [...companies.keys()],
      route(request, { empty }) {
        const lever =
          request.method === 'GET' ? request.url.pathname.match(/^\/v0\/postings\/([A-Za-z0-9_.-]+)(?:\/([A-Za-z0-9-]+))?$/) : null;
        if (!lever) return undefined;
        const list = empty ? [] : companies.get(lever[1]!);
        if (!list) return notFound('company');
        const postingId = lever[2];
        if (postingId) {
          const posting = list.find((candidate) => candidate.id === postingId);
          return posting ? jsonAnswer(200, posting, true) : notFound('posting');
        }
        return jsonAnswer(200, list, true);
      },
      touch(externalId) {
        const posting = [...companies.values()].flat().find((candidate) => candidate.id === externalId);
        if (!posting) throw noSuchPosting('lever', externalId);
        posting.descriptionPlain = `${String(posting.descriptionPlain ?? '')}${TOUCH_NOTE}`;
      },
      search: () => ({ boards: [...companies.keys()] }),
      scraperEnv: (origin) => ({ JOBPIPE_SCRAPER_LEVER_BASE_URL: origin }),
    };
  },
};
