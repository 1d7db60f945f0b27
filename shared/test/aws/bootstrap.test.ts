import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateEventBusCommand,
  PutEventsCommand,
  type PutEventsRequestEntry,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceAlreadyExistsException,
} from '@aws-sdk/client-eventbridge';
import { BucketAlreadyOwnedByYou, CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { contracts, QUEUES, TABLES } from '@jobpipe/contracts';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients } from '../../src/aws/aws-clients.js';
import { bootstrapAws } from '../../src/aws/bootstrap.js';
import { EventBridgePublisher } from '../../src/aws/eventbridge-publisher.js';
import { randomIds, systemClock } from '../../src/ports/clock.js';
import type { Logger } from '../../src/ports/logger.js';
import { silentLogger } from '../../src/ports/logger.js';
import { readRuntimeConfig } from '../../src/runtime/runtime-config.js';
import { testCredentials } from './aws-test-kit.js';
import { type EventPattern, matchesPattern } from './event-pattern.js';

const config = {
  aws: { region: 'eu-west-1', endpoint: undefined, eventBusName: 'jobpipe-test', resourcePrefix: 'jp', bucket: 'jp-blobs' },
};
const clients = createAwsClients({ region: 'eu-west-1', credentials: testCredentials });
const eventBridge = mockClient(clients.eventBridge);
const sqs = mockClient(clients.sqs);
const dynamo = mockClient(clients.dynamo);
const s3 = mockClient(clients.s3);
const ACCOUNT = '123456789012';
const queueArn = (name: string) => `arn:aws:sqs:eu-west-1:${ACCOUNT}:${name}`;
const ruleArn = (name: string) => `arn:aws:events:eu-west-1:${ACCOUNT}:rule/jobpipe-test/${name}`;

beforeEach(() => {
  for (const mock of [eventBridge, sqs, dynamo, s3]) mock.reset();
  eventBridge.on(CreateEventBusCommand).resolves({});
  eventBridge.on(PutRuleCommand).callsFake((input: { Name: string }) => ({ RuleArn: ruleArn(input.Name) }));
  eventBridge.on(PutTargetsCommand).resolves({ FailedEntryCount: 0 });
  sqs.on(CreateQueueCommand).callsFake((input: { QueueName: string }) => ({ QueueUrl: `https://sqs.local/${ACCOUNT}/${input.QueueName}` }));
  sqs
    .on(GetQueueAttributesCommand)
    .callsFake((input: { QueueUrl: string }) => ({ Attributes: { QueueArn: queueArn(input.QueueUrl.split('/').at(-1)!) } }));
  sqs.on(SetQueueAttributesCommand).resolves({});
  dynamo.on(CreateTableCommand).resolves({});
  dynamo.on(DescribeTableCommand).resolves({ Table: { TableStatus: 'ACTIVE' } });
  dynamo.on(DescribeTimeToLiveCommand).resolves({ TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } });
  dynamo.on(UpdateTimeToLiveCommand).resolves({});
  s3.on(CreateBucketCommand).resolves({});
});

const inputsOf = <T>(calls: { args: [{ input: T }] }[]) => calls.map((call) => call.args[0].input);

