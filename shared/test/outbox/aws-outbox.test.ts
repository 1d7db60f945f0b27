import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { contracts } from '@jobpipe/contracts';
import { busEvent } from '@jobpipe/test-kit';
import { playOutboxTable } from '@jobpipe/test-kit/aws';
import { mockClient } from 'aws-sdk-client-mock';
import { createDocumentClient } from '../../src/aws/aws-clients.js';
import { ensureTables } from '../../src/aws/bootstrap-storage.js';
import { DynamoTableStore } from '../../src/aws/dynamo-table-store.js';
import { EventBridgePublisher } from '../../src/aws/eventbridge-publisher.js';
import { createSqsLambdaHandler } from '../../src/aws/sqs-lambda-handler.js';
import { OUTBOX_TABLE, type OutboxEntry, outboxEntriesOf } from '../../src/outbox/outbox-entries.js';
import { OutboxRelay } from '../../src/outbox/outbox-relay.js';
import { TableOutbox } from '../../src/outbox/table-outbox.js';
import { ManualClock, randomIds } from '../../src/ports/clock.js';
import { silentLogger } from '../../src/ports/logger.js';
import { buildBusEvent } from '../../src/runtime/event-factory.js';
import { defineHandlers } from '../../src/runtime/handlers.js';
import { TypedTableStore } from '../../src/tables/typed-tables.js';
import { fastRetry, startDynalite, testCredentials } from '../aws/aws-test-kit.js';
import { scrapedData } from '../embedded/bus-test-kit.js';

const eventBridgeClient = new EventBridgeClient({ region: 'us-east-1', credentials: testCredentials });
const eventBridge = mockClient(eventBridgeClient);
const factory = { producer: 'scraper' as const, registry: contracts(), clock: new ManualClock(), ids: randomIds };
const tableName = (table: string) => `jp-${table}`;

function eventBridgePublisher(): EventBridgePublisher {
  return new EventBridgePublisher({ ...factory, client: eventBridgeClient, eventBusName: 'jp', logger: silentLogger, retry: fastRetry });
}

/** Every PutEvents entry sent so far, request by request. */
const putEventsRequests = () => eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries ?? []);
const eventIdOf = (entry: PutEventsRequestEntry) => JSON.parse(entry.Detail ?? '{}').meta.eventId as string;

/** PutEvents while `down` is set: the request fails, or EventBridge refuses every entry, by turns. */
function eventBridgeFailing(): { down: boolean; failedCalls: number } {
  const state = { down: true, failedCalls: 0 };
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => {
    if (state.down) {
      state.failedCalls++;
      if (state.failedCalls % 2 === 1) throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' });
      return {
        FailedEntryCount: input.Entries.length,
        Entries: input.Entries.map(() => ({ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' })),
      };
    }
    return { FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `eb-${i}` })) };
  });
  return state;
}

beforeEach(() => eventBridge.reset());

