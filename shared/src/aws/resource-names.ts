import { deadLetterQueueName, QUEUES, type QueueDefinition } from '@jobpipe/contracts';

/**
 * Names of the AWS resources of one jobpipe installation, all derived from one prefix so several
 * installations (or test runs) can share an account.
 */
export class AwsResourceNames {
  constructor(readonly prefix: string) {}

  /** SQS queue of a topology queue: `<prefix>-<queue>`. */
  queue(queue: string): string {
    return `${this.prefix}-${queue}`;
  }

  /** Its dead-letter queue: `<prefix>-<queue>-dlq`. */
  deadLetterQueue(queue: string): string {
    return `${this.prefix}-${deadLetterQueueName(queue)}`;
  }

  /** EventBridge rule routing a queue's subscriptions to it. */
  rule(queue: string): string {
    return `${this.prefix}-${queue}`;
  }

  /** DynamoDB table: `<prefix>-<table>`. */
  table(table: string): string {
    return `${this.prefix}-${table}`;
  }

  /** Secrets Manager secret: `<prefix>/<name>`. */
  secret(name: string): string {
    return `${this.prefix}/${name}`;
  }
}

/** The topology queue an SQS queue name (`<any prefix>-<queue>`) belongs to, if any. */
export function topologyQueueOfSqsName(sqsName: string, queues: readonly QueueDefinition[] = QUEUES): QueueDefinition | undefined {
  return queues
    .filter((queue) => sqsName.endsWith(`-${queue.name}`))
    .sort((a, b) => b.name.length - a.name.length)
    .at(0);
}
