import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
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
  /** Between looks at a running message move task (default 1 s). */
  readonly movePollMs?: number;
}

// How long a scan keeps the dead letters it has seen out of sight, so each is received once per scan.
const SCAN_HOLD_SECONDS = 300;

// Errors of SQS implementations without message move tasks (redrive then moves message by message).
const NO_MOVE_TASKS = new Set([
  'UnsupportedOperation',
  'AWS.SimpleQueueService.UnsupportedOperation',
  'InvalidAction',
  'UnknownOperationException',
]);

/**
 * Whether the endpoint has no message move tasks: SQS's own error names, or an answer that is not SQS's
 * JSON at all (an AWS-compatible server without the operation: moto's server mode answers a 500 page,
 * which the SDK fails to parse). Real SQS never answers its JSON protocol with anything else.
 */
function lacksMoveTasks(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return NO_MOVE_TASKS.has(error.name) || (error.name === 'SyntaxError' && '$response' in error);
}

const MOVED_BY_REDRIVE_POLICY = 'moved by the SQS redrive policy after the maximum receives (SQS keeps no reason; see the consumer logs)';

/**
 * Operator view of the SQS dead-letter queues. SQS has no browse, so `list` and `count` scan: they
 * receive every dead letter once, holding each out of sight until the scan has seen them all, then make
 * them visible again — every message is seen and counted, and none is received more than once per scan.
 * `redrive` of a whole DLQ starts an SQS message move task (it moves the messages present when it
 * starts); where SQS has none, and for chosen ids, it moves message by message, never a message that
 * was dead-lettered after the redrive began or one it has already moved, so a message that fails again
 * cannot loop.
 */
export class SqsDeadLetterAdmin implements DeadLetterAdmin {
  constructor(private readonly options: SqsDeadLetterAdminOptions) {}

  async list(queue: string, limit: number): Promise<DeadLetter[]> {
    const letters: DeadLetter[] = [];
    await this.scan(await this.deadLetterUrl(queue), (message) => {
      letters.push(toDeadLetter(message));
      return 'keep';
    });
    return letters.sort((a, b) => a.deadLetteredAt.localeCompare(b.deadLetteredAt)).slice(0, limit);
  }

  async count(queue: string): Promise<number> {
    let count = 0;
    await this.scan(await this.deadLetterUrl(queue), () => {
      count += 1;
      return 'keep';
    });
    return count;
  }

  async redrive(queue: string, messageIds?: readonly string[]): Promise<number> {
    if (!messageIds) {
      const moved = await this.moveTask(queue);
      if (moved !== undefined) return moved;
    }
    return this.moveOneByOne(queue, messageIds ? new Set(messageIds) : undefined);
  }

  async depth(queue: string): Promise<QueueDepth> {
    const { urls, names } = this.options;
    const [source, dead] = await Promise.all([
      this.counts(await urls.urlOf(names.queue(queue))),
      this.counts(await this.deadLetterUrl(queue)),
    ]);
    return { ready: source.ready, inFlight: source.inFlight, deadLettered: dead.ready + dead.inFlight };
  }

  /** Moves the whole DLQ with StartMessageMoveTask and waits for it; undefined where SQS has no move tasks. */
  private async moveTask(queue: string): Promise<number | undefined> {
    const { sqs, urls, names } = this.options;
    const sourceArn = await this.arnOf(await this.deadLetterUrl(queue));
    const destinationArn = await this.arnOf(await urls.urlOf(names.queue(queue)));
    try {
      await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: sourceArn, DestinationArn: destinationArn }));
    } catch (error) {
      if (lacksMoveTasks(error)) return undefined;
      throw error;
    }
    for (;;) {
      const { Results } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 1 }));
      const task = Results?.[0];
      if (task?.Status === 'FAILED')
        throw new Error(`the message move task of ${names.deadLetterQueue(queue)} failed: ${task.FailureReason ?? 'no reason given'}`);
      if (task && task.Status !== 'RUNNING') return task.ApproximateNumberOfMessagesMoved ?? 0;
      await new Promise((resolve) => setTimeout(resolve, this.options.movePollMs ?? 1000));
    }
  }

  /** Re-sends dead letters to the source queue (then deletes them), each original message at most once. */
  private async moveOneByOne(queue: string, wanted: Set<string> | undefined): Promise<number> {
    const { sqs, urls, names } = this.options;
    const sourceUrl = await urls.urlOf(names.queue(queue));
    const startedAt = new Date().toISOString();
    const moved = new Set<string>();
    await this.scan(await this.deadLetterUrl(queue), async (message) => {
      const letter = toDeadLetter(message);
      const arrivedDuringRedrive = letter.deadLetteredAt !== '' && letter.deadLetteredAt >= startedAt;
      if (moved.has(letter.messageId) || arrivedDuringRedrive || (wanted && !wanted.has(letter.messageId))) return 'keep';
      await sqs.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: message.Body ?? '' }));
      moved.add(letter.messageId);
      return 'delete';
    });
    return moved.size;
  }

  /**
   * Receives every message of a queue once: `visit` says whether to keep it (made visible again when
   * the scan ends) or delete it. Ends when a receive finds nothing visible.
   */
  private async scan(url: string, visit: (message: Message) => 'keep' | 'delete' | Promise<'keep' | 'delete'>): Promise<void> {
    const held: Message[] = [];
    try {
      for (;;) {
        const messages = await this.receive(url);
        if (messages.length === 0) return;
        for (const message of messages) {
          if ((await visit(message)) === 'keep') held.push(message);
          else await this.options.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
        }
      }
    } finally {
      await this.makeVisible(url, held);
    }
  }

  private deadLetterUrl(queue: string): Promise<string> {
    return this.options.urls.urlOf(this.options.names.deadLetterQueue(queue));
  }

  private async arnOf(url: string): Promise<string> {
    const { Attributes } = await this.options.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
    if (!Attributes?.QueueArn) throw new Error(`GetQueueAttributes returned no ARN for ${url}`);
    return Attributes.QueueArn;
  }

  private async receive(url: string): Promise<Message[]> {
    const output = await this.options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: SQS_LIMITS.maxBatch,
        VisibilityTimeout: SCAN_HOLD_SECONDS,
        // A short long-poll asks every SQS server, so an empty answer means nothing is visible.
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

/**
 * A dead letter as the port shows it. jobpipe's attributes give the id the message had on its source
 * queue and when it was dead-lettered; a message the redrive policy moved keeps its id, and SQS records
 * no time for the move, so it has none (its send time would be wrong).
 */
function toDeadLetter(message: Message): DeadLetter {
  const attribute = (name: string) => message.MessageAttributes?.[name]?.StringValue;
  return {
    messageId: attribute(DEAD_LETTER_ATTRIBUTES.messageId) ?? message.MessageId ?? '',
    body: message.Body ?? '',
    reason: attribute(DEAD_LETTER_ATTRIBUTES.reason) ?? MOVED_BY_REDRIVE_POLICY,
    receiveCount: Number(attribute(DEAD_LETTER_ATTRIBUTES.receiveCount) ?? message.Attributes?.ApproximateReceiveCount ?? 0),
    deadLetteredAt: attribute(DEAD_LETTER_ATTRIBUTES.deadLetteredAt) ?? '',
  };
}
