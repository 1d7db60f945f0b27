import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { AwsClientStub } from 'aws-sdk-client-mock';

interface StoredMessage {
  readonly id: string;
  readonly body: string;
  readonly attributes: Record<string, MessageAttributeValue>;
  readonly sentAt: number;
  receiveCount: number;
  visibleAt: number;
  receipt: string | undefined;
}

const ACCOUNT = '123456789012';

/**
 * Queues with SQS's visibility semantics behind an aws-sdk-client-mock stub, for the operations the
 * dead-letter admin uses: a receive hides what it returns for its VisibilityTimeout and counts the
 * receive; a message sent to a queue can be handed to `onSend` (a consumer failing it again, say).
 * `moveTasks: false` answers StartMessageMoveTask as an implementation without it does.
 */
export class FakeSqs {
  private readonly queues = new Map<string, StoredMessage[]>();
  private now = Date.parse('2026-03-01T10:00:00.000Z');
  private lastMove: { source: string; moved: number } | undefined;
  onSend: ((queue: string, message: { body: string }) => void) | undefined;

  constructor(
    stub: AwsClientStub<SQSClient>,
    private readonly options: { readonly moveTasks: boolean } = { moveTasks: true },
  ) {
    stub.on(GetQueueUrlCommand).callsFake((input) => ({ QueueUrl: this.urlOf(input.QueueName) }));
    stub.on(GetQueueAttributesCommand).callsFake((input) => this.attributes(this.nameOf(input.QueueUrl)));
    stub.on(ReceiveMessageCommand).callsFake((input) => ({
      Messages: this.receive(this.nameOf(input.QueueUrl), input.MaxNumberOfMessages ?? 1, input.VisibilityTimeout ?? 30),
    }));
    stub.on(SendMessageCommand).callsFake((input) => ({
      MessageId: this.send(this.nameOf(input.QueueUrl), input.MessageBody ?? '', input.MessageAttributes ?? {}),
    }));
    stub.on(DeleteMessageCommand).callsFake((input) => {
      const queue = this.queue(this.nameOf(input.QueueUrl));
      const index = queue.findIndex((message) => message.receipt === input.ReceiptHandle);
      if (index >= 0) queue.splice(index, 1);
      return {};
    });
    stub.on(ChangeMessageVisibilityBatchCommand).callsFake((input) => {
      for (const entry of input.Entries ?? []) {
        const message = this.queue(this.nameOf(input.QueueUrl)).find((candidate) => candidate.receipt === entry.ReceiptHandle);
        if (message) message.visibleAt = this.now + (entry.VisibilityTimeout ?? 0) * 1000;
      }
      return { Successful: (input.Entries ?? []).map((entry: { Id?: string }) => ({ Id: entry.Id })), Failed: [] };
    });
    stub.on(StartMessageMoveTaskCommand).callsFake((input) => {
      if (!this.options.moveTasks) {
        const error = new Error('StartMessageMoveTask is not supported');
        error.name = 'UnsupportedOperation';
        throw error;
      }
      const source = this.nameOfArn(input.SourceArn);
      const destination = this.nameOfArn(input.DestinationArn ?? '');
      // SQS moves the messages present when the task starts; the fake moves them at once.
      const present = this.queue(source).splice(0);
      for (const message of present) this.send(destination, message.body, message.attributes);
      this.lastMove = { source, moved: present.length };
      return { TaskHandle: 'task-1' };
    });
    stub.on(ListMessageMoveTasksCommand).callsFake(() => ({
      Results: this.lastMove
        ? [
            {
              Status: 'COMPLETED',
              ApproximateNumberOfMessagesMoved: this.lastMove.moved,
              ApproximateNumberOfMessagesToMove: this.lastMove.moved,
            },
          ]
        : [],
    }));
  }

  /** Puts a message on a queue as if sent there; returns its id. */
  send(queueName: string, body: string, attributes: Record<string, MessageAttributeValue> = {}): string {
    const id = randomUUID();
    this.queue(queueName).push({ id, body, attributes, sentAt: this.now, receiveCount: 0, visibleAt: this.now, receipt: undefined });
    this.onSend?.(queueName, { body });
    return id;
  }

  /** How many times each message of a queue was received, by body. */
  receiveCounts(queueName: string): number[] {
    return this.queue(queueName).map((message) => message.receiveCount);
  }

  /** The bodies on a queue, visible or not. */
  bodies(queueName: string): string[] {
    return this.queue(queueName).map((message) => message.body);
  }

  /** Moves the clock on (hidden messages become visible when their timeout passes). */
  advance(ms: number): void {
    this.now += ms;
  }

  urlOf(name: string): string {
    return `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}`;
  }

  private receive(queueName: string, max: number, visibilityTimeout: number): Message[] {
    const visible = this.queue(queueName).filter((message) => message.visibleAt <= this.now);
    return visible.slice(0, max).map((message) => {
      message.receiveCount += 1;
      message.receipt = randomUUID();
      message.visibleAt = this.now + visibilityTimeout * 1000;
      return {
        MessageId: message.id,
        ReceiptHandle: message.receipt,
        Body: message.body,
        Attributes: { ApproximateReceiveCount: String(message.receiveCount), SentTimestamp: String(message.sentAt) },
        ...(Object.keys(message.attributes).length > 0 ? { MessageAttributes: message.attributes } : {}),
      };
    });
  }

  private attributes(queueName: string) {
    const queue = this.queue(queueName);
    const visible = queue.filter((message) => message.visibleAt <= this.now).length;
    return {
      Attributes: {
        QueueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:${queueName}`,
        ApproximateNumberOfMessages: String(visible),
        ApproximateNumberOfMessagesNotVisible: String(queue.length - visible),
      },
    };
  }

  private queue(name: string): StoredMessage[] {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = [];
      this.queues.set(name, queue);
    }
    return queue;
  }

  private nameOf(url: string | undefined): string {
    return (url ?? '').slice((url ?? '').lastIndexOf('/') + 1);
  }

  private nameOfArn(arn: string): string {
    return arn.slice(arn.lastIndexOf(':') + 1);
  }
}