describe('outbox on the aws adapters (DynamoDB and EventBridge through SDK mocks)', () => {
  test('with PutEvents failing for a while, every accepted change is delivered exactly once after recovery, ≤ 10 per request, in order', async () => {
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: testCredentials }));
    const stored = playOutboxTable(mockClient(documents), tableName(OUTBOX_TABLE)).entries;
    const tables = new TypedTableStore(new DynamoTableStore({ documents, tableName }));
    const relay = new OutboxRelay({ tables, producer: 'scraper', sender: eventBridgePublisher(), minRetryDelayMs: 60_000 });
    const outbox = new TableOutbox({ ...factory, tables, onStored: (entries) => relay.committed(entries) });
    const eventBridgeState = eventBridgeFailing();

    const accepted: string[] = [];
    for (let n = 1; n <= 23; n++) {
      const result = await outbox.commit({
        writes: [{ table: 'scrapeState', item: { key: `http#https://jobs.example/job-${n}` } }],
        events: [{ detailType: 'job.scraped', data: scrapedData(n) }],
      });
      assert.equal(result.committed, true);
      if (result.committed) accepted.push(...result.eventIds);
    }
    while (!relay.failing) await new Promise((resolve) => setTimeout(resolve, 5));
    await assert.rejects(relay.flush());
    assert.equal(stored.size, 23, 'the events wait in the outbox');

    eventBridgeState.down = false;
    await relay.flush();
    const delivered = putEventsRequests()
      .slice(eventBridgeState.failedCalls)
      .map((entries) => entries.map(eventIdOf));
    assert.ok(
      delivered.every((ids) => ids.length <= 10),
      'at most 10 entries per PutEvents',
    );
    assert.deepEqual(delivered.flat(), accepted, 'each accepted event once, in commit order');
    assert.equal(stored.size, 0, 'sent entries are deleted');
    await relay.stop();
  });

  test('a failing batch leaves the earlier batches marked sent: the retry resends only what did not go out', async () => {
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: testCredentials }));
    const stored = playOutboxTable(mockClient(documents), tableName(OUTBOX_TABLE)).entries;
    const tables = new TypedTableStore(new DynamoTableStore({ documents, tableName }));
    const relay = new OutboxRelay({ tables, producer: 'scraper', sender: eventBridgePublisher(), minRetryDelayMs: 60_000 });
    const outbox = new TableOutbox({ ...factory, tables });
    const accepted: string[] = [];
    for (let n = 1; n <= 15; n++) {
      const result = await outbox.commit({ writes: [], events: [{ detailType: 'job.scraped', data: scrapedData(n) }] });
      if (result.committed) accepted.push(...result.eventIds);
    }
    let calls = 0;
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => {
      calls++;
      if (calls === 2) throw new Error('Service unavailable');
      return { FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `eb-${i}` })) };
    });
    await assert.rejects(relay.flush());
    assert.equal(stored.size, 5);
    await relay.flush();
    const sent = putEventsRequests().map((entries) => entries.map(eventIdOf));
    assert.deepEqual([sent[0], sent[2]], [accepted.slice(0, 10), accepted.slice(10)]);
    await relay.stop();
  });

  test('a commit is one TransactWriteItems holding the writes, their conditions and the outbox entry', async () => {
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: testCredentials }));
    const dynamo = mockClient(documents);
    dynamo.on(TransactWriteCommand).resolves({});
    const outbox = new TableOutbox({ ...factory, tables: new TypedTableStore(new DynamoTableStore({ documents, tableName })) });
    await outbox.commit({
      writes: [{ table: 'scrapeState', item: { key: 'http#https://jobs.example/job-1' }, condition: { kind: 'notExists' } }],
      events: [{ detailType: 'job.scraped', data: scrapedData(1) }],
    });
    const [call] = dynamo.commandCalls(TransactWriteCommand);
    const items = call?.args[0].input.TransactItems ?? [];
    assert.equal(items.length, 2);
    assert.deepEqual(items[0]?.Put?.TableName, 'jp-scrapeState');
    assert.equal(items[0]?.Put?.ConditionExpression, 'attribute_not_exists(#pk)');
    assert.equal(items[1]?.Put?.TableName, 'jp-outbox');
    assert.equal(JSON.parse(String(items[1]?.Put?.Item?.events))[0]['detail-type'], 'job.scraped');
  });

  test('a transaction cancelled by a failed condition commits nothing and says so; other cancellations throw', async () => {
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: testCredentials }));
    const dynamo = mockClient(documents);
    const cancelled = (code: string) =>
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: code }, { Code: 'None' }],
      });
    const outbox = new TableOutbox({ ...factory, tables: new TypedTableStore(new DynamoTableStore({ documents, tableName })) });
    const change = {
      writes: [
        { table: 'scrapeState', item: { key: 'http#https://jobs.example/job-1' }, condition: { kind: 'notExists' as const } } as const,
      ],
      events: [{ detailType: 'job.scraped' as const, data: scrapedData(1) }],
    };
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));
    assert.deepEqual(await outbox.commit(change), { committed: false });
    dynamo.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    await assert.rejects(outbox.commit(change), TransactionCanceledException);
  });
});

