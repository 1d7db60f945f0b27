import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostingScore } from '../../src/domain/blend.js';
import { penaltyInputs, penaltyReasons, withPenalties } from '../../src/domain/penalties.js';

const AT = '2026-11-30T08:00:00.000Z';
const daysBefore = (days: number) => new Date(Date.parse(AT) - days * 86_400_000).toISOString();
const scored: PostingScore = {
  score: 62,
  track: 'data',
  trackScore: 62,
  modelProbability: null,
  modelVersion: null,
  filteredBy: null,
  reasons: [{ kind: 'title', points: 18, text: '+18 title:"data engineer"' }],
};

test('a posting up more than 30 days since its first sighting is stale: −5 with the days in words', () => {
  assert.deepEqual(penaltyReasons({ firstSeenAt: daysBefore(30) }, AT), []);
  assert.deepEqual(penaltyReasons({ firstSeenAt: daysBefore(31) }, AT), [
    { kind: 'stale', points: -5, text: '\u22125 stale: up 31 days since first seen' },
  ]);
  assert.deepEqual(penaltyReasons({}, AT), [], 'a posting whose first sighting is unknown is not stale');
});

test('each ghost-risk criterion costs its points with its detail; the score never goes under 0', () => {
  const flags = [
    { kind: 'evergreen-no-salary' as const, detail: 'no salary, and the text says "talent pool"', since: daysBefore(1) },
    { kind: 'reposted-while-open' as const, detail: 'reposted while greenhouse:1 is still open', since: daysBefore(1) },
  ];
  const reasons = penaltyReasons({ firstSeenAt: daysBefore(2), ghostFlags: flags }, AT);
  assert.deepEqual(
    reasons.map((reason) => [reason.kind, reason.points]),
    [
      ['ghost-risk', -15],
      ['ghost-risk', -5],
    ],
  );
  const penalized = withPenalties(scored, reasons);
  assert.equal(penalized.score, 42);
  assert.deepEqual(penalized.reasons.at(-1), scored.reasons[0], 'the score keeps its own reasons');
  assert.equal(withPenalties({ ...scored, score: 8 }, reasons).score, 0);
  assert.equal(withPenalties(scored, []), scored);
});

test("a score's penalty inputs change when it turns stale or a criterion fires, not with every day", () => {
  const flags = [{ kind: 'relisted-repeatedly' as const, detail: 'listed 3 times under new ids', since: daysBefore(3) }];
  assert.equal(penaltyInputs({ firstSeenAt: daysBefore(40) }, AT), penaltyInputs({ firstSeenAt: daysBefore(41) }, AT));
  assert.notEqual(penaltyInputs({ firstSeenAt: daysBefore(10) }, AT), penaltyInputs({ firstSeenAt: daysBefore(40) }, AT));
  assert.notEqual(
    penaltyInputs({ firstSeenAt: daysBefore(10) }, AT),
    penaltyInputs({ firstSeenAt: daysBefore(10), ghostFlags: flags }, AT),
  );
});

test('a flag the user dismissed costs nothing and leaves the inputs as if it did not fire; the same criterion firing anew costs again', () => {
  const flag = { kind: 'relisted-repeatedly' as const, detail: 'listed 3 times under new ids', since: daysBefore(3) };
  const dismissed = { firstSeenAt: daysBefore(10), ghostFlags: [flag], flagDismissals: [{ kind: flag.kind, since: flag.since }] };
  assert.deepEqual(penaltyReasons(dismissed, AT), []);
  assert.equal(penaltyInputs(dismissed, AT), penaltyInputs({ firstSeenAt: daysBefore(10) }, AT));
  const firedAgain = { ...dismissed, ghostFlags: [{ ...flag, since: daysBefore(1) }] };
  assert.deepEqual(
    penaltyReasons(firedAgain, AT).map((reason) => reason.points),
    [-10],
  );
});
