import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type GhostRiskJob, ghostFlagsOf, sameGhostFlags, usualOpenDaysOf } from '../../src/domain/ghost-risk.js';

const AT = '2026-11-30T08:00:00.000Z';
const daysBefore = (days: number) => new Date(Date.parse(AT) - days * 86_400_000).toISOString();
const job = (fields: Partial<GhostRiskJob> = {}): GhostRiskJob => ({
  jobId: 'greenhouse:1',
  firstSeenAt: daysBefore(5),
  salary: { min: 90_000, max: 120_000, currency: 'USD', period: 'year' },
  descriptionText: 'We are hiring a backend engineer to build our billing service.',
  ...fields,
});
const DEFAULT_TIMES = usualOpenDaysOf([]);
const kinds = (flags: { kind: string }[]) => flags.map((flag) => flag.kind);

test("a source's usual time to close is the 90th percentile of its closures once it has 20, never under 30 days", () => {
  assert.deepEqual(usualOpenDaysOf([10, 20, 30]), { usualOpenDays: 60, closedCount: 3 }, 'too few closures: two months');
  const twenty = Array.from({ length: 20 }, (_, i) => i * 3); // 0, 3, … 57: the 18th of 20 is 51
  assert.deepEqual(usualOpenDaysOf(twenty), { usualOpenDays: 51, closedCount: 20 });
  assert.equal(usualOpenDaysOf(Array.from({ length: 30 }, () => 6)).usualOpenDays, 30, 'a fast source still allows a month');
});

test('a fresh, paid, once-listed job fires no criterion', () => {
  assert.deepEqual(ghostFlagsOf(job(), AT, DEFAULT_TIMES, null), []);
});

test("open past the source's usual time to close, counted from the first sighting of the chain", () => {
  assert.deepEqual(kinds(ghostFlagsOf(job({ firstSeenAt: daysBefore(59) }), AT, DEFAULT_TIMES, null)), []);
  const [flag] = ghostFlagsOf(job({ firstSeenAt: daysBefore(61) }), AT, DEFAULT_TIMES, null);
  assert.equal(flag?.kind, 'open-past-usual-close');
  assert.match(flag!.detail, /more than 60 days/);
  const fast = usualOpenDaysOf(Array.from({ length: 40 }, (_, i) => 10 + i)); // p90: 45 days
  const [own] = ghostFlagsOf(job({ firstSeenAt: daysBefore(46) }), AT, fast, null);
  assert.match(own!.detail, /90 % of this source's 40 closed postings closed within 45 days/);
});

test('relisted three times or more, and reposted while an earlier listing is open', () => {
  assert.deepEqual(kinds(ghostFlagsOf(job({ relistOf: 'greenhouse:0', relistCount: 1 }), AT, DEFAULT_TIMES, null)), []);
  assert.deepEqual(kinds(ghostFlagsOf(job({ relistOf: 'greenhouse:0', relistCount: 2 }), AT, DEFAULT_TIMES, null)), [
    'relisted-repeatedly',
  ]);
  const reposted = ghostFlagsOf(job({ relistOf: 'greenhouse:0', relistCount: 1 }), AT, DEFAULT_TIMES, 'greenhouse:0');
  assert.deepEqual(kinds(reposted), ['reposted-while-open']);
  assert.match(reposted[0]!.detail, /greenhouse:0 is still open/);
});

test('evergreen wording fires only without a salary', () => {
  const text = 'We are always looking for great engineers to join our talent pool.';
  assert.deepEqual(kinds(ghostFlagsOf(job({ descriptionText: text }), AT, DEFAULT_TIMES, null)), []);
  const [flag] = ghostFlagsOf(job({ descriptionText: text, salary: null }), AT, DEFAULT_TIMES, null);
  assert.equal(flag?.kind, 'evergreen-no-salary');
  assert.match(flag!.detail, /always looking/);
  assert.deepEqual(kinds(ghostFlagsOf(job({ salary: null }), AT, DEFAULT_TIMES, null)), [], 'no salary alone is no flag');
});

test('a flag keeps when it first fired; only criteria firing or ceasing count as a change', () => {
  const earlier = [{ kind: 'relisted-repeatedly' as const, detail: 'listed 3 times under new ids', since: daysBefore(9) }];
  const now = ghostFlagsOf(job({ relistOf: 'greenhouse:0', relistCount: 3, ghostFlags: earlier }), AT, DEFAULT_TIMES, null);
  assert.equal(now[0]!.since, daysBefore(9));
  assert.equal(now[0]!.detail, 'listed 4 times under new ids');
  assert.equal(sameGhostFlags(earlier, now), true);
  assert.equal(sameGhostFlags(undefined, []), true);
  assert.equal(sameGhostFlags(earlier, []), false);
});
