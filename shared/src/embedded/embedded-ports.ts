import { join } from 'node:path';
import { contracts, type ProducerName, TABLES } from '@jobpipe/contracts';
import { ConfigError } from '../errors.js';
import type { BusSender } from '../outbox/bus-sender.js';
import { OutboxPublisher } from '../outbox/outbox-publisher.js';
import { OutboxRelay, type OutboxRelayOptions } from '../outbox/outbox-relay.js';
import { TableOutbox } from '../outbox/table-outbox.js';
import { type Clock, type IdGenerator, randomIds, systemClock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { SecretStore } from '../ports/secrets.js';
import type { ItemStore } from '../ports/tables.js';
import type { RuntimeConfig } from '../runtime/runtime-config.js';
import type { RuntimePorts } from '../runtime/runtime-ports.js';
import { TypedTableStore } from '../tables/typed-tables.js';
import { ValidatingItemStore } from '../tables/validating-item-store.js';
import { EmbeddedBlobStore } from './embedded-blob-store.js';
import { EmbeddedBusSender } from './embedded-publisher.js';
import { EncryptedSecretStore } from './encrypted-secret-store.js';
import { FolderBlobStore } from './folder-blob-store.js';
import { SqliteBlobTable } from './sqlite-blob-table.js';
import { SqliteBus } from './sqlite-bus.js';
import { SqliteTableStore } from './sqlite-table-store.js';

/** File layout of the embedded runtime below the data folder. */
export function embeddedPaths(dataDir: string) {
  return {
    bus: join(dataDir, 'bus.sqlite'),
    tables: join(dataDir, 'tables.sqlite'),
    /** Blobs too big for the blob table, one file each. */
    blobs: join(dataDir, 'blobs'),
    /** Blobs up to `TABLE_BLOB_MAX_BYTES` (raw postings), one row each. */
    blobTable: join(dataDir, 'blobs.sqlite'),
    secrets: join(dataDir, 'secrets.sqlite'),
  };
}

/**
 * Services whose tables writes (outbox entries included) are grouped per event-loop turn (one transaction for a
 * received batch's handlers): those that order their own read-then-write steps per key, so handlers
 * interleaving at a write is safe. Others keep a transaction per call.
 */
const GROUPED_WRITERS: ReadonlySet<ProducerName> = new Set(['parser']);

/** What tests may swap in the embedded ports. */
export interface EmbeddedPortOverrides {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Where the outbox relay sends events (default: the bus, each event once). */
  readonly sender?: (bus: SqliteBus) => BusSender;
  readonly logger?: Logger;
  /** Wraps the tables file (services, the outbox and the relay then use the wrapper), e.g. to make writes fail. */
  readonly tables?: (store: ItemStore) => ItemStore;
  /** Retry timing of the relay. */
  readonly relayRetry?: Pick<OutboxRelayOptions, 'minRetryDelayMs' | 'maxRetryDelayMs'>;
  /**
   * Check every table write against its item's schema and refuse one that does not match (default on,
   * so every test that builds ports checks what the code under test writes). Service processes, the CLI
   * and bench turn it off: the tests hold the code to the schemas, and a running stack does not pay for
   * a validation on every write.
   */
  readonly checkTableWrites?: boolean;
}

/**
 * Ports over the embedded adapters: SQLite bus and tables, a blob table and folder, an encrypted secret file.
 * Events go through the outbox in the tables file; this process's relay moves them to the bus.
 */
export function createEmbeddedPorts(
  config: Pick<RuntimeConfig, 'dataDir' | 'secretKey'>,
  producer: ProducerName,
  overrides: EmbeddedPortOverrides = {},
): RuntimePorts & { bus: SqliteBus; relay: OutboxRelay } {
  const paths = embeddedPaths(config.dataDir);
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? randomIds;
  const grouped = GROUPED_WRITERS.has(producer);
  const bus = new SqliteBus({ path: paths.bus, clock });
  const tablesFile = new SqliteTableStore(paths.tables, TABLES, { groupWrites: grouped });
  const items = overrides.tables?.(tablesFile) ?? tablesFile;
  const tables = new TypedTableStore(overrides.checkTableWrites === false ? items : new ValidatingItemStore(items));
  const relay = new OutboxRelay({
    tables,
    producer,
    sender: overrides.sender?.(bus) ?? new EmbeddedBusSender(bus),
    ...(overrides.logger ? { logger: overrides.logger } : {}),
    ...overrides.relayRetry,
  });
  const outbox = new TableOutbox({ tables, producer, registry: contracts(), clock, ids, onStored: (entries) => relay.committed(entries) });
  void relay.wake();
  let secrets: EncryptedSecretStore | undefined;
  const blobs = new EmbeddedBlobStore(new SqliteBlobTable(paths.blobTable), new FolderBlobStore(paths.blobs));
  return {
    bus,
    relay,
    publisher: new OutboxPublisher(outbox),
    outbox,
    flushEvents: () => relay.flush(),
    eventsTogether: (work) => relay.together(work),
    consumer: (queue) => bus.consumer(queue),
    tables,
    blobs,
    secrets(): SecretStore {
      if (!config.secretKey) throw new ConfigError('JOBPIPE_SECRET_KEY is not set: the embedded secret store needs it');
      secrets ??= new EncryptedSecretStore(paths.secrets, config.secretKey);
      return secrets;
    },
    deadLetters: bus,
    clock,
    ids,
    async close() {
      await relay.stop();
      bus.close();
      tablesFile.close();
      blobs.close();
      secrets?.close();
    },
  };
}
