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

  async receive(max: number, waitMs: number, signal?: AbortSignal): Promise<ReceivedMessage[]> {
    if (signal?.aborted) return [];
    const request = this.options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: await this.queueUrl(),
        MaxNumberOfMessages: clamp(max, 1, SQS_LIMITS.maxBatch),
        WaitTimeSeconds: clamp(Math.ceil(waitMs / 1000), 0, SQS_LIMITS.maxWaitSeconds),
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
      signal ? { abortSignal: signal } : {},
    );
    const output = await (signal ? untilAborted(request, signal) : request);
    const received = (output?.Messages ?? []).map(toReceivedMessage);
    // Received once more than allowed: every earlier receive ended without a verdict (the handler crashed
    // or was killed). Dead-letter it here, with a reason, rather than leave it to the redrive policy.
    const { maxReceiveCount } = this.options.queue;
    const exhausted = received.filter((message) => message.receiveCount > maxReceiveCount);
    for (const message of exhausted) {
      await this.deadLetter(message, exhaustedReason(maxReceiveCount, 'visibility timeout expired (handler crashed or was killed)'));
    }
    return received.filter((message) => message.receiveCount <= maxReceiveCount);
  }

  async ack(messages: readonly ReceivedMessage[]): Promise<void> {
    const url = await this.queueUrl();
    const undeleted: ReceivedMessage[] = [];
    for (let start = 0; start < messages.length; start += SQS_LIMITS.maxBatch) {
      undeleted.push(...(await this.deleteBatch(url, messages.slice(start, start + SQS_LIMITS.maxBatch))));
    }
    // A batch entry (or a whole batch request) that failed is tried again on its own, so one bad receipt
    // or one dropped request never leaves its handled neighbours on the queue.
    const failures: string[] = [];
    for (const message of undeleted) {
      try {
        await this.options.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.receiptHandle }));
      } catch (error) {
        failures.push(`${message.messageId} (${errorName(error)}: ${error instanceof Error ? error.message : String(error)})`);
      }
    }
    if (failures.length > 0) {
      this.logger.warn({ failures }, 'some handled messages could not be deleted; they will be delivered again');
      throw new TransientError('SQS_DELETE_FAILED', `DeleteMessage failed for ${failures.length} message(s): ${failures.join(', ')}`);
    }
  }

  /** Deletes one batch of up to 10; returns the messages it did not delete. */
  private async deleteBatch(url: string, chunk: readonly ReceivedMessage[]): Promise<ReceivedMessage[]> {
    try {
      const output = await this.options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: url,
          Entries: chunk.map((message, i) => ({ Id: String(i), ReceiptHandle: message.receiptHandle })),
        }),
      );
      const failed = (output.Failed ?? []).map((entry) => chunk[Number(entry.Id)]).filter((message) => message !== undefined);
      if (failed.length > 0) {
        this.logger.info({ failed: output.Failed }, 'DeleteMessageBatch refused some entries; deleting them one by one');
      }
      return failed;
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'DeleteMessageBatch failed; deleting its messages one by one');
      return [...chunk];
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
      messageId: message.messageId,
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

/**
 * A long poll's answer, or undefined as soon as the signal aborts (a stopping consumer does not wait out
 * the 20 s; the SDK also cancels the request, and an aborted request's rejection is ignored).
 */
function untilAborted<T>(request: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const aborted = () => resolve(undefined);
    signal.addEventListener('abort', aborted, { once: true });
    Promise.resolve(request).then(
      (value) => {
        signal.removeEventListener('abort', aborted);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', aborted);
        if (signal.aborted) resolve(undefined);
        else reject(error);
      },
    );
  });
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : 'Error');

/** The port's view of an SQS message. */
export function toReceivedMessage(message: Message): ReceivedMessage {
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
  };
}
