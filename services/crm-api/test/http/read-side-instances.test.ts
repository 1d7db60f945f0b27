import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { EventDataMap } from '@jobpipe/contracts';
import { ManualClock, silentLogger, standaloneHandlerContext } from '@jobpipe/shared';
import { createAwsClients, createAwsPorts, createTableInputs } from '@jobpipe/shared/aws';
import { busEvent, tempDir } from '@jobpipe/test-kit';
import { playS3Buckets, startDynalite } from '@jobpipe/test-kit/aws-fakes';
import { mockClient } from 'aws-sdk-client-mock';
import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../src/adapters/api-keys.js';
import { type CrmApiApp, crmApiService } from '../../src/app.js';
import { buildAnalyticsSnapshot } from '../analytics-fixture.js';
import { scoredData } from '../helpers.js';

/** One crm-api instance on the aws transport: its own data folder (its /tmp), the shared DynamoDB and S3. */
interface Instance {
  readonly app: FastifyInstance;
  readonly built: CrmApiApp;
  close(): Promise<void>;
}

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'));
const dir = tempDir('crm-api-instances-');
const s3Objects = new Map<string, Uint8Array>();
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
let first: Instance;
let second: Instance;
let key: string;

async function startInstance(name: string): Promise<Instance> {
  const env = {
    JOBPIPE_TRANSPORT: 'aws',
    JOBPIPE_DATA_DIR: join(dir.path, name),
    AWS_ENDPOINT_URL: dynalite.endpoint,
    AWS_REGION: 'us-east-1',
    JOBPIPE_RESOURCE_PREFIX: 'jp',
    JOBPIPE_BUCKET: 'jp-blobs',
  };
  const config = crmApiService.readConfig(env);
  const clients = createAwsClients({ region: 'us-east-1', endpoint: dynalite.endpoint, credentials });
  playS3Buckets(mockClient(clients.s3), s3Objects);
  const ports = await createAwsPorts(config.runtime, 'crm-api', { clients, clock, logger: silentLogger });
  const built = await crmApiService.build(ports, config, silentLogger);
  const app = await built.httpApi();
  return {
    app,
    built,
    async close() {
      await app.close();
      await built.close();
      await ports.close();
    },
  };
}

async function deliver<T extends 'job.scored' | 'etl.completed'>(instance: Instance, type: T, data: EventDataMap[T], producer: string) {
  await instance.built.handlers[`${type}@1`]!(
    busEvent(type, data, producer as never) as never,
    standaloneHandlerContext(async () => []),
  );
}

const get = async (instance: Instance, url: string) => instance.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });

function completed(requestId: string, completedAt: string): EventDataMap['etl.completed'] {
  return {
    requestId,
    snapshotBlobKey: `analytics/snapshots/${requestId}.sqlite`,
    completedAt,
    durationMs: 10,
    rows: { jobs: 4, stageChanges: 0, applications: 0, skills: 7 },
  };
}

before(async () => {
  dynalite = await startDynalite();
  const setup = createAwsClients({ region: 'us-east-1', endpoint: dynalite.endpoint, credentials });
  for (const input of createTableInputs((table) => `jp-${table}`)) await setup.dynamo.send(new CreateTableCommand(input));
  setup.destroy();
  first = await startInstance('first');
  second = await startInstance('second');
  key = (await createApiKey(first.built.context.tables, clock, { name: 'test' })).key;
});
after(async () => {
  await first.close();
  await second.close();
  await dynalite.close();
  dir.remove();
});

test('on AWS, an instance that never saw a job.scored lists, shows and counts the jobs another instance recorded', async () => {
  await deliver(first, 'job.scored', scoredData('greenhouse:1', { score: 91 }), 'recommender');
  await deliver(first, 'job.scored', scoredData('lever:2', { score: 40, job: { source: 'lever', company: 'Globex' } }), 'recommender');
  const listed = await get(second, '/jobs?sort=score&order=desc');
  assert.equal(listed.statusCode, 200);
  assert.deepEqual(
    listed.json().items.map((job: { jobId: string; score: number }) => [job.jobId, job.score]),
    [
      ['greenhouse:1', 91],
      ['lever:2', 40],
    ],
  );
  assert.deepEqual((await get(second, '/jobs?company=globex')).json().items.length, 1);
  const detail = (await get(second, '/jobs/greenhouse:1')).json();
  assert.deepEqual(detail.reasons, scoredData('greenhouse:1').reasons);
  assert.equal((await get(second, '/health')).json().jobs, 2);
});

test('on AWS, every instance reads the newest analytics snapshot etl announced, from S3', async () => {
  assert.equal((await get(second, '/insights/skills')).statusCode, 503, 'no snapshot yet');
  const snapshot = buildAnalyticsSnapshot(join(dir.path, 'fixture.sqlite'));
  s3Objects.set('jp-blobs/analytics/snapshots/r1.sqlite', snapshot);
  await deliver(first, 'etl.completed', completed('r1', '2026-03-01T11:00:00.000Z'), 'etl');
  // The second instance's answer was not cached (a 503 is not), so it looks for a snapshot at once.
  assert.deepEqual((await get(second, '/insights/skills?limit=2')).json().rows, [
    { skill: 'python', jobs: 3 },
    { skill: 'sql', jobs: 2 },
  ]);
  assert.equal((await get(second, '/health')).json().analytics, true);

  // A newer snapshot reaches the other instance once its answers' cache time has passed; an older one
  // delivered late replaces nothing.
  const Database = (await import('better-sqlite3')).default;
  const smaller = join(dir.path, 'smaller.sqlite');
  buildAnalyticsSnapshot(smaller);
  const db = new Database(smaller);
  db.exec("DELETE FROM bridge_job_skills WHERE skill <> 'go'");
  db.close();
  const { readFileSync } = await import('node:fs');
  s3Objects.set('jp-blobs/analytics/snapshots/r2.sqlite', readFileSync(smaller));
  await deliver(first, 'etl.completed', completed('r2', '2026-03-01T11:30:00.000Z'), 'etl');
  await deliver(first, 'etl.completed', completed('r1', '2026-03-01T11:00:00.000Z'), 'etl');
  assert.equal((await get(second, '/insights/skills')).json().rows.length, 4, 'still its cached answer');
  clock.advance(31_000);
  assert.deepEqual((await get(second, '/insights/skills')).json().rows, [{ skill: 'go', jobs: 1 }]);
  assert.deepEqual((await get(first, '/insights/skills')).json().rows, [{ skill: 'go', jobs: 1 }]);
  await assert.rejects(deliver(first, 'etl.completed', completed('missing', '2026-03-01T12:00:00.000Z'), 'etl'), /not in the blob store/);
});
