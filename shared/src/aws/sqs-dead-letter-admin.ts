import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterAdmin, QueueDepth } from '../ports/events.js';
import type { AwsResourceNames } from './resource-names.js';
import { DEAD_LETTER_ATTRIBUTES } from './sqs-dead-letters.js';
import { SQS_LIMITS } from './sqs-queue-consumer.js';
import type { SqsQueueUrls } from './sqs-queue-urls.js';

/** What the SQS dead-letter admin needs. */
export interface SqsDeadLetterAdminOptions {
  readonly sqs: SQSClient;
  readonly urls: SqsQueueUrls;
  readonly names: AwsResourceNames;
}

// How long redrive keeps the dead letters it is not moving out of sight, so each is seen once.
const REDRIVE_HOLD_SECONDS = 60;

const MOVED_BY_REDRIVE_POLICY = 'moved by the SQS redrive policy after the maximum receives (SQS keeps no reason; see the consumer logs)';

/**
 * Operator view of the SQS dead-letter queues. SQS has no browse: `list` peeks with ReceiveMessage and a
 * visibility timeout of 0 (messages stay available) until no unseen message comes back, so on a large
 * DLQ it may show fewer than `limit`. `redrive` receives, re-sends the body to the source queue and
 * deletes the dead letter (send before delete: a failure can duplicate, never lose, a message), which
 * unlike StartMessageMoveTask can move chosen messages and works for messages jobpipe dead-lettered itself.
 */
export class SqsDeadLetterAdmin implements DeadLetterAdmin {
  constructor(private readonly options: SqsDeadLetterAdminOptions) {}

  async list(queue: string, limit: number): Promise<DeadLetter[]> {
    const url = await this.deadLetterUrl(queue);
    const seen = new Map<string, DeadLetter>();
    while (seen.size < limit) {
      const messages = await this.receive(url, Math.min(SQS_LIMITS.maxBatch, limit - seen.size), 0);
      const unseen = messages.filter((message) => !seen.has(message.MessageId ?? ''));
      if (unseen.length === 0) break;
      for (const message of unseen) seen.set(message.MessageId ?? '', toDeadLetter(message));
    }
    return [...seen.values()].slice(0, limit);
  }

  async redrive(queue: string, messageIds?: readonly string[]): Promise<number> {
    const { sqs, urls, names } = this.options;
    const deadLetterUrl = await this.deadLetterUrl(queue);
    const sourceUrl = await urls.urlOf(names.queue(queue));
    const wanted = messageIds ? new Set(messageIds) : undefined;
    const held: Message[] = [];
    let moved = 0;
    try {
      while (wanted === undefined || wanted.size > 0) {
        const messages = await this.receive(deadLetterUrl, SQS_LIMITS.maxBatch, REDRIVE_HOLD_SECONDS);
        if (messages.length === 0) break;
        for (const message of messages) {
          if (wanted && !wanted.has(message.MessageId ?? '')) {
            held.push(message);
            continue;
          }
          await sqs.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: message.Body ?? '' }));
          await sqs.send(new DeleteMessageCommand({ QueueUrl: deadLetterUrl, ReceiptHandle: message.ReceiptHandle }));
          wanted?.delete(message.MessageId ?? '');
          moved += 1;
        }
      }
    } finally {
      await this.makeVisible(deadLetterUrl, held);
    }
    return moved;
  }

  async depth(queue: string): Promise<QueueDepth> {
    const { urls, names } = this.options;
    const [source, dead] = await Promise.all([
      this.counts(await urls.urlOf(names.queue(queue))),
      this.counts(await this.deadLetterUrl(queue)),
    ]);
    return { ready: source.ready, inFlight: source.inFlight, deadLettered: dead.ready + dead.inFlight };
  }

  private deadLetterUrl(queue: string): Promise<string> {
    return this.options.urls.urlOf(this.options.names.deadLetterQueue(queue));
  }

  private async receive(url: string, max: number, visibilityTimeout: number): Promise<Message[]> {
    const output = await this.options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: max,
        VisibilityTimeout: visibilityTimeout,
        // A short long-poll asks every SQS server, so an empty answer means an empty queue.
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
      }),
    );
    return output.Messages ?? [];
  }

  private async makeVisible(url: string, messages: readonly Message[]): Promise<void> {
    for (let start = 0; start < messages.length; start += SQS_LIMITS.maxBatch) {
      const chunk = messages.slice(start, start + SQS_LIMITS.maxBatch);
      await this.options.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: url,
          Entries: chunk.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 })),
        }),
      );
    }
  }

  private async counts(url: string): Promise<{ ready: number; inFlight: number }> {
    const output = await this.options.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return {
      ready: Number(output.Attributes?.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(output.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
    };
  }
}

/** A dead letter as the port shows it: jobpipe's attributes when it dead-lettered the message itself. */
function toDeadLetter(message: Message): DeadLetter {
  const attribute = (name: string) => message.MessageAttributes?.[name]?.StringValue;
  const sentAt = Number(message.Attributes?.SentTimestamp ?? Number.NaN);
  return {
    messageId: message.MessageId ?? '',
    body: message.Body ?? '',
    reason: attribute(DEAD_LETTER_ATTRIBUTES.reason) ?? MOVED_BY_REDRIVE_POLICY,
    receiveCount: Number(attribute(DEAD_LETTER_ATTRIBUTES.receiveCount) ?? message.Attributes?.ApproximateReceiveCount ?? 0),
    deadLetteredAt: attribute(DEAD_LETTER_ATTRIBUTES.deadLetteredAt) ?? (Number.isFinite(sentAt) ? new Date(sentAt).toISOString() : ''),
  };
}
