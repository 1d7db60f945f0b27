import { boardCompanies, clone, escapeHtml, isBrokenAt, slug } from '../identity-pool.js';
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

/** The recorded boards: `board-jobs-content.json` is Vercel's real answer, `board-<token>.json` hand-written ones. */
function recordedBoards(today: Date): Map<string, Json[]> {
  const boards = new Map<string, Json[]>([
    ['vercel', readRecordedJson<{ jobs: Json[] }>('greenhouse', 'board-jobs-content.json', today).jobs],
  ]);
  for (const file of recordingFiles('greenhouse', /^board-[a-z0-9-]+\.json$/)) {
    if (file === 'board-jobs-content.json') continue;
    boards.set(file.slice('board-'.length, -'.json'.length), readRecordedJson<{ jobs: Json[] }>('greenhouse', file, today).jobs);
  }
  return boards;
}

/** Greenhouse job boards: `GET /v1/boards/{board}/jobs[?content=true]` and `/v1/boards/{board}/jobs/{id}`. */
export const greenhouseReplay: ReplaySourceModule = {
  name: 'greenhouse',
  build({ includeRecordings, today, count, broken, random, pool }): ServedSource {
    const recorded = recordedBoards(today);
    const template = recorded.get('vercel')![0]!;
    const boards = new Map<string, Json[]>();
    const postings: ReplayPosting[] = [];
    if (includeRecordings) {
      for (const [board, jobs] of recorded) {
        boards.set(board, [...jobs]);
        for (const job of jobs) postings.push({ source: 'greenhouse', externalId: String(job.id), broken: false });
      }
    }
    const companies = boardCompanies(pool, count);
    for (let i = 0; i < count; i++) {
      const company = companies[i % companies.length]!;
      const board = slug(company);
      const who = pool.draw(company);
      const id = Number(random.digits(10));
      const isBroken = isBrokenAt(i, count, broken);
      const job: Json = {
        ...clone(template),
        id,
        internal_job_id: Number(random.digits(10)),
        requisition_id: random.digits(4),
        title: who.title,
        company_name: company,
        location: { name: `${who.city.city}, ${who.city.region}` },
        absolute_url: `https://job-boards.greenhouse.io/${board}/jobs/${id}`,
        updated_at: who.postedAt.toISOString(),
        first_published: who.postedAt.toISOString(),
        content: escapeHtml(who.descriptionHtml),
      };
      if (isBroken) delete job.title;
      boards.set(board, [...(boards.get(board) ?? []), job]);
      postings.push({
        source: 'greenhouse',
        externalId: String(id),
        broken: isBroken,
        ...(isBroken ? { brokenReason: 'Greenhouse job without a title' } : {}),
      });
    }
    return {
      postings,
      boards: [...boards.keys()],
      route(request, { empty }) {
        const board = request.method === 'GET' ? request.url.pathname.match(/^\/v1\/boards\/([A-Za-z0-9_.-]+)\/jobs(?:\/(\d+))?$/) : null;
        if (!board) return undefined;
        const jobs = empty ? [] : boards.get(board[1]!);
        if (!jobs) return notFound('board');
        const jobId = board[2];
        if (jobId) {
          const job = jobs.find((candidate) => String(candidate.id) === jobId);
          return job ? jsonAnswer(200, job, true) : notFound('job');
        }
        const withContent = request.url.searchParams.get('content') === 'true';
        const listed = withContent ? jobs : jobs.map(({ content: _content, ...rest }) => rest);
        return jsonAnswer(200, { jobs: listed, meta: { total: listed.length } }, true);
      },
      touch(externalId) {
        const job = [...boards.values()].flat().find((candidate) => String(candidate.id) === externalId);
        if (!job) throw noSuchPosting('greenhouse', externalId);
        job.content = `${String(job.content ?? '')}${TOUCH_NOTE}`;
      },
      search: () => ({ boards: [...boards.keys()] }),
      scraperEnv: (origin) => ({ JOBPIPE_SCRAPER_GREENHOUSE_BASE_URL: origin }),
    };
  },
};
