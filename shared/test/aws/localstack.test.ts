import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contracts, queueOf } from '@jobpipe/contracts';
import { exampleTableItem } from '@jobpipe/test-kit';
import { LocalstackContainer, type StartedLocalStackContainer } from '@testcontainers/localstack';
import { createAwsPorts } from '../../src/aws/aws-ports.js';
import { bootstrapAws } from '../../src/aws/bootstrap.js';
import type { RuntimePorts } from '../../src/index.js';
import { silentLogger } from '../../src/ports/logger.js';
import { defineHandlers } from '../../src/runtime/handlers.js';
import { QueueRunner } from '../../src/runtime/queue-runner.js';
import { readRuntimeConfig } from '../../src/runtime/runtime-config.js';
import { testCredentials } from './aws-test-kit.js';

/** LocalStack community image pinned to a release that needs no auth token. */
const LOCALSTACK_IMAGE = 'localstack/localstack:3.8';

/** Starts LocalStack, or returns undefined when this machine has no Docker engine. */
async function startLocalStack(): Promise<StartedLocalStackContainer | undefined> {
  try {
    return await new LocalstackContainer(LOCALSTACK_IMAGE).start();
  } catch (error) {
    if (/could not find a working container runtime strategy/i.test(String((error as Error)?.message))) return undefined;
    throw error;
  }
}

/** Polls a runner until it handled one message (EventBridge delivery to SQS is asynchronous). */
async function handleOne(runner: QueueRunner): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) if ((await runner.pollOnce(5000)) > 0) return;
  assert.fail('no message arrived on the queue');
}

test('LocalStack: bootstrap, publish and consume through EventBridge and SQS, tables, blobs, secrets, dead letters', {
  timeout: 600_000,
}, async (t) => {
  const container = await startLocalStack();
  if (!container) {
    t.skip('no Docker engine: LocalStack adapter test not run');
    return;
  }
  const config = readRuntimeConfig({
    JOBPIPE_TRANSPORT: 'aws',
    AWS_ENDPOINT_URL: container.getConnectionUri(),
    AWS_REGION: 'us-east-1',
    JOBPIPE_RESOURCE_PREFIX: 'lt',
    JOBPIPE_EVENT_BUS: 'lt-bus',
    JOBPIPE_BUCKET: 'lt-blobs',
  });
  const open: RuntimePorts[] = [];
  const ports = async (producer: 'crm-api' | 'scraper') => {
    const created = await createAwsPorts(config, producer, { credentials: testCredentials, logger: silentLogger });
    open.push(created);
    return created;
  };
  try {
    await t.test('the bootstrap creates everything and can run again', async () => {
      const first = await bootstrapAws(config, { logger: silentLogger, credentials: testCredentials });
      const second = await bootstrapAws(config, { logger: silentLogger, credentials: testCredentials });
      assert.deepEqual(
        second.queues.map((queue) => queue.url),
        first.queues.map((queue) => queue.url),
      );
    });

    await t.test('scrape.requested reaches the scraper handler, whose job.scraped reaches the parser queue', async () => {
      const crm = await ports('crm-api');
      const scraper = await ports('scraper');
      const handlers = defineHandlers({
        'scrape.requested@1': async (event, context) => {
          await context.publish([
            {
              detailType: 'job.scraped',
              data: {
                source: event.detail.data.source,
                externalId: 'abc-1',
                url: 'https://api.mycareersfuture.gov.sg/v2/jobs/abc-1',
                blobKey: `raw/mcf/abc-1/${'a'.repeat(64)}.json`,
                contentHash: 'a'.repeat(64),
                contentType: 'application/json',
                byteLength: 10,
                fetchedAt: '2026-03-01T09:00:00.000Z',
              },
            },
          ]);
        },
      });
      const runner = new QueueRunner({
        queue: queueOf('scraper')!,
        consumer: scraper.consumer('scraper'),
        registry: contracts(),
        handlers,
        publisher: scraper.publisher,
        logger: silentLogger,
      });
      const [requestId] = await crm.publisher.publish([
        { detailType: 'scrape.requested', data: { searchId: 'de-sg', source: 'mcf', runId: 'run-1', requestedBy: 'cli' } },
      ]);
      await handleOne(runner);
      const parser = crm.consumer('parser');
      let delivered = await parser.receive(10, 20_000);
      if (delivered.length === 0) delivered = await parser.receive(10, 20_000);
      const event = JSON.parse(delivered[0]?.body ?? '{}');
      assert.equal(event['detail-type'], 'job.scraped');
      assert.equal(event.detail.meta.correlationId, requestId);
      await parser.ack(delivered);
    });

    await t.test('a dead letter keeps its reason and can be redriven', async () => {
      const crm = await ports('crm-api');
      await crm.publisher.publish([
        { detailType: 'scrape.requested', data: { searchId: 'dlq-test', source: 'mcf', runId: 'run-2', requestedBy: 'cli' } },
      ]);
      const scraperQueue = crm.consumer('scraper');
      let [message] = await scraperQueue.receive(1, 20_000);
      if (!message) [message] = await scraperQueue.receive(1, 20_000);
      assert.ok(message);
      await scraperQueue.deadLetter(message, 'UNSUPPORTED_SOURCE: test reason');
      const [letter] = await crm.deadLetters.list('scraper', 10);
      assert.equal(letter?.reason, 'UNSUPPORTED_SOURCE: test reason');
      assert.equal(await crm.deadLetters.redrive('scraper'), 1);
      const [again] = await scraperQueue.receive(1, 20_000);
      assert.equal(again?.body, message.body);
      await scraperQueue.ack([again!]);
    });

    await t.test('tables, blobs and secrets work against LocalStack', async () => {
      const crm = await ports('crm-api');
      const config = exampleTableItem('config', 'valid-basic', { version: 1 });
      assert.equal(await crm.tables.put('config', config, { kind: 'notExists' }), true);
      assert.equal(await crm.tables.put('config', { ...config, version: 2 }, { kind: 'notExists' }), false);
      assert.deepEqual(await crm.tables.get('config', { key: 'current' }), config);
      await crm.blobs.put('raw/mcf/1/a.json', '{"uuid":"1"}', 'application/json');
      assert.equal((await crm.blobs.get('raw/mcf/1/a.json'))?.toString(), '{"uuid":"1"}');
      const keys: string[] = [];
      for await (const key of crm.blobs.list('raw/')) keys.push(key);
      assert.deepEqual(keys, ['raw/mcf/1/a.json']);
      await crm.secrets().put('mcf-cookie', 'v1');
      await crm.secrets().put('mcf-cookie', 'v2');
      assert.equal(await crm.secrets().get('mcf-cookie'), 'v2');
      assert.equal(await crm.secrets().get('nothing'), undefined);
    });
  } finally {
    await Promise.all(open.map((created) => created.close()));
    await container.stop();
  }
});
