import { boardSlots, clone, isBrokenAt, slug } from '../identity-pool.js';
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

/** What a posting is in the list answer: the detail without its ad and URLs, with its `ref`. */
function summaryOf(posting: Json, origin: string, company: string): Json {
  const { jobAd: _ad, postingUrl: _posting, applyUrl: _apply, referralUrl: _referral, active: _active, ...summary } = posting;
  return { ...summary, ref: `${origin}/v1/companies/${company}/postings/${String(posting.id)}` };
}

/**
 * SmartRecruiters Posting API: `GET /v1/companies/{company}/postings?limit=&offset=&q=` (at most 100 a page,
 * `totalFound`) and `GET /v1/companies/{company}/postings/{id}`.
 */
export const smartrecruitersReplay: ReplaySourceModule = {
  name: 'smartrecruiters',
  build(build): ServedSource {
    const { includeRecordings, today, count, broken, random, pool } = build;
    const recorded = recordingFiles('smartrecruiters', /^posting-\d+\.json$/).map((file) =>
      readRecordedJson<Json>('smartrecruiters', file, today),
    );
    const companies = new Map<string, Json[]>();
    const postings: ReplayPosting[] = [];
    const add = (company: string, posting: Json, brokenReason?: string) => {
      companies.set(company, [...(companies.get(company) ?? []), posting]);
      postings.push({
        source: 'smartrecruiters',
        externalId: String(posting.id),
        broken: brokenReason !== undefined,
        ...(brokenReason ? { brokenReason } : {}),
      });
    };
    if (includeRecordings) for (const posting of recorded) add(String((posting.company as Json).identifier), posting);
    const template = recorded[0]!;
    const slots = boardSlots(build, (company) => slug(company).replace(/-/g, ''));
    for (let i = 0; i < count; i++) {
      const { board: identifier, company: name } = slots[i % slots.length]!;
      const who = pool.draw(name);
      const id = `7440000${random.digits(8)}`;
      const isBroken = isBrokenAt(i, count, broken);
      const posting: Json = {
        ...clone(template),
        id,
        uuid: `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`,
        name: who.title,
        refNumber: `REF${random.digits(4)}`,
        company: { identifier, name },
        releasedDate: who.postedAt.toISOString(),
        location: {
          city: who.city.city,
          region: who.city.region,
          country: who.city.country.slice(0, 2).toLowerCase(),
          remote: random.int(0, 3) === 0,
        },
        jobAd: {
          sections: {
            companyDescription: { title: 'Company Description', text: `<p>${name} is growing.</p>` },
            jobDescription: { title: 'Job Description', text: who.descriptionHtml },
            qualifications: { title: 'Qualifications', text: `<ul><li>${who.experience}</li><li>${who.skills.join(', ')}</li></ul>` },
            additionalInformation: {
              title: 'Additional Information',
              text: `<p>The pay range is $${who.salaryMin} - $${who.salaryMin + 20000} per year.</p>`,
            },
          },
        },
        postingUrl: `https://jobs.smartrecruiters.com/${identifier}/${id}-${slug(who.title)}`,
        applyUrl: `https://jobs.smartrecruiters.com/${identifier}/${id}-${slug(who.title)}?oga=true`,
      };
      if (isBroken) delete posting.name;
      add(identifier, posting, isBroken ? 'SmartRecruiters posting without a name (title)' : undefined);
    }
    return {
      postings,
      boards: [...companies.keys()],
      route(request, { origin, empty }) {
        const match =
          request.method === 'GET'
            ? request.url.pathname.match(/^\/v1\/companies\/([A-Za-z0-9_.-]+)\/postings(?:\/([A-Za-z0-9-]+))?$/)
            : null;
        if (!match) return undefined;
        const company = match[1]!;
        const list = empty ? [] : (companies.get(company) ?? []);
        if (match[2]) {
          const posting = list.find((candidate) => candidate.id === match[2]);
          return posting ? jsonAnswer(200, posting, true) : notFound('posting');
        }
        const params = request.url.searchParams;
        const limit = Number(params.get('limit') ?? 100);
        const offset = Number(params.get('offset') ?? 0);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) {
          return jsonAnswer(400, { code: 'INVALID_PARAMETER', message: 'limit must be 1..100 and offset >= 0' });
        }
        const q = (params.get('q') ?? '').toLowerCase();
        const matching = list.filter(
          (posting) =>
            !q ||
            String(posting.name ?? '')
              .toLowerCase()
              .includes(q),
        );
        return jsonAnswer(200, {
          offset,
          limit,
          totalFound: matching.length,
          content: matching.slice(offset, offset + limit).map((posting) => summaryOf(posting, origin, company)),
        });
      },
      touch(externalId) {
        const posting = [...companies.values()].flat().find((candidate) => candidate.id === externalId);
        if (!posting) throw noSuchPosting('smartrecruiters', externalId);
        const sections = (posting.jobAd as { sections: Record<string, Json> }).sections;
        sections.jobDescription = { ...sections.jobDescription, text: `${String(sections.jobDescription?.text ?? '')}${TOUCH_NOTE}` };
      },
      search: () => ({ boards: [...companies.keys()] }),
      scraperEnv: (origin) => ({ JOBPIPE_SCRAPER_SMARTRECRUITERS_BASE_URL: origin }),
    };
  },
};
