import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contracts } from '@jobpipe/contracts';
import { startReplayServer } from '@jobpipe/replay';
import { GatheringTurn, processMessage, readRuntimeConfig, silentLogger } from '@jobpipe/shared';
import { bootstrapAws, countAwsRequests, createAwsClients, createAwsPorts } from '@jobpipe/shared/aws';
import { busEvent } from '@jobpipe/test-kit';
import { startLocalAws } from '@jobpipe/test-kit/local-aws';
import { createScraper } from '../../src/app.js';
import { readScraperConfig } from '../../src/config.js';
import { WindowedBatcher } from '../../src/run/windowed-batcher.js';

test('a windowed batch gives each caller its own result, and fails each caller of a batch that fails', async () => {
  const batches: number[][] = [];
  const doubling = new WindowedBatcher<number, number>(
    async (inputs) => {
      batches.push([...inputs]);
      if (inputs.includes(13)) throw new Error('unlucky batch');
      return inputs.map((input) => input * 2);
    },
    20,
    3,
  );
  assert.deepEqual(await Promise.all([doubling.add(1), doubling.add(2)]), [2, 4]);
  const full = [doubling.add(3), doubling.add(4), doubling.add(5)];
  assert.deepEqual(await Promise.all(full), [6, 8, 10], 'a full batch goes without waiting for the window');
  const failing = await Promise.allSettled([doubling.add(13), doubling.add(6)]);
  assert.deepEqual(
    failing.map((outcome) => outcome.status),
    ['rejected', 'rejected'],
  );
  assert.deepEqual(batches, [
    [1, 2],
    [3, 4, 5],
    [13, 6],
  ]);
});

test('on the aws transport a run reads the state of the postings it finds and announces them a second at a time, not one by one', async (t) => {
  const aws = await startLocalAws();
  const replay = await startReplayServer({ postings: 200 });
  const env = {
    ...replay.scraperEnv(),
    ...aws.awsEnv('scraper-test'),
  };
  const runtime = readRuntimeConfig(env);
  const clients = createAwsClients({ ...runtime.aws, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await bootstrapAws(runtime, { logger: silentLogger, clients });
  const ports = await createAwsPorts(runtime, 'scraper', { clients, logger: silentLogger });
  const scraper = createScraper(ports, readScraperConfig(env), silentLogger);
  t.after(async () => {
    await scraper.close();
    await ports.close();
    clients.destroy();
    await replay.close();
    await aws.close();
  });
  const requests = countAwsRequests(clients);

  // The search of the source that serves the most postings, handled as the queue runner handles a message.
  const servedBy = (name: string) => replay.postings.filter((posting) => posting.source === name);
  const source = [...new Set(replay.postings.map((posting) => posting.source))].sort((a, b) => servedBy(b).length - servedBy(a).length)[0]!;
  const served = servedBy(source);
  const request = replay.scrapeRequests('run-1').find((candidate) => candidate.source === source)!;
  const message = { messageId: 'm-1', receiptHandle: 'r-1', body: JSON.stringify(busEvent('scrape.requested', request)), receiveCount: 1 };
  const [outcome] = await GatheringTurn.settleTogether([
    () => processMessage(message, { registry: contracts(), handlers: scraper.handlers, publisher: ports.publisher, logger: silentLogger }),
  ]);
  assert.deepEqual(outcome, { status: 'fulfilled', value: { kind: 'ack', detailType: 'scrape.requested' } });

  assert.ok(requests.total('S3.PutObject') >= served.length, 'every posting is stored');
  const reads = requests.total('DynamoDB.GetItem') + requests.total('DynamoDB.BatchGetItem');
  const commits = requests.total('DynamoDB.TransactWriteItems');
  // The run's own record, its search and its list's validators are a few reads and commits of their own.
  assert.ok(reads <= 8, `${reads} reads for a run of ${served.length} postings`);
  assert.ok(commits <= 8, `${commits} commits for a run of ${served.length} postings`);
});
