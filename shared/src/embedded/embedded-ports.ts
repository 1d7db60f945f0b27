import { join } from 'node:path';
import { contracts, type ProducerName, TABLES } from '@jobpipe/contracts';
import { ConfigError } from '../errors.js';
import { type Clock, type IdGenerator, randomIds, systemClock } from '../ports/clock.js';
import type { SecretStore } from '../ports/secrets.js';
import type { RuntimeConfig } from '../runtime/runtime-config.js';
import type { RuntimePorts } from '../runtime/runtime-ports.js';
import { EmbeddedEventPublisher } from './embedded-publisher.js';
import { EncryptedSecretStore } from './encrypted-secret-store.js';
import { FolderBlobStore } from './folder-blob-store.js';
import { SqliteBus } from './sqlite-bus.js';
import { SqliteTableStore } from './sqlite-table-store.js';

/** File layout of the embedded runtime below the data folder. */
export function embeddedPaths(dataDir: string) {
  return {
    bus: join(dataDir, 'bus.sqlite'),
    tables: join(dataDir, 'tables.sqlite'),
    blobs: join(dataDir, 'blobs'),
    secrets: join(dataDir, 'secrets.sqlite'),
  };
}

/**
 * Services whose tables writes and publishes are grouped per event-loop turn (one transaction for a
 * received batch's handlers): those that order their own read-then-write steps per key, so handlers
 * interleaving at a write is safe. Others keep a transaction per call.
 */
const GROUPED_WRITERS: ReadonlySet<ProducerName> = new Set(['parser']);

/** Ports over the embedded adapters: SQLite bus and tables, a blob folder, an encrypted secret file. */
export function createEmbeddedPorts(
  config: Pick<RuntimeConfig, 'dataDir' | 'secretKey'>,
  producer: ProducerName,
  overrides: { clock?: Clock; ids?: IdGenerator } = {},
): RuntimePorts & { bus: SqliteBus } {
  const paths = embeddedPaths(config.dataDir);
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? randomIds;
  const grouped = GROUPED_WRITERS.has(producer);
  const bus = new SqliteBus({ path: paths.bus, clock });
  const tables = new SqliteTableStore(paths.tables, TABLES, { groupWrites: grouped });
  let secrets: EncryptedSecretStore | undefined;
  return {
    bus,
    publisher: new EmbeddedEventPublisher(bus, { producer, registry: contracts(), clock, ids }, grouped),
    consumer: (queue) => bus.consumer(queue),
    tables,
    blobs: new FolderBlobStore(paths.blobs),
    secrets(): SecretStore {
      if (!config.secretKey) throw new ConfigError('JOBPIPE_SECRET_KEY is not set: the embedded secret store needs it');
      secrets ??= new EncryptedSecretStore(paths.secrets, config.secretKey);
      return secrets;
    },
    deadLetters: bus,
    clock,
    ids,
    async close() {
      bus.close();
      tables.close();
      secrets?.close();
    },
  };
}
