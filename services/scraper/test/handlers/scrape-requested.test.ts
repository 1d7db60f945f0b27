import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunItem } from '@jobpipe/contracts';
import { capturingLogger } from '../support/capture-logger.js';
import { scraperHarness } from '../support/harness.js';

/** The record of a run the scraper kept (`run#<searchId>#<runId>`). */
const storedRun = async (key: string) => (await h.ports.tables.get('scrapeState', { key })) as RunItem | undefined;

type Harness = Awaited<ReturnType<typeof scraperHarness>>;
let h: Harness;
const log = capturingLogger();

before(async () => {
  h = await scraperHarness({ postings: 30, includeRecordings: false }, { logger: log.logger });
});
after(() => h.close());

test('redelivery of a completed run (same runId) does nothing', async () => {
  assert.equal((await h.run(h.request('lever', 'run-a'))).kind, 'ack');
  const published = h.scraped().length;
  const requests = h.replay.requests.length;
  assert.equal((await h.run(h.request('lever', 'run-a'))).kind, 'ack');
  assert.equal(h.scraped().length, published);
  assert.equal(h.replay.requests.length, requests, 'no request was sent again');
  assert.equal((await h.run(h.request('greenhouse', 'run-a'))).kind, 'ack');
  assert.ok(
    h.scraped().some((event) => event.source === 'greenhouse' && event.runId === 'run-a'),
    'another search under the same run id still runs',
  );
});

test('a run whose postings partly failed is retried, and the retry publishes only what was missing', async () => {
  h.replay.faults.inject('/v2/jobs/', 'error', 100);
  const first = await h.run(h.request('mcf', 'run-b'));
  assert.equal(first.kind, 'retry');
  assert.equal(h.scraped().filter((event) => event.runId === 'run-b').length, 0);
  const ids = h.replay.postings.filter((posting) => posting.source === 'mcf').map((posting) => posting.externalId);
  h.replay.faults.clear();
  const second = await h.run(h.request('mcf', 'run-b'));
  assert.equal(second.kind, 'ack');
  const events = h.scraped().filter((event) => event.runId === 'run-b');
  assert.deepEqual(events.map((event) => event.externalId).sort(), [...ids].sort());
});

test('a search that found many and now finds none raises source drift (log and metric)', async () => {
  assert.equal((await h.run(h.request('greenhouse', 'run-c1'))).kind, 'ack');
  h.replay.setEmpty('greenhouse', true);
  assert.equal((await h.run(h.request('greenhouse', 'run-c2'))).kind, 'ack');
  h.replay.setEmpty('greenhouse', false);
  const warning = log.records().find((record) => String(record.msg).startsWith('source drift'));
  assert.ok(warning, 'a drift warning was logged');
  assert.equal(warning.searchId, 'replay-greenhouse');
  const metrics = await h.scraper.metrics.registry.getSingleMetricAsString('jobpipe_scraper_source_drift_total');
  assert.match(metrics, /jobpipe_scraper_source_drift_total\{source="greenhouse",search_id="replay-greenhouse"\} 1/);
  const run = await storedRun('run#replay-greenhouse#run-c2');
  assert.equal(run!.drift, true);
  assert.equal(run!.counts.found, 0);
  assert.equal(typeof run!.durationMs, 'number');
});

test('a request the source cannot serve goes to the DLQ with the reason', async () => {
  const outcome = await h.run({ searchId: 'no-boards', source: 'greenhouse', runId: 'run-d', requestedBy: 'user' });
  assert.equal(outcome.kind, 'dead-letter');
  assert.match(outcome.kind === 'dead-letter' ? outcome.reason : '', /names no boards/);
  const badBoard = await h.run({ searchId: 'bad-board', source: 'lever', runId: 'run-e', requestedBy: 'user', boards: ['../../admin'] });
  assert.equal(badBoard.kind, 'ack', 'the bad board is reported in the run, nothing is fetched');
  const run = await storedRun('run#bad-board#run-e');
  assert.match(run!.errors.join(), /not valid/);
});

test('USAJOBS without a key configured or stored is dead-lettered naming what to set; a stored key is used', async () => {
  const keyless = await scraperHarness({ postings: 5 }, { env: { JOBPIPE_SCRAPER_USAJOBS_API_KEY: '' } });
  try {
    const outcome = await keyless.run(keyless.request('usajobs', 'run-f'));
    assert.equal(outcome.kind, 'dead-letter');
    assert.match(outcome.kind === 'dead-letter' ? outcome.reason : '', /USAJOBS_KEY_MISSING.*usajobs-api-key/);
    await keyless.ports.secrets().put('usajobs-api-key', 'replay-key');
    assert.equal((await keyless.run(keyless.request('usajobs', 'run-g'))).kind, 'ack');
    assert.ok(keyless.scraped().some((event) => event.source === 'usajobs'));
  } finally {
    await keyless.close();
  }
});
