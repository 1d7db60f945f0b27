import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { deadLetterQueueName, QUEUES, type QueueDefinition } from '@jobpipe/contracts';
import { type Clock, systemClock } from '../ports/clock.js';
import type { DeadLetter, DeadLetterAdmin, QueueConsumer, QueueDepth, ReceivedMessage } from '../ports/events.js';
import { GroupedWrites } from './grouped-writes.js';
import { isOwnerAlive, type ProcessOwner, processOwner } from './process-owner.js';
import { openSqlite, type SqliteDatabase } from './sqlite.js';
import { WriteTransactions } from './write-transactions.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL UNIQUE,
  queue TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  visible_at INTEGER NOT NULL,
  receive_count INTEGER NOT NULL DEFAULT 0,
  receipt TEXT,
  last_error TEXT,
  source_queue TEXT,
  dead_lettered_at INTEGER,
  event_seq INTEGER,
  claimed_by TEXT
);
CREATE INDEX IF NOT EXISTS messages_ready ON messages (queue, visible_at, seq);
CREATE UNIQUE INDEX IF NOT EXISTS messages_receipt ON messages (receipt) WHERE receipt IS NOT NULL;
CREATE TABLE IF NOT EXISTS event_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL,
  detail_type TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS event_log_type ON event_log (detail_type, seq);
