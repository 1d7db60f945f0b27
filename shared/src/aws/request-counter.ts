import type { AwsClients } from './aws-clients.js';

/** Requests sent to AWS, per `<service>.<operation>` (e.g. `SQS.ReceiveMessage`), retries included. */
export class AwsRequestCount {
  private readonly counts = new Map<string, number>();

  /** Counts one request (or `times` requests) of an operation. */
  add(operation: string, times = 1): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + times);
  }

  /** Requests of one operation, or of all when none is named. */
  total(operation?: string): number {
    if (operation !== undefined) return this.counts.get(operation) ?? 0;
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  /** Every operation with its count, most requested first. */
  byOperation(): [string, number][] {
    return [...this.counts].sort((a, b) => b[1] - a[1]);
  }
}

/** The part of a client's middleware stack the counter uses (every SDK v3 client has it). */
interface CountingStack {
  add(
    middleware: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => Promise<unknown>,
    options: { step: 'finalizeRequest'; priority: 'low'; name: string },
  ): void;
}

type Counted = Pick<AwsClients, 'eventBridge' | 'sqs' | 'dynamo' | 's3' | 'secrets'>;

const SERVICE_OF: Record<keyof Counted, string> = {
  eventBridge: 'EventBridge',
  sqs: 'SQS',
  dynamo: 'DynamoDB',
  s3: 'S3',
  secrets: 'SecretsManager',
};

/**
 * Adds a middleware to every client that counts each request it sends, after the SDK's own retries (so
 * a retried call counts once per attempt, as AWS bills it). The document client sends through `dynamo`,
 * so it is counted there. For benchmarks and diagnostics: `aws.requestsPer1000Postings`,
 * `aws.idleRequestsPerHour`.
 */
export function countAwsRequests(clients: Counted, count: AwsRequestCount = new AwsRequestCount()): AwsRequestCount {
  for (const key of Object.keys(SERVICE_OF) as (keyof Counted)[]) {
    const service = SERVICE_OF[key];
    (clients[key].middlewareStack as unknown as CountingStack).add(
      (next, context) => async (args) => {
        count.add(`${service}.${String(context.commandName ?? 'unknown').replace(/Command$/, '')}`);
        return next(args);
      },
      // After the retry middleware (finalizeRequest, high priority): one count per attempt sent.
      { step: 'finalizeRequest', priority: 'low', name: 'jobpipeRequestCounter' },
    );
  }
  return count;
}
