import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { SqliteJobReadModel } from '../../src/adapters/sqlite-job-read-model.js';
import { decodeCursor, type JobQuery, type JobSort } from '../../src/domain/job-query.js';
import type { JobSummary, ScoredJob } from '../../src/domain/job-summary.js';
import type { JobPage } from '../../src/ports/job-read-model.js';

// Enough jobs that a common word has more full-text matches than the id filter takes, so the
// search walks the sort index and tests words there.
const JOBS = 2600;
const dir = tempDir('crm-api-read-model-');
let model: SqliteJobReadModel;

function job(i: number): ScoredJob {
  return {
    jobId: `lever:${i}`,
    contentHash: String(i),
    title: i % 10 === 0 ? 'Analyst' : i % 3 === 0 ? 'Python Engineer' : 'Data Engineer',
    company: `Company ${i % 40}`,
    source: 'lever',
    url: `https://jobs.example.com/${i}`,
    locations: [],
    remote: i % 2 === 0,
    score: (i * 7) % 100,
    track: null,
    trackScore: 0,
    filteredBy: null,
    stage: 'new',
    annualSalaryMax: i % 5 === 0 ? null : 50_000 + (i % 13) * 10_000,
    salaryCurrency: 'USD',
    postedAt: i % 4 === 0 ? null : `2026-02-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00.000Z`,
    scoredAt: '2026-03-01T00:00:00.000Z',
    skills: i % 2 === 0 ? ['python'] : ['sql'],
    reasons: [],
  };
}

const sortValue: Record<JobSort, (summary: JobSummary) => number | string> = {
  score: (summary) => summary.score,
  posted: (summary) => summary.postedAt ?? '',
  salary: (summary) => summary.annualSalaryMax ?? -1,
};

/** Every job matching `keep`, in the order of `sort` and `order` (job id breaking ties), as the API should list them. */
function expected(keep: (summary: ScoredJob) => boolean, sort: JobSort, order: 'asc' | 'desc'): string[] {
  const jobs = Array.from({ length: JOBS }, (_, i) => job(i)).filter(keep);
  const sign = order === 'asc' ? 1 : -1;
  jobs.sort((a, b) => {
    const [x, y] = [sortValue[sort](a), sortValue[sort](b)];
    if (x !== y) return x < y ? -sign : sign;
    return a.jobId < b.jobId ? -sign : sign;
  });
  return jobs.map((summary) => summary.jobId);
}

/** Walks every page of a query through its cursors (failing, not looping, when a cursor does not move on). */
async function walk(query: JobQuery): Promise<string[]> {
  const seen: string[] = [];
  let cursor: JobQuery['cursor'];
  for (let pages = 0; pages <= JOBS / query.limit + 1; pages++) {
    const page = JSON.parse((await model.listJson({ ...query, ...(cursor ? { cursor } : {}) })).json) as JobPage;
    seen.push(...page.items.map((summary) => summary.jobId));
    if (!page.nextCursor) return seen;
    cursor = decodeCursor(page.nextCursor);
  }
  assert.fail(`the cursors of ${JSON.stringify(query)} never reached the last page`);
}

before(async () => {
  model = new SqliteJobReadModel(join(dir.path, 'crm-api.sqlite'));
  const jobs = Array.from({ length: JOBS }, (_, i) => job(i));
  for (let start = 0; start < jobs.length; start += 500) await model.upsert(jobs.slice(start, start + 500));
});
after(async () => {
  await model.close();
  dir.remove();
});

test('cursor pages walk every job once in each sort and order, jobs without a salary or date included', async () => {
  for (const sort of ['score', 'posted', 'salary'] as const) {
    for (const order of ['desc', 'asc'] as const) {
      assert.deepEqual(
        await walk({ sort, order, limit: 170 }),
        expected(() => true, sort, order),
        `${sort} ${order}`,
      );
    }
  }
});

test('a text search pages through all its matches in order, with the other filters, whether it has few or many matches', async () => {
  const engineers = (summary: ScoredJob) => summary.title.includes('Engineer');
  assert.ok(Array.from({ length: JOBS }, (_, i) => job(i)).filter(engineers).length > 2000, 'many matches: the word test in the index');
  for (const sort of ['score', 'posted', 'salary'] as const) {
    assert.deepEqual(await walk({ sort, order: 'desc', limit: 200, text: 'engin' }), expected(engineers, sort, 'desc'), sort);
  }
  const remoteEngineers = (summary: ScoredJob) => engineers(summary) && summary.remote === true && summary.score >= 50;
  assert.deepEqual(
    await walk({ sort: 'score', order: 'asc', limit: 50, text: 'engineer', remote: true, minScore: 50 }),
    expected(remoteEngineers, 'score', 'asc'),
  );
  const python = (summary: ScoredJob) => summary.title.startsWith('Python') || summary.skills.includes('python');
  assert.deepEqual(await walk({ sort: 'salary', order: 'asc', limit: 120, text: 'pyth' }), expected(python, 'salary', 'asc'));
});
