import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { contracts, type ProducerName } from '@jobpipe/contracts';
import { mockClient } from 'aws-sdk-client-mock';
import { EventBridgePublisher, PublishFailedError } from '../../src/aws/eventbridge-publisher.js';
import { PUT_EVENTS_LIMITS, putEventsEntrySize } from '../../src/aws/put-events-batches.js';
import { PermanentError, TransientError } from '../../src/errors.js';
import { ManualClock, randomIds } from '../../src/ports/clock.js';
import type { OutgoingEvent } from '../../src/ports/events.js';
import { silentLogger } from '../../src/ports/logger.js';
import { fastRetry, testCredentials } from './aws-test-kit.js';

const client = new EventBridgeClient({ region: 'us-east-1', credentials: testCredentials });
const eventBridge = mockClient(client);

function publisher(producer: ProducerName = 'crm-api'): EventBridgePublisher {
  return new EventBridgePublisher({
    client,
    eventBusName: 'jobpipe-test',
    producer,
    registry: contracts(),
    clock: new ManualClock(),
    ids: randomIds,
    logger: silentLogger,
    retry: fastRetry,
  });
}

function scrapeRequested(keywords = 'data engineer'): OutgoingEvent {
  return { detailType: 'scrape.requested', data: { searchId: 'de-sg', source: 'mcf', runId: 'run-1', requestedBy: 'user', keywords } };
}

const sentEntries = () => eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries ?? []);
const eventIdOf = (entry: PutEventsRequestEntry) => JSON.parse(entry.Detail ?? '{}').meta.eventId as string;
const accepted = (count: number) => ({ FailedEntryCount: 0, Entries: Array.from({ length: count }, (_, i) => ({ EventId: `eb-${i}` })) });

beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => accepted(input.Entries.length));
});

describe('PutEvents entry size', () => {
  test('is computed as EventBridge does: 14 bytes for Time, UTF-8 bytes of the strings', () => {
    const entry = {
      Source: 'jobpipe.crm-api',
      DetailType: 'scrape.requested',
      Detail: '{"k":"é"}',
      Time: new Date(),
      Resources: ['arn:x'],
    };
    // 14 (Time) + 15 (Source) + 16 (DetailType) + 10 (Detail: é is two bytes) + 5 (Resources)
    assert.equal(putEventsEntrySize(entry), 60);
    assert.equal(putEventsEntrySize({ Source: 'a', DetailType: 'b' }), 2, 'no Time, no Detail');
  });
});

describe('EventBridge publisher', () => {
  test('sends one event as an EventBridge entry on the configured bus, validated and with meta filled in', async () => {
    const [id] = await publisher().publish([scrapeRequested()]);
    const [[entry]] = sentEntries() as [[PutEventsRequestEntry]];
    assert.equal(entry.EventBusName, 'jobpipe-test');
    assert.equal(entry.Source, 'jobpipe.crm-api');
    assert.equal(entry.DetailType, 'scrape.requested');
    const detail = JSON.parse(entry.Detail ?? '');
    assert.equal(detail.meta.eventId, id);
    assert.equal(detail.data.keywords, 'data engineer');
    assert.equal(contracts().validate('scrape.requested', detail).ok, true);
  });

  test('batches by count: 25 events go as 10 + 10 + 5, in order', async () => {
    const ids = await publisher().publish(Array.from({ length: 25 }, (_, i) => scrapeRequested(`keywords ${i}`)));
    const batches = sentEntries();
    assert.deepEqual(
      batches.map((batch) => batch.length),
      [10, 10, 5],
    );
    assert.deepEqual(batches.flat().map(eventIdOf), ids);
  });

  test('batches by size: no request carries more than 256 KB of entries', async () => {
    const large = 'x'.repeat(100_000);
    const ids = await publisher().publish(Array.from({ length: 5 }, () => scrapeRequested(large)));
    const batches = sentEntries();
    assert.deepEqual(
      batches.map((batch) => batch.length),
      [2, 2, 1],
    );
    for (const batch of batches) {
      const bytes = batch.reduce((sum, entry) => sum + putEventsEntrySize(entry), 0);
      assert.ok(bytes <= PUT_EVENTS_LIMITS.maxBytes, `request of ${bytes} bytes is within the limit`);
    }
    assert.deepEqual(batches.flat().map(eventIdOf), ids);
  });

  test('retries only the entries PutEvents refused', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [{ EventId: 'eb-1' }, { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }, { EventId: 'eb-3' }],
      })
      .resolves(accepted(1));
    const ids = await publisher().publish([scrapeRequested('a'), scrapeRequested('b'), scrapeRequested('c')]);
    const [first, second] = sentEntries();
    assert.equal(first?.length, 3);
    assert.deepEqual(second?.map(eventIdOf), [ids[1]], 'the second request holds only the refused event');
  });

  test('throws a typed, retryable error naming the event when the retries run out', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
      FailedEntryCount: 1,
      Entries: input.Entries.map((_, i) =>
        i === 0 ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try later' } : { EventId: `eb-${i}` },
      ),
    }));
    const error = await publisher()
      .publish([scrapeRequested('first'), scrapeRequested('second')])
      .then(
        () => assert.fail('publish should fail'),
        (thrown: unknown) => thrown,
      );
    assert.ok(error instanceof PublishFailedError);
    assert.ok(error instanceof TransientError, 'the handler that published is retried');
    assert.equal(error.code, 'PUBLISH_FAILED');
    assert.equal(error.failures.length, 1);
    const eventId = eventIdOf(sentEntries()[0]![0]!);
    assert.match(error.message, new RegExp(`'scrape.requested' ${eventId} \\(InternalFailure: try later\\)`));
    assert.equal(sentEntries().length, fastRetry.retries + 1, 'first attempt plus every retry');
    assert.ok(
      sentEntries()
        .slice(1)
        .every((batch) => batch.length === 1),
      'retries carry only the failing entry',
    );
  });

  test('refuses an event over 256 KB before sending anything, pointing at the claim check', async () => {
    const error = await publisher()
      .publish([scrapeRequested(), scrapeRequested('y'.repeat(PUT_EVENTS_LIMITS.maxBytes))])
      .catch((thrown: unknown) => thrown);
    assert.ok(error instanceof PermanentError);
    assert.equal(error.code, 'EVENT_TOO_LARGE');
    assert.match(error.message, /'scrape\.requested' event .* bytes; EventBridge takes at most 262144 bytes.*claim check/);
    assert.equal(sentEntries().length, 0);
  });

  test('refuses an event its producer may not publish, and an invalid event, without sending', async () => {
    await assert.rejects(publisher('scraper').publish([scrapeRequested()]), (error: unknown) => {
      return error instanceof PermanentError && error.code === 'EVENT_NOT_ALLOWED';
    });
    const invalid = {
      detailType: 'scrape.requested',
      data: { searchId: 'Bad Id!', source: 'mcf', runId: 'r', requestedBy: 'user' },
    } as OutgoingEvent;
    await assert.rejects(publisher().publish([invalid]), (error: unknown) => {
      return error instanceof PermanentError && error.code === 'EVENT_INVALID' && /searchId/.test(error.message);
    });
    assert.equal(sentEntries().length, 0);
  });
});
