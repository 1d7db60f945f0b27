import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { MAX_TRANSACTION_WRITES } from '../ports/tables.js';
import { GatheringTurn, type TurnGatherer } from '../runtime/gathering-turn.js';

/** One write of a TransactWriteItems, as lib-dynamodb takes it. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A write with the identity of the item it writes (table and key), which one transaction may hold once. */
export interface KeyedTransactItem {
  readonly item: TransactItem;
  readonly identity: string;
  /** The write's size as JSON, to keep a transaction inside DynamoDB's 4 MB. */
  readonly bytes: number;
}

/** One commit asked for: its writes, all or none, and who waits for the answer. */
interface PendingCommit {
  readonly writes: readonly KeyedTransactItem[];
  resolve(committed: boolean): void;
  reject(error: unknown): void;
}

/** DynamoDB allows 4 MB of items in one transaction: a margin for what JSON sizes do not count. */
const MAX_TRANSACTION_BYTES = 3.5 * 1024 * 1024;

/** Commits in ask order, packed into transactions of at most 100 writes and 3.5 MB, none writing an item twice. */
function groupsOf(commits: readonly PendingCommit[]): PendingCommit[][] {
  const groups: PendingCommit[][] = [];
  let current: PendingCommit[] = [];
  let writes = 0;
  let bytes = 0;
  let identities = new Set<string>();
  for (const commit of commits) {
    const commitBytes = commit.writes.reduce((sum, write) => sum + write.bytes, 0);
    const fits =
      writes + commit.writes.length <= MAX_TRANSACTION_WRITES &&
      bytes + commitBytes <= MAX_TRANSACTION_BYTES &&
      commit.writes.every((write) => !identities.has(write.identity));
    if (current.length > 0 && !fits) {
      groups.push(current);
      current = [];
      writes = 0;
      bytes = 0;
      identities = new Set();
    }
    current.push(commit);
    writes += commit.writes.length;
    bytes += commitBytes;
    for (const write of commit.writes) identities.add(write.identity);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Whether a cancelled transaction failed only on conditions (the others' reason is `None`). */
function cancelledByConditionsOnly(error: unknown, writes: number): error is TransactionCanceledException {
  const reasons = error instanceof TransactionCanceledException ? error.CancellationReasons : undefined;
  return (
    reasons?.length === writes &&
    reasons.some((reason) => reason.Code === 'ConditionalCheckFailed') &&
    reasons.every((reason) => reason.Code === undefined || reason.Code === 'None' || reason.Code === 'ConditionalCheckFailed')
  );
}

/**
 * Commits (all-or-nothing writes with conditions) as TransactWriteItems, gathered per turn: the commits
 * the handlers of one received batch ask for while they all wait (`GatheringTurn`) go out as one
 * transaction of up to 100 writes instead of one each; outside a turn a commit is sent at once.
 *
 * Each commit keeps its own answer. A gathered transaction cancelled by failed conditions answers
 * false to the commits whose condition failed and sends the others again together (nothing of a
 * cancelled transaction is written); cancelled or refused for any other reason (a conflict, an invalid
 * or oversized item, throttling past the SDK's retries), its commits are sent again one by one, so a
 * bad commit fails alone and its neighbours are written once.
 */
export class TransactionGatherer implements TurnGatherer {
  private readonly pending = new Map<GatheringTurn, PendingCommit[]>();

  constructor(private readonly documents: DynamoDBDocumentClient) {}

  /** Writes every write or none; false when a condition does not hold. */
  commit(writes: readonly KeyedTransactItem[]): Promise<boolean> {
    const turn = GatheringTurn.current();
    if (!turn) return this.alone(writes);
    return new Promise((resolve, reject) => {
      const held = this.pending.get(turn) ?? [];
      held.push({ writes, resolve, reject });
      this.pending.set(turn, held);
      turn.park(this);
    });
  }

  release(turn: GatheringTurn): void {
    const commits = this.pending.get(turn) ?? [];
    this.pending.delete(turn);
    void this.commitInGroups(commits);
  }

  private async commitInGroups(commits: readonly PendingCommit[]): Promise<void> {
    for (const group of groupsOf(commits)) await this.commitGroup(group);
  }

  private async commitGroup(group: readonly PendingCommit[]): Promise<void> {
    if (group.length === 1) return this.settleAlone(group[0]!);
    const writes = group.flatMap((commit) => commit.writes);
    try {
      await this.send(writes);
      for (const commit of group) commit.resolve(true);
    } catch (error) {
      if (!cancelledByConditionsOnly(error, writes.length)) {
        for (const commit of group) await this.settleAlone(commit);
        return;
      }
      const reasons = error.CancellationReasons ?? [];
      const others: PendingCommit[] = [];
      let start = 0;
      for (const commit of group) {
        const own = reasons.slice(start, start + commit.writes.length);
        start += commit.writes.length;
        if (own.some((reason) => reason.Code === 'ConditionalCheckFailed')) commit.resolve(false);
        else others.push(commit);
      }
      if (others.length > 0) await this.commitGroup(others);
    }
  }

  private async settleAlone(commit: PendingCommit): Promise<void> {
    try {
      commit.resolve(await this.alone(commit.writes));
    } catch (error) {
      commit.reject(error);
    }
  }

  private async alone(writes: readonly KeyedTransactItem[]): Promise<boolean> {
    try {
      await this.send(writes);
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.some((reason) => reason.Code === 'ConditionalCheckFailed')
      ) {
        return false;
      }
      throw error;
    }
  }

  private async send(writes: readonly KeyedTransactItem[]): Promise<void> {
    await this.documents.send(new TransactWriteCommand({ TransactItems: writes.map((write) => write.item) }));
  }
}
