import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { PRODUCERS, QUEUES, TABLES } from '@jobpipe/contracts';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { JobpipeStack } from '../src/jobpipe-stack.js';
import { scheduleDefinitions } from '../src/schedules.js';

let template: Template;

before(() => {
  // Skip esbuild bundling: the assertions are about the resources, not the bundles.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new JobpipeStack(app, 'Test', {
    prefix: 'jobpipe',
    imageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/jobpipe:test',
    schedules: scheduleDefinitions(
      [{ id: 'data-eng-sg', source: 'mcf', keywords: 'data engineer', schedule: '0 7 * * *' }],
      ['example-jobs'],
    ),
  });
  template = Template.fromStack(stack);
});

type Resource = { Properties: Record<string, unknown> };
const resources = (type: string) => Object.values(template.findResources(type)) as Resource[];

describe('the CDK stack follows the contracts topology', () => {
  test('one rule per queue, matching exactly its subscribed detail-types, targeting its queue', () => {
    const rules = resources('AWS::Events::Rule');
    assert.equal(rules.length, QUEUES.length);
    for (const queue of QUEUES) {
      const rule = rules.find((candidate) => String(candidate.Properties.Description).endsWith(`→ ${queue.name}`));
      assert.ok(rule, `rule for ${queue.name}`);
      const pattern = rule.Properties.EventPattern as { 'detail-type': string[] };
      assert.deepEqual([...pattern['detail-type']].sort(), [...queue.subscriptions].sort());
    }
  });

  test('every queue has its DLQ with the topology max receives and visibility timeout, and a DLQ alarm', () => {
    for (const queue of QUEUES) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `jobpipe-${queue.name}`,
        VisibilityTimeout: queue.visibilityTimeoutSeconds,
        RedrivePolicy: Match.objectLike({ maxReceiveCount: queue.maxReceiveCount + 1 }),
      });
      template.hasResourceProperties('AWS::SQS::Queue', { QueueName: `jobpipe-${queue.name}-dlq` });
    }
    assert.equal(resources('AWS::CloudWatch::Alarm').length, QUEUES.length);
  });

  test('tables from the shared definitions: on-demand, point-in-time recovery, their indexes', () => {
    for (const [name, definition] of Object.entries(TABLES)) {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        TableName: `jobpipe-${name}`,
        BillingMode: 'PAY_PER_REQUEST',
        Replicas: Match.arrayWith([Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })]),
        ...(Object.keys(definition.indexes).length > 0
          ? {
              GlobalSecondaryIndexes: Match.arrayWith(
                Object.keys(definition.indexes).map((indexName) => Match.objectLike({ IndexName: indexName })),
              ),
            }
          : {}),
      });
    }
  });

  test('the blob bucket is encrypted, private, and expires raw pages', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: Match.objectLike({ ServerSideEncryptionConfiguration: Match.anyValue() }),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Prefix: 'raw/', ExpirationInDays: 90 })]) },
    });
  });

  test('light services are Lambda functions with SQS sources reporting partial batch failures and gathering batches for a second; browser services, the scraper and the inbox run on Fargate', () => {
    const mappings = resources('AWS::Lambda::EventSourceMapping');
    assert.equal(mappings.length, 6, 'parser, recommender, crm-api, etl, sheets-bridge, notifier');
    for (const mapping of mappings) {
      assert.deepEqual(mapping.Properties.FunctionResponseTypes, ['ReportBatchItemFailures']);
      assert.equal(mapping.Properties.MaximumBatchingWindowInSeconds, 1, 'partial batches gather for a second, as the containers do');
    }
    const containers = resources('AWS::ECS::TaskDefinition').map(
      (task) => (task.Properties.ContainerDefinitions as { Name: string }[])[0]!.Name,
    );
    assert.deepEqual(containers.sort(), ['applier', 'auth-refresher', 'inbox', 'scraper']);
    template.resourceCountIs('AWS::Lambda::Url', 1);
  });

  test('schedules: one per search, the nightly ETL, the session refresh and the daily digest', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', 4);
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 7 * * ? *)' });
  });
});

