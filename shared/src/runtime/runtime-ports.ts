import type { OwnedTable, ProducerName, ServiceName, TableName } from '@jobpipe/contracts';
import type { BlobStore } from '../ports/blobs.js';
import type { Clock, IdGenerator } from '../ports/clock.js';
import type { DeadLetterAdmin, EventPublisher, QueueConsumer } from '../ports/events.js';
import type { Outbox } from '../ports/outbox.js';
import type { SecretStore } from '../ports/secrets.js';
import type { TableStore } from '../ports/tables.js';
import type { RuntimeConfig } from './runtime-config.js';

/**
 * The adapters one service process works with, picked by the transport setting. `W` are the tables its
 * `tables` and `outbox` may write: every table for the runtime itself, a service's own in {@link ServicePorts}.
 */
export interface RuntimePorts<W extends TableName = TableName> {
  /** Stores events in the outbox (durable when it returns); the relay publishes them. */
  readonly publisher: EventPublisher;
  /** Writes items and the events that announce them in one transaction. */
  readonly outbox: Outbox<W>;
  /**
   * Publishes what the outbox holds now; throws when publishing fails (the events stay for the next
   * try). Lambda entries call it before returning; long-running processes relay on their own.
   */
  flushEvents(): Promise<void>;
  /**
   * Runs `work` (the handlers of one received batch) so that the events it commits go out together
   * when it ends: in the fewest PutEvents (up to 10 events each) rather than one per commit.
   */
  eventsTogether<T>(work: () => Promise<T>): Promise<T>;
  /** A consumer of a queue of the topology. */
  consumer(queue: string): QueueConsumer;
  readonly tables: TableStore<W>;
  readonly blobs: BlobStore;
  /** The secret store; throws a ConfigError when it is not configured (no key). */
  secrets(): SecretStore;
  readonly deadLetters: DeadLetterAdmin;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Publishes what it can of the outbox, then closes every adapter. */
  close(): Promise<void>;
}

/**
 * The ports a service's `build` gets: the runtime's, with tables and outbox that write only the tables
 * the service owns (`owner` in contracts' `TABLES`), so a write to another service's table does not
 * compile. It reads every table.
 */
export type ServicePorts<S extends ServiceName> = RuntimePorts<OwnedTable<S>>;

/** A service's tables: it reads every table and writes only its own (what its adapters take). */
export type ServiceTables<S extends ServiceName> = TableStore<OwnedTable<S>>;

/** A service's outbox: commits writes to its own tables only. */
export type ServiceOutbox<S extends ServiceName> = Outbox<OwnedTable<S>>;

/** Tables to read only (a store that may write none): what code that never writes takes. */
export type TableReader = TableStore<never>;

/**
 * Builds the ports for a producer. The AWS adapters are loaded only when asked for, so the embedded
 * runtime never loads the AWS SDK.
 */
export async function createRuntimePorts(config: RuntimeConfig, producer: ProducerName): Promise<RuntimePorts> {
  if (config.transport === 'aws') {
    const { createAwsPorts } = await import('../aws/aws-ports.js');
    return createAwsPorts(config, producer);
  }
  const { createEmbeddedPorts } = await import('../embedded/embedded-ports.js');
  return createEmbeddedPorts(config, producer, { checkTableWrites: false });
}
