import type { EventDataMap } from '@jobpipe/contracts';
import { createEmbeddedPorts, ManualClock, silentLogger, standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent, tempDir } from '@jobpipe/test-kit';
import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../src/adapters/api-keys.js';
import { type CrmApiApp, crmApiService } from '../src/app.js';
import type { CrmApiContext } from '../src/context.js';

/** A crm-api on embedded ports in a temp folder, with a write key and a read-only key. */
export interface TestApi {
  readonly app: FastifyInstance;
  readonly context: CrmApiContext;
  readonly ports: ReturnType<typeof createEmbeddedPorts>;
  readonly handlers: CrmApiApp['handlers'];
  readonly clock: ManualClock;
  readonly dataDir: string;
  readonly key: string;
  readonly readKey: string;
  /** Headers carrying the write key. */
  readonly auth: { 'x-api-key': string };
  /** Events crm-api published, parsed, of one detail-type. */
  published<T extends keyof EventDataMap>(detailType: T): EventDataMap[T][];
  close(): Promise<void>;
}

/**
 * Starts crm-api as every entry does, through its service definition (`crmApiService`): the config read
 * from environment variables, built over embedded ports in a temp folder on a manual clock.
 */
export async function startTestApi(options: { rateLimitPerMinute?: number } = {}): Promise<TestApi> {
  const dir = tempDir('crm-api-test-');
  const clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'));
  const config = crmApiService.readConfig({
    JOBPIPE_DATA_DIR: dir.path,
    JOBPIPE_SECRET_KEY: 'crm-api test secret key',
    JOBPIPE_API_RATE_LIMIT: String(options.rateLimitPerMinute ?? 100_000),
    JOBPIPE_API_INSIGHTS_CACHE_SECONDS: '30',
  });
  const ports = createEmbeddedPorts(config.runtime, 'crm-api', { clock });
  const built = await crmApiService.build(ports, config, silentLogger);
  const app = await built.httpApi();
  const { key } = await createApiKey(ports.tables, clock, { name: 'test' });
  const { key: readKey } = await createApiKey(ports.tables, clock, { name: 'reader', scope: 'read' });
  return {
    app,
    context: built.context,
    ports,
    handlers: built.handlers,
    clock,
    dataDir: dir.path,
    key,
    readKey,
    auth: { 'x-api-key': key },
    published: (detailType) => ports.bus.publishedEvents(detailType).map((event) => JSON.parse(event.body).detail.data),
    async close() {
      await app.close();
      await built.close();
      await ports.close();
      dir.remove();
    },
  };
}

/** A valid `job.scored` payload; override any field. */
export function scoredData(
  jobId: string,
  overrides: Partial<Omit<EventDataMap['job.scored'], 'job'>> & { job?: Partial<EventDataMap['job.scored']['job']> } = {},
): EventDataMap['job.scored'] {
  const { job, ...rest } = overrides;
  return {
    jobId,
    contentHash: 'a'.repeat(64),
    score: 50,
    track: 'data-engineering',
    trackScore: 50,
    modelProbability: null,
    modelVersion: null,
    filteredBy: null,
    reasons: [{ kind: 'title', text: "title mentions 'data engineer'", points: 30 }],
    scoredAt: '2026-03-01T10:00:00.000Z',
    ...rest,
    job: {
      title: 'Data Engineer',
      company: 'Acme',
      canonicalUrl: `https://jobs.example.com/${encodeURIComponent(jobId)}`,
      source: 'greenhouse',
      locations: ['Singapore'],
      remote: false,
      annualSalaryMax: 120000,
      salaryCurrency: 'SGD',
      postedAt: '2026-02-20T00:00:00.000Z',
      skills: ['python', 'sql'],
      ...job,
    },
  };
}

/** Feeds `job.scored` events through crm-api's handler, as the queue runner would. */
export async function feedScored(api: TestApi, ...jobs: EventDataMap['job.scored'][]): Promise<void> {
  for (const data of jobs) {
    await api.handlers['job.scored@1'](
      busEvent('job.scored', data, 'recommender'),
      standaloneHandlerContext((events) => api.ports.publisher.publish(events)),
    );
  }
}

/** The `etl.completed` announcing the analytics snapshot of one ETL run, stored at `analytics/snapshots/<requestId>.sqlite`. */
export function etlCompleted(requestId: string) {
  return busEvent(
    'etl.completed',
    {
      requestId,
      snapshotBlobKey: `analytics/snapshots/${requestId}.sqlite`,
      completedAt: '2026-03-01T12:00:00.000Z',
      durationMs: 10,
      rows: { jobs: 4, stageChanges: 0, applications: 0, skills: 7 },
    },
    'etl',
  );
}

/** Stores an analytics snapshot in the blob store and hands crm-api the `etl.completed` announcing it, as etl does. */
export async function deliverAnalyticsSnapshot(api: TestApi, requestId: string, snapshot: Buffer): Promise<void> {
  await api.ports.blobs.put(`analytics/snapshots/${requestId}.sqlite`, snapshot);
  await api.handlers['etl.completed@1'](
    etlCompleted(requestId),
    standaloneHandlerContext((events) => api.ports.publisher.publish(events)),
  );
}
