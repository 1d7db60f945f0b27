import { join } from 'node:path';
import { batchWindowMsOf } from '@jobpipe/shared';
import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ServicePlan } from './deployment-plan.js';
import { lambdaBundling } from './lambda-bundling.js';
import type { Messaging } from './messaging.js';
import { grantServicePermissions } from './service-permissions.js';
import type { Storage } from './storage.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

/**
 * Where a Lambda entry lives: a service's own `services/<name>/src/lambda.ts` (STYLE.md: the thin
 * Lambda entry beside main.ts), or `infra/lambda/scheduler.ts` for the scheduler, which is no service.
 */
export const lambdaEntry = (name: string) =>
  name === 'scheduler' ? join(REPO_ROOT, 'infra', 'lambda', 'scheduler.ts') : join(REPO_ROOT, 'services', name, 'src', 'lambda.ts');

/** Settings of the compute construct. */
export interface ComputeProps {
  readonly plans: readonly ServicePlan[];
  readonly messaging: Messaging;
  readonly storage: Storage;
  readonly prefix: string;
  /** Container image of the Fargate services (built from the repo's Dockerfile and pushed to ECR). */
  readonly imageUri: string;
}

/** Lambda functions with SQS event sources for light services, Fargate services for the rest. */
export class Compute extends Construct {
  readonly functions = new Map<string, nodejs.NodejsFunction>();
  readonly functionUrl: lambda.FunctionUrl | undefined;

  constructor(scope: Construct, id: string, props: ComputeProps) {
    super(scope, id);
    const environment = {
      JOBPIPE_TRANSPORT: 'aws',
      JOBPIPE_EVENT_BUS: props.messaging.bus.eventBusName,
      JOBPIPE_RESOURCE_PREFIX: props.prefix,
      JOBPIPE_BUCKET: props.storage.bucket.bucketName,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    let functionUrl: lambda.FunctionUrl | undefined;
    const fargatePlans = props.plans.filter((plan) => plan.compute === 'fargate');
    const cluster = fargatePlans.length > 0 ? this.cluster() : undefined;

    for (const plan of props.plans) {
      if (plan.compute === 'lambda') {
        const fn = new nodejs.NodejsFunction(this, `${plan.service}-function`, {
          entry: lambdaEntry(plan.service),
          handler: 'handler',
          runtime: lambda.Runtime.NODEJS_20_X,
          memorySize: plan.service === 'recommender' || plan.service === 'etl' ? 1024 : 512,
          timeout: Duration.seconds(Math.min(900, plan.queue?.visibilityTimeoutSeconds ?? 30)),
          environment,
          logGroup: new logs.LogGroup(this, `${plan.service}-logs`, { retention: logs.RetentionDays.ONE_MONTH }),
          bundling: lambdaBundling(plan.service),
        });
        if (plan.queue) {
          fn.addEventSource(
            new SqsEventSource(props.messaging.queues.get(plan.queue.name)!.queue, {
              batchSize: plan.queue.batchSize,
              // The window the container consumers rest after a partial batch: fewer, fuller batches per request.
              maxBatchingWindow: Duration.millis(batchWindowMsOf('aws')),
              reportBatchItemFailures: true,
            }),
          );
        }
        if (plan.servesHttp) functionUrl = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
        grantServicePermissions(fn, plan, props.messaging, props.storage);
        this.functions.set(plan.service, fn);
      } else {
        const task = new ecs.FargateTaskDefinition(this, `${plan.service}-task`, { cpu: 1024, memoryLimitMiB: 2048 });
        task.addContainer(plan.service, {
          image: ecs.ContainerImage.fromRegistry(props.imageUri),
          command: ['node', `services/${plan.service}/dist/main.js`],
          environment,
          logging: ecs.LogDrivers.awsLogs({ streamPrefix: plan.service, logRetention: logs.RetentionDays.ONE_MONTH }),
        });
        grantServicePermissions(task.taskRole, plan, props.messaging, props.storage);
        new ecs.FargateService(this, `${plan.service}-service`, {
          cluster: cluster!,
          taskDefinition: task,
          desiredCount: 1,
          assignPublicIp: true,
          vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
          circuitBreaker: { rollback: true },
        });
      }
    }
    this.functionUrl = functionUrl;
  }

  private cluster(): ecs.Cluster {
    // Public subnets only, no NAT gateway: the tasks call AWS APIs and job boards over the internet.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }],
    });
    return new ecs.Cluster(this, 'Cluster', { vpc, containerInsights: true });
  }
}
