import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { QUEUES, TABLES } from '@jobpipe/contracts';
import { LocalstackContainer, type StartedLocalStackContainer } from '@testcontainers/localstack';

const repoRoot = join(import.meta.dirname, '..', '..');

/** Runs `jobpipe <args>` as a user would, without AWS credentials of its own. */
function jobpipe(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { AWS_ACCESS_KEY_ID: _key, AWS_SECRET_ACCESS_KEY: _secret, AWS_PROFILE: _profile, ...env } = process.env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'cli', 'src', 'main.ts'), ...args], {
      cwd: repoRoot,
      env: { ...env, JOBPIPE_LOG_LEVEL: 'silent', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One request the fake endpoint received: the API operation and the region it was signed for. */
interface Call {
  readonly operation: string;
  readonly name: string;
  readonly region: string;
}

/**
 * A local AWS-compatible endpoint answering the calls of the bootstrap as a fresh account would
 * (EventBridge and SQS over the JSON protocols, DynamoDB, S3 path-style), recording each.
 */
class FakeAwsEndpoint {
  readonly calls: Call[] = [];
  /** Tables that exist already (CreateTable answers ResourceInUseException), as DescribeTable shows them. */
  existingTables = new Map<string, Record<string, unknown>>();
  private readonly server: Server = createServer((request, response) => {
    this.answer(request).then(({ status, body }) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' }).end(body === undefined ? '' : JSON.stringify(body));
    });
  });

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage): Promise<{ status: number; body?: unknown }> {
    let text = '';
    for await (const chunk of request) text += chunk;
    const input = text.startsWith('{') ? (JSON.parse(text) as Record<string, string>) : {};
    const region = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(String(request.headers.authorization))?.[1] ?? 'unsigned';
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target ? target.slice(target.indexOf('.') + 1) : `S3 ${request.method}`;
    const name = input.Name ?? input.QueueName ?? input.TableName ?? input.Rule ?? input.QueueUrl ?? input.SecretId ?? request.url ?? '';
    if (region !== 'unsigned') this.calls.push({ operation, name, region });
    const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:000000000000:${resource}`;
    switch (operation) {
      case 'CreateQueue':
        return { status: 200, body: { QueueUrl: `${this.url}/000000000000/${input.QueueName}` } };
      case 'GetQueueAttributes':
        return { status: 200, body: { Attributes: { QueueArn: arn('sqs', String(input.QueueUrl).split('/').at(-1)!) } } };
      case 'PutRule':
        return { status: 200, body: { RuleArn: arn('events', `rule/${input.EventBusName}/${input.Name}`) } };
      case 'PutTargets':
        return { status: 200, body: { FailedEntryCount: 0, FailedEntries: [] } };
      case 'CreateTable':
        if (this.existingTables.has(input.TableName!)) {
          return {
            status: 400,
            body: {
              __type: 'com.amazonaws.dynamodb.v20120810#ResourceInUseException',
              message: `Table already exists: ${input.TableName}`,
            },
          };
        }
        return { status: 200, body: { TableDescription: { TableName: input.TableName, TableStatus: 'ACTIVE' } } };
      case 'DescribeTable':
        return {
          status: 200,
          body: { Table: { TableName: input.TableName, TableStatus: 'ACTIVE', ...this.existingTables.get(input.TableName!) } },
        };
      default:
        // CreateEventBus, SetQueueAttributes, S3 CreateBucket, and the reachability check (unsigned GET /).
        return { status: 200, body: operation.startsWith('S3') ? undefined : {} };
    }
  }
}

describe('jobpipe bootstrap against a local endpoint', () => {
  const endpoint = new FakeAwsEndpoint();
  before(() => endpoint.start());
  after(() => endpoint.stop());

  test('creates the bus, every queue with its DLQ and rule, every table and the bucket, named and signed as asked', async () => {
    const run = await jobpipe('bootstrap', '--endpoint', endpoint.url, '--region', 'eu-west-1', '--prefix', 'demo');
    assert.equal(run.code, 0, run.stderr);
    const named = (operation: string) => endpoint.calls.filter((call) => call.operation === operation).map((call) => call.name);
    assert.deepEqual(named('CreateQueue').sort(), QUEUES.flatMap((queue) => [`demo-${queue.name}`, `demo-${queue.name}-dlq`]).sort());
    assert.deepEqual(named('PutRule').sort(), QUEUES.map((queue) => `demo-${queue.name}`).sort());
    assert.deepEqual(
      named('CreateTable').sort(),
      Object.keys(TABLES)
        .map((table) => `demo-${table}`)
        .sort(),
    );
    assert.deepEqual(named('CreateEventBus'), ['jobpipe']);
    assert.deepEqual(named('S3 PUT'), ['/jobpipe-blobs/']);
    assert.deepEqual([...new Set(endpoint.calls.map((call) => call.region))], ['eu-west-1']);
    assert.match(run.stdout, new RegExp(`queues +${QUEUES.length}, each with its DLQ and rule`));
    assert.match(run.stdout, /bucket +jobpipe-blobs/);
    assert.deepEqual(named('PutSecretValue'), ['demo/cli/local-api-key'], 'the API key is kept in the secret store');
    assert.deepEqual(named('PutItem'), ['demo-apiKeys'], 'its hash is stored for crm-api');
    assert.match(run.stdout, /API key +\S{20,} +\(header: authorization: Bearer <key>/);
  });

  test('an existing table it cannot converge is printed and makes the exit code 1', async () => {
    endpoint.existingTables.set('old-jobs', { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], GlobalSecondaryIndexes: [] });
    try {
      const run = await jobpipe('bootstrap', '--endpoint', endpoint.url, '--prefix', 'old');
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, /2 resource\(s\) differ from the topology in ways the bootstrap cannot fix/);
      assert.match(run.stderr, /table old-jobs has the key id, not jobId: a key cannot change/);
      const indexes = Object.keys(TABLES.jobs.indexes).join(', ');
      assert.match(run.stderr, new RegExp(`table old-jobs lacks the index\\(es\\) ${indexes}: add them with UpdateTable`));
      assert.match(run.stdout, /bucket +jobpipe-blobs/, 'everything else was still bootstrapped');
    } finally {
      endpoint.existingTables.clear();
    }
  });

  test('an endpoint where nothing answers gets one clear line and exit code 1', async () => {
    const closed = new FakeAwsEndpoint();
    await closed.start();
    const url = closed.url;
    await closed.stop();
    const run = await jobpipe('bootstrap', '--endpoint', url);
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr.trim(),
      `error: nothing answers at ${url} (ECONNREFUSED): start LocalStack first (docker compose up -d localstack) or check --endpoint`,
    );
  });

  test('a bad endpoint or prefix is refused before anything is called', async () => {
    const before = endpoint.calls.length;
    const notUrl = await jobpipe('bootstrap', '--endpoint', 'localhost:4566');
    assert.equal(notUrl.code, 1);
    assert.equal(notUrl.stderr.trim(), "error: --endpoint 'localhost:4566' is not an http(s) URL");
    const badPrefix = await jobpipe('bootstrap', '--endpoint', endpoint.url, '--prefix', 'my_stack!');
    assert.equal(badPrefix.code, 1);
    assert.match(badPrefix.stderr, /--prefix 'my_stack!' is not valid/);
    assert.equal(endpoint.calls.length, before);
  });
});

/** LocalStack community image pinned to a release that needs no auth token (as shared/test/aws). */
const LOCALSTACK_IMAGE = 'localstack/localstack:3.8';

/** Starts LocalStack, or returns undefined when this machine has no Docker engine. */
async function startLocalStack(): Promise<StartedLocalStackContainer | undefined> {
  try {
    return await new LocalstackContainer(LOCALSTACK_IMAGE).start();
  } catch (error) {
    if (/could not find a working container runtime strategy/i.test(String((error as Error)?.message))) return undefined;
    throw error;
  }
}

test('jobpipe bootstrap against LocalStack: converges, runs again, and the queues route to their DLQs', { timeout: 600_000 }, async (t) => {
  const container = await startLocalStack();
  if (!container) {
    t.skip('no Docker engine: LocalStack bootstrap test not run');
    return;
  }
  const sqs = new SQSClient({
    region: 'us-east-1',
    endpoint: container.getConnectionUri(),
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    for (let run = 1; run <= 2; run++) {
      const result = await jobpipe('bootstrap', '--endpoint', container.getConnectionUri(), '--prefix', 'ls');
      assert.equal(result.code, 0, `run ${run}: ${result.stderr}`);
    }
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'ls-parser' }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['RedrivePolicy'] }));
    assert.match(String(Attributes?.RedrivePolicy), /ls-parser-dlq/);
  } finally {
    sqs.destroy();
    await container.stop();
  }
});