describe('events of one handler turn', () => {
  test("the events a Lambda batch's handlers commit go out together: 12 one-event commits make 2 PutEvents, not 12, the first as soon as it is full", async () => {
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: testCredentials }));
    const stored = playOutboxTable(mockClient(documents), tableName(OUTBOX_TABLE)).entries;
    const tables = new TypedTableStore(new DynamoTableStore({ documents, tableName }));
    const relay = new OutboxRelay({ tables, producer: 'scraper', sender: eventBridgePublisher() });
    const outbox = new TableOutbox({ ...factory, tables, onStored: (entries) => relay.committed(entries) });
    eventBridgeFailing().down = false;
    let sentBeforeTheLastCommit = 0;
    const handler = createSqsLambdaHandler({
      registry: contracts(),
      logger: silentLogger,
      sqs: new SQSClient({ region: 'us-east-1', credentials: testCredentials }),
      publisher: { publish: () => Promise.reject(new Error('handlers commit through the outbox here')) },
      flushEvents: () => relay.flush(),
      eventsTogether: (work) => relay.together(work),
      handlers: defineHandlers({
        'job.scraped@1': async (event, context) => {
          // Handlers finish one after another, as real ones do, each committing its change and event; the
          // last one is still busy when the others are done (it gives a full request time to go out: their
          // commits go together once it has been busy for MAX_HOLD_MS).
          const n = Number(event.detail.data.externalId.slice('job-'.length));
          await new Promise((resolve) => setTimeout(resolve, 2 * n));
          if (n === 12) {
            const deadline = Date.now() + 5000;
            while (putEventsRequests().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
            sentBeforeTheLastCommit = putEventsRequests().length;
          }
          await outbox.commit({
            writes: [{ table: 'scrapeState', item: { key: `http#https://jobs.example/job-${n}` } }],
            events: context.caused([{ detailType: 'job.scraped', data: scrapedData(100 + n) }]),
          });
        },
      }),
    });
    const records = Array.from({ length: 12 }, (_, n) => ({
      messageId: `m-${n}`,
      receiptHandle: `r-${n}`,
      body: JSON.stringify(busEvent('job.scraped', scrapedData(n + 1), 'scraper')),
      attributes: { ApproximateReceiveCount: '1' },
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:jp-parser',
    }));
    const response = await handler({ Records: records });
    assert.deepEqual(response, { batchItemFailures: [] });
    assert.deepEqual(
      putEventsRequests().map((entries) => entries.length),
      [10, 2],
    );
    assert.equal(sentBeforeTheLastCommit, 1, 'a full request goes out as soon as the turn holds one');
    assert.equal(stored.size, 0, 'every entry sent and deleted');
  });
});

describe('outbox relay on dynalite', () => {
  let server: Awaited<ReturnType<typeof startDynalite>>;
  let dynamo: DynamoDBClient;
  before(async () => {
    server = await startDynalite();
    dynamo = new DynamoDBClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: testCredentials });
    await ensureTables(dynamo, tableName, silentLogger);
  });
  after(async () => {
    dynamo.destroy();
    await server.close();
  });

  test('reads the stored entries of its producer in commit order, publishes them, and deletes them', async () => {
    const tables = new TypedTableStore(new DynamoTableStore({ documents: createDocumentClient(dynamo), tableName }));
    const events = Array.from({ length: 30 }, (_, i) => buildBusEvent({ detailType: 'job.scraped', data: scrapedData(i) }, factory));
    const entries: OutboxEntry[] = events.flatMap((event) => outboxEntriesOf('scraper', [event], new Date('2026-03-01T09:00:00Z')));
    await tables.putMany(OUTBOX_TABLE, [...entries].reverse());
    await tables.putMany(OUTBOX_TABLE, outboxEntriesOf('parser', [events[0]!], new Date()));
    eventBridgeFailing().down = false;
    const relay = new OutboxRelay({ tables, producer: 'scraper', sender: eventBridgePublisher(), entriesPerPage: 12 });
    await relay.flush();
    assert.deepEqual(
      putEventsRequests().flat().map(eventIdOf),
      events.map((event) => event.id),
    );
    assert.deepEqual((await tables.query(OUTBOX_TABLE, { partitionValue: 'scraper' })).items, []);
    assert.equal((await tables.query(OUTBOX_TABLE, { partitionValue: 'parser' })).items.length, 1, "another producer's entries stay");
    await relay.stop();
  });
});
