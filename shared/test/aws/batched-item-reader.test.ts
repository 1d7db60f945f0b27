import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients } from '../../src/aws/aws-clients.js';
import { BatchedItemReader } from '../../src/aws/batched-item-reader.js';
import { ensureTables } from '../../src/aws/bootstrap-storage.js';
import { DynamoTableStore } from '../../src/aws/dynamo-table-store.js';
import { countAwsRequests } from '../../src/aws/request-counter.js';
import { TransientError } from '../../src/errors.js';
import { silentLogger } from '../../src/ports/logger.js';
import { fastRetry, startDynalite, testCredentials } from './aws-test-kit.js';

let dynalite: Awaited<ReturnType<typeof startDynalite>>;
before(async () => {
  dynalite = await startDynalite();
});
after(() => dynalite.close());

test('reads by key asked together go out as one BatchGetItem; a lone read stays a GetItem', async () => {
  const clients = createAwsClients({ region: 'us-east-1', endpoint: dynalite.endpoint, credentials: testCredentials });
  const tableName = (table: string) => `read-${table}`;
  await ensureTables(clients.dynamo, tableName, silentLogger);
  const store = new DynamoTableStore({ documents: clients.documents, tableName });
  await store.putMany('jobs', [
    { jobId: 'greenhouse:1', title: 'one' },
    { jobId: 'greenhouse:2', title: 'two' },
  ]);
  await store.put('crmHistory', { jobId: 'greenhouse:1', changeId: 'c1', stage: 'screened' });
  const count = countAwsRequests(clients);

  const read = await Promise.all([
    store.get('jobs', { jobId: 'greenhouse:1' }),
    store.get('jobs', { jobId: 'greenhouse:2' }),
    store.get('jobs', { jobId: 'greenhouse:1' }),
    store.get('jobs', { jobId: 'lever:9' }),
    store.get('crmHistory', { jobId: 'greenhouse:1', changeId: 'c1' }),
  ]);
  assert.deepEqual(read, [
    { jobId: 'greenhouse:1', title: 'one' },
    { jobId: 'greenhouse:2', title: 'two' },
    { jobId: 'greenhouse:1', title: 'one' },
    undefined,
    { jobId: 'greenhouse:1', changeId: 'c1', stage: 'screened' },
  ]);
  assert.deepEqual(Object.fromEntries(count.byOperation()), { 'DynamoDB.BatchGetItem': 1 });

  await store.put('jobs', { jobId: 'greenhouse:2', title: 'two, edited' });
  assert.deepEqual(
    await store.get('jobs', { jobId: 'greenhouse:2' }),
    { jobId: 'greenhouse:2', title: 'two, edited' },
    'a read after a write sees it',
  );
  assert.equal(count.total('DynamoDB.GetItem'), 1);
  clients.destroy();
});

test('unprocessed keys are asked again; still unprocessed, the reads fail with a typed error', async () => {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: testCredentials }));
  const mock = mockClient(documents);
  mock
    .on(BatchGetCommand)
    .resolvesOnce({ Responses: { t: [{ id: 'a' }] }, UnprocessedKeys: { t: { Keys: [{ id: 'b' }] } } })
    .resolves({ Responses: { t: [{ id: 'b' }] } });
  const reader = new BatchedItemReader(documents, fastRetry);
  assert.deepEqual(await Promise.all([reader.get('t', { id: 'a' }), reader.get('t', { id: 'b' })]), [{ id: 'a' }, { id: 'b' }]);
  assert.deepEqual(
    mock.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.t?.Keys),
    [[{ id: 'a' }, { id: 'b' }], [{ id: 'b' }]],
  );

  mock.reset();
  mock.on(BatchGetCommand).resolves({ Responses: { t: [{ id: 'a' }] }, UnprocessedKeys: { t: { Keys: [{ id: 'b' }] } } });
  const [a, b] = await Promise.allSettled([reader.get('t', { id: 'a' }), reader.get('t', { id: 'b' })]);
  assert.deepEqual(a, { status: 'fulfilled', value: { id: 'a' } });
  assert.ok(b.status === 'rejected' && b.reason instanceof TransientError && b.reason.code === 'TABLE_READ_INCOMPLETE');
});
