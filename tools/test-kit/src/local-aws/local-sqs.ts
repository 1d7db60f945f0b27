import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsWireError, type JsonOperation, requiredString } from './json-wire.js';
import { md5OfBody, md5OfMessageAttributes, type WireMessageAttribute } from './sqs-message-md5.js';

const ACCOUNT = '000000000000';
const MAX_BATCH = 10;
const MAX_WAIT_SECONDS = 20;
/** How often a long poll looks again for a message whose visibility timeout or delay ran out. */
const RECHECK_MS = 100;

interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, WireMessageAttribute>>;
  readonly sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The handle of the latest receive; only it deletes or changes the message while in flight. */
  receiptHandle?: string;
}

interface LocalQueue {
  readonly name: string;
  readonly arn: string;
  readonly attributes: Record<string, string>;
  messages: StoredMessage[];
  /** Wakes long polls waiting on this queue. */
  readonly waiters: Set<() => void>;
}

const queueMissing = (what: string) =>
  new AwsWireError(
    'QueueDoesNotExist',
    `The specified queue ${what} does not exist.`,
    400,
    {},
    'AWS.SimpleQueueService.NonExistentQueue;Sender',
  );

/**
 * An in-memory SQS speaking the JSON protocol (`X-Amz-Target: AmazonSQS.<Operation>`): queues with their
 * attributes, visibility timeouts, delays, receive counts, long polls that answer as soon as a message
 * arrives, batches of up to 10 with per-entry failures, message attributes with their MD5s, and the
 * redrive policy (a message received more than `maxReceiveCount` times moves to its dead-letter queue).
 * For tests and the bench; never part of a production package.
 */
export class LocalSqs {
  private readonly queues = new Map<string, LocalQueue>();

  constructor(private readonly region: string) {}

  /** The JSON-protocol operations, by name. */
  operations(endpoint: () => string): Record<string, JsonOperation> {
    const urlOf = (name: string) => `${endpoint()}/${ACCOUNT}/${name}`;
    return {
      CreateQueue: (input) => {
        const name = requiredString(input, 'QueueName', 'InvalidParameterValue');
        if (!/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(name)) throw new AwsWireError('InvalidParameterValue', `invalid queue name '${name}'`);
        if (!this.queues.has(name)) {
          this.queues.set(name, {
            name,
            arn: `arn:aws:sqs:${this.region}:${ACCOUNT}:${name}`,
            attributes: { VisibilityTimeout: '30', DelaySeconds: '0', MessageRetentionPeriod: '345600', ...stringMap(input.Attributes) },
            messages: [],
            waiters: new Set(),
          });
        }
        return { QueueUrl: urlOf(name) };
      },
      GetQueueUrl: (input) => {
        const name = requiredString(input, 'QueueName', 'InvalidParameterValue');
        if (!this.queues.has(name)) throw queueMissing(name);
        return { QueueUrl: urlOf(name) };
      },
      ListQueues: (input) => {
        const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
        return { QueueUrls: [...this.queues.keys()].filter((name) => name.startsWith(prefix)).map(urlOf) };
      },
      DeleteQueue: (input) => {
        const queue = this.queueOf(input);
        this.queues.delete(queue.name);
        return {};
      },
      PurgeQueue: (input) => {
        this.queueOf(input).messages = [];
        return {};
      },
      GetQueueAttributes: (input) => ({ Attributes: this.attributesOf(this.queueOf(input), input.AttributeNames) }),
      SetQueueAttributes: (input) => {
        Object.assign(this.queueOf(input).attributes, stringMap(input.Attributes));
        return {};
      },
      SendMessage: (input) => {
        const queue = this.queueOf(input);
        return this.send(queue, requiredString(input, 'MessageBody', 'MissingParameter'), input);
      },
      SendMessageBatch: (input) => {
        const queue = this.queueOf(input);
        return this.batch(input, (entry) => {
          const { MessageId, MD5OfMessageBody, MD5OfMessageAttributes } = this.send(
            queue,
            requiredString(entry, 'MessageBody', 'MissingParameter'),
            entry,
          );
          return { MessageId, MD5OfMessageBody, ...(MD5OfMessageAttributes ? { MD5OfMessageAttributes } : {}) };
        });
      },
      ReceiveMessage: (input, response) => this.receive(this.queueOf(input), input, response),
      DeleteMessage: (input) => {
        this.remove(this.queueOf(input), requiredString(input, 'ReceiptHandle', 'MissingParameter'));
        return {};
      },
      DeleteMessageBatch: (input) => {
        const queue = this.queueOf(input);
        return this.batch(input, (entry) => {
          this.remove(queue, requiredString(entry, 'ReceiptHandle', 'MissingParameter'));
          return undefined;
        });
      },
      ChangeMessageVisibility: (input) => {
        this.changeVisibility(this.queueOf(input), input);
        return {};
      },
      ChangeMessageVisibilityBatch: (input) => {
        const queue = this.queueOf(input);
        return this.batch(input, (entry) => {
          this.changeVisibility(queue, entry);
          return undefined;
        });
      },
    };
  }

