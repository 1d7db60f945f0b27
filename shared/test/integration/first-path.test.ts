import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { contracts, queueOf } from '@jobpipe/contracts';
import { tempDir } from '@jobpipe/test-kit';
import { createEmbeddedPorts, defineHandlers, QueueRunner, silentLogger } from '../../src/index.js';

const dir = tempDir();
after(() => dir.remove());

test('scrape.requested travels to the scraper handler, whose job.scraped reaches the parser queue', async () => {
  const crm = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'crm-api');
  const scraper = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'scraper');
  const parserQueue = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'parser').consumer('parser');

  const handlers = defineHandlers({
    'scrape.requested@1': async (event, context) => {
      await context.publish([
        {
          detailType: 'job.scraped',
          data: {
            source: event.detail.data.source,
            externalId: 'abc-1',
            url: 'https://api.mycareersfuture.gov.sg/v2/jobs/abc-1',
            blobKey: 'raw/mcf/abc-1/aa.json',
            contentHash: 'a'.repeat(64),
            contentType: 'application/json',
            byteLength: 10,
            fetchedAt: new Date().toISOString(),
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
    {
      detailType: 'scrape.requested',
      data: { searchId: 'de-sg', source: 'mcf', runId: 'run-1', requestedBy: 'user', keywords: 'data engineer' },
    },
  ]);
  assert.equal(await runner.pollOnce(100), 1);

  const [message] = await parserQueue.receive(10, 500);
  assert.ok(message, 'parser queue received the job.scraped');
  const event = JSON.parse(message.body);
  assert.equal(event['detail-type'], 'job.scraped');
  assert.equal(event.detail.meta.correlationId, requestId, 'correlation carried from event to event');
  assert.equal(event.detail.meta.causationId, requestId);
  await Promise.all([crm.close(), scraper.close()]);
});
