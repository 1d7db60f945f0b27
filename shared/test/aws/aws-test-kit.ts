import { randomUUID } from 'node:crypto';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { Message } from '@aws-sdk/client-sqs';
import type { StaticCredentials } from '../../src/aws/aws-clients.js';

export { startDynalite } from '@jobpipe/test-kit/aws-fakes';

/** Credentials for local servers and mocks (never asked of the real provider chain in tests). */
export const testCredentials: StaticCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** A retry policy without real waiting, for tests of the retry loops. */
export const fastRetry = { retries: 3, minTimeoutMs: 1, maxTimeoutMs: 2 } as const;

/**
 * The SQS body EventBridge delivers for a PutEvents entry routed to a queue: the event envelope with
 * the detail parsed, an id of EventBridge's own, and the time to the second.
 */
export function eventBridgeDelivery(entry: PutEventsRequestEntry, region = 'us-east-1'): string {
  return JSON.stringify({
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType,
    source: entry.Source,
    account: '123456789012',
    time: (entry.Time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: entry.Resources ?? [],
    detail: JSON.parse(entry.Detail ?? '{}'),
  });
}

/** An SQS message as ReceiveMessage returns it. */
export function sqsMessage(body: string, receiveCount = 1, messageId: string = randomUUID()): Message {
  return {
    MessageId: messageId,
    ReceiptHandle: `receipt-${messageId}-${receiveCount}`,
    Body: body,
    Attributes: { ApproximateReceiveCount: String(receiveCount) },
  };
}