  /** Puts a message on the queue with this ARN (an EventBridge target); false when no such queue exists. */
  deliver(queueArn: string, body: string): boolean {
    const queue = [...this.queues.values()].find((candidate) => candidate.arn === queueArn);
    if (!queue) return false;
    this.send(queue, body, {});
    return true;
  }

  /** Messages on a queue by name (visible, in flight or delayed); 0 for an unknown queue. */
  depth(name: string): number {
    return this.queues.get(name)?.messages.length ?? 0;
  }

  private queueOf(input: Record<string, unknown>): LocalQueue {
    const url = requiredString(input, 'QueueUrl', 'MissingParameter');
    const name = url.slice(url.lastIndexOf('/') + 1);
    const queue = this.queues.get(name);
    if (!queue) throw queueMissing(url);
    return queue;
  }

  private attributesOf(queue: LocalQueue, requested: unknown): Record<string, string> {
    const now = Date.now();
    const all: Record<string, string> = {
      ...queue.attributes,
      QueueArn: queue.arn,
      ApproximateNumberOfMessages: String(queue.messages.filter((m) => m.visibleAt <= now).length),
      ApproximateNumberOfMessagesNotVisible: String(queue.messages.filter((m) => m.visibleAt > now && m.receiveCount > 0).length),
      ApproximateNumberOfMessagesDelayed: String(queue.messages.filter((m) => m.visibleAt > now && m.receiveCount === 0).length),
    };
    const names = Array.isArray(requested) ? (requested as string[]) : [];
    if (names.includes('All')) return all;
    return Object.fromEntries(names.filter((name) => name in all).map((name) => [name, all[name]!]));
  }

