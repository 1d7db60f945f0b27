import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contracts, queueOf } from '@jobpipe/contracts';
import { createEmbeddedPorts, EmbeddedBusSender, QueueRunner, silentLogger } from '@jobpipe/shared';
import { outboxFailingWhile, tempDir } from '@jobpipe/test-kit';
import { createApplierHandlers } from '../../src/index.js';

// No site is configured, so a request fails with site-not-configured without a browser.
test('an outcome commits with its event or not at all; with the bus down a while, it is delivered once after', async (t) => {
  const dir = tempDir('applier-outbox-');
  t.after(() => dir.remove());
  const options = { dataDir: dir.path, secretKey: 'test-secret-key-of-this-file' };
  const failure = { failing: true, refused: 0 };
  let busDown = false;
  const ports = createEmbeddedPorts(options, 'applier', {
    tables: (store) => outboxFailingWhile(store, failure),
    sender: (bus) => {
      const real = new EmbeddedBusSender(bus);
      return { send: async (events) => (busDown ? Promise.reject(new Error('bus unavailable')) : real.send(events)) };
    },
  });
  const crm = createEmbeddedPorts(options, 'crm-api');
  t.after(() => Promise.all([ports.close(), crm.close()]));
  const runner = new QueueRunner({
    queue: queueOf('applier')!,
    consumer: ports.consumer('applier'),
    registry: contracts(),
    handlers: createApplierHandlers(
      ports,
      { sites: new Map(), guards: { dailyCap: 5, jobWindowDays: 30, companyWindowDays: 30 }, forceDryRun: false, stepTimeoutMs: 1000 },
      silentLogger,
      () => Promise.reject(new Error('no browser in this test')),
    ).handlers,
    publisher: ports.publisher,
    logger: silentLogger,
  });
  const failedEvents = () =>
    (ports.bus.db.prepare("SELECT body FROM event_log WHERE detail_type = 'application.failed'").all() as { body: string }[]).map(
      (row) => JSON.parse(row.body).detail.data,
    );
  const request = {
    applicationId: 'app-1',
    jobId: 'jobboard:sre-1',
    applyUrl: 'https://jobs.example.org/jobs/sre-1/apply',
    site: 'jobboard',
    company: 'Fjord Systems',
    dryRun: false,
    requestedAt: new Date().toISOString(),
  };
  await crm.publisher.publish([{ detailType: 'application.requested', data: request }]);
  await runner.pollOnce(0);
  assert.ok(failure.refused > 0, 'the outcome was committed and refused');
  const record = await ports.tables.get<{ status: string; outcome?: unknown }>('applierState', { applicationId: 'app-1' });
  assert.notEqual(record?.status, 'failed', 'no outcome is recorded without its event');
  assert.equal(record?.outcome ?? null, null);

  failure.failing = false;
  busDown = true;
  await crm.publisher.publish([{ detailType: 'application.requested', data: request }]);
  while ((await runner.pollOnce(0)) > 0);
  assert.equal((await ports.tables.get<{ status: string }>('applierState', { applicationId: 'app-1' }))?.status, 'failed');
  assert.deepEqual(failedEvents(), [], 'the bus is down');

  busDown = false;
  await ports.flushEvents();
  const delivered = failedEvents();
  assert.equal(delivered.length, 1, 'announced exactly once');
  assert.equal(delivered[0].code, 'site-not-configured');
});
