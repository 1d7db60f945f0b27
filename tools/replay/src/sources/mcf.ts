import { clone, day, isBrokenAt, slug } from '../identity-pool.js';
import { readRecordedJson, readRecording, recordingFiles } from '../recordings.js';
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

/** MyCareersFuture: `POST /v2/search?limit=&page=` and `GET /v2/jobs/{uuid}`. */
export const mcfReplay: ReplaySourceModule = {
  name: 'mcf',
  build({ includeRecordings, today, count, broken, random, pool }): ServedSource {
    const search = readRecordedJson<{ results: Json[] }>('mcf', 'search-3results.json', today);
    const recordedDetails = new Map(
      recordingFiles('mcf', /^job-[a-f0-9]+\.json$/).map((file) => [file.slice(4, -5), readRecording('mcf', file, today)]),
    );
    const summaries: Json[] = [];
    const details = new Map<string, string>();
    const postings: ReplayPosting[] = [];
    if (includeRecordings) {
      for (const summary of search.results) {
        const uuid = String(summary.uuid);
        const detail = recordedDetails.get(uuid);
        if (!detail) continue;
        summaries.push(summary);
        details.set(uuid, detail);
        postings.push({ source: 'mcf', externalId: uuid, broken: false });
      }
    }
    const summaryTemplate = search.results[0]!;
    const detailTemplate = JSON.parse([...recordedDetails.values()][0]!) as Json;
    for (let i = 0; i < count; i++) {
      const who = pool.draw();
      const uuid = random.hex(32);
      const isBroken = isBrokenAt(i, count, broken);
      const monthly = Math.round(who.salaryMin / 12 / 100) * 100;
      const common = {
        uuid,
        title: who.title,
        salary: { minimum: monthly, maximum: monthly + random.int(5, 30) * 100, type: { salaryType: 'Monthly' } },
        postedCompany: {
          ...(summaryTemplate.postedCompany as Json),
          name: who.company.toUpperCase() + ' PTE. LTD.',
          uen: `${random.digits(9)}K`,
        },
        skills: who.skills.map((skill) => ({ skill, uuid: random.hex(32) })),
        metadata: {
          ...(summaryTemplate.metadata as Json),
          jobPostId: `MCF-2026-${random.digits(7)}`,
          newPostingDate: day(who.postedAt),
          expiryDate: day(who.closesAt),
          updatedAt: `${day(who.postedAt)}T08:00:00`,
          jobDetailsUrl: `https://www.mycareersfuture.gov.sg/job/information-technology/${slug(who.title)}-${uuid}`,
        },
      };
      summaries.push({ ...clone(summaryTemplate), ...common });
      const detail: Json = {
        ...clone(detailTemplate),
        ...common,
        metadata: { ...(detailTemplate.metadata as Json), ...common.metadata, originalPostingDate: day(who.postedAt) },
        description: who.descriptionHtml,
        minimumYearsExperience: random.int(0, 8),
        _links: { self: { href: `https://api.mycareersfuture.gov.sg/v2/jobs/${uuid}` } },
      };
      if (isBroken) delete detail.title;
      details.set(uuid, JSON.stringify(detail));
      postings.push({
        source: 'mcf',
        externalId: uuid,
        broken: isBroken,
        ...(isBroken ? { brokenReason: 'MCF detail without a title' } : {}),
      });
    }
    return {
      postings,
      boards: [],
      route(request, { origin, empty }) {
        const { pathname, searchParams } = request.url;
        if (request.method === 'POST' && pathname === '/v2/search') {
          const limit = Math.min(100, Math.max(1, Number(searchParams.get('limit') ?? 20)));
          const page = Math.max(0, Number(searchParams.get('page') ?? 0));
          const all = empty ? [] : summaries;
          const lastPage = Math.max(0, Math.ceil(all.length / limit) - 1);
          const href = (p: number) => `${origin}/v2/search?limit=${limit}${p > 0 ? `&page=${p}` : ''}`;
          return jsonAnswer(200, {
            _links: {
              ...(page < lastPage ? { next: { href: href(page + 1) } } : {}),
              self: { href: href(page) },
              first: { href: href(0) },
              last: { href: href(lastPage) },
            },
            searchRankingId: 'replay-search',
            results: all.slice(page * limit, (page + 1) * limit),
            total: all.length,
            countWithoutFilters: all.length,
          });
        }
        const job = request.method === 'GET' ? pathname.match(/^\/v2\/jobs\/([A-Za-z0-9-]+)$/) : null;
        if (!job) return undefined;
        const detail = details.get(job[1]!);
        return detail ? { status: 200, contentType: 'application/json; charset=utf-8', body: detail, cacheable: true } : notFound('job');
      },
      touch(externalId) {
        const detail = details.get(externalId);
        if (!detail) throw noSuchPosting('mcf', externalId);
        const parsed = JSON.parse(detail) as Json;
        parsed.description = `${String(parsed.description ?? '')}${TOUCH_NOTE}`;
        details.set(externalId, JSON.stringify(parsed));
      },
      search: () => ({ keywords: 'software engineer' }),
      scraperEnv: (origin) => ({ JOBPIPE_SCRAPER_MCF_BASE_URL: origin }),
    };
  },
};