  private send(queue: LocalQueue, body: string, input: Record<string, unknown>) {
    if (Buffer.byteLength(body, 'utf8') > 262_144)
      throw new AwsWireError(
        'InvalidParameterValue',
        'One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.',
      );
    const attributes = (input.MessageAttributes ?? {}) as Record<string, WireMessageAttribute>;
    const delaySeconds = Number(input.DelaySeconds ?? queue.attributes.DelaySeconds ?? 0);
    const now = Date.now();
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      attributes,
      sentAt: now,
      visibleAt: now + delaySeconds * 1000,
      receiveCount: 0,
    };
    queue.messages.push(message);
    this.wake(queue);
    const md5OfAttributes = md5OfMessageAttributes(attributes);
    return {
      MessageId: message.messageId,
      MD5OfMessageBody: md5OfBody(body),
      ...(md5OfAttributes ? { MD5OfMessageAttributes: md5OfAttributes } : {}),
    };
  }

  private async receive(queue: LocalQueue, input: Record<string, unknown>, response: ServerResponse) {
    const max = Number(input.MaxNumberOfMessages ?? 1);
    const waitSeconds = Number(input.WaitTimeSeconds ?? queue.attributes.ReceiveMessageWaitTimeSeconds ?? 0);
    if (!Number.isInteger(max) || max < 1 || max > MAX_BATCH) {
      throw new AwsWireError(
        'InvalidParameterValue',
        `Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
      );
    }
    if (!Number.isInteger(waitSeconds) || waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
      throw new AwsWireError(
        'InvalidParameterValue',
        `Value ${waitSeconds} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`,
      );
    }
    const deadline = Date.now() + waitSeconds * 1000;
    // A caller that hangs up (an aborted long poll) is not answered.
    let closed = false;
    response.once('close', () => {
      closed = true;
    });
    for (;;) {
      const taken = this.take(queue, max, input);
      if (taken.length > 0 || Date.now() >= deadline || closed) return taken.length > 0 ? { Messages: taken } : {};
      // A long poll answers as soon as a message is sent, or a hidden one becomes visible again.
      await new Promise<void>((resolve) => {
        const wake = () => resolve();
        queue.waiters.add(wake);
        void sleep(Math.min(RECHECK_MS, Math.max(0, deadline - Date.now()))).then(() => {
          queue.waiters.delete(wake);
          resolve();
        });
      });
    }
  }

  /** Takes up to `max` visible messages, hiding them for the visibility timeout; moves exhausted ones to the DLQ. */
  private take(queue: LocalQueue, max: number, input: Record<string, unknown>) {
    const now = Date.now();
    const visibility = Number(input.VisibilityTimeout ?? queue.attributes.VisibilityTimeout ?? 30);
    const redrive = queue.attributes.RedrivePolicy
      ? (JSON.parse(queue.attributes.RedrivePolicy) as { deadLetterTargetArn: string; maxReceiveCount: number | string })
      : undefined;
    const taken: StoredMessage[] = [];
    for (const message of [...queue.messages]) {
      if (taken.length === max) break;
      if (message.visibleAt > now) continue;
      if (redrive && message.receiveCount >= Number(redrive.maxReceiveCount)) {
        // Received as often as the policy allows and not deleted: SQS moves it instead of delivering it again.
        queue.messages = queue.messages.filter((candidate) => candidate !== message);
        this.moveToDeadLetterQueue(redrive.deadLetterTargetArn, message);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + visibility * 1000;
      message.receiptHandle = `${message.messageId}#${message.receiveCount}#${randomUUID()}`;
      taken.push(message);
    }
    const systemNames = [...asStrings(input.AttributeNames), ...asStrings(input.MessageSystemAttributeNames)];
    const attributeNames = asStrings(input.MessageAttributeNames);
    return taken.map((message) => {
      const system: Record<string, string> = {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
        SenderId: ACCOUNT,
      };
      const chosenSystem = Object.fromEntries(
        Object.entries(system).filter(([name]) => systemNames.includes('All') || systemNames.includes(name)),
      );
      const chosenAttributes = Object.fromEntries(
        Object.entries(message.attributes).filter(
          ([name]) =>
            attributeNames.includes('All') ||
            attributeNames.includes(name) ||
            attributeNames.some((pattern) => pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1))),
        ),
      );
      const md5OfAttributes = md5OfMessageAttributes(chosenAttributes);
      return {
        MessageId: message.messageId,
        ReceiptHandle: message.receiptHandle,
        MD5OfBody: md5OfBody(message.body),
        Body: message.body,
        ...(Object.keys(chosenSystem).length > 0 ? { Attributes: chosenSystem } : {}),
        ...(md5OfAttributes ? { MessageAttributes: chosenAttributes, MD5OfMessageAttributes: md5OfAttributes } : {}),
      };
    });
  }

  private moveToDeadLetterQueue(arn: string, message: StoredMessage): void {
    const deadLetters = [...this.queues.values()].find((candidate) => candidate.arn === arn);
    if (!deadLetters) return;
    // The message keeps its id, body, attributes and send time, as SQS's own redrive does.
    deadLetters.messages.push({ ...message, visibleAt: Date.now(), receiveCount: 0, receiptHandle: undefined });
  }

  private remove(queue: LocalQueue, receiptHandle: string): void {
    const messageId = messageIdOf(receiptHandle);
    // A stale handle of a message received again since deletes nothing (SQS answers success for it).
    queue.messages = queue.messages.filter((message) => message.messageId !== messageId || message.receiptHandle !== receiptHandle);
  }

  private changeVisibility(queue: LocalQueue, input: Record<string, unknown>): void {
    const receiptHandle = requiredString(input, 'ReceiptHandle', 'MissingParameter');
    const messageId = messageIdOf(receiptHandle);
    const seconds = Number(input.VisibilityTimeout);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 43_200) {
      throw new AwsWireError(
        'InvalidParameterValue',
        `Value ${String(input.VisibilityTimeout)} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.`,
      );
    }
    const message = queue.messages.find((candidate) => candidate.messageId === messageId && candidate.receiptHandle === receiptHandle);
    if (!message || message.visibleAt <= Date.now()) {
      throw new AwsWireError(
        'MessageNotInflight',
        'The message referred to is not in flight.',
        400,
        {},
        'AWS.SimpleQueueService.MessageNotInflight;Sender',
      );
    }
    message.visibleAt = Date.now() + seconds * 1000;
    if (seconds === 0) this.wake(queue);
  }

  /** Runs a batch operation entry by entry: an entry that fails is reported in `Failed`, the others succeed. */
  private batch(input: Record<string, unknown>, perEntry: (entry: Record<string, unknown>) => Record<string, unknown> | undefined) {
    const entries = Array.isArray(input.Entries) ? (input.Entries as Record<string, unknown>[]) : [];
    if (entries.length === 0)
      throw new AwsWireError(
        'EmptyBatchRequest',
        'There should be at least one entry in the request.',
        400,
        {},
        'AWS.SimpleQueueService.EmptyBatchRequest;Sender',
      );
    if (entries.length > MAX_BATCH) {
      throw new AwsWireError(
        'TooManyEntriesInBatchRequest',
        `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
        400,
        {},
        'AWS.SimpleQueueService.TooManyEntriesInBatchRequest;Sender',
      );
    }
    const ids = entries.map((entry) => String(entry.Id));
    if (new Set(ids).size !== ids.length) {
      throw new AwsWireError(
        'BatchEntryIdsNotDistinct',
        'Two or more batch entries in the request have the same Id.',
        400,
        {},
        'AWS.SimpleQueueService.BatchEntryIdsNotDistinct;Sender',
      );
    }
    const Successful: Record<string, unknown>[] = [];
    const Failed: Record<string, unknown>[] = [];
    for (const entry of entries) {
      try {
        Successful.push({ Id: entry.Id, ...(perEntry(entry) ?? {}) });
      } catch (error) {
        const wire = error instanceof AwsWireError ? error : new AwsWireError('InternalError', String(error), 500);
        Failed.push({ Id: entry.Id, SenderFault: wire.status < 500, Code: wire.type, Message: wire.message });
      }
    }
    return { Successful, Failed };
  }

  private wake(queue: LocalQueue): void {
    for (const wake of queue.waiters) wake();
    queue.waiters.clear();
  }
}

function messageIdOf(receiptHandle: string): string {
  const messageId = receiptHandle.split('#')[0] ?? '';
  if (!/^[0-9a-f-]{36}$/.test(messageId))
    throw new AwsWireError(
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
      400,
      {},
      'ReceiptHandleIsInvalid;Sender',
    );
  return messageId;
}

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function stringMap(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null)
    throw new AwsWireError('InvalidAttributeName', 'Attributes must be a map of names to strings');
  return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, String(entry)]));
}
