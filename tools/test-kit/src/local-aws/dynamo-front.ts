/// <reference path="../dynalite.d.ts" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { AwsWireError } from './json-wire.js';

const TARGET_PREFIX = 'DynamoDB_20120810.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
const NAMESPACE = 'com.amazonaws.dynamodb.v20120810';
const MAX_TRANSACTION_ITEMS = 100;

type AttributeMap = Record<string, unknown>;
/** One answer of dynalite: status, body text and the headers worth passing on. */
interface DynaliteAnswer {
  readonly status: number;
  readonly text: string;
  readonly headers: Record<string, string>;
}

/** One write of a TransactWriteItems request, with what undoing it needs. */
interface TransactionStep {
  readonly kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  readonly table: string;
  readonly key: AttributeMap;
  readonly request: Record<string, unknown>;
}

/**
 * DynamoDB for tests and the bench: dynalite (in memory) behind a front that adds what dynalite 4 lacks,
 * `TransactWriteItems`. Every request passes through the front one at a time, so a transaction is atomic:
 * its writes are applied in order, each with its condition, and if any condition fails (or dynalite refuses
 * a write) the writes already applied are put back as they were and the caller gets
 * `TransactionCanceledException` with one cancellation reason per item, as DynamoDB answers. Not
 * implemented: `ClientRequestToken` idempotency, and `TransactGetItems`.
 */
