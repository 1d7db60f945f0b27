import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { ScheduleDefinition } from './schedules.js';

/** EventBridge Scheduler schedules invoking the scheduler function, which publishes validated events. */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, props: { requests: readonly ScheduleDefinition[]; target: lambda.IFunction }) {
    super(scope, id);
    for (const request of props.requests) {
      new scheduler.Schedule(this, request.id, {
        schedule: scheduler.ScheduleExpression.expression(request.expression),
        description: `jobpipe ${request.request.kind} (${request.id})`,
        target: new schedulerTargets.LambdaInvoke(props.target, { input: scheduler.ScheduleTargetInput.fromObject(request.request) }),
      });
    }
  }
}