describe('AWS bootstrap', () => {
  test('creates the bus, every queue with its DLQ, rule, redrive policy and EventBridge permission', async () => {
    const report = await bootstrapAws(config, { logger: silentLogger, clients });
    assert.deepEqual(inputsOf(eventBridge.commandCalls(CreateEventBusCommand)), [{ Name: 'jobpipe-test' }]);
    const queueNames = inputsOf(sqs.commandCalls(CreateQueueCommand)).map((input) => input.QueueName);
    assert.deepEqual(queueNames.sort(), QUEUES.flatMap((queue) => [`jp-${queue.name}`, `jp-${queue.name}-dlq`]).sort());

    const parserRule = inputsOf(eventBridge.commandCalls(PutRuleCommand)).find((input) => input.Name === 'jp-parser');
    assert.equal(parserRule?.EventBusName, 'jobpipe-test');
    assert.deepEqual(JSON.parse(parserRule?.EventPattern ?? ''), {
      source: [{ prefix: 'jp.' }],
      'detail-type': ['job.scraped', 'import.chunk', 'import.completed', 'scrape.finished', 'job.close-requested', 'wipe.requested'],
    });
    assert.equal(parserRule?.State, 'ENABLED');

    const parserAttributes = inputsOf(sqs.commandCalls(SetQueueAttributesCommand)).find((input) => input.QueueUrl?.endsWith('/jp-parser'));
    assert.equal(parserAttributes?.Attributes?.VisibilityTimeout, '60');
    assert.deepEqual(
      JSON.parse(parserAttributes?.Attributes?.RedrivePolicy ?? ''),
      {
        deadLetterTargetArn: queueArn('jp-parser-dlq'),
        maxReceiveCount: 6,
      },
      'one more than the topology: the consumer dead-letters on the 5th failure or the 6th receive itself',
    );
    const [statement] = JSON.parse(parserAttributes?.Attributes?.Policy ?? '').Statement;
    assert.deepEqual(statement.Principal, { Service: 'events.amazonaws.com' });
    assert.equal(statement.Action, 'sqs:SendMessage');
    assert.equal(statement.Resource, queueArn('jp-parser'));
    assert.deepEqual(statement.Condition, { ArnEquals: { 'aws:SourceArn': ruleArn('jp-parser') } });

    const parserTargets = inputsOf(eventBridge.commandCalls(PutTargetsCommand)).find((input) => input.Rule === 'jp-parser');
    assert.deepEqual(parserTargets?.Targets, [{ Id: 'queue', Arn: queueArn('jp-parser') }]);
    assert.equal(parserTargets?.EventBusName, 'jobpipe-test');

    const scraper = report.queues.find((queue) => queue.queue === 'scraper');
    assert.equal(scraper?.url, `https://sqs.local/${ACCOUNT}/jp-scraper`);
    assert.equal(scraper?.deadLetterUrl, `https://sqs.local/${ACCOUNT}/jp-scraper-dlq`);
  });

  test('two installations on one bus: the rules of each route only the events its own services publish', async () => {
    const shared = { ...config.aws, eventBusName: 'default' };
    const patterns = new Map<string, EventPattern>();
    for (const prefix of ['jp-a', 'jp-b']) {
      eventBridge.resetHistory();
      await bootstrapAws({ aws: { ...shared, resourcePrefix: prefix, bucket: `${prefix}-blobs` } }, { logger: silentLogger, clients });
      for (const rule of inputsOf(eventBridge.commandCalls(PutRuleCommand))) patterns.set(rule.Name!, JSON.parse(rule.EventPattern!));
    }
    const sent: PutEventsRequestEntry[] = [];
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
      sent.push(...input.Entries);
      return { FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `e-${i}` })) };
    });
    const etlRequested = {
      detailType: 'etl.requested',
      data: { requestId: 'r-1', kind: 'full', requestedAt: '2026-03-01T10:00:00.000Z' },
    } as const;
    for (const prefix of ['jp-a', 'jp-b']) {
      const runtime = readRuntimeConfig({
        JOBPIPE_TRANSPORT: 'aws',
        JOBPIPE_RESOURCE_PREFIX: prefix,
        JOBPIPE_EVENT_BUS: 'default',
        AWS_REGION: 'eu-west-1',
      });
      // What the outbox relay of crm-api sends, built as the AWS ports build it.
      const publisher = new EventBridgePublisher({
        client: clients.eventBridge,
        eventBusName: runtime.aws.eventBusName,
        producer: 'crm-api',
        registry: contracts(),
        clock: systemClock,
        ids: randomIds,
        installation: runtime.aws.resourcePrefix,
        logger: silentLogger,
      });
      await publisher.publish([etlRequested]);
    }
    const routedTo = (entry: PutEventsRequestEntry) =>
      [...patterns]
        .filter(([, pattern]) => matchesPattern(pattern, { source: entry.Source, 'detail-type': entry.DetailType }))
        .map(([rule]) => rule);
    assert.deepEqual(
      sent.map((entry) => entry.Source),
      ['jp-a.crm-api', 'jp-b.crm-api'],
    );
    assert.deepEqual(routedTo(sent[0]!), ['jp-a-etl']);
    assert.deepEqual(routedTo(sent[1]!), ['jp-b-etl']);
  });

  test('creates the tables on demand with their indexes, and the bucket in the region', async () => {
    const report = await bootstrapAws(config, { logger: silentLogger, clients });
    const tables = inputsOf(dynamo.commandCalls(CreateTableCommand));
    assert.deepEqual(
      tables.map((input) => input.TableName).sort(),
      Object.keys(TABLES)
        .map((name) => `jp-${name}`)
        .sort(),
    );
    assert.ok(tables.every((input) => input.BillingMode === 'PAY_PER_REQUEST'));
    const jobs = tables.find((input) => input.TableName === 'jp-jobs');
    assert.deepEqual(jobs?.KeySchema, [{ AttributeName: 'jobId', KeyType: 'HASH' }]);
    const jobIndexes = new Map(
      jobs?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema?.map((key) => `${key.AttributeName}:${key.KeyType}`)]),
    );
    assert.deepEqual(jobIndexes.get('bySource'), ['source:HASH', 'lastSeenAt:RANGE']);
    assert.deepEqual(jobIndexes.get('byDedupeKey'), ['dedupeKey:HASH', 'jobId:RANGE']);
    assert.equal(jobIndexes.size, Object.keys(TABLES.jobs.indexes).length, 'one GSI per index of the definition');
    assert.ok(jobs?.GlobalSecondaryIndexes?.every((index) => index.Projection?.ProjectionType === 'ALL'));
    const attributes = jobs?.AttributeDefinitions?.map((definition) => definition.AttributeName) ?? [];
    assert.ok(['jobId', 'source', 'lastSeenAt', 'dedupeKey'].every((name) => attributes.includes(name)));
    assert.equal(new Set(attributes).size, attributes.length, 'each key attribute defined once');
    const history = tables.find((input) => input.TableName === 'jp-crmHistory');
    assert.deepEqual(history?.KeySchema, [
      { AttributeName: 'jobId', KeyType: 'HASH' },
      { AttributeName: 'changeId', KeyType: 'RANGE' },
    ]);
    assert.equal(history?.GlobalSecondaryIndexes, undefined);
    assert.deepEqual(inputsOf(s3.commandCalls(CreateBucketCommand)), [
      { Bucket: 'jp-blobs', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } },
    ]);
    assert.equal(report.tables.length, Object.keys(TABLES).length);
  });

  test('a second run over existing resources succeeds and reports what it cannot fix: missing indexes, another key', async () => {
    eventBridge.on(CreateEventBusCommand).rejects(new ResourceAlreadyExistsException({ message: 'exists', $metadata: {} }));
    dynamo.on(CreateTableCommand).rejects(new ResourceInUseException({ message: 'in use', $metadata: {} }));
    // Every table has its indexes except jobs, which was created before its other indexes were defined.
    dynamo.on(DescribeTableCommand).callsFake((input: { TableName: string }) => {
      const table = input.TableName.slice('jp-'.length) as keyof typeof TABLES;
      const indexes = table === 'jobs' ? ['bySource'] : Object.keys(TABLES[table].indexes);
      const { partitionKey, sortKey } = TABLES[table] as { partitionKey: string; sortKey?: string };
      const KeySchema = [
        { AttributeName: table === 'scores' ? 'scoreId' : partitionKey, KeyType: 'HASH' },
        ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' }] : []),
      ];
      return { Table: { TableStatus: 'ACTIVE', KeySchema, GlobalSecondaryIndexes: indexes.map((IndexName) => ({ IndexName })) } };
    });
    s3.on(CreateBucketCommand).rejects(new BucketAlreadyOwnedByYou({ message: 'yours', $metadata: {} }));
    const warnings: unknown[] = [];
    const logger: Logger = { ...silentLogger, warn: (fields) => warnings.push(fields), child: () => logger };
    const report = await bootstrapAws(config, { logger, clients });
    assert.equal(report.queues.length, QUEUES.length);
    const missing = Object.keys(TABLES.jobs.indexes).filter((index) => index !== 'bySource');
    assert.deepEqual([...report.problems].sort(), [
      `table jp-jobs lacks the index(es) ${missing.join(', ')}: add them with UpdateTable, one at a time`,
      `table jp-scores has the key scoreId, not ${TABLES.scores.partitionKey}: a key cannot change; move its items to a new table`,
    ]);
    assert.equal(warnings.length, 2, 'each problem is also logged as a warning');
  });

  test('a failure other than "already exists" stops the bootstrap', async () => {
    s3.on(CreateBucketCommand).rejects(new Error('BucketAlreadyExists: owned by another account'));
    await assert.rejects(bootstrapAws(config, { logger: silentLogger, clients }), /another account/);
  });
});
