import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { createAwsClients } from '../../src/aws/aws-clients.js';
import { countAwsRequests } from '../../src/aws/request-counter.js';
import { startDynalite, testCredentials } from './aws-test-kit.js';

let dynalite: Awaited<ReturnType<typeof startDynalite>>;
before(async () => {
  dynalite = await startDynalite();
});
after(() => dynalite.close());

test('every request a client sends is counted by service and operation, the document client through DynamoDB', async () => {
  const clients = createAwsClients({ region: 'us-east-1', endpoint: dynalite.endpoint, credentials: testCredentials });
  const count = countAwsRequests(clients);
  await clients.dynamo.send(
    new CreateTableCommand({
      TableName: 'counted',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await clients.dynamo.send(new DescribeTableCommand({ TableName: 'counted' }));
  const { PutCommand, GetCommand } = await import('@aws-sdk/lib-dynamodb');
  await clients.documents.send(new PutCommand({ TableName: 'counted', Item: { id: 'a' } }));
  await clients.documents.send(new GetCommand({ TableName: 'counted', Key: { id: 'a' } }));
  assert.deepEqual(Object.fromEntries(count.byOperation()), {
    'DynamoDB.CreateTable': 1,
    'DynamoDB.DescribeTable': 1,
    'DynamoDB.PutItem': 1,
    'DynamoDB.GetItem': 1,
  });
  assert.equal(count.total(), 4);
  clients.destroy();
});

test('a request the SDK retries counts once per attempt, as AWS bills it', async () => {
  let answered = 0;
  const server = createServer((request, response) => {
    request.resume().on('end', () => {
      answered += 1;
      if (answered === 1) {
        response.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' }).end('{"__type":"InternalError","message":"try again"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{"QueueUrl":"http://127.0.0.1/000000000000/q"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients = createAwsClients({ region: 'us-east-1', endpoint, credentials: testCredentials });
  const count = countAwsRequests(clients);
  await clients.sqs.send(new GetQueueUrlCommand({ QueueName: 'q' }));
  assert.equal(answered, 2);
  assert.equal(count.total('SQS.GetQueueUrl'), 2);
  clients.destroy();
  server.close();
});
