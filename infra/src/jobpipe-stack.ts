import { PRODUCERS } from '@jobpipe/contracts';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { Compute, lambdaEntry } from './compute.js';
import { deploymentPlan } from './deployment-plan.js';
import { lambdaBundling } from './lambda-bundling.js';
import { Messaging } from './messaging.js';
import type { ScheduleDefinition } from './schedules.js';
import { Schedules } from './schedules-construct.js';
import { Storage } from './storage.js';

/** Settings of the jobpipe stack. */
export interface JobpipeStackProps extends StackProps {
  /** Prefix of every named resource (queues, tables, secrets). */
  readonly prefix: string;
  /** Container image for the Fargate services. */
  readonly imageUri: string;
  /** Timed requests (searches from the config file, ETL, session refreshes). */
  readonly schedules: readonly ScheduleDefinition[];
}

/** jobpipe on AWS: bus, queues, rules, tables, bucket, secrets, services and schedules — all from the topology. */
export class JobpipeStack extends Stack {
  constructor(scope: Construct, id: string, props: JobpipeStackProps) {
    super(scope, id, props);
    const messaging = new Messaging(this, 'Messaging', { prefix: props.prefix, busName: props.prefix });
    const storage = new Storage(this, 'Storage', { prefix: props.prefix });
    const compute = new Compute(this, 'Compute', {
      plans: deploymentPlan(),
      messaging,
      storage,
      prefix: props.prefix,
      imageUri: props.imageUri,
    });

    const schedulerFunction = new nodejs.NodejsFunction(this, 'scheduler-function', {
      entry: lambdaEntry('scheduler'),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_20_X,
      timeout: Duration.seconds(30),
      environment: { JOBPIPE_TRANSPORT: 'aws', JOBPIPE_EVENT_BUS: messaging.bus.eventBusName, JOBPIPE_RESOURCE_PREFIX: props.prefix },
      bundling: lambdaBundling('scheduler'),
    });
    schedulerFunction.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [messaging.bus.eventBusArn],
        conditions: {
          'ForAllValues:StringEquals': { 'events:detail-type': [...PRODUCERS.scheduler] },
          StringEquals: { 'events:source': ['jobpipe.scheduler'] },
        },
      }),
    );
    // A scheduled scrape runs the search as the stored config states it now (see infra/lambda/scheduler.ts).
    storage.tables.get('config')!.grantReadData(schedulerFunction);
    new Schedules(this, 'Schedules', { requests: props.schedules, target: schedulerFunction });

    new CfnOutput(this, 'EventBusName', { value: messaging.bus.eventBusName });
    new CfnOutput(this, 'BlobBucket', { value: storage.bucket.bucketName });
    if (compute.functionUrl) new CfnOutput(this, 'ApiUrl', { value: compute.functionUrl.url });
  }
}