export class DynamoFront {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly server: ReturnType<typeof dynalite>,
    private readonly dynaliteUrl: string,
  ) {}

  /** Starts dynalite on a free port of 127.0.0.1 (tables are ACTIVE as soon as created). */
  static async start(): Promise<DynamoFront> {
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new DynamoFront(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  /** Whether a request is DynamoDB's (by its target). */
  static handles(request: IncomingMessage): boolean {
    return String(request.headers['x-amz-target'] ?? '').startsWith(TARGET_PREFIX);
  }

  /** Answers one DynamoDB request: TransactWriteItems here, everything else by dynalite. */
  async answer(request: IncomingMessage, response: ServerResponse, body: Buffer): Promise<void> {
    const operation = String(request.headers['x-amz-target']).slice(TARGET_PREFIX.length);
    const signing = {
      authorization: String(request.headers.authorization ?? ''),
      'x-amz-date': String(request.headers['x-amz-date'] ?? ''),
    };
    const answer = await this.oneAtATime(() =>
      operation === 'TransactWriteItems' ? this.transactWrite(body, signing) : this.call(operation, body.toString('utf8'), signing),
    );
    if (!response.destroyed) response.writeHead(answer.status, answer.headers).end(answer.text);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async call(operation: string, body: string, signing: Record<string, string>): Promise<DynaliteAnswer> {
    const answer = await fetch(this.dynaliteUrl, {
      method: 'POST',
      headers: { 'content-type': CONTENT_TYPE, 'x-amz-target': `${TARGET_PREFIX}${operation}`, ...signing },
      body,
    });
    const headers: Record<string, string> = { 'content-type': CONTENT_TYPE };
    for (const name of ['x-amz-crc32', 'x-amzn-requestid']) {
      const value = answer.headers.get(name);
      if (value) headers[name] = value;
    }
    return { status: answer.status, text: await answer.text(), headers };
  }

  private async callJson(operation: string, input: unknown, signing: Record<string, string>): Promise<Record<string, unknown>> {
    const answer = await this.call(operation, JSON.stringify(input), signing);
    const output = JSON.parse(answer.text || '{}') as Record<string, unknown>;
    if (answer.status !== 200) throw new DynaliteRefusal(answer, String(output.__type ?? ''));
    return output;
  }

  private async transactWrite(body: Buffer, signing: Record<string, string>): Promise<DynaliteAnswer> {
    try {
      const input = JSON.parse(body.toString('utf8') || '{}') as { TransactItems?: Record<string, Record<string, unknown>>[] };
      const steps = await this.stepsOf(input.TransactItems, signing);
      const applied: { step: TransactionStep; before: AttributeMap | undefined }[] = [];
      const reasons: Record<string, unknown>[] = [];
      let refusal: DynaliteRefusal | undefined;
      for (const step of steps) {
        const before = await this.itemOf(step, signing);
        try {
          await this.apply(step, signing);
          applied.push({ step, before });
          reasons.push({ Code: 'None' });
        } catch (error) {
          if (!(error instanceof DynaliteRefusal)) throw error;
          if (!error.type.endsWith('#ConditionalCheckFailedException')) {
            refusal = error;
            break;
          }
          const returnOld = step.request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && before;
          reasons.push({
            Code: 'ConditionalCheckFailed',
            Message: 'The conditional request failed',
            ...(returnOld ? { Item: before } : {}),
          });
        }
      }
      const cancelled = refusal !== undefined || reasons.some((reason) => reason.Code !== 'None');
      // A condition check (an update without actions) may have made an empty item: it is undone too.
      const undo = cancelled ? applied : applied.filter(({ step }) => step.kind === 'ConditionCheck');
      for (const { step, before } of undo.reverse()) await this.restore(step, before, signing);
      if (refusal) return refusal.answer;
      if (cancelled) {
        const codes = reasons.map((reason) => reason.Code).join(', ');
        throw new AwsWireError(
          'TransactionCanceledException',
          `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
          400,
          {
            CancellationReasons: reasons,
          },
        );
      }
      return { status: 200, text: '{}', headers: { 'content-type': CONTENT_TYPE } };
    } catch (error) {
      const wire = error instanceof AwsWireError ? error : new AwsWireError('InternalServerError', String(error), 500);
      return {
        status: wire.status,
        text: JSON.stringify({ __type: `${NAMESPACE}#${wire.type}`, message: wire.message, ...wire.extra }),
        headers: { 'content-type': CONTENT_TYPE },
      };
    }
  }

  /** The request's writes with their keys; a ValidationException for what DynamoDB refuses before writing. */
  private async stepsOf(items: unknown, signing: Record<string, string>): Promise<TransactionStep[]> {
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_TRANSACTION_ITEMS) {
      throw new AwsWireError(
        'ValidationException',
        `1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length between 1 and ${MAX_TRANSACTION_ITEMS}`,
      );
    }
    const steps: TransactionStep[] = [];
    const seen = new Set<string>();
    for (const item of items as Record<string, Record<string, unknown>>[]) {
      const kinds = Object.keys(item).filter((kind) =>
        ['Put', 'Update', 'Delete', 'ConditionCheck'].includes(kind),
      ) as TransactionStep['kind'][];
      if (kinds.length !== 1)
        throw new AwsWireError('ValidationException', 'each TransactItem must hold exactly one of Put, Update, Delete, ConditionCheck');
      const kind = kinds[0]!;
      const request = item[kind]!;
      const table = String(request.TableName ?? '');
      const key =
        kind === 'Put' ? await this.keyOf(table, request.Item as AttributeMap | undefined, signing) : ((request.Key ?? {}) as AttributeMap);
      const identity = JSON.stringify([table, key]);
      if (seen.has(identity))
        throw new AwsWireError('ValidationException', 'Transaction request cannot include multiple operations on one item');
      seen.add(identity);
      steps.push({ kind, table, key, request });
    }
    return steps;
  }

  /** The key attributes of an item of a table (DescribeTable's key schema). */
  private async keyOf(table: string, item: AttributeMap | undefined, signing: Record<string, string>): Promise<AttributeMap> {
    if (!item) throw new AwsWireError('ValidationException', 'a Put of a transaction needs an Item');
    const { Table } = (await this.callJson('DescribeTable', { TableName: table }, signing)) as {
      Table: { KeySchema: { AttributeName: string }[] };
    };
    return Object.fromEntries(Table.KeySchema.map(({ AttributeName }) => [AttributeName, item[AttributeName]]));
  }

  private async itemOf(step: TransactionStep, signing: Record<string, string>): Promise<AttributeMap | undefined> {
    const { Item } = await this.callJson('GetItem', { TableName: step.table, Key: step.key, ConsistentRead: true }, signing);
    return Item as AttributeMap | undefined;
  }

  private async apply(step: TransactionStep, signing: Record<string, string>): Promise<void> {
    const { ReturnValuesOnConditionCheckFailure: _returned, ...request } = step.request;
    const operation = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'UpdateItem' }[step.kind];
    await this.callJson(operation, step.kind === 'ConditionCheck' ? { ...request, Key: step.key } : request, signing);
  }

  private async restore(step: TransactionStep, before: AttributeMap | undefined, signing: Record<string, string>): Promise<void> {
    if (before) await this.callJson('PutItem', { TableName: step.table, Item: before }, signing);
    else await this.callJson('DeleteItem', { TableName: step.table, Key: step.key }, signing);
  }
}

/** dynalite refused a request: its answer as it was, and the error's `__type`. */
class DynaliteRefusal extends Error {
  constructor(
    readonly answer: DynaliteAnswer,
    readonly type: string,
  ) {
    super(`${type}: ${answer.text}`);
  }
}
