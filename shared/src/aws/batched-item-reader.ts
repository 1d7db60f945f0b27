import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { TransientError } from '../errors.js';
import type { Item } from '../ports/tables.js';
import { GatheringTurn, type TurnGatherer } from '../runtime/gathering-turn.js';
import { type RetryPolicy, retryFailedSubset } from './retry-failed-subset.js';

/** BatchGetItem takes at most 100 keys. */
const BATCH_GET_LIMIT = 100;
/**
 * How long a read waits for others to join it. The handlers of a batch start together but drift apart
 * by a few milliseconds after their own writes; gathering within one event-loop turn only caught about
 * half of their reads in the bench (`aws-requests`), 5 ms caught most, for 5 ms more per read.
 */
const GATHER_MS = 5;

/** One read asked for: the item's key in a DynamoDB table, and who waits for it. */
interface PendingRead {
  readonly tableName: string;
  readonly key: Record<string, string>;
  readonly identity: string;
  readonly waiting: { resolve(item: Item | undefined): void; reject(error: unknown): void }[];
}

const identityOf = (tableName: string, key: Record<string, string>) =>
  JSON.stringify([
    tableName,
    ...Object.keys(key)
      .sort()
      .map((name) => [name, key[name]]),
  ]);

/**
 * Strongly consistent reads by key, gathered: the reads the handlers of a received batch ask for while
 * they all wait (`GatheringTurn`), and elsewhere the reads asked for within `GATHER_MS` of the first (a
 * scraper run's postings, an API request's), go out as one BatchGetItem per 100 keys instead of one
 * GetItem each; a lone read stays a GetItem. A key asked for twice is read once.
 * Unprocessed keys are asked again with backoff; a read still unprocessed then fails with
 * `TransientError('TABLE_READ_INCOMPLETE')`. Each read sees the item as of its request, as concurrent
 * GetItems would: a read asked after a write has completed sees that write.
 */
export class BatchedItemReader implements TurnGatherer {
  private pending = new Map<string, PendingRead>();
  private readonly pendingOfTurn = new Map<GatheringTurn, Map<string, PendingRead>>();

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly retry: RetryPolicy,
  ) {}

  /** The item under `key` in the DynamoDB table `tableName`, or undefined. */
  get(tableName: string, key: Record<string, string>): Promise<Item | undefined> {
    return new Promise((resolve, reject) => {
      const identity = identityOf(tableName, key);
      const turn = GatheringTurn.current();
      let reads = this.pending;
      if (turn) {
        reads = this.pendingOfTurn.get(turn) ?? new Map();
        this.pendingOfTurn.set(turn, reads);
      } else if (this.pending.size === 0) {
        setTimeout(() => {
          const window = [...this.pending.values()];
          this.pending = new Map();
          void this.flush(window);
        }, GATHER_MS);
      }
      const read = reads.get(identity) ?? { tableName, key, identity, waiting: [] };
      read.waiting.push({ resolve, reject });
      reads.set(identity, read);
      turn?.park(this);
    });
  }

  /** Sends the reads the handlers of a turn asked for while they all waited. */
  release(turn: GatheringTurn): void {
    const reads = [...(this.pendingOfTurn.get(turn)?.values() ?? [])];
    this.pendingOfTurn.delete(turn);
    void this.flush(reads);
  }

  private async flush(reads: readonly PendingRead[]): Promise<void> {
    const chunks: PendingRead[][] = [];
    for (let start = 0; start < reads.length; start += BATCH_GET_LIMIT) chunks.push(reads.slice(start, start + BATCH_GET_LIMIT));
    await Promise.all(chunks.map((chunk) => (chunk.length === 1 ? this.readOne(chunk[0]!) : this.readMany(chunk))));
  }

  private async readOne(read: PendingRead): Promise<void> {
    try {
      const output = await this.documents.send(new GetCommand({ TableName: read.tableName, Key: read.key, ConsistentRead: true }));
      for (const waiting of read.waiting) waiting.resolve(output.Item);
    } catch (error) {
      for (const waiting of read.waiting) waiting.reject(error);
    }
  }

  private async readMany(reads: readonly PendingRead[]): Promise<void> {
    const found = new Map<string, Item>();
    try {
      const { failed, attempts } = await retryFailedSubset(
        reads,
        async (pending) => {
          const requestItems: Record<string, { Keys: Record<string, string>[]; ConsistentRead: true }> = {};
          for (const read of pending) {
            requestItems[read.tableName] ??= { Keys: [], ConsistentRead: true };
            requestItems[read.tableName]!.Keys.push(read.key);
          }
          const output = await this.documents.send(new BatchGetCommand({ RequestItems: requestItems }));
          for (const read of pending) {
            const item = (output.Responses?.[read.tableName] ?? []).find((candidate) =>
              Object.entries(read.key).every(([name, value]) => candidate[name] === value),
            );
            if (item) found.set(read.identity, item);
          }
          const unprocessed = new Set(
            Object.entries(output.UnprocessedKeys ?? {}).flatMap(([tableName, request]) =>
              (request.Keys ?? []).map((key) => identityOf(tableName, key as Record<string, string>)),
            ),
          );
          return pending.filter((read) => unprocessed.has(read.identity));
        },
        this.retry,
      );
      const left = new Set(failed);
      for (const read of reads) {
        for (const waiting of read.waiting) {
          if (left.has(read)) {
            waiting.reject(
              new TransientError(
                'TABLE_READ_INCOMPLETE',
                `BatchGetItem left the key ${read.identity} unprocessed after ${attempts} attempts`,
              ),
            );
          } else waiting.resolve(found.get(read.identity));
        }
      }
    } catch (error) {
      for (const read of reads) for (const waiting of read.waiting) waiting.reject(error);
    }
  }
}