interface PolicyStatement {
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

/**
 * Every IAM policy of the stack by logical id: each role's default policy and, once that is full, the
 * overflow managed policies CDK adds to the role (crm-api's grants spill into one), so no check misses a grant.
 */
const iamPolicies = (): [string, Resource][] =>
  Object.entries({ ...template.findResources('AWS::IAM::Policy'), ...template.findResources('AWS::IAM::ManagedPolicy') }) as [
    string,
    Resource,
  ][];
const statementsOf = (policy: Resource) => (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement;

describe('IAM is least privilege', () => {
  const statements = () => iamPolicies().flatMap(([, policy]) => statementsOf(policy));

  test("the checks read the overflow managed policies too, where part of crm-api's grants land", () => {
    const managed = resources('AWS::IAM::ManagedPolicy');
    assert.ok(managed.length > 0, 'the stack has an overflow managed policy');
    const managedStatements = managed.flatMap(statementsOf);
    assert.ok(managedStatements.length > 0);
    for (const statement of managedStatements) assert.ok(statements().includes(statement));
  });

  test('no statement grants a wildcard action', () => {
    for (const statement of statements()) {
      for (const action of [statement.Action].flat()) {
        assert.ok(action !== '*' && !action.endsWith(':*'), `wildcard action ${action}`);
      }
    }
  });

  test('the scheduler function may read the stored config (to run searches as the user saved them) and write no table', () => {
    const [configTableId] = Object.entries(template.findResources('AWS::DynamoDB::GlobalTable')).find(([, table]) =>
      JSON.stringify(table.Properties.TableName).includes('config'),
    )!;
    const schedulerPolicies = iamPolicies().filter(([, policy]) =>
      JSON.stringify(policy.Properties.Roles ?? []).includes('schedulerfunction'),
    );
    assert.ok(schedulerPolicies.length > 0);
    const tableStatements = schedulerPolicies
      .flatMap(([, policy]) => statementsOf(policy))
      .filter((statement) => [statement.Action].flat().some((action) => action.startsWith('dynamodb:')));
    assert.ok(
      tableStatements.some(
        (statement) => [statement.Action].flat().includes('dynamodb:GetItem') && JSON.stringify(statement.Resource).includes(configTableId),
      ),
    );
    const writes = tableStatements
      .flatMap((statement) => [statement.Action].flat())
      .filter((action) => /Put|Update|Delete|Write/.test(action));
    assert.deepEqual(writes, []);
  });

  test("crm-api's read side is the readModel table: every listing index, written by crm-api alone, read by its Lambda on the aws transport", () => {
    const [readModelId] = Object.entries(template.findResources('AWS::DynamoDB::GlobalTable')).find(
      ([, table]) => table.Properties.TableName === 'jobpipe-readModel',
    )!;
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: 'jobpipe-readModel',
      GlobalSecondaryIndexes: Match.arrayWith(
        ['byScore', 'byPosted', 'bySalary', 'byStageScore', 'byStagePosted', 'byTrackScore', 'bySourceScore', 'byCompanyScore'].map(
          (indexName) => Match.objectLike({ IndexName: indexName, Projection: { ProjectionType: 'ALL' } }),
        ),
      ),
    });
    const writersOfReadModel = iamPolicies()
      .filter(([, policy]) =>
        statementsOf(policy).some(
          (statement) =>
            [statement.Action].flat().includes('dynamodb:PutItem') && JSON.stringify(statement.Resource).includes(`"${readModelId}"`),
        ),
      )
      .map(([id]) => id.match(/^Compute([a-z]+?)(function|task)/)?.[1]);
    assert.deepEqual(writersOfReadModel, ['crmapi']);
    const [, crmApiFunction] = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('Computecrmapifunction'),
    )!;
    assert.equal(crmApiFunction.Properties.Environment.Variables.JOBPIPE_TRANSPORT, 'aws');
  });

  test('each service may publish only the detail-types it produces, under its own source', () => {
    const putEvents = statements().filter((statement) => [statement.Action].flat().includes('events:PutEvents'));
    const allowed = putEvents.map((statement) => {
      const condition = statement.Condition as {
        'ForAllValues:StringEquals': { 'events:detail-type': string[] };
        StringEquals: { 'events:source': string[] };
      };
      return { source: condition.StringEquals['events:source'][0], types: condition['ForAllValues:StringEquals']['events:detail-type'] };
    });
    for (const [producer, types] of Object.entries(PRODUCERS)) {
      const grant = allowed.find((entry) => entry.source === `jobpipe.${producer}`);
      if (types.length === 0) {
        assert.equal(grant, undefined, `${producer} publishes nothing and may not`);
        continue;
      }
      assert.ok(grant, `publish grant for ${producer}`);
      assert.deepEqual([...grant.types].sort(), [...types].sort());
    }
  });
});
