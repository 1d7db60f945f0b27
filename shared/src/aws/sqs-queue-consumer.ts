import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueDefinition } from '@jobpipe/contracts';
import { TransientError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { QueueConsumer, ReceivedMessage } from '../ports/events.js';
import type { Logger } from '../ports/logger.js';
import type { AwsResourceNames } from './resource-names.js';
import { exhaustedReason, sendToDeadLetterQueue } from './sqs-dead-letters.js';
import type { SqsQueueUrls } from './sqs-queue-urls.js';

/** SQS limits this consumer works within. */
export const SQS_LIMITS = { maxBatch: 10, maxWaitSeconds: 20, maxVisibilitySeconds: 43_200 } as const;

/** What an SQS consumer needs. */
export interface SqsQueueConsumerOptions {
  readonly sqs: SQSClient;
  readonly urls: SqsQueueUrls;
  readonly names: AwsResourceNames;
  /** The topology queue read (its max receives decide when a retry becomes a dead letter). */
  readonly queue: QueueDefinition;
  readonly logger: Logger;
  readonly clock: Clock;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, Math.round(value)));

/**
 * Reads one topology queue from SQS: long-polls batches of up to 10 with their receive counts,
 * deletes handled messages in batches, releases failures with a delay, and dead-letters explicitly
 * (with the reason as a message attribute) both permanent failures and retries on their last allowed
 * receive. SQS cannot store a reason on a released message, so release reasons go to the log; a message
 * whose handler crashed on every receive is moved by the queue's redrive policy, without a reason.
 */
export class SqsQueueConsumer implements QueueConsumer {
  readonly queueName: string;
  private readonly logger: Logger;

  constructor(private readonly options: SqsQueueConsumerOptions) {
    this.queueName = options.queue.name;
    this.logger = options.logger.child({ queue: options.queue.name });
  }

  async receive(max: number, waitMs: number): Promise<ReceivedMessage[]> {
    const output = await this.options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: await this.queueUrl(),
        MaxNumberOfMessages: clamp(max, 1, SQS_LIMITS.maxBatch),
        WaitTimeSeconds: clamp(Math.ceil(waitMs / 1000), 0, SQS_LIMITS.maxWaitSeconds),
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    return (output.Messages ?? []).map(toReceivedMessage);
  }

  async ack(messages: readonly ReceivedMessage[]): Promise<void> {
    const url = await this.queueUrl();
    const failures: string[] = [];
    for (let start = 0; start < messages.length; start += SQS_LIMITS.maxBatch) {
      const chunk = messages.slice(start, start + SQS_LIMITS.maxBatch);
      const output = await this.options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: url,
          Entries: chunk.map((message, i) => ({ Id: String(i), ReceiptHandle: message.receiptHandle })),
        }),
      );
      for (const failed of output.Failed ?? []) {
        const message = chunk[Number(failed.Id)];
        failures.push(`${message?.messageId ?? failed.Id} (${failed.Code ?? 'Unknown'}: ${failed.Message ?? ''})`);
      }
    }
    if (failures.length > 0) {
      this.logger.warn({ failures }, 'some handled messages could not be deleted; they will be delivered again');
      throw new TransientError('SQS_DELETE_FAILED', `DeleteMessageBatch failed for ${failures.length} message(s): ${failures.join(', ')}`);
    }
  }

  async release(message: ReceivedMessage, reason: string, delaySeconds: number): Promise<void> {
    const { maxReceiveCount } = this.options.queue;
    if (message.receiveCount >= maxReceiveCount) {
      await this.deadLetter(message, exhaustedReason(maxReceiveCount, reason));
      return;
    }
    this.logger.info({ messageId: message.messageId, reason, delaySeconds }, 'released for retry (SQS keeps no reason: it is logged here)');
    await this.changeVisibility(message, delaySeconds);
  }

  async deadLetter(message: ReceivedMessage, reason: string): Promise<void> {
    const { sqs, urls, names, queue, clock } = this.options;
    await sendToDeadLetterQueue(sqs, await urls.urlOf(names.deadLetterQueue(queue.name)), {
      body: message.body,
      reason,
      sourceQueue: queue.name,
      receiveCount: message.receiveCount,
      deadLetteredAt: clock.now(),
    });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: await this.queueUrl(), ReceiptHandle: message.receiptHandle }));
  }

  async extendVisibility(message: ReceivedMessage, seconds: number): Promise<void> {
    await this.changeVisibility(message, seconds);
  }

  private async changeVisibility(message: ReceivedMessage, seconds: number): Promise<void> {
    await this.options.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: await this.queueUrl(),
        ReceiptHandle: message.receiptHandle,
        VisibilityTimeout: clamp(seconds, 0, SQS_LIMITS.maxVisibilitySeconds),
      }),
    );
  }

  private queueUrl(): Promise<string> {
    return this.options.urls.urlOf(this.options.names.queue(this.options.queue.name));
  }
}

/** The port's view of an SQS message. */
export function toReceivedMessage(message: Message): ReceivedMessage {
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
  };
}
