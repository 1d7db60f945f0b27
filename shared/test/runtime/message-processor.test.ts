import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contracts } from '@jobpipe/contracts';
import { busEvent } from '@jobpipe/test-kit';
import { PermanentError, TransientError } from '../../src/errors.js';
import type { OutgoingEvent, ReceivedMessage } from '../../src/ports/events.js';
import { silentLogger } from '../../src/ports/logger.js';
import { defineHandlers, type HandlerTable } from '../../src/runtime/handlers.js';
import { processMessage, retryDelaySeconds } from '../../src/runtime/message-processor.js';
import { scrapedData } from '../embedded/bus-test-kit.js';

const published: OutgoingEvent[] = [];
const publisher = {
  publish: async (events: readonly OutgoingEvent[]) => {
    published.push(...events);
    return events.map((_, i) => `id-${i}`);
  },
};

function message(body: unknown, receiveCount = 1): ReceivedMessage {
  return { messageId: 'm-1', receiptHandle: 'r-1', body: typeof body === 'string' ? body : JSON.stringify(body), receiveCount };
}

const scraped = () => busEvent('job.scraped', scrapedData(1), 'scraper');
const process = (body: unknown, handlers: HandlerTable, receiveCount = 1) =>
  processMessage(message(body, receiveCount), { registry: contracts(), handlers, publisher, logger: silentLogger });
const throwing = (error: unknown) =>
  defineHandlers({
    'job.scraped@1': async () => {
      throw error;
    },
  });

test('a handled event is acked, and the handler sees the event and its receive count', async () => {
  let seen: { externalId: string; receiveCount: number } | undefined;
  const outcome = await process(
    scraped(),
    defineHandlers({
      'job.scraped@1': async (event, context) => {
        seen = { externalId: event.detail.data.externalId, receiveCount: context.receiveCount };
      },
    }),
    2,
  );
  assert.deepEqual(outcome, { kind: 'ack', detailType: 'job.scraped' });
  assert.deepEqual(seen, { externalId: 'job-1', receiveCount: 2 });
});

test('events published from a handler carry the correlation id, the cause and the traceparent', async () => {
  published.length = 0;
  const event = scraped();
  event.detail.meta.correlationId = 'corr-1';
  event.detail.meta.traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  const parsed = { detailType: 'etl.requested', data: {} } as unknown as OutgoingEvent;
  await process(
    event,
    defineHandlers({
      'job.scraped@1': async (_event, context) => {
        await context.publish([parsed, { ...parsed, correlationId: 'chosen' }]);
      },
    }),
  );
  assert.equal(published[0]?.correlationId, 'corr-1');
  assert.equal(published[0]?.causationId, event.detail.meta.eventId);
  assert.equal(published[0]?.traceparent, event.detail.meta.traceparent);
  assert.equal(published[1]?.correlationId, 'chosen', 'an explicit correlation id is kept');
});

test('a failing handler is retried with exponential backoff capped at five minutes', async () => {
  assert.deepEqual(await process(scraped(), throwing(new Error('socket hang up'))), {
    kind: 'retry',
    detailType: 'job.scraped',
    reason: 'socket hang up',
    delaySeconds: 1,
  });
  assert.equal((await process(scraped(), throwing(new Error('x')), 3)).kind, 'retry');
  assert.deepEqual(
    [1, 2, 3, 4, 9, 10, 50].map((count) => retryDelaySeconds(count)),
    [1, 2, 4, 8, 256, 300, 300],
  );
  const thrownString = await process(scraped(), throwing('plain string'));
  assert.equal(thrownString.kind === 'retry' && thrownString.reason, 'plain string');
});

test("a TransientError's retry-after wins over the backoff; its code is in the reason", async () => {
  const outcome = await process(scraped(), throwing(new TransientError('RATE_LIMITED', 'mcf said 429', 30)), 4);
  assert.deepEqual(outcome, { kind: 'retry', detailType: 'job.scraped', reason: 'RATE_LIMITED: mcf said 429', delaySeconds: 30 });
  const noHint = await process(scraped(), throwing(new TransientError('UPSTREAM_5XX', 'bad gateway')), 4);
  assert.equal(noHint.kind === 'retry' && noHint.delaySeconds, 8);
});

test('a PermanentError dead-letters with its code and message', async () => {
  assert.deepEqual(await process(scraped(), throwing(new PermanentError('RAW_BODY_MISSING', 'no blob at raw/mcf/job-1'))), {
    kind: 'dead-letter',
    detailType: 'job.scraped',
    reason: 'RAW_BODY_MISSING: no blob at raw/mcf/job-1',
  });
});

test('unreadable, invalid, unknown and unhandled events dead-letter without calling a handler', async () => {
  let called = 0;
  const handlers = defineHandlers({
    'job.scraped@1': async () => {
      called++;
    },
  });
  assert.deepEqual(await process('not json', handlers), { kind: 'dead-letter', detailType: 'unknown', reason: 'body is not JSON' });
  assert.match(((await process('null', handlers)) as { reason: string }).reason, /unknown detail-type 'unknown'/);

  const invalid = scraped();
  (invalid.detail.data as { byteLength: unknown }).byteLength = 'ten';
  const invalidOutcome = await process(invalid, handlers);
  assert.equal(invalidOutcome.kind, 'dead-letter');
  assert.match((invalidOutcome as { reason: string }).reason, /^invalid 'job\.scraped' event: .*\/data\/byteLength/);

  const missing = scraped();
  delete (missing.detail.data as { url?: string }).url;
  assert.match(((await process(missing, handlers)) as { reason: string }).reason, /\/data\/url: is required/);

  const future = scraped();
  future.detail.meta.schemaVersion = '2.0';
  assert.match(((await process(future, handlers)) as { reason: string }).reason, /major 2 of 'job\.scraped' is not supported \(known: 1\)/);

  const other = { ...scraped(), 'detail-type': 'etl.requested' };
  assert.match(((await process(other, handlers)) as { reason: string }).reason, /invalid 'etl\.requested' event/);

  const unhandled = busEvent('scrape.requested', { searchId: 's', source: 'mcf', runId: 'r', requestedBy: 'user', keywords: 'sql' });
  assert.deepEqual(await process(unhandled, handlers), {
    kind: 'dead-letter',
    detailType: 'scrape.requested',
    reason: "no handler for 'scrape.requested@1'",
  });
  assert.equal(called, 0);
});
