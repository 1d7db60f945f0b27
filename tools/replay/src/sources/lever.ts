import { clone, plainText, TEAMS } from '../identity-pool.js';
import { readRecordedJson, recordingFiles } from '../recordings.js';
import { boardedSource } from './boarded-source.js';
import { jsonAnswer, notFound, type ReplaySourceModule, TOUCH_NOTE } from './replay-source.js';

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
  build: (build) => {
    const recorded = recordedCompanies(build.today);
    const template = recorded.get('northwind')![0]!;
    return boardedSource<Json>(
      {
        name: 'lever',
        recorded,
        idOf: (posting) => String(posting.id),
        brokenReason: 'Lever posting without text (title)',
        generate({ board, who, random, broken }) {
          const id = `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`;
          const location = `${who.city.city}, ${who.city.region}`;
          const plain = plainText(who.descriptionHtml);
          const posting: Json = {
            ...clone(template),
            id,
            text: who.title,
            createdAt: who.postedAt.getTime(),
            categories: {
              commitment: 'Full-time',
              department: 'Engineering',
              location,
              team: random.pick(TEAMS),
              allLocations: [location],
            },
            description: `<div>${who.descriptionHtml}</div>`,
            descriptionPlain: `${plain}\n`,
            descriptionBody: `<div>${who.descriptionHtml}</div>`,
            descriptionBodyPlain: `${plain}\n`,
            lists: [{ text: 'Requirements', content: `<li>${who.experience}</li><li>${who.skills.join(', ')}</li>` }],
            salaryRange: { currency: 'USD', interval: 'per-year-salary', min: who.salaryMin, max: who.salaryMin + 20000 },
            hostedUrl: `https://jobs.lever.co/${board}/${id}`,
            applyUrl: `https://jobs.lever.co/${board}/${id}/apply`,
          };
          if (broken) delete posting.text;
          return posting;
        },
        route(request, _context, postingsOf) {
          const lever =
            request.method === 'GET' ? request.url.pathname.match(/^\/v0\/postings\/([A-Za-z0-9_.-]+)(?:\/([A-Za-z0-9-]+))?$/) : null;
          if (!lever) return undefined;
          const list = postingsOf(lever[1]!);
          if (!list) return notFound('company');
          const postingId = lever[2];
          if (postingId) {
            const posting = list.find((candidate) => candidate.id === postingId);
            return posting ? jsonAnswer(200, posting, true) : notFound('posting');
          }
          return jsonAnswer(200, list, true);
        },
        touch(posting) {
          posting.descriptionPlain = `${String(posting.descriptionPlain ?? '')}${TOUCH_NOTE}`;
        },
        scraperEnv: (origin) => ({ JOBPIPE_SCRAPER_LEVER_BASE_URL: origin }),
      },
      build,
    );
  },
};
