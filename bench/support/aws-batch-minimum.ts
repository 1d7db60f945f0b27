/**
 * The least AWS requests a piece of work allows, for `aws.ratioToBatchMinimum`: the units of work each
 * SDK call carried (events published, messages received, deleted, sent or re-timed, items written or read
 * by key), metered per service as the calls go out, and the fewest calls the batch limits of the AWS APIs
 * allow for them.
 */
import type { AwsClients } from '@jobpipe/shared/aws';

/** A kind of work an AWS call does, with the most of it one call can carry. */
export const BATCH_LIMITS = {
  /** PutEvents entries (10 per request). */
  eventsPublished: 10,
  /** Messages returned by ReceiveMessage (10 per request). */
  messagesReceived: 10,
  /** Messages deleted: DeleteMessage (1) or DeleteMessageBatch entries (10). */
  messagesDeleted: 10,
  /** Messages sent (dead letters): SendMessage (1) or SendMessageBatch entries (10). */
  messagesSent: 10,
  /** Visibility changes (releases, heartbeats): ChangeMessageVisibility (1) or its batch (10). */
  visibilityChanges: 10,
  /** Items put, updated or deleted: PutItem/UpdateItem/DeleteItem (1), BatchWriteItem (25), TransactWriteItems items. */
  itemsWritten: 25,
  /** Items read by key: GetItem (1) or BatchGetItem keys (100). */
  itemsReadByKey: 100,
  /** Calls no batch API can merge (a Query or Scan page, an S3 object, GetQueueUrl, a secret): one each. */
  unbatchable: 1,
} as const;

/** A kind of unit of work. */
export type WorkUnit = keyof typeof BATCH_LIMITS;

/** Units of work per kind, as one service's calls carried them. */
export type WorkUnits = Record<WorkUnit, number>;

const lengthOf = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** The units of work one successful SDK call (`<Service>.<Operation>`) carried, from its input and output. */
export function unitsOf(operation: string, input: Record<string, unknown>, output: Record<string, unknown>): [WorkUnit, number] {
  switch (operation) {
    case 'EventBridge.PutEvents':
      return ['eventsPublished', lengthOf(input.Entries)];
    case 'SQS.ReceiveMessage':
      return ['messagesReceived', lengthOf(output.Messages)];
    case 'SQS.DeleteMessage':
      return ['messagesDeleted', 1];
    case 'SQS.DeleteMessageBatch':
      return ['messagesDeleted', lengthOf(input.Entries)];
    case 'SQS.SendMessage':
      return ['messagesSent', 1];
    case 'SQS.SendMessageBatch':
      return ['messagesSent', lengthOf(input.Entries)];
    case 'SQS.ChangeMessageVisibility':
      return ['visibilityChanges', 1];
    case 'SQS.ChangeMessageVisibilityBatch':
      return ['visibilityChanges', lengthOf(input.Entries)];
    case 'DynamoDB.PutItem':
    case 'DynamoDB.UpdateItem':
    case 'DynamoDB.DeleteItem':
      return ['itemsWritten', 1];
    case 'DynamoDB.BatchWriteItem':
      return [
        'itemsWritten',
        Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>).reduce((sum, writes) => sum + lengthOf(writes), 0),
      ];
    case 'DynamoDB.TransactWriteItems':
      return ['itemsWritten', lengthOf(input.TransactItems)];
    case 'DynamoDB.GetItem':
      return ['itemsReadByKey', 1];
    case 'DynamoDB.BatchGetItem':
      return [
        'itemsReadByKey',
        Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: unknown[] }>).reduce(
          (sum, request) => sum + lengthOf(request.Keys),
          0,
        ),
      ];
    default:
      return ['unbatchable', 1];
  }
}

/** Units of work of each service, metered as their calls go out. */
export class WorkMeter {
  private readonly byService = new Map<string, WorkUnits>();

  /** Adds a middleware to a service's clients that meters the units of each call that succeeds (once per call, not per retry). */
  meter(service: string, clients: Pick<AwsClients, 'eventBridge' | 'sqs' | 'dynamo' | 's3' | 'secrets'>): void {
    const units = this.unitsOf(service);
    const clientServices = { eventBridge: 'EventBridge', sqs: 'SQS', dynamo: 'DynamoDB', s3: 'S3', secrets: 'SecretsManager' } as const;
    for (const [key, awsService] of Object.entries(clientServices) as [keyof typeof clientServices, string][]) {
      (clients[key].middlewareStack as unknown as MeteringStack).add(
        (next, context) => async (args) => {
          const result = (await next(args)) as { output?: Record<string, unknown> };
          const operation = `${awsService}.${String(context.commandName ?? '').replace(/Command$/, '')}`;
          const [unit, count] = unitsOf(operation, (args as { input?: Record<string, unknown> }).input ?? {}, result.output ?? {});
          units[unit] += count;
          return result;
        },
        { step: 'initialize', name: 'jobpipeWorkMeter' },
      );
    }
  }

  /** The units metered, per service. */
  services(): [string, WorkUnits][] {
    return [...this.byService];
  }

  /**
   * The least calls the batch limits allow for the work metered: per service (services run apart and
   * cannot share a request) and per kind of work, ceil(units / batch limit), summed.
   */
  minimumCalls(): number {
    let calls = 0;
    for (const units of this.byService.values()) {
      for (const unit of Object.keys(BATCH_LIMITS) as WorkUnit[]) calls += Math.ceil(units[unit] / BATCH_LIMITS[unit]);
    }
    return calls;
  }

  private unitsOf(service: string): WorkUnits {
    let units = this.byService.get(service);
    if (!units) {
      units = Object.fromEntries(Object.keys(BATCH_LIMITS).map((unit) => [unit, 0])) as WorkUnits;
      this.byService.set(service, units);
    }
    return units;
  }
}

/** The part of a client's middleware stack the meter uses (every SDK v3 client has it). */
interface MeteringStack {
  add(
    middleware: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => Promise<unknown>,
    options: { step: 'initialize'; name: string },
  ): void;
}
