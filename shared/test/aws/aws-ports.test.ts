import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createAwsPorts } from '../../src/aws/aws-ports.js';
import { silentLogger } from '../../src/ports/logger.js';
import { readRuntimeConfig } from '../../src/runtime/runtime-config.js';
import { testCredentials } from './aws-test-kit.js';

interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly target: string;
  readonly authorization: string;
  readonly body: string;
}

const seen: SeenRequest[] = [];
/** The outbox entries put by TransactWriteItems (DynamoDB JSON), until BatchWriteItem deletes them. */
let outbox: unknown[] = [];
const server = createServer(async (request: IncomingMessage, response) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  const target = String(request.headers['x-amz-target'] ?? '');
  seen.push({ method: request.method ?? '', path: request.url ?? '', target, authorization: String(request.headers.authorization), body });
  const json = (status: number, value: unknown) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    response.end(JSON.stringify(value));
  };
  if (target === 'AmazonSQS.GetQueueUrl') return json(200, { QueueUrl: `http://127.0.0.1/123456789012/${JSON.parse(body).QueueName}` });
  if (target === 'AmazonSQS.ReceiveMessage') return json(200, {});
  if (target === 'AWSEvents.PutEvents') return json(200, { FailedEntryCount: 0, Entries: [{ EventId: 'eb-1' }] });
  if (target === 'DynamoDB_20120810.GetItem') return json(200, {});
  if (target === 'DynamoDB_20120810.TransactWriteItems') {
    outbox.push(...JSON.parse(body).TransactItems.map((write: { Put: { Item: unknown } }) => write.Put.Item));
    return json(200, {});
  }
  if (target === 'DynamoDB_20120810.Query') return json(200, { Items: outbox, Count: outbox.length });
  if (target === 'DynamoDB_20120810.BatchWriteItem') {
    outbox = [];
    return json(200, { UnprocessedItems: {} });
  }
  if (target === 'secretsmanager.GetSecretValue') return json(400, { __type: 'ResourceNotFoundException', message: 'no such secret' });
  response.writeHead(404, { 'content-type': 'application/xml' });
  response.end();
});

before(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('every AWS port goes to AWS_ENDPOINT_URL in the configured region, with resources named from the prefix', async () => {
  const { port } = server.address() as AddressInfo;
  const config = readRuntimeConfig({
    JOBPIPE_TRANSPORT: 'aws',
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
    AWS_REGION: 'ap-southeast-1',
    JOBPIPE_RESOURCE_PREFIX: 'jp',
    JOBPIPE_EVENT_BUS: 'jp-bus',
    JOBPIPE_BUCKET: 'jp-blobs',
  });
  const ports = await createAwsPorts(config, 'crm-api', { credentials: testCredentials, logger: silentLogger });
  try {
    await ports.publisher.publish([
      { detailType: 'scrape.requested', data: { searchId: 'de-sg', source: 'mcf', runId: 'run-1', requestedBy: 'cli' } },
    ]);
    await ports.flushEvents();
    assert.deepEqual(await ports.consumer('parser').receive(1, 0), []);
    assert.equal(await ports.tables.get('jobs', { jobId: 'mcf:1' }), undefined);
    assert.equal(await ports.blobs.exists('raw/mcf/1/a.json'), false);
    assert.equal(await ports.secrets().get('mcf-session'), undefined);
  } finally {
    await ports.close();
  }
  const byTarget = (target: string) => seen.find((request) => request.target === target);
  assert.equal(JSON.parse(byTarget('AWSEvents.PutEvents')?.body ?? '{}').Entries[0].EventBusName, 'jp-bus');
  assert.equal(JSON.parse(byTarget('AmazonSQS.GetQueueUrl')?.body ?? '{}').QueueName, 'jp-parser');
  assert.equal(JSON.parse(byTarget('DynamoDB_20120810.GetItem')?.body ?? '{}').TableName, 'jp-jobs');
  assert.equal(JSON.parse(byTarget('DynamoDB_20120810.TransactWriteItems')?.body ?? '{}').TransactItems[0].Put.TableName, 'jp-outbox');
  assert.equal(JSON.parse(byTarget('secretsmanager.GetSecretValue')?.body ?? '{}').SecretId, 'jp/mcf-session');
  const head = seen.find((request) => request.method === 'HEAD');
  assert.equal(head?.path, '/jp-blobs/raw/mcf/1/a.json', 'S3 path-style on a custom endpoint');
  for (const request of seen)
    assert.match(request.authorization, /Credential=test\/\d{8}\/ap-southeast-1\//, 'signed for the configured region');
});
