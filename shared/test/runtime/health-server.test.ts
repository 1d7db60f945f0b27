import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir } from '@jobpipe/test-kit';
import { createEmbeddedPorts } from '../../src/embedded/embedded-ports.js';
import { silentLogger } from '../../src/ports/logger.js';
import { defineHandlers } from '../../src/runtime/handlers.js';
import { startHealthServer } from '../../src/runtime/health-server.js';
import { ServiceMetrics } from '../../src/runtime/metrics.js';
import { readRuntimeConfig } from '../../src/runtime/runtime-config.js';
import { startService } from '../../src/runtime/service.js';
import { scrapedData } from '../embedded/bus-test-kit.js';

const dir = tempDir('jobpipe-health-');
after(() => dir.remove());

test('/health answers JSON with the status, /metrics the Prometheus counters, anything else 404', async () => {
  const metrics = new ServiceMetrics('parser');
  const server = await startHealthServer({ port: 0, metrics, status: () => ({ service: 'parser', runner: { inFlight: 0 } }) });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const health = await fetch(`${base}/health?verbose=1`);
    assert.equal(health.status, 200);
    assert.match(health.headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(await health.json(), { status: 'ok', service: 'parser', runner: { inFlight: 0 } });

    const text = await (await fetch(`${base}/metrics`)).text();
    for (const name of [
      'jobpipe_messages_handled_total',
      'jobpipe_messages_failed_total',
      'jobpipe_messages_dead_lettered_total',
      'jobpipe_handler_duration_seconds',
    ]) {
      assert.match(text, new RegExp(`# TYPE ${name} `), name);
    }

    const missing = await fetch(`${base}/nope`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: string }).error, 'not_found');
  } finally {
    server.close();
  }
});

test('a started service counts what it handles and dead-letters, visible on /health and /metrics', async () => {
  const runtime = readRuntimeConfig({ JOBPIPE_DATA_DIR: dir.path, JOBPIPE_HEALTH_PORT: '0' });
  const service = await startService({
    service: 'parser',
    runtime,
    logger: silentLogger,
    handlers: () =>
      defineHandlers({
        'job.scraped@1': async (event) => {
          if (event.detail.data.externalId === 'job-2') throw new Error('always fails');
        },
      }),
  });
  const scraper = createEmbeddedPorts(runtime, 'scraper');
  try {
    await scraper.publisher.publish([1, 2].map((n) => ({ detailType: 'job.scraped' as const, data: scrapedData(n) })));
    const base = `http://127.0.0.1:${(service.healthServer!.address() as AddressInfo).port}`;
    let health: { status: string; service: string; runner: { handled: number; lastError?: string } } | undefined;
    for (let tries = 0; tries < 100 && health?.runner.handled !== 1; tries++) {
      await sleep(50);
      health = (await (await fetch(`${base}/health`)).json()) as typeof health;
    }
    assert.equal(health?.status, 'ok');
    assert.equal(health?.service, 'parser');
    assert.equal(health?.runner.handled, 1);
    assert.equal(health?.runner.lastError, 'always fails');

    const text = await (await fetch(`${base}/metrics`)).text();
    const sample = (name: string) =>
      text
        .split('\n')
        .find((line) => line.startsWith(`${name}{`) && line.includes('queue="parser"') && line.includes('detail_type="job.scraped"'));
    assert.match(sample('jobpipe_messages_handled_total') ?? '', / 1$/);
    assert.match(sample('jobpipe_messages_failed_total') ?? '', / 1$/);
    assert.match(sample('jobpipe_handler_duration_seconds_count') ?? '', / 2$/);
  } finally {
    await service.stop();
    await scraper.close();
  }
});
