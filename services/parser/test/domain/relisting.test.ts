import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type RelistCandidate, relistingOf } from '../../src/domain/relisting.js';

const text =
  'You will own our data platform end to end: ingestion with Kafka, modelling in dbt, the Airflow schedules, and the on-call rota with a team of six engineers in Singapore.';
const posting = { jobId: 'greenhouse:300', source: 'greenhouse', firstSeenAt: '2026-07-20T08:00:00.000Z', descriptionText: text };
const earlier = (overrides: Partial<RelistCandidate>): RelistCandidate => ({
  jobId: 'greenhouse:100',
  source: 'greenhouse',
  firstSeenAt: '2026-05-01T08:00:00.000Z',
  descriptionText: text,
  ...overrides,
});

test('a new id with the text of an earlier posting of the same source links to the first of the chain, counting the listings before', () => {
  assert.deepEqual(
    relistingOf(posting, [
      earlier({}),
      earlier({ jobId: 'greenhouse:200', firstSeenAt: '2026-06-10T08:00:00.000Z', relistOf: 'greenhouse:100', relistCount: 1 }),
    ]),
    { relistOf: 'greenhouse:100', relistCount: 2, firstSeenAt: '2026-05-01T08:00:00.000Z' },
  );
});

test('a date or a line changed is still a relisting; another description is not', () => {
  const edited = `${text.replace('six', 'seven')} Apply by 30 August.`;
  assert.equal(relistingOf({ ...posting, descriptionText: edited }, [earlier({})])?.relistOf, 'greenhouse:100');
  const other =
    'We are hiring a product designer to shape the onboarding of our mobile banking app, working with research and engineering.';
  assert.equal(relistingOf({ ...posting, descriptionText: other }, [earlier({})]), null);
});

test('another source, a later posting or the posting itself are not what it relists', () => {
  assert.equal(
    relistingOf(posting, [earlier({ source: 'lever', jobId: 'lever:abc' })]),
    null,
    'the same job on another board is a duplicate, not a relisting',
  );
  assert.equal(relistingOf(posting, [earlier({ firstSeenAt: '2026-08-01T08:00:00.000Z' })]), null);
  assert.equal(relistingOf(posting, [earlier({ jobId: posting.jobId })]), null);
});