CREATE TABLE IF NOT EXISTS relayed_events (
  event_id TEXT PRIMARY KEY,
  relayed_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS relayed_events_age ON relayed_events (relayed_at);
`;

/** How long the bus remembers a relayed event id: far longer than an outbox entry waits for its relay. */
const RELAYED_EVENT_MEMORY_MS = 7 * 24 * 3600_000;
/** How often a process forgets relayed event ids older than that. */
const RELAYED_EVENT_PRUNE_INTERVAL_MS = 3600_000;

// A message row's body: its own, or (when the event log is kept) the logged event's, stored once for
// every queue the event went to.
const BODY = 'CASE WHEN m.event_seq IS NULL THEN m.body ELSE e.body END';
const WITH_LOGGED_BODY = 'LEFT JOIN event_log e ON e.seq = m.event_seq';

/** A message to enqueue: its body and the queues it goes to. */
export interface RoutedMessage {
  readonly eventId: string;
  readonly detailType: string;
  readonly body: string;
  readonly queues: readonly string[];
}

/** Options of the embedded bus. */
export interface SqliteBusOptions {
  /** Path of the SQLite file (`:memory:` for a private in-process bus). */
  readonly path: string;
  readonly clock?: Clock;
  /** Queue settings; defaults to the contracts topology. */
  readonly queues?: readonly QueueDefinition[];
  /** How often an idle consumer looks for new messages written by other processes. */
  readonly pollIntervalMs?: number;
  /** Keep a copy of every published event (for tests, audits and `jobpipe events`). */
  readonly keepEventLog?: boolean;
}

// Wakes consumers in this process as soon as a publisher here enqueues; other processes poll.
const wakeups = new EventEmitter().setMaxListeners(0);

/**
 * The embedded transport: durable queues with SQS semantics in one SQLite file, safe for several
 * processes at once (every state change is one IMMEDIATE transaction).
 */
export class SqliteBus implements DeadLetterAdmin {
  readonly db: SqliteDatabase;
  private readonly clock: Clock;
  private readonly queues: Map<string, QueueDefinition>;
  private readonly pollIntervalMs: number;
  private readonly keepEventLog: boolean;
  /** Written on every message this process receives, so a restarted stack can tell claims of dead processes. */
  private readonly owner: ProcessOwner = processOwner();
  private readonly statements;
  /** Every state change is one IMMEDIATE transaction, waiting for the lock in short steps. */
  private readonly writes: WriteTransactions;
  /**
   * The relay's enqueues and the consumers' acks asked for in the same event-loop turn share one
   * transaction: a queue runner acks a batch as its turn ends, when the relay enqueues the events the
   * batch's handlers committed.
   */
  private readonly grouped: GroupedWrites;
  private lastRelayedPrune = 0;

  constructor(options: SqliteBusOptions) {
    this.db = openSqlite(options.path);
    this.writes = new WriteTransactions(this.db);
    this.grouped = new GroupedWrites(this.db, this.writes);
    this.db.exec(SCHEMA);
    this.addMissingColumns();
    this.clock = options.clock ?? systemClock;
    this.queues = new Map((options.queues ?? QUEUES).map((queue) => [queue.name, queue]));
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    this.keepEventLog = options.keepEventLog ?? true;
    this.statements = {
      insert: this.db.prepare('INSERT INTO messages (message_id, queue, body, sent_at, visible_at, event_seq) VALUES (?, ?, ?, ?, ?, ?)'),
      log: this.db.prepare('INSERT INTO event_log (event_id, detail_type, published_at, body) VALUES (?, ?, ?, ?)'),
      ready: this.db.prepare(
        `SELECT m.seq, m.message_id, ${BODY} AS body, m.receive_count, m.last_error FROM messages m ${WITH_LOGGED_BODY} WHERE m.queue = ? AND m.visible_at <= ? ORDER BY m.visible_at, m.seq LIMIT ?`,
      ),
      anyReady: this.db.prepare('SELECT 1 FROM messages WHERE queue = ? AND visible_at <= ? LIMIT 1').pluck(),
      take: this.db.prepare(
        'UPDATE messages SET receive_count = receive_count + 1, visible_at = ?, receipt = ?, claimed_by = ? WHERE seq = ?',
      ),
      toDeadLetter: this.db.prepare(
        'UPDATE messages SET source_queue = queue, queue = ?, dead_lettered_at = ?, last_error = ?, receipt = NULL, claimed_by = NULL, visible_at = ? WHERE seq = ?',
      ),
      toDeadLetterByReceipt: this.db.prepare(
        'UPDATE messages SET source_queue = queue, queue = ?, dead_lettered_at = ?, last_error = ?, receipt = NULL, claimed_by = NULL, visible_at = ? WHERE receipt = ?',
      ),
      ack: this.db.prepare('DELETE FROM messages WHERE receipt = ?'),
      release: this.db.prepare('UPDATE messages SET visible_at = ?, last_error = ?, receipt = NULL, claimed_by = NULL WHERE receipt = ?'),
      claimOwners: this.db.prepare('SELECT DISTINCT claimed_by FROM messages WHERE receipt IS NOT NULL AND claimed_by IS NOT NULL').pluck(),
      releaseClaims: this.db.prepare(
        // Back at its place in the queue (visible since it was sent), ahead of what arrived after it.
        'UPDATE messages SET visible_at = MIN(sent_at, ?), last_error = ?, receipt = NULL, claimed_by = NULL WHERE receipt IS NOT NULL AND claimed_by = ? RETURNING queue',
      ),
      heldBy: this.db.prepare(
        'SELECT claimed_by, COUNT(*) AS n FROM messages WHERE queue = ? AND receipt IS NOT NULL AND visible_at > ? GROUP BY claimed_by',
      ),
      extend: this.db.prepare('UPDATE messages SET visible_at = ? WHERE receipt = ?'),
      markRelayed: this.db.prepare('INSERT OR IGNORE INTO relayed_events (event_id, relayed_at) VALUES (?, ?)'),
      pruneRelayed: this.db.prepare('DELETE FROM relayed_events WHERE relayed_at < ?'),
    };
  }

  /** Enqueues messages to their queues in one transaction. */
  enqueue(messages: readonly RoutedMessage[]): void {
    const now = this.clock.now().getTime();
    const touched = new Set<string>();
    this.writes.run(() => this.insertMessages(messages, now, touched));
    this.wake(touched);
  }

  /**
   * Enqueues the messages whose event was never relayed before, and remembers their event ids, in one
   * transaction (shared with the acks asked for in the same turn): the outbox relay's exactly-once step
   * (it may relay an event again after a crash). Resolves with how many were new once committed.
   */
  async enqueueOnce(messages: readonly RoutedMessage[]): Promise<number> {
    const now = this.clock.now().getTime();
    const touched = new Set<string>();
    const fresh = await this.grouped.run(() => {
      if (now - this.lastRelayedPrune > RELAYED_EVENT_PRUNE_INTERVAL_MS) {
        this.statements.pruneRelayed.run(now - RELAYED_EVENT_MEMORY_MS);
        this.lastRelayedPrune = now;
      }
      const unseen = messages.filter((message) => this.statements.markRelayed.run(message.eventId, now).changes > 0);
      this.insertMessages(unseen, now, touched);
      return unseen.length;
    });
    this.wake(touched);
    return fresh;
  }

  private insertMessages(messages: readonly RoutedMessage[], now: number, touched: Set<string>): void {
    for (const message of messages) {
      // With the event log on, the body is stored once there and each queue's row points at it.
      const eventSeq = this.keepEventLog
        ? this.statements.log.run(message.eventId, message.detailType, now, message.body).lastInsertRowid
        : null;
      for (const queue of message.queues) {
        this.statements.insert.run(`${message.eventId}:${queue}`, queue, eventSeq === null ? message.body : '', now, now, eventSeq);
        touched.add(queue);
      }
    }
  }

  private wake(queues: Set<string>): void {
    for (const queue of queues) wakeups.emit(this.wakeKey(queue));
  }

  /**
   * A consumer of one queue of the topology. A service starting its consumer first releases the
   * messages that processes which died (kill -9, a crash) still held, so they need not wait out their
   * visibility timeout.
   */
  consumer(queueName: string): QueueConsumer {
    const queue = this.queueNamed(queueName);
    this.releaseClaimsOfDeadProcesses();
    return new SqliteQueueConsumer(this, queue);
  }

  /**
   * Makes visible again, now, every message held by a process that no longer runs (its receive still
   * counts, as a crashed handler's does on SQS). Returns how many were released, per queue.
   */
  releaseClaimsOfDeadProcesses(): Map<string, number> {
    const now = this.clock.now().getTime();
    const dead = (this.statements.claimOwners.all() as ProcessOwner[]).filter((owner) => !isOwnerAlive(owner));
    const released = new Map<string, number>();
    if (dead.length === 0) return released;
    this.writes.run(() => {
      for (const owner of dead) {
        const pid = owner.split('/')[1];
        const reason = `released at start: process ${pid}, which held it, had died (handler crashed or was killed)`;
        for (const row of this.statements.releaseClaims.all(now, reason, owner) as { queue: string }[]) {
          released.set(row.queue, (released.get(row.queue) ?? 0) + 1);
        }
      }
    });
    for (const queue of released.keys()) wakeups.emit(this.wakeKey(queue));
    return released;
  }

  /** The settings of a queue, or an error naming the known queues. */
  queueNamed(queueName: string): QueueDefinition {
    const queue = this.queues.get(queueName);
    if (!queue) throw new Error(`unknown queue '${queueName}' (known: ${[...this.queues.keys()].join(', ')})`);
    return queue;
  }

  /**
   * Takes up to `max` visible messages, moving those past max receives to the DLQ (SQS moves a message
   * when a receive would exceed its max receive count; the last failure reason goes with it).
   */
  receiveNow(queue: QueueDefinition, max: number): ReceivedMessage[] {
    const now = this.clock.now().getTime();
    const received: ReceivedMessage[] = [];
    // A read needs no lock: idle consumers (one per service, polling) never queue for the write lock.
    if (this.statements.anyReady.get(queue.name, now) === undefined) return received;
    this.writes.run(() => {
      for (;;) {
        const wanted = max - received.length;
        const rows = this.statements.ready.all(queue.name, now, wanted) as ReadyRow[];
        let deadLettered = 0;
        for (const row of rows) {
          if (row.receive_count >= queue.maxReceiveCount) {
            const reason = `exceeded ${queue.maxReceiveCount} receives; last error: ${row.last_error ?? 'visibility timeout expired (handler crashed or was killed)'}`;
            this.statements.toDeadLetter.run(deadLetterQueueName(queue.name), now, reason, now, row.seq);
            deadLettered++;
            continue;
          }
          const receipt = randomUUID();
          this.statements.take.run(now + queue.visibilityTimeoutSeconds * 1000, receipt, this.owner, row.seq);
          received.push({ messageId: row.message_id, receiptHandle: receipt, body: row.body, receiveCount: row.receive_count + 1 });
        }
        // Rows moved to the DLQ took places in this batch: look again, or a full queue could answer empty.
        if (deadLettered === 0 || rows.length < wanted) break;
      }
    });
    return received;
  }

  /** Waits until a message may be ready on the queue: a local publish, the poll interval, or an abort. */
  waitForWork(queue: string, maxMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const key = this.wakeKey(queue);
      const done = () => {
        clearTimeout(timer);
        wakeups.off(key, done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, Math.min(maxMs, this.pollIntervalMs)));
      wakeups.on(key, done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Deletes the messages by receipt, in the transaction of the turn's enqueues; resolves once committed. */
  ack(receipts: readonly string[]): Promise<void> {
    return this.grouped.run(() => {
      for (const receipt of receipts) this.statements.ack.run(receipt);
    });
  }

  release(receipt: string, reason: string, delaySeconds: number): void {
    this.writes.run(() => this.statements.release.run(this.clock.now().getTime() + delaySeconds * 1000, reason, receipt));
  }

  deadLetter(queue: string, receipt: string, reason: string): void {
    const now = this.clock.now().getTime();
    this.writes.run(() => this.statements.toDeadLetterByReceipt.run(deadLetterQueueName(queue), now, reason, now, receipt));
  }

  extendVisibility(receipt: string, seconds: number): void {
    this.writes.run(() => this.statements.extend.run(this.clock.now().getTime() + seconds * 1000, receipt));
  }

  async list(queue: string, limit: number): Promise<DeadLetter[]> {
    this.queueNamed(queue);
    const rows = this.db
      .prepare(
        `SELECT m.message_id, ${BODY} AS body, m.last_error, m.receive_count, m.dead_lettered_at FROM messages m ${WITH_LOGGED_BODY} WHERE m.queue = ? ORDER BY m.seq LIMIT ?`,
      )
      .all(deadLetterQueueName(queue), limit) as DeadRow[];
    return rows.map((row) => ({
      messageId: row.message_id,
      body: row.body,
      reason: row.last_error ?? '',
      receiveCount: row.receive_count,
      deadLetteredAt: new Date(row.dead_lettered_at).toISOString(),
    }));
  }

  async count(queue: string): Promise<number> {
    this.queueNamed(queue);
    return this.db.prepare('SELECT COUNT(*) FROM messages WHERE queue = ?').pluck().get(deadLetterQueueName(queue)) as number;
  }

  /** Moves dead letters back in one transaction: exactly those present when it runs, so nothing loops. */
  async redrive(queue: string, messageIds?: readonly string[]): Promise<number> {
    this.queueNamed(queue);
    const now = this.clock.now().getTime();
    const dlq = deadLetterQueueName(queue);
    const moved = this.writes.run(() => {
      const base =
        'UPDATE messages SET queue = source_queue, source_queue = NULL, receive_count = 0, visible_at = ?, dead_lettered_at = NULL, last_error = NULL, receipt = NULL, claimed_by = NULL WHERE queue = ?';
      if (!messageIds) return this.db.prepare(base).run(now, dlq).changes;
      const one = this.db.prepare(`${base} AND message_id = ?`);
      return messageIds.reduce((count, id) => count + one.run(now, dlq, id).changes, 0);
    });
    if (moved > 0) wakeups.emit(this.wakeKey(queue));
    return moved;
  }

  async depth(queue: string): Promise<QueueDepth> {
    this.queueNamed(queue);
    const now = this.clock.now().getTime();
    const row = this.db
      .prepare(
        `SELECT
           SUM(CASE WHEN queue = @queue AND visible_at <= @now THEN 1 ELSE 0 END) AS ready,
           SUM(CASE WHEN queue = @queue AND visible_at > @now THEN 1 ELSE 0 END) AS inFlight,
           SUM(CASE WHEN queue = @dlq THEN 1 ELSE 0 END) AS deadLettered
         FROM messages WHERE queue IN (@queue, @dlq)`,
      )
      .get({ queue, dlq: deadLetterQueueName(queue), now }) as Record<string, number | null>;
    const holders = this.statements.heldBy.all(queue, now) as { claimed_by: ProcessOwner | null; n: number }[];
    const heldByDeadProcesses = holders
      .filter((holder) => holder.claimed_by !== null && !isOwnerAlive(holder.claimed_by))
      .reduce((sum, holder) => sum + holder.n, 0);
    return {
      ready: row.ready ?? 0,
      inFlight: row.inFlight ?? 0,
      deadLettered: row.deadLettered ?? 0,
      ...(heldByDeadProcesses > 0 ? { heldByDeadProcesses } : {}),
    };
  }

  /** Published events of one detail-type (or all), oldest first, from the event log. */
  publishedEvents(detailType?: string): { detailType: string; body: string }[] {
    const rows = detailType
      ? this.db.prepare('SELECT detail_type, body FROM event_log WHERE detail_type = ? ORDER BY seq').all(detailType)
      : this.db.prepare('SELECT detail_type, body FROM event_log ORDER BY seq').all();
    return (rows as { detail_type: string; body: string }[]).map((row) => ({ detailType: row.detail_type, body: row.body }));
  }

  close(): void {
    this.grouped.flush();
    this.db.close();
  }

  /** Bus files of earlier versions lack `event_seq` and `claimed_by`: add them (in one write transaction). */
  private addMissingColumns(): void {
    this.writes.run(() => {
      const columns = this.db.prepare("SELECT name FROM pragma_table_info('messages')").pluck().all() as string[];
      if (!columns.includes('event_seq')) this.db.exec('ALTER TABLE messages ADD COLUMN event_seq INTEGER');
      if (!columns.includes('claimed_by')) this.db.exec('ALTER TABLE messages ADD COLUMN claimed_by TEXT');
    });
  }

  private wakeKey(queue: string): string {
    return `${this.db.name}\u0000${queue}`;
  }
}

interface ReadyRow {
  seq: number;
  message_id: string;
  body: string;
  receive_count: number;
  last_error: string | null;
}

interface DeadRow {
  message_id: string;
  body: string;
  last_error: string | null;
  receive_count: number;
  dead_lettered_at: number;
}

/** A QueueConsumer over one queue of the SQLite bus. */
class SqliteQueueConsumer implements QueueConsumer {
  readonly queueName: string;

  constructor(
    private readonly bus: SqliteBus,
    private readonly queue: QueueDefinition,
  ) {
    this.queueName = queue.name;
  }

  async receive(max: number, waitMs: number, signal?: AbortSignal): Promise<ReceivedMessage[]> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      if (signal?.aborted) return [];
      const messages = this.bus.receiveNow(this.queue, max);
      const remaining = deadline - Date.now();
      if (messages.length > 0 || remaining <= 0) return messages;
      await this.bus.waitForWork(this.queue.name, remaining, signal);
    }
  }

  ack(messages: readonly ReceivedMessage[]): Promise<void> {
    return this.bus.ack(messages.map((message) => message.receiptHandle));
  }

  async release(message: ReceivedMessage, reason: string, delaySeconds: number): Promise<void> {
    this.bus.release(message.receiptHandle, reason, delaySeconds);
  }

  async deadLetter(message: ReceivedMessage, reason: string): Promise<void> {
    this.bus.deadLetter(this.queue.name, message.receiptHandle, reason);
  }

  async extendVisibility(message: ReceivedMessage, seconds: number): Promise<void> {
    this.bus.extendVisibility(message.receiptHandle, seconds);
  }
}
