import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { contracts } from '@jobpipe/contracts';
import { SqliteTableStore, TypedTableStore, ValidatingItemStore } from '@jobpipe/shared';
import { createDocumentClient, createTableInputs, DynamoTableStore } from '@jobpipe/shared/aws';
import { tempDir } from '@jobpipe/test-kit';
import { startDynalite } from '@jobpipe/test-kit/aws-fakes';
import { SqliteJobReadModel } from '../../src/adapters/sqlite-job-read-model.js';
import { TableJobReadModel } from '../../src/adapters/table-job-read-model.js';
import { scoredJobFromEvent } from '../../src/domain/job-summary.js';
import { scoredData } from '../helpers.js';
import { jobReadModelSuite } from './job-read-model-suite.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

jobReadModelSuite('SQLite file (embedded)', async () => {
  const dir = tempDir('crm-api-read-model-');
  const model = new SqliteJobReadModel(join(dir.path, 'crm-api.sqlite'));
  const other = new SqliteJobReadModel(join(dir.path, 'crm-api.sqlite'));
  return {
    model,
    other,
    async close() {
      await model.close();
      await other.close();
      dir.remove();
    },
  };
});

jobReadModelSuite('readModel table on DynamoDB (aws, dynalite)', async () => {
  const server = await startDynalite();
  const dynamo = new DynamoDBClient({ region: 'us-east-1', endpoint: server.endpoint, credentials });
  const tableName = (table: string) => `jp-${table}`;
  for (const input of createTableInputs(tableName).filter((candidate) => candidate.TableName === 'jp-readModel')) {
    await dynamo.send(new CreateTableCommand(input));
  }
  const tables = () => new TypedTableStore(new DynamoTableStore({ documents: createDocumentClient(dynamo), tableName }));
  return {
    model: new TableJobReadModel(tables()),
    other: new TableJobReadModel(tables()),
    async close() {
      dynamo.destroy();
      await server.close();
    },
  };
});

jobReadModelSuite('readModel table on SQLite tables', async () => {
  const dir = tempDir('crm-api-read-model-tables-');
  const tables = new SqliteTableStore(join(dir.path, 'tables.sqlite'));
  const checked = new TypedTableStore(new ValidatingItemStore(tables));
  return {
    model: new TableJobReadModel(checked),
    other: new TableJobReadModel(checked),
    async close() {
      tables.close();
      dir.remove();
    },
  };
});

test('the items the table adapter writes are valid readModel items (contracts/schemas/tables/readModel)', async () => {
  const dir = tempDir('crm-api-read-model-items-');
  const tables = new SqliteTableStore(join(dir.path, 'tables.sqlite'));
  const model = new TableJobReadModel(new TypedTableStore(tables));
  await model.upsert([
    scoredJobFromEvent(scoredData('greenhouse:1'), 'new'),
    scoredJobFromEvent(scoredData('lever:2', { track: null }), 'applied'),
  ]);
  await model.setStage('greenhouse:1', 'shortlisted');
  const { items } = await tables.scan('readModel');
  assert.equal(items.length, 3, 'two jobs and the count');
  for (const item of items) assert.deepEqual(contracts().validateTableItem('readModel', item), { ok: true }, JSON.stringify(item));
  tables.close();
  dir.remove();
});

test('new jobs scored together raise the count in one write, not a race of conditional writes per job', async () => {
  const dir = tempDir('crm-api-read-model-count-');
  const tables = new SqliteTableStore(join(dir.path, 'tables.sqlite'));
  let countWrites = 0;
  const counting = new Proxy(tables, {
    get(target, property, receiver) {
      if (property !== 'put') return Reflect.get(target, property, receiver);
      return (table: string, item: { key?: string }, condition?: unknown) => {
        if (item.key === 'count#jobs') countWrites += 1;
        return target.put(table, item, condition as never);
      };
    },
  });
  const model = new TableJobReadModel(new TypedTableStore(counting));
  const jobs = Array.from({ length: 10 }, (_, i) => scoredJobFromEvent(scoredData(`greenhouse:${i + 1}`), 'new'));
  const outcomes = await Promise.all(jobs.map((job) => model.upsert([job])));
  assert.deepEqual(outcomes.flat(), Array(10).fill('inserted'));
  assert.equal(await new TableJobReadModel(new TypedTableStore(tables)).count(), 10);
  assert.ok(countWrites <= 2, `the count was written ${countWrites} times for 10 jobs handled together`);
  tables.close();
  dir.remove();
});
