import { clone, day } from '../identity-pool.js';
import { readRecordedJson, recordingFiles } from '../recordings.js';
import { boardedSource } from './boarded-source.js';
import { jsonAnswer, notFound, type ReplaySourceModule, TOUCH_NOTE } from './replay-source.js';

type Json = Record<string, unknown>;

/** A job as Workable serves it: its line in the account widget and its detail. */
interface WorkableJob {
  readonly summary: Json;
  readonly detail: Json;
}

/** The recorded accounts: `widget-<account>.json` (the widget answer) with `job-<shortcode>.json` (each detail). */
function recordedAccounts(today: Date): { jobs: Map<string, WorkableJob[]>; names: Map<string, string> } {
  const jobs = new Map<string, WorkableJob[]>();
  const names = new Map<string, string>();
  for (const file of recordingFiles('workable', /^widget-[a-z0-9-]+\.json$/)) {
    const account = file.slice('widget-'.length, -'.json'.length);
    const widget = readRecordedJson<{ name: string; jobs: Json[] }>('workable', file, today);
    names.set(account, widget.name);
    jobs.set(
      account,
      widget.jobs.map((summary) => ({
        summary,
        detail: readRecordedJson<Json>('workable', `job-${String(summary.shortcode)}.json`, today),
      })),
    );
  }
  return { jobs, names };
}

/**
 * Workable careers pages: `GET /api/v1/widget/accounts/{account}` (the account's name and every published
 * job, no descriptions) and `GET /api/v2/accounts/{account}/jobs/{shortcode}` (one job's detail); an unknown
 * account or job is a 404.
 */
export const workableReplay: ReplaySourceModule = {
  name: 'workable',
  build: (build) => {
    const recorded = recordedAccounts(build.today);
    const names = new Map(recorded.names);
    const template = [...recorded.jobs.values()][0]![0]!;
    return boardedSource<WorkableJob>(
      {
        name: 'workable',
        recorded: recorded.jobs,
        idOf: (job) => String(job.detail.shortcode),
        brokenReason: 'Workable job without a title',
        generate({ board, company, who, random, broken }) {
          names.set(board, company);
          const shortcode = random.hex(10).toUpperCase();
          const remote = random.int(0, 3) === 0;
          const where = { country: who.city.country, countryCode: null, city: who.city.city, region: who.city.region };
          const summary: Json = {
            ...clone(template.summary),
            title: who.title,
            shortcode,
            code: '',
            telecommuting: remote,
            url: `https://apply.workable.com/j/${shortcode}`,
            shortlink: `https://apply.workable.com/j/${shortcode}`,
            application_url: `https://apply.workable.com/j/${shortcode}/apply`,
            published_on: day(who.postedAt),
            created_at: day(who.postedAt),
            country: where.country,
            city: where.city,
            state: where.region,
            locations: [{ ...where, hidden: false }],
          };
          const detail: Json = {
            ...clone(template.detail),
            id: Number(random.digits(7)),
            shortcode,
            title: who.title,
            remote,
            location: where,
            locations: [{ ...where, hidden: false }],
            published: who.postedAt.toISOString(),
            workplace: remote ? 'remote' : 'on_site',
            description: who.descriptionHtml,
            requirements: `<ul><li>${who.experience}</li><li>${who.skills.join(', ')}</li></ul>`,
            benefits: `<p>Salary $${who.salaryMin.toLocaleString('en-US')} - $${(who.salaryMin + 20000).toLocaleString('en-US')} per year.</p>`,
          };
          if (broken) delete detail.title;
          return { summary, detail };
        },
        route(request, _context, postingsOf) {
          if (request.method !== 'GET') return undefined;
          const widget = request.url.pathname.match(/^\/api\/v1\/widget\/accounts\/([A-Za-z0-9_.-]+)$/);
          const detail = request.url.pathname.match(/^\/api\/v2\/accounts\/([A-Za-z0-9_.-]+)\/jobs\/([A-Za-z0-9]+)$/);
          const account = widget?.[1] ?? detail?.[1];
          if (!account) return undefined;
          const jobs = postingsOf(account);
          if (!jobs) return notFound('account');
          if (widget)
            return jsonAnswer(200, { name: names.get(account) ?? account, description: null, jobs: jobs.map((job) => job.summary) }, true);
          const job = jobs.find((candidate) => candidate.detail.shortcode === detail![2]);
          return job ? jsonAnswer(200, job.detail, true) : notFound('job');
        },
        touch(job) {
          job.detail.description = `${String(job.detail.description ?? '')}${TOUCH_NOTE}`;
        },
        scraperEnv: (origin) => ({ JOBPIPE_SCRAPER_WORKABLE_BASE_URL: origin }),
      },
      build,
    );
  },
};
