import { clone, escapeHtml } from '../identity-pool.js';
import { readRecordedJson, recordingFiles } from '../recordings.js';
import { boardedSource } from './boarded-source.js';
import { jsonAnswer, notFound, type ReplaySourceModule, TOUCH_NOTE } from './replay-source.js';

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
  build: (build) => {
    const recorded = recordedBoards(build.today);
    const template = recorded.get('vercel')![0]!;
    return boardedSource<Json>(
      {
        name: 'greenhouse',
        recorded,
        idOf: (job) => String(job.id),
        brokenReason: 'Greenhouse job without a title',
        generate({ board, company, who, random, broken }) {
          const id = Number(random.digits(10));
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
          if (broken) delete job.title;
          return job;
        },
        route(request, _context, postingsOf) {
          const board = request.method === 'GET' ? request.url.pathname.match(/^\/v1\/boards\/([A-Za-z0-9_.-]+)\/jobs(?:\/(\d+))?$/) : null;
          if (!board) return undefined;
          const jobs = postingsOf(board[1]!);
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
        touch(job) {
          job.content = `${String(job.content ?? '')}${TOUCH_NOTE}`;
        },
        scraperEnv: (origin) => ({ JOBPIPE_SCRAPER_GREENHOUSE_BASE_URL: origin }),
      },
      build,
    );
  },
};
