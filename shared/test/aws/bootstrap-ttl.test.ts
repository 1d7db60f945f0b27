import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLES, type TableDefinition } from '@jobpipe/contracts';
import { mockClient } from 'aws-sdk-client-mock';
import { ensureTables } from '../../src/aws/bootstrap-storage.js';
import { silentLogger } from '../../src/ports/logger.js';
import { startDynalite, testCredentials } from './aws-test-kit.js';

const client = new DynamoDBClient({ region: 'us-east-1', credentials: testCredentials });
const dynamo = mockClient(client);
const tableName = (table: string) => `jp-${table}`;
const ttlUpdates = () => dynamo.commandCalls(UpdateTimeToLiveCommand).map((call) => call.args[0].input);

/** DynamoDB whose tables exist and are ACTIVE, each table's TTL as `ttlOf` says. */
function tablesWithTtl(ttlOf: (table: string) => { TimeToLiveStatus: string; AttributeName?: string }) {
  dynamo.on(CreateTableCommand).resolves({});
  dynamo
    .on(DescribeTableCommand)
    .callsFake((input: { TableName: string }) => ({ Table: { TableName: input.TableName, TableStatus: 'ACTIVE' } }));
  dynamo.on(DescribeTimeToLiveCommand).callsFake((input: { TableName: string }) => ({ TimeToLiveDescription: ttlOf(input.TableName) }));
  dynamo.on(UpdateTimeToLiveCommand).resolves({});
}

beforeEach(() => dynamo.reset());

describe('bootstrap: TTL of the tables that expire items', () => {
  test('turns TTL on for idempotencyKeys (expiresAt), and only for the tables that define an expiry', async () => {
    tablesWithTtl(() => ({ TimeToLiveStatus: 'DISABLED' }));
    const { problems } = await ensureTables(client, tableName, silentLogger);
    assert.deepEqual(problems, []);
    const expiring = Object.entries(TABLES as Readonly<Record<string, TableDefinition>>).filter(
      ([, definition]) => definition.timeToLiveAttribute,
    );
    assert.ok(expiring.some(([table]) => table === 'idempotencyKeys'));
    assert.deepEqual(
      ttlUpdates().sort((a, b) => String(a.TableName).localeCompare(String(b.TableName))),
      expiring.map(([table, definition]) => ({
        TableName: tableName(table),
        TimeToLiveSpecification: { Enabled: true, AttributeName: definition.timeToLiveAttribute },
      })),
    );
  });

  test('a TTL already on changes nothing; one on another attribute is reported', async () => {
    tablesWithTtl(() => ({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' }));
    assert.deepEqual((await ensureTables(client, tableName, silentLogger)).problems, []);
    assert.deepEqual(ttlUpdates(), []);

    dynamo.reset();
    tablesWithTtl(() => ({ TimeToLiveStatus: 'ENABLED', AttributeName: 'validUntil' }));
    const { problems } = await ensureTables(client, tableName, silentLogger);
    assert.deepEqual(problems, [
      "table jp-idempotencyKeys expires items by 'validUntil', not 'expiresAt': turn its TTL off, then run bootstrap again an hour later",
    ]);
    assert.deepEqual(ttlUpdates(), []);
  });

  test('an endpoint without UpdateTimeToLive (dynalite) still bootstraps', async () => {
    const server = await startDynalite();
    const local = new DynamoDBClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: testCredentials });
    try {
      assert.deepEqual((await ensureTables(local, tableName, silentLogger)).problems, []);
    } finally {
      local.destroy();
      await server.close();
    }
  });
});
