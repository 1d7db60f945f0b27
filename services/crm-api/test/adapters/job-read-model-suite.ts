import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CrmStage } from '@jobpipe/contracts';
import { decodeCursor, type JobQuery, type JobSort } from '../../src/domain/job-query.js';
import type { JobSummary, ScoredJob } from '../../src/domain/job-summary.js';
import type { JobPage, JobReadModel } from '../../src/ports/job-read-model.js';

/** An adapter under test, opened on empty storage. */
export interface OpenedReadModel {
  readonly model: JobReadModel;
  /** A second instance over the same storage (another process, another Lambda execution environment). */
  readonly other?: JobReadModel;
  close(): Promise<void>;
}

const STAGES: CrmStage[] = ['new', 'shortlisted', 'applied', 'interviewing'];
const COMPANIES = ['Acme', 'acme ', 'Globex', 'Initech', 'Umbrella Corp'];
const JOBS = 90;

/** A varied job: ties in every sort value, jobs without a track, salary, date or remote flag. */
function job(i: number): ScoredJob {
  return {
    jobId: `${i % 3 === 0 ? 'lever' : 'greenhouse'}:${String(i).padStart(3, '0')}`,
    contentHash: String(i).padStart(64, '0'),
    title: i % 4 === 0 ? 'Python Developer' : i % 4 === 1 ? 'Data Engineer' : 'Analytics Engineer',
    company: COMPANIES[i % COMPANIES.length]!,
    source: i % 3 === 0 ? 'lever' : 'greenhouse',
    url: `https://jobs.example.com/${i}`,
    locations: ['Singapore'],
    remote: i % 5 === 0 ? null : i % 2 === 0,
    score: (i * 37) % 23 === 0 ? 100 : ((i * 37) % 23) * 4.5,
    track: i % 6 === 0 ? null : i % 2 === 0 ? 'data-engineering' : 'analytics',
    trackScore: 10,
    filteredBy: null,
    stage: STAGES[i % STAGES.length]!,
    annualSalaryMax: i % 7 === 0 ? null : 60_000 + (i % 9) * 10_000,
    salaryCurrency: i % 7 === 0 ? null : i % 2 === 0 ? 'SGD' : 'USD',
    postedAt: i % 8 === 0 ? null : `2026-02-${String(1 + (i % 20)).padStart(2, '0')}T0${i % 3}:00:00.000Z`,
    scoredAt: '2026-03-01T10:00:00.000Z',
    skills: i % 3 === 0 ? ['python', 'sql'] : ['sql', 'dbt'],
    reasons: [{ kind: 'title', text: `title ${i}`, points: i % 30 }],
  };
}

const { reasons: _reasons, ...summaryOfFirst } = job(1);

const sortValue: Record<JobSort, (summary: JobSummary) => number | string> = {
  score: (summary) => summary.score,
  posted: (summary) => summary.postedAt ?? '',
  salary: (summary) => summary.annualSalaryMax ?? -1,
};

/** The job ids matching `keep`, in the order of `sort` and `order`, job id breaking ties. */
function expected(jobs: readonly JobSummary[], keep: (summary: JobSummary) => boolean, sort: JobSort, order: 'asc' | 'desc'): string[] {
  const sign = order === 'asc' ? 1 : -1;
  return jobs
    .filter(keep)
    .sort((a, b) => {
      const [x, y] = [sortValue[sort](a), sortValue[sort](b)];
      if (x !== y) return x < y ? -sign : sign;
      return a.jobId < b.jobId ? -sign : sign;
    })
    .map((summary) => summary.jobId);
}

/** Every page of a query through its cursors (failing, not looping, when a cursor does not move on). */
async function walk(model: JobReadModel, query: JobQuery): Promise<string[]> {
  const seen: string[] = [];
  let cursor: JobQuery['cursor'];
  for (let pages = 0; pages <= JOBS; pages++) {
    const page = await model.list({ ...query, ...(cursor ? { cursor } : {}) });
    assert.ok(page.items.length <= query.limit);
    seen.push(...page.items.map((summary) => summary.jobId));
    if (!page.nextCursor) return seen;
    assert.equal(page.items.length, query.limit, 'a page with a next page is full');
    cursor = decodeCursor(page.nextCursor);
  }
  assert.fail(`the cursors of ${JSON.stringify(query)} never reached the last page`);
}

