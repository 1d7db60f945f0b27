import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLES } from '@jobpipe/contracts';
import { mockClient } from 'aws-sdk-client-mock';
import { createDocumentClient } from '../../src/aws/aws-clients.js';
import { ensureTables } from '../../src/aws/bootstrap-storage.js';
import { DynamoTableStore } from '../../src/aws/dynamo-table-store.js';
import { TransientError } from '../../src/errors.js';
import { silentLogger } from '../../src/ports/logger.js';
import type { Item } from '../../src/ports/tables.js';
import { tableStoreSuite } from '../contract/table-store-suite.js';
import { fastRetry, startDynalite, testCredentials } from './aws-test-kit.js';

let server: Awaited<ReturnType<typeof startDynalite>>;
let dynamo: DynamoDBClient;
let installations = 0;

before(async () => {
  server = await startDynalite();
  dynamo = new DynamoDBClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: testCredentials });
});
after(async () => {
  dynamo.destroy();
  await server.close();
});

/** A store over freshly bootstrapped tables of their own prefix (an empty installation). */
async function freshStore(): Promise<DynamoTableStore> {
  const prefix = `t${++installations}`;
  await ensureTables(dynamo, (table) => `${prefix}-${table}`, silentLogger);
  return new DynamoTableStore({ documents: createDocumentClient(dynamo), tableName: (table) => `${prefix}-${table}` });
}

tableStoreSuite('DynamoDB (lib-dynamodb on dynalite with TransactWriteItems)', async () => ({
  store: await freshStore(),
  close: async () => {},
}));

describe('DynamoDB table store specifics', () => {
  test('the bootstrap creates every defined table once; running it again changes nothing', async () => {
    const tableName = (table: string) => `again-${table}`;
    const first = await ensureTables(dynamo, tableName, silentLogger);
    const second = await ensureTables(dynamo, tableName, silentLogger);
    assert.deepEqual(second, first);
    assert.deepEqual(second.problems, [], 'tables made from their definitions match them');
    const { TableNames } = await dynamo.send(new ListTablesCommand({ ExclusiveStartTableName: 'again-', Limit: 100 }));
    const created = (TableNames ?? []).filter((name) => name.startsWith('again-'));
    assert.deepEqual(created.sort(), Object.keys(TABLES).map(tableName).sort());
  });

  test('a sort prefix and a range together (one key condition in DynamoDB) still page exactly', async () => {
    const store = await freshStore();
    const changes = Array.from({ length: 12 }, (_, i) => ({ jobId: 'mcf:1', changeId: `2026-03-${String(i + 1).padStart(2, '0')}#x` }));
    await store.putMany('crmHistory', [...changes, { jobId: 'mcf:1', changeId: 'note#1' }]);
    const read: Item[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.query('crmHistory', {
        partitionValue: 'mcf:1',
        sortBeginsWith: '2026-03-',
        sortFrom: '2026-03-03',
        sortTo: '2026-03-10~',
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      assert.ok(page.items.length <= 3);
      read.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    assert.deepEqual(
      read.map((item) => item.changeId),
      changes.slice(2, 10).map((item) => item.changeId),
    );
    assert.deepEqual((await store.query('crmHistory', { partitionValue: 'mcf:1', sortFrom: 'b', sortTo: 'a' })).items, []);
  });

  test('putMany retries unprocessed BatchWrite items and gives up with a typed error', async () => {
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: testCredentials }));
    const mock = mockClient(documents);
    const items = Array.from({ length: 30 }, (_, i) => ({ importId: 'i1', part: String(i).padStart(4, '0') }));
    const leftOver = { 'x-imports': [{ PutRequest: { Item: items[3] } }] };
    mock.on(BatchWriteCommand).resolvesOnce({ UnprocessedItems: leftOver }).resolves({ UnprocessedItems: {} });
    const store = new DynamoTableStore({ documents, tableName: (table) => `x-${table}`, retry: fastRetry });
    await store.putMany('imports', items);
    const requests = mock.commandCalls(BatchWriteCommand).map((call) => call.args[0].input.RequestItems?.['x-imports']?.length);
    assert.deepEqual(requests, [25, 1, 5], 'batches of 25; the unprocessed item is sent again alone');

    mock.reset();
    mock.on(BatchWriteCommand).resolves({ UnprocessedItems: leftOver });
    const error = await store.putMany('imports', items.slice(0, 4)).catch((thrown: unknown) => thrown);
    assert.ok(error instanceof TransientError);
    assert.equal(error.code, 'TABLE_WRITE_INCOMPLETE');
    assert.equal(mock.commandCalls(BatchWriteCommand).length, fastRetry.retries + 1);
  });
});
