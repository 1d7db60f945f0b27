import { join } from 'node:path';
import { type ContractRegistry, contracts } from '@jobpipe/contracts';
import type { BlobStore, Clock, EventPublisher, IdGenerator, Logger, SecretStore, ServiceOutbox, ServiceTables } from '@jobpipe/shared';
import { AnalyticsStore } from './adapters/analytics-store.js';
import { ApiKeyVerifier } from './adapters/api-keys.js';
import { HttpPageFetcher } from './adapters/http-page-fetcher.js';
import { LiveFeed } from './adapters/live-feed.js';
import { SharedAnalyticsSnapshot } from './adapters/shared-analytics-snapshot.js';
import { SqliteJobReadModel } from './adapters/sqlite-job-read-model.js';
import { TableJobReadModel } from './adapters/table-job-read-model.js';
import type { AnalyticsReports } from './ports/analytics-reports.js';
import type { JobReadModel } from './ports/job-read-model.js';
import type { PageFetcher } from './ports/page-fetcher.js';

/** The ports crm-api needs from the runtime (a subset of its `ServicePorts`: it writes only its own tables). */
export interface CrmApiPorts {
  readonly tables: ServiceTables<'crm-api'>;
  readonly blobs: BlobStore;
  /** Publishes events that announce no write of crm-api's own (commands). */
  readonly publisher: EventPublisher;
  /** Commits crm-api's writes with the events that announce them. */
  readonly outbox: ServiceOutbox<'crm-api'>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The secret store (site credentials the user sets); throws a ConfigError when none is configured. */
  secrets(): SecretStore;
}

/**
 * Where crm-api keeps its read side (job listing, analytics snapshot in use): `files` of its own in
 * `dataDir` (embedded: one process answers), or the `readModel` table every instance shares (aws: each
 * Lambda execution environment starts with an empty /tmp; the snapshot itself is copied from S3).
 */
export type ReadSide = 'files' | 'tables';

/** Options of the crm-api context. */
export interface CrmApiOptions {
  /** Folder of crm-api's own files: the read model and the local analytics snapshot. */
  readonly dataDir: string;
  /** Where the read side lives (default `files`). */
  readonly readSide?: ReadSide;
  /** Requests per minute per API key (default 600). */
  readonly rateLimitPerMinute?: number;
  /** Seconds an insights answer is cached (default 30). */
  readonly insightsCacheSeconds?: number;
  /** Reads pages for source discovery (default: over HTTP, with the config's SSRF rules). */
  readonly pageFetcher?: PageFetcher;
}

/** Everything the handlers and routes of crm-api share: ports, its read model, analytics, live feed. */
export interface CrmApiContext extends CrmApiPorts {
  readonly registry: ContractRegistry;
  readonly logger: Logger;
  readonly readModel: JobReadModel;
  readonly analytics: AnalyticsReports;
  readonly live: LiveFeed;
  readonly apiKeys: ApiKeyVerifier;
  /** Reads the pages source discovery looks at. */
  readonly pages: PageFetcher;
  readonly rateLimitPerMinute: number;
  /** Closes crm-api's own files (not the ports, which belong to the runtime). */
  close(): Promise<void>;
}

/**
 * Builds the crm-api context: the read side in `<dataDir>/crm-api.sqlite` or the `readModel` table, and
 * the local copy of the analytics snapshot (`<dataDir>/crm-api-analytics.sqlite`).
 */
export function createCrmApiContext(ports: CrmApiPorts, options: CrmApiOptions, logger: Logger): CrmApiContext {
  const cacheMs = (options.insightsCacheSeconds ?? 30) * 1000;
  const now = () => ports.clock.now();
  const localAnalytics = new AnalyticsStore(join(options.dataDir, 'crm-api-analytics.sqlite'), ports.blobs, cacheMs, now);
  const shared = options.readSide === 'tables';
  const readModel: JobReadModel = shared
    ? new TableJobReadModel(ports.tables)
    : new SqliteJobReadModel(join(options.dataDir, 'crm-api.sqlite'));
  const analytics: AnalyticsReports = shared
    ? new SharedAnalyticsSnapshot({ tables: ports.tables, local: localAnalytics, checkEveryMs: cacheMs, now })
    : localAnalytics;
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
    apiKeys: new ApiKeyVerifier(ports.tables, undefined, now),
    pages: options.pageFetcher ?? new HttpPageFetcher(),
    rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
    async close() {
      await readModel.close();
      await analytics.close();
    },
  };
}
