import { join } from 'node:path';
import { type ContractRegistry, contracts } from '@jobpipe/contracts';
import type { BlobStore, Clock, EventPublisher, IdGenerator, Logger, Outbox, SecretStore, TableStore } from '@jobpipe/shared';
import { AnalyticsStore } from './adapters/analytics-store.js';
import { ApiKeyVerifier } from './adapters/api-keys.js';
import { LiveFeed } from './adapters/live-feed.js';
import { JobReadModel } from './adapters/read-model.js';

/** The ports crm-api needs from the runtime (a subset of `RuntimePorts`). */
export interface CrmApiPorts {
  readonly tables: TableStore;
  readonly blobs: BlobStore;
  /** Publishes events that announce no write of crm-api's own (commands). */
  readonly publisher: EventPublisher;
  /** Commits crm-api's writes with the events that announce them. */
  readonly outbox: Outbox;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The secret store (site credentials the user sets); throws a ConfigError when none is configured. */
  secrets(): SecretStore;
}

/** Options of the crm-api context. */
export interface CrmApiOptions {
  /** Folder of crm-api's own files: the read model and the local analytics snapshot. */
  readonly dataDir: string;
  /** Requests per minute per API key (default 600). */
  readonly rateLimitPerMinute?: number;
  /** Seconds an insights answer is cached (default 30). */
  readonly insightsCacheSeconds?: number;
}

/** Everything the handlers and routes of crm-api share: ports, its read model, analytics, live feed. */
export interface CrmApiContext extends CrmApiPorts {
  readonly registry: ContractRegistry;
  readonly logger: Logger;
  readonly readModel: JobReadModel;
  readonly analytics: AnalyticsStore;
  readonly live: LiveFeed;
  readonly apiKeys: ApiKeyVerifier;
  readonly rateLimitPerMinute: number;
  /** Closes crm-api's own files (not the ports, which belong to the runtime). */
  close(): Promise<void>;
}

/** Builds the crm-api context: opens `<dataDir>/crm-api.sqlite` and the local analytics snapshot. */
export function createCrmApiContext(ports: CrmApiPorts, options: CrmApiOptions, logger: Logger): CrmApiContext {
  const readModel = new JobReadModel(join(options.dataDir, 'crm-api.sqlite'));
  const analytics = new AnalyticsStore(join(options.dataDir, 'crm-api-analytics.sqlite'), (options.insightsCacheSeconds ?? 30) * 1000, () =>
    ports.clock.now(),
  );
  return {
    tables: ports.tables,
    blobs: ports.blobs,
    publisher: ports.publisher,
    outbox: ports.outbox,
    clock: ports.clock,
    ids: ports.ids,
    secrets: () => ports.secrets(),
    registry: contracts(),
    logger,
    readModel,
    analytics,
    live: new LiveFeed(),
    apiKeys: new ApiKeyVerifier(ports.tables),
    rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
    async close() {
      await readModel.close();
      await analytics.close();
    },
  };
}