/** Every summary of a query, page after page (its ids are what `walk` checks). */
async function walkSummaries(model: JobReadModel, query: JobQuery): Promise<JobSummary[]> {
  const seen: JobSummary[] = [];
  let cursor: JobQuery['cursor'];
  for (let pages = 0; pages <= JOBS; pages++) {
    const page = await model.list({ ...query, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items);
    if (!page.nextCursor) return seen;
    assert.equal(page.items.length, query.limit, 'a page with a next page is full');
    cursor = decodeCursor(page.nextCursor);
  }
  assert.fail(`the cursors of ${JSON.stringify(query)} never reached the last page`);
}

/**
 * A list collapsed by hand, as GET /jobs describes it: of the postings listed, one row per group
 * (canonical job id, or the job's own), the best score standing for it (on a tie the canonical
 * posting, then the lower job id), in that posting's place; the others under `alsoOn`, best first.
 */
function collapsedByHand(listed: readonly JobSummary[]): { jobId: string; alsoOn: string[] }[] {
  const rank = (a: JobSummary, b: JobSummary) =>
    b.score - a.score || Number(a.canonicalJobId !== undefined) - Number(b.canonicalJobId !== undefined) || (a.jobId < b.jobId ? -1 : 1);
  const groups = new Map<string, JobSummary[]>();
  for (const summary of listed) {
    const group = summary.canonicalJobId ?? summary.jobId;
    groups.set(group, [...(groups.get(group) ?? []), summary]);
  }
  return listed.flatMap((summary) => {
    const [best, ...others] = [...groups.get(summary.canonicalJobId ?? summary.jobId)!].sort(rank);
    return best === summary ? [{ jobId: best.jobId, alsoOn: others.map((other) => other.jobId) }] : [];
  });
}

/** Filters of GET /jobs, each with what it keeps (written from the API's description, not the adapters). */
const FILTERS: { name: string; query: Partial<JobQuery>; keep: (summary: JobSummary) => boolean }[] = [
  { name: 'no filter', query: {}, keep: () => true },
  { name: 'one stage', query: { stages: ['applied'] }, keep: (s) => s.stage === 'applied' },
  { name: 'two stages', query: { stages: ['new', 'interviewing'] }, keep: (s) => s.stage === 'new' || s.stage === 'interviewing' },
  { name: 'a track (jobs without one never match)', query: { tracks: ['analytics'] }, keep: (s) => s.track === 'analytics' },
  { name: 'a source', query: { sources: ['lever'] }, keep: (s) => s.source === 'lever' },
  {
    name: 'a company, whatever its case and spaces',
    query: { company: ' ACME' },
    keep: (s) => s.company === 'Acme' || s.company === 'acme ',
  },
  { name: 'a least score', query: { minScore: 45 }, keep: (s) => s.score >= 45 },
  { name: 'remote only (unknown is not remote)', query: { remote: true }, keep: (s) => s.remote === true },
  { name: 'on site only', query: { remote: false }, keep: (s) => s.remote === false },
  {
    name: 'a salary range (no salary never matches)',
    query: { salaryMin: 80_000, salaryMax: 120_000 },
    keep: (s) => s.annualSalaryMax !== null && s.annualSalaryMax >= 80_000 && s.annualSalaryMax <= 120_000,
  },
  { name: 'a currency', query: { currency: 'USD' }, keep: (s) => s.salaryCurrency === 'USD' },
  {
    name: 'posted since a day',
    query: { postedSince: '2026-02-12' },
    keep: (s) => s.postedAt !== null && s.postedAt >= '2026-02-12',
  },
  {
    name: 'words as prefixes of title, company or skill words',
    query: { text: 'analyt eng' },
    keep: (s) => s.title === 'Analytics Engineer',
  },
  { name: 'a skill word', query: { text: 'python' }, keep: (s) => s.title === 'Python Developer' || s.skills.includes('python') },
  {
    name: 'several filters at once',
    query: { stages: ['new', 'applied'], sources: ['greenhouse'], minScore: 20, remote: false },
    keep: (s) => (s.stage === 'new' || s.stage === 'applied') && s.source === 'greenhouse' && s.score >= 20 && s.remote === false,
  },
  {
    name: 'a track and a company',
    query: { tracks: ['data-engineering', 'analytics'], company: 'globex' },
    keep: (s) => s.track !== null && s.company === 'Globex',
  },
];

/**
 * The behaviour every `JobReadModel` adapter shares: what a user of GET /jobs, a job's page and
 * /health sees. Run against each adapter (`job-read-model.test.ts`).
 */
export function jobReadModelSuite(name: string, open: () => Promise<OpenedReadModel>): void {
  describe(`job read model: ${name}`, () => {
    let opened: OpenedReadModel;
    const jobs = Array.from({ length: JOBS }, (_, i) => job(i));

    before(async () => {
      opened = await open();
    });
    after(() => opened.close());

    test('records new jobs once: a repeat or an older delivery changes nothing; a newer score keeps the CRM stage', async () => {
      const { model } = opened;
      assert.deepEqual(await model.upsert(jobs.slice(0, 2)), ['inserted', 'inserted']);
      assert.deepEqual(await model.upsert([job(1)]), ['unchanged'], 'a repeat');
      await model.setStage(job(1).jobId, 'shortlisted');
      assert.deepEqual(
        await model.upsert([{ ...job(1), score: 1, stage: 'new', scoredAt: '2026-03-01T09:00:00.000Z' }]),
        ['unchanged'],
        'older',
      );
      const rescored = { ...job(1), score: 99, stage: 'new' as const, scoredAt: '2026-03-02T10:00:00.000Z' };
      assert.deepEqual(await model.upsert([rescored]), ['updated']);
      assert.deepEqual(await model.get(job(1).jobId), { ...rescored, stage: 'shortlisted' });
      assert.equal(await model.get('lever:none'), undefined);
      await model.upsert([job(1)]);
      assert.equal((await model.get(job(1).jobId))?.score, 99, 'the older score stays out');
      // Back to the suite's own data for the list tests.
      await model.setStage(job(1).jobId, job(1).stage);
      await model.upsert([{ ...job(1), scoredAt: '2026-03-03T10:00:00.000Z' }]);
      assert.deepEqual(await model.get(job(1).jobId), { ...job(1), scoredAt: '2026-03-03T10:00:00.000Z' });
      assert.deepEqual(
        await model.upsert(jobs.slice(2)),
        jobs.slice(2).map(() => 'inserted'),
      );
      assert.equal(await model.count(), JOBS);
    });

    test('every filter in every sort and order pages through exactly its jobs, ties broken by job id', async () => {
      const summaries = jobs.map(({ reasons: _r, ...summary }) => ({
        ...summary,
        scoredAt: summary.jobId === job(1).jobId ? '2026-03-03T10:00:00.000Z' : summary.scoredAt,
      }));
      for (const filter of FILTERS) {
        for (const sort of ['score', 'posted', 'salary'] as const) {
          for (const order of ['desc', 'asc'] as const) {
            assert.deepEqual(
              await walk(opened.model, { ...filter.query, sort, order, limit: 12 }),
              expected(summaries, filter.keep, sort, order),
              `${filter.name}, ${sort} ${order}`,
            );
          }
        }
      }
    });

    test('a list shows each job as its summary; the JSON list says the same', async () => {
      const page = await opened.model.list({ sort: 'score', order: 'desc', limit: 5, company: 'globex', minScore: 0 });
      const json = await opened.model.listJson({ sort: 'score', order: 'desc', limit: 5, company: 'globex', minScore: 0 });
      assert.deepEqual(JSON.parse(json.json), page);
      const listed = (await opened.model.list({ sort: 'score', order: 'desc', limit: 100 })).items;
      assert.deepEqual(
        listed.find((summary) => summary.jobId === job(1).jobId),
        { ...summaryOfFirst, scoredAt: '2026-03-03T10:00:00.000Z' },
      );
    });

    test('a stage change moves the job between stage lists', async () => {
      const moved = job(4).jobId;
      await opened.model.setStage(moved, 'interviewing');
      const interviewing = await walk(opened.model, { stages: ['interviewing'], sort: 'posted', order: 'desc', limit: 50 });
      assert.ok(interviewing.includes(moved));
      assert.ok(!(await walk(opened.model, { stages: ['new'], sort: 'score', order: 'desc', limit: 50 })).includes(moved));
      await opened.model.setStage('lever:none', 'applied');
      assert.equal(await opened.model.get('lever:none'), undefined, 'a stage change of an unknown job adds nothing');
      await opened.model.setStage(moved, 'new');
    });

    test('a closed posting leaves the open list for the closed one, keeps its closure through a new score, and reopens', async () => {
      const closing = job(5).jobId;
      const open = { sort: 'score', order: 'desc', limit: 200, posting: 'open' } as const;
      const closed = { ...open, posting: 'closed' } as const;
      await opened.model.setClosure(closing, '2026-03-02T08:00:00.000Z', { closedAt: '2026-03-02T08:00:00.000Z', closeReason: 'expired' });
      assert.ok(!(await walk(opened.model, open)).includes(closing));
      assert.deepEqual(await walk(opened.model, closed), [closing]);
      await opened.model.upsert([{ ...job(5), scoredAt: '2026-03-03T10:00:00.000Z', score: 99 }]);
      const [listed] = (await opened.model.list(closed)).items;
      assert.deepEqual([listed?.jobId, listed?.closedAt, listed?.closeReason], [closing, '2026-03-02T08:00:00.000Z', 'expired']);
      await opened.model.setClosure(closing, '2026-03-04T08:00:00.000Z', null);
      await opened.model.setClosure(closing, '2026-03-02T08:00:00.000Z', { closedAt: '2026-03-02T08:00:00.000Z', closeReason: 'expired' });
      assert.ok((await walk(opened.model, open)).includes(closing), 'an older close delivered late does not close it again');
      assert.deepEqual(await walk(opened.model, closed), []);
    });

    test('ghost-risk flags show on the job in lists and its detail, survive a new score, and clear; a late older set changes nothing', async () => {
      const flaggedJob = job(6).jobId;
      const flag = { kind: 'relisted-repeatedly' as const, detail: 'listed 3 times under new ids', since: '2026-03-02T08:00:00.000Z' };
      await opened.model.setGhostFlags(flaggedJob, '2026-03-02T08:00:00.000Z', [flag]);
      const listedFlags = async () => {
        const items = (await opened.model.list({ sort: 'score', order: 'desc', limit: 200, posting: 'open' })).items;
        return items.find((item) => item.jobId === flaggedJob)?.ghostFlags;
      };
      assert.deepEqual(await listedFlags(), [flag], 'listed with its flags, not hidden');
      assert.deepEqual((await opened.model.get(flaggedJob))?.ghostFlags, [flag]);
      await opened.model.upsert([{ ...job(6), scoredAt: '2026-03-03T10:00:00.000Z', score: 98 }]);
      assert.deepEqual(await listedFlags(), [flag], 'a new score keeps the flags');
      await opened.model.setGhostFlags(flaggedJob, '2026-03-04T08:00:00.000Z', []);
      await opened.model.setGhostFlags(flaggedJob, '2026-03-02T08:00:00.000Z', [flag]);
      assert.equal(await listedFlags(), undefined, 'cleared, and an older set delivered late does not bring them back');
      assert.equal((await opened.model.get(flaggedJob))?.ghostFlags, undefined);
    });

    test('another instance over the same storage answers the same', async (context) => {
      const other = opened.other;
      if (!other) return context.skip('one instance only: this adapter keeps the read model in one file per process');
      const query: JobQuery = { sort: 'salary', order: 'desc', limit: 11, stages: ['new', 'applied'] };
      assert.deepEqual(await walk(other, query), await walk(opened.model, query));
      assert.equal(await other.count(), JOBS);
      await other.upsert([{ ...job(90), jobId: 'lever:from-the-other' }]);
      assert.equal((await opened.model.get('lever:from-the-other'))?.title, job(90).title);
      assert.equal(await opened.model.count(), JOBS + 1);
    });

    test('a posting closed and flagged before its job was scored is listed closed and flagged from its first score', async () => {
      const early = { ...job(91), jobId: 'lever:closed-before-scored' };
      const flag = {
        kind: 'evergreen-no-salary' as const,
        detail: 'no salary, and the text says "talent pool"',
        since: '2026-03-01T08:00:00.000Z',
      };
      await opened.model.setGhostFlags(early.jobId, '2026-03-01T08:00:00.000Z', [flag]);
      await opened.model.setClosure(early.jobId, '2026-03-02T08:00:00.000Z', {
        closedAt: '2026-03-02T08:00:00.000Z',
        closeReason: 'expired',
      });
      await opened.model.upsert([early]);
      const closed = await walk(opened.model, { sort: 'score', order: 'desc', limit: 200, posting: 'closed' });
      assert.ok(closed.includes(early.jobId), 'kept closed');
      const listed = await opened.model.get(early.jobId);
      assert.deepEqual([listed?.closeReason, listed?.ghostFlags], ['expired', [flag]]);
    });

    test('a dismissed flag is shown marked dismissed, through new sets of flags and new scores, until taken back; an older dismissal set changes nothing', async () => {
      const jobId = job(12).jobId;
      const relisted = { kind: 'relisted-repeatedly' as const, detail: 'listed 3 times under new ids', since: '2026-03-02T08:00:00.000Z' };
      const evergreen = {
        kind: 'evergreen-no-salary' as const,
        detail: 'no salary, and the text says "talent pool"',
        since: '2026-03-05T08:00:00.000Z',
      };
      await opened.model.setGhostFlags(jobId, '2026-03-02T08:00:00.000Z', [relisted]);
      await opened.model.setFlagDismissals(jobId, 1, [
        { kind: 'relisted-repeatedly', since: relisted.since, dismissedAt: '2026-03-03T09:00:00.000Z' },
      ]);
      const dismissed = { ...relisted, dismissedAt: '2026-03-03T09:00:00.000Z' };
      assert.deepEqual((await opened.model.get(jobId))?.ghostFlags, [dismissed]);
      const listedFlags = async () =>
        (await opened.model.list({ sort: 'score', order: 'desc', limit: 200 })).items.find((item) => item.jobId === jobId)?.ghostFlags;
      assert.deepEqual(await listedFlags(), [dismissed], 'listed, marked dismissed');
      await opened.model.setGhostFlags(jobId, '2026-03-05T08:00:00.000Z', [relisted, evergreen]);
      await opened.model.upsert([{ ...job(12), scoredAt: '2026-03-06T10:00:00.000Z', score: 51 }]);
      assert.deepEqual(
        await listedFlags(),
        [dismissed, evergreen],
        'the next sweep and a new score keep the dismissal; the new flag is not dismissed',
      );
      const refired = { ...relisted, since: '2026-03-09T08:00:00.000Z' };
      await opened.model.setGhostFlags(jobId, '2026-03-09T08:00:00.000Z', [refired]);
      assert.deepEqual(await listedFlags(), [refired], 'a criterion that fires again is a new flag, shown again');
      await opened.model.setFlagDismissals(jobId, 3, []);
      await opened.model.setFlagDismissals(jobId, 2, [
        { kind: 'relisted-repeatedly', since: refired.since, dismissedAt: '2026-03-09T09:00:00.000Z' },
      ]);
      assert.deepEqual((await opened.model.get(jobId))?.ghostFlags, [refired], 'an older set of dismissals delivered late changes nothing');
    });

    test('a flag dismissed before its job was scored is listed dismissed from its first score', async () => {
      const early = { ...job(92), jobId: 'lever:dismissed-before-scored' };
      const flag = {
        kind: 'reposted-while-open' as const,
        detail: 'reposted while lever:x is still open',
        since: '2026-03-01T08:00:00.000Z',
      };
      await opened.model.setFlagDismissals(early.jobId, 1, [
        { kind: flag.kind, since: flag.since, dismissedAt: '2026-03-01T09:00:00.000Z' },
      ]);
      await opened.model.setGhostFlags(early.jobId, '2026-03-01T08:00:00.000Z', [flag]);
      await opened.model.upsert([early]);
      assert.deepEqual((await opened.model.get(early.jobId))?.ghostFlags, [{ ...flag, dismissedAt: '2026-03-01T09:00:00.000Z' }]);
    });

    test('a collapsing list shows each job once: the best-scored posting (a tie: the canonical one), the others under alsoOn, pages full', async () => {
      const { model } = opened;
      const canonical = {
        ...job(30),
        jobId: 'greenhouse:dup-canonical',
        source: 'greenhouse',
        company: 'Dupe Works',
        score: 70,
        scoredAt: '2026-03-05T10:00:00.000Z',
      };
      const better = { ...canonical, jobId: 'lever:dup-better', source: 'lever', url: 'https://jobs.example.com/dup-better', score: 85 };
      const tie = { ...canonical, jobId: 'ashby:dup-tie', source: 'ashby', url: 'https://jobs.example.com/dup-tie' };
      // A copy scored before its canonical job still joins it.
      const lateCopy = { ...canonical, jobId: 'lever:dup-late-copy', source: 'lever', canonicalJobId: 'greenhouse:dup-late', score: 40 };
      await model.upsert([{ ...better, canonicalJobId: canonical.jobId }, lateCopy]);
      await model.upsert([canonical, { ...tie, canonicalJobId: canonical.jobId }]);
      await model.upsert([{ ...canonical, jobId: 'greenhouse:dup-late', score: 40 }]);
      const dupes = { company: 'dupe works', sort: 'score', order: 'desc', limit: 1, collapse: true } as const;
      const rows = await walkSummaries(model, dupes);
      assert.deepEqual(
        rows.map((row) => [row.jobId, row.alsoOn]),
        [
          [
            'lever:dup-better',
            [
              { jobId: 'greenhouse:dup-canonical', source: 'greenhouse', url: canonical.url, score: 70 },
              { jobId: 'ashby:dup-tie', source: 'ashby', url: tie.url, score: 70 },
            ],
          ],
          ['greenhouse:dup-late', [{ jobId: 'lever:dup-late-copy', source: 'lever', url: lateCopy.url, score: 40 }]],
        ],
      );
      assert.deepEqual(JSON.parse((await model.listJson(dupes)).json), await model.list(dupes), 'the JSON list says the same');
      assert.equal((await walkSummaries(model, { ...dupes, collapse: false })).length, 5, 'collapse=false: every posting');
      assert.deepEqual(
        (await walkSummaries(model, { ...dupes, sources: ['greenhouse'] })).map((row) => [row.jobId, row.alsoOn]),
        [
          ['greenhouse:dup-canonical', undefined],
          ['greenhouse:dup-late', undefined],
        ],
        'filters choose the postings first: a filtered-out posting neither stands for its job nor is listed under alsoOn',
      );
      await model.setClosure(better.jobId, '2026-03-06T08:00:00.000Z', { closedAt: '2026-03-06T08:00:00.000Z', closeReason: 'expired' });
      assert.deepEqual(
        (await walkSummaries(model, { ...dupes, posting: 'open' })).map((row) => [row.jobId, row.alsoOn?.map((other) => other.jobId)]),
        [
          ['greenhouse:dup-canonical', ['ashby:dup-tie']],
          ['greenhouse:dup-late', ['lever:dup-late-copy']],
        ],
        'a closed posting leaves the open list: the canonical posting wins the tie',
      );
      assert.deepEqual(
        (await walkSummaries(model, { ...dupes, posting: 'closed' })).map((row) => [row.jobId, row.alsoOn]),
        [['lever:dup-better', undefined]],
      );
      assert.equal((await model.get(better.jobId))?.canonicalJobId, canonical.jobId, "a job's detail names its canonical job");
    });

    test("a new score re-ranks a job's postings, and a posting linked to another job leaves its old one", async () => {
      const { model } = opened;
      const first = { ...job(40), jobId: 'greenhouse:regroup-first', company: 'Regroup Works', score: 60 };
      const copy = (jobId: string, score: number) => ({
        ...first,
        jobId,
        url: `https://jobs.example.com/${jobId}`,
        score,
        canonicalJobId: first.jobId,
      });
      await model.upsert([first, copy('lever:regroup-best', 80), copy('ashby:regroup-last', 50)]);
      const regrouped = { company: 'regroup works', sort: 'posted', order: 'asc', limit: 1, collapse: true } as const;
      const rows = async () =>
        (await walkSummaries(model, regrouped)).map((row) => [row.jobId, row.alsoOn?.map((other) => [other.jobId, other.score])]);
      assert.deepEqual(await rows(), [
        [
          'lever:regroup-best',
          [
            ['greenhouse:regroup-first', 60],
            ['ashby:regroup-last', 50],
          ],
        ],
      ]);
      const later = { scoredAt: '2026-03-06T10:00:00.000Z', contentHash: 'b'.repeat(64) };
      await model.upsert([{ ...copy('lever:regroup-best', 55), ...later }]);
      assert.deepEqual(
        await rows(),
        [
          [
            'greenhouse:regroup-first',
            [
              ['lever:regroup-best', 55],
              ['ashby:regroup-last', 50],
            ],
          ],
        ],
        'the first posting now scores best and stands for the job',
      );
      await model.upsert([{ ...copy('ashby:regroup-last', 50), ...later, canonicalJobId: 'greenhouse:regroup-elsewhere' }]);
      assert.deepEqual(
        (await rows()).sort(),
        [
          ['ashby:regroup-last', undefined],
          ['greenhouse:regroup-first', [['lever:regroup-best', 55]]],
        ],
        'the relinked posting is a job of its own, and its old job no longer lists it',
      );
      await model.upsert([{ ...copy('ashby:regroup-last', 50), scoredAt: '2026-03-07T10:00:00.000Z', contentHash: 'c'.repeat(64) }]);
      assert.deepEqual(
        await rows(),
        [
          [
            'greenhouse:regroup-first',
            [
              ['lever:regroup-best', 55],
              ['ashby:regroup-last', 50],
            ],
          ],
        ],
        'a job of two postings that gains a third lists both others',
      );
    });

    test('collapsed lists of every filter, sort and order are the uncollapsed list collapsed by group, page after page', async () => {
      const { model } = opened;
      // Groups of three among the suite's jobs: x3 and x4 become copies of x2 (sources, stages, scores differ).
      const everyJob = await walkSummaries(model, { sort: 'score', order: 'desc', limit: 500 });
      const byId = new Map(everyJob.map((summary) => [summary.jobId, summary]));
      const copies = jobs
        .map((original, i) => ({ original, i }))
        .filter(({ i }) => i % 10 === 3 || i % 10 === 4)
        .map(({ original, i }) => ({
          ...original,
          stage: byId.get(original.jobId)!.stage,
          scoredAt: '2026-03-09T10:00:00.000Z',
          canonicalJobId: jobs[i - (i % 10) + 2]!.jobId,
        }));
      await model.upsert(copies);
      for (const filter of FILTERS) {
        for (const sort of ['score', 'posted', 'salary'] as const) {
          for (const order of ['desc', 'asc'] as const) {
            const query = { ...filter.query, sort, order };
            const listed = await walkSummaries(model, { ...query, limit: 500 });
            const collapsed = await walkSummaries(model, { ...query, limit: 7, collapse: true });
            assert.deepEqual(
              collapsed.map((row) => ({ jobId: row.jobId, alsoOn: (row.alsoOn ?? []).map((other) => other.jobId) })),
              collapsedByHand(listed),
              `${filter.name}, ${sort} ${order}`,
            );
          }
        }
      }
    });

    test('a page or count asked again after a write shows the write, whichever instance made it; forgetting every job empties it', async () => {
      const { model } = opened;
      const probe = { ...job(93), jobId: 'lever:asked-again', company: 'Asked Again Ltd', stage: 'new' as const };
      const query = { company: 'asked again ltd', sort: 'score', order: 'desc', limit: 5, posting: 'open' } as const;
      const listed = async (reader: JobReadModel = model) => {
        await reader.listJson(query); // the same page twice in a row: the second may be remembered
        const page = await reader.listJson(query);
        return (JSON.parse(page.json) as JobPage).items;
      };
      assert.deepEqual(await listed(), []);
      const jobsBefore = await model.count();
      await model.count();
      await model.upsert([probe]);
      assert.equal(await model.count(), jobsBefore + 1, 'the count');
      assert.deepEqual(
        (await listed()).map((row) => [row.jobId, row.score]),
        [[probe.jobId, probe.score]],
        'a new job',
      );
      await model.upsert([{ ...probe, score: 3, scoredAt: '2026-03-10T10:00:00.000Z' }]);
      assert.equal((await listed())[0]?.score, 3, 'a new score');
      await model.setStage(probe.jobId, 'applied');
      assert.equal((await listed())[0]?.stage, 'applied', 'a stage change');
      const flag = { kind: 'relisted-repeatedly' as const, detail: 'listed 3 times under new ids', since: '2026-03-10T08:00:00.000Z' };
      await model.setGhostFlags(probe.jobId, '2026-03-10T08:00:00.000Z', [flag]);
      assert.deepEqual((await listed())[0]?.ghostFlags, [flag], 'new flags');
      await model.setFlagDismissals(probe.jobId, 1, [{ kind: flag.kind, since: flag.since, dismissedAt: '2026-03-10T09:00:00.000Z' }]);
      assert.equal((await listed())[0]?.ghostFlags?.[0]?.dismissedAt, '2026-03-10T09:00:00.000Z', 'a dismissal');
      await model.setClosure(probe.jobId, '2026-03-10T10:00:00.000Z', { closedAt: '2026-03-10T10:00:00.000Z', closeReason: 'expired' });
      assert.deepEqual(await listed(), [], 'a closure');
      await model.setClosure(probe.jobId, '2026-03-11T10:00:00.000Z', null);
      assert.equal((await listed()).length, 1, 'a reopening');
      const other = opened.other;
      if (other) {
        assert.equal((await listed(other))[0]?.stage, 'applied');
        await model.setStage(probe.jobId, 'interviewing');
        assert.equal((await listed(other))[0]?.stage, 'interviewing', "the other instance's page shows this one's write");
        await other.upsert([{ ...probe, score: 4, scoredAt: '2026-03-11T10:00:00.000Z' }]);
        assert.equal((await listed())[0]?.score, 4, "this instance's page shows the other one's write");
        await other.upsert([{ ...probe, jobId: 'lever:asked-again-elsewhere', company: 'Elsewhere Ltd' }]);
        assert.equal(await model.count(), jobsBefore + 2, "this instance's count shows the other one's new job");
      }
      const rescoring = model.upsert([{ ...probe, score: 5, scoredAt: '2026-03-12T10:00:00.000Z' }]);
      await model.listJson(query); // asked while the write is under way
      await rescoring;
      assert.equal((await listed())[0]?.score, 5, 'a page read while a write was under way is not kept past it');
      assert.ok((await model.clear()) > 0);
      assert.deepEqual(await listed(), [], 'every job forgotten');
      assert.equal(await model.count(), 0);
    });
  });
}
