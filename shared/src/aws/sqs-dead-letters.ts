import { type MessageAttributeValue, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Message attributes jobpipe puts on a message it dead-letters itself (SQS keeps no failure reason). */
export const DEAD_LETTER_ATTRIBUTES = {
  reason: 'jobpipe-reason',
  /** The message's id on its source queue (the DLQ copy gets an id of its own). */
  messageId: 'jobpipe-message-id',
  sourceQueue: 'jobpipe-source-queue',
  receiveCount: 'jobpipe-receive-count',
  deadLetteredAt: 'jobpipe-dead-lettered-at',
} as const;

// Keeps the reason readable and the message well inside the SQS size limit.
const MAX_REASON_CHARS = 4000;

/** What is recorded beside a dead-lettered body. */
export interface DeadLetterRecord {
  /** The id the message had on its source queue. */
  readonly messageId: string;
  readonly body: string;
  readonly reason: string;
  readonly sourceQueue: string;
  readonly receiveCount: number;
  readonly deadLetteredAt: Date;
}

const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });

/** Sends a body to a dead-letter queue with the reason and its origin as message attributes. */
export async function sendToDeadLetterQueue(sqs: SQSClient, deadLetterQueueUrl: string, record: DeadLetterRecord): Promise<void> {
  const reason = record.reason.length > MAX_REASON_CHARS ? `${record.reason.slice(0, MAX_REASON_CHARS)}…` : record.reason;
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: deadLetterQueueUrl,
      MessageBody: record.body,
      MessageAttributes: {
        [DEAD_LETTER_ATTRIBUTES.reason]: text(reason || 'no reason given'),
        [DEAD_LETTER_ATTRIBUTES.messageId]: text(record.messageId),
        [DEAD_LETTER_ATTRIBUTES.sourceQueue]: text(record.sourceQueue),
        [DEAD_LETTER_ATTRIBUTES.receiveCount]: { DataType: 'Number', StringValue: String(record.receiveCount) },
        [DEAD_LETTER_ATTRIBUTES.deadLetteredAt]: text(record.deadLetteredAt.toISOString()),
      },
    }),
  );
}

/** The reason a consumer gives when a message failed on its last allowed receive. */
export function exhaustedReason(maxReceiveCount: number, lastError: string): string {
  return `exceeded ${maxReceiveCount} receives; last error: ${lastError}`;
}
