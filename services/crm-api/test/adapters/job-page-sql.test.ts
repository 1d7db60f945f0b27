import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jobPageSql } from '../../src/adapters/job-page-sql.js';
import type { JobQuery, JobSort } from '../../src/domain/job-query.js';

/** A query using every filter the page SQL has, with a cursor. */
function everyFilter(sort: JobSort, collapse: boolean): JobQuery {
  return {
    stages: ['new', 'screened'],
    tracks: ['backend'],
    sources: ['lever'],
    minScore: 40.5,
    company: 'Acme',
    remote: true,
    salaryMin: 50_000,
    salaryMax: 150_000,
    currency: 'USD',
    postedSince: '2026-02-01',
    posting: 'open',
    ...(collapse ? { collapse } : {}),
    sort,
    order: 'desc',
    limit: 50,
    cursor: { sort, order: 'desc', value: sort === 'posted' ? '2026-02-10T00:00:00.000Z' : 60, jobId: 'lever:9' },
  };
}

test('a page query binds no value the planner reads (its cached statement is not prepared again for each page), row ids apart', () => {
  for (const sort of ['score', 'posted', 'salary'] as const) {
    for (const collapse of [false, true]) {
      const page = jobPageSql(everyFilter(sort, collapse), { wordPatterns: ['% python%', '% engineer%'] });
      const bare = page.sql.replace(/CAST\(\? AS (TEXT|REAL|INTEGER)\)/g, '');
      assert.doesNotMatch(bare, /\?/, `sort=${sort} collapse=${collapse}: ${page.sql}`);
      assert.equal(page.sql.split('?').length - 1, page.parameters.length, 'one parameter per placeholder');
    }
  }
  const byIds = jobPageSql(everyFilter('score', true), { rowIds: [4, 8, 15] });
  assert.match(byIds.sql, /\bid IN \(\?,\?,\?\)/);
});

test('queries of one shape share one SQL text and differ in their parameters; another shape gets its own text', () => {
  const first = jobPageSql({ ...everyFilter('score', true), minScore: 40.5 }, undefined);
  const second = jobPageSql({ ...everyFilter('score', true), minScore: 72.25, stages: ['screened', 'new'] }, undefined);
  assert.equal(first.sql, second.sql);
  assert.notDeepEqual(first.parameters, second.parameters);
  assert.ok(second.parameters.includes(72.25));
  const oneStage = jobPageSql({ ...everyFilter('score', true), stages: ['new'] }, undefined);
  assert.notEqual(oneStage.sql, first.sql);
  assert.equal(oneStage.sql.split('?').length - 1, oneStage.parameters.length);
  const flat = jobPageSql({ ...everyFilter('score', false) }, undefined);
  assert.notEqual(flat.sql, first.sql);
  assert.equal(
    (flat.parameters.length - 3) * 4 + 3,
    first.parameters.length,
    'a collapsing query binds the filters four times (the cursor and limit once)',
  );
});
