import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type Clock, systemClock } from '../ports/clock.js';
import type { ReceivedMessage } from '../ports/events.js';
import { GatheringTurn } from '../runtime/gathering-turn.js';
import { type Outcome, type ProcessorDependencies, processMessage } from '../runtime/message-processor.js';
import { topologyQueueOfSqsName } from './resource-names.js';
import { exhaustedReason, sendToDeadLetterQueue } from './sqs-dead-letters.js';
import { SQS_LIMITS } from './sqs-queue-consumer.js';
import { SqsQueueUrls } from './sqs-queue-urls.js';

/** One record of the SQS event Lambda passes to a handler (the fields jobpipe reads). */
export interface SqsLambdaRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: { readonly ApproximateReceiveCount?: string };
  /** `arn:aws:sqs:<region>:<account>:<queue name>` */
  readonly eventSourceARN: string;
}

/** The SQS event of a Lambda event source mapping. */
export interface SqsLambdaEvent {
  readonly Records: readonly SqsLambdaRecord[];
}

/** Partial batch response: the records Lambda should leave on the queue for another try. */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** What the Lambda wrapper needs: the processor's dependencies, and SQS for dead letters and backoff. */
export interface SqsLambdaHandlerOptions extends ProcessorDependencies {
  /** Defaults to a client configured by the Lambda environment. */
  readonly sqs?: SQSClient;
  readonly clock?: Clock;
  /**
   * Publishes what the outbox holds (`RuntimePorts.flushEvents`): run before each batch, for events
   * an earlier invocation left, and after it. A Lambda has no relay running between invocations.
   */
  readonly flushEvents?: () => Promise<void>;
  /** Runs the batch's handlers so that their events go out together (`RuntimePorts.eventsTogether`). */
  readonly eventsTogether?: <T>(work: () => Promise<T>) => Promise<T>;
}

const queueNameOfArn = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

/**
 * Wraps a handler table as a Lambda SQS handler (event source mapping with ReportBatchItemFailures).
 * Each record runs through `processMessage`, as under the pollers. Permanent failures, and retries on
 * their last allowed receive, are sent to the queue's DLQ with the reason and reported as done; other
 * failures get their backoff as a visibility change and are reported in `batchItemFailures`, as is any
 * record whose dead-lettering failed (never dropped). With `flushEvents`, the events the batch committed
 * are published before returning; when that fails every record is reported for another try.
 */
export function createSqsLambdaHandler(options: SqsLambdaHandlerOptions): (event: SqsLambdaEvent) => Promise<SqsBatchResponse> {
  const sqs = options.sqs ?? new SQSClient({});
  const urls = new SqsQueueUrls(sqs);
  const clock = options.clock ?? systemClock;

  async function deadLetter(record: SqsLambdaRecord, message: ReceivedMessage, reason: string): Promise<boolean> {
    const queueName = queueNameOfArn(record.eventSourceARN);
    try {
      await sendToDeadLetterQueue(sqs, await urls.urlOf(`${queueName}-dlq`), {
        messageId: record.messageId,
        body: record.body,
        reason,
        sourceQueue: topologyQueueOfSqsName(queueName)?.name ?? queueName,
        receiveCount: message.receiveCount,
        deadLetteredAt: clock.now(),
      });
      options.logger.warn({ messageId: record.messageId, queue: queueName, reason }, 'dead-lettered');
      return true;
    } catch (error) {
      options.logger.error(
        { messageId: record.messageId, queue: queueName, err: String(error) },
        'dead-lettering failed; leaving it on the queue',
      );
      return false;
    }
  }

  async function delayRetry(record: SqsLambdaRecord, delaySeconds: number): Promise<void> {
    const queueName = queueNameOfArn(record.eventSourceARN);
    try {
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: await urls.urlOf(queueName),
          ReceiptHandle: record.receiptHandle,
          VisibilityTimeout: Math.min(SQS_LIMITS.maxVisibilitySeconds, Math.max(0, Math.round(delaySeconds))),
        }),
      );
    } catch (error) {
      // The queue's visibility timeout applies instead: a later retry, never a lost message.
      options.logger.warn({ messageId: record.messageId, err: String(error) }, 'could not set the retry delay');
    }
  }

  /** Whether Lambda may delete the record (handled, or parked in the DLQ). */
  async function settle(record: SqsLambdaRecord, message: ReceivedMessage, outcome: Outcome): Promise<boolean> {
    if (outcome.kind === 'ack') return true;
    if (outcome.kind === 'dead-letter') return deadLetter(record, message, outcome.reason);
    const queue = topologyQueueOfSqsName(queueNameOfArn(record.eventSourceARN));
    if (queue && message.receiveCount >= queue.maxReceiveCount) {
      return deadLetter(record, message, exhaustedReason(queue.maxReceiveCount, outcome.reason));
    }
    await delayRetry(record, outcome.delaySeconds);
    return false;
  }

  return async (event) => {
    await options
      .flushEvents?.()
      .catch((error: unknown) =>
        options.logger.warn({ err: String(error) }, 'events left by an earlier invocation are still waiting in the outbox'),
      );
    // The records run as one turn, so the storage requests of their handlers go out together.
    const handleAll = async () =>
      (
        await GatheringTurn.settleTogether(
          event.Records.map((record) => async () => {
            const message: ReceivedMessage = {
              messageId: record.messageId,
              receiptHandle: record.receiptHandle,
              body: record.body,
              receiveCount: Number(record.attributes.ApproximateReceiveCount ?? 1),
            };
            const queue = topologyQueueOfSqsName(queueNameOfArn(record.eventSourceARN));
            // Every earlier receive ended without a verdict (the function crashed or timed out).
            if (queue && message.receiveCount > queue.maxReceiveCount) {
              return deadLetter(
                record,
                message,
                exhaustedReason(queue.maxReceiveCount, 'visibility timeout expired (handler crashed or timed out)'),
              );
            }
            return settle(record, message, await processMessage(message, options));
          }),
        )
      ).map((result) => {
        if (result.status === 'rejected') throw result.reason;
        return result.value;
      });
    const settled = await (options.eventsTogether ? options.eventsTogether(handleAll) : handleAll());
    try {
      await options.flushEvents?.();
    } catch (error) {
      // The batch's changes and events are committed; failing the records brings this function back
      // after their visibility timeout, and that invocation publishes the waiting events first.
      options.logger.warn({ err: String(error) }, 'publishing the outbox failed; the records come back to retry it');
      return { batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) };
    }
    return {
      batchItemFailures: event.Records.filter((_, i) => !settled[i]).map((record) => ({ itemIdentifier: record.messageId })),
    };
  };
}
