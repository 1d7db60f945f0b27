import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEmbeddedPorts, EmbeddedBusSender, silentLogger } from '@jobpipe/shared';
import { outboxFailingWhile, tempDir } from '@jobpipe/test-kit';
import { recordAfterSuccess } from '../../src/domain/refresh-policy.js';
import { createSessionRefresher, parseLoginSites } from '../../src/index.js';
import { jobSiteLogin, POLICY } from '../support/harness.js';

// A session about to expire and no credentials stored: the scheduled login fails with missing-credentials (needs the user) without a browser.
test('a scheduled refresh commits its session record with its session.refreshed, or neither; delivered once after the bus is back', async (t) => {
  const dir = tempDir('auth-refresher-outbox-');
  t.after(() => dir.remove());
  const failure = { failing: true, refused: 0 };
  let busDown = false;
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: 'test-secret-key-of-this-file' }, 'auth-refresher', {
    tables: (store) => outboxFailingWhile(store, failure),
    sender: (bus) => {
      const real = new EmbeddedBusSender(bus);
      return { send: async (events) => (busDown ? Promise.reject(new Error('bus unavailable')) : real.send(events)) };
    },
  });
  t.after(() => ports.close());
  const refresher = createSessionRefresher(ports, {
    sites: parseLoginSites({ sites: { jobboard: jobSiteLogin('https://jobs.example.org') } }),
    policy: POLICY,
    stepTimeoutMs: 1000,
    openBrowser: () => Promise.reject(new Error('no browser in this test')),
  });
  const announced = () =>
    (ports.bus.db.prepare("SELECT body FROM event_log WHERE detail_type = 'session.refreshed'").all() as { body: string }[]).map(
      (row) => JSON.parse(row.body).detail.data,
    );

  await ports.tables.put('sessions', { ...recordAfterSuccess('jobboard', new Date(Date.now() + 60_000), new Date()) });
  await assert.rejects(refresher.onSchedule(silentLogger), /outbox table is unavailable/);
  assert.equal((await ports.tables.get<{ status: string }>('sessions', { site: 'jobboard' }))?.status, 'ok', 'no change without its event');

  failure.failing = false;
  busDown = true;
  const events = await refresher.onSchedule(silentLogger);
  assert.deepEqual(
    events.map((event) => [event.site, event.status, event.reason]),
    [['jobboard', 'needs-user', 'missing-credentials']],
  );
  assert.equal((await ports.tables.get<{ status: string }>('sessions', { site: 'jobboard' }))?.status, 'blocked');
  assert.deepEqual(announced(), [], 'the bus is down');

  busDown = false;
  await ports.flushEvents();
  assert.deepEqual(
    announced().map((event) => [event.site, event.status]),
    [['jobboard', 'needs-user']],
    'announced exactly once',
  );
});
