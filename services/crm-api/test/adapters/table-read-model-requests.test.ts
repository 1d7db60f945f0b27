import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { GatheringTurn, TypedTableStore } from '@jobpipe/shared';
import { countAwsRequests, createAwsClients, createTableInputs, DynamoTableStore } from '@jobpipe/shared/aws';
import { startDynalite } from '@jobpipe/test-kit/aws-fakes';
import { TableJobReadModel } from '../../src/adapters/table-job-read-model.js';
import { scoredJobFromEvent } from '../../src/domain/job-summary.js';
import { scoredData } from '../helpers.js';

test('the new jobs of one received batch are listed and counted in one request each (DynamoDB, dynalite)', async (t) => {
  const server = await startDynalite();
  const clients = createAwsClients({
    region: 'us-east-1',
    endpoint: server.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  t.after(async () => {
    clients.destroy();
    await server.close();
  });
  const tableName = (table: string) => `jp-${table}`;
  for (const input of createTableInputs(tableName).filter((candidate) => candidate.TableName === 'jp-readModel')) {
    await clients.dynamo.send(new CreateTableCommand(input));
  }
  const model = new TableJobReadModel(new TypedTableStore(new DynamoTableStore({ documents: clients.documents, tableName })));
  const requests = countAwsRequests(clients);

  // Ten job.scored handlers of one received batch, run as the queue runner runs them.
  const jobIds = Array.from({ length: 10 }, (_, index) => `greenhouse:${700 + index}`);
  const outcomes = await GatheringTurn.settleTogether(
    jobIds.map((jobId) => () => model.upsert([scoredJobFromEvent(scoredData(jobId), 'new')])),
  );

  assert.deepEqual(
    outcomes.map((outcome) => outcome.status === 'fulfilled' && outcome.value),
    jobIds.map(() => ['inserted']),
  );
  assert.deepEqual(
    Object.fromEntries(requests.byOperation()),
    {
      'DynamoDB.BatchGetItem': 1,
      'DynamoDB.GetItem': 1,
      'DynamoDB.TransactWriteItems': 2,
    },
    'one read of every job, one write of every listing item, one read of the count (a fresh instance) and one raise of it by ten',
  );
  assert.equal(await model.count(), 10);
});
