import { deadLetterQueueName, QUEUES, type QueueDefinition, redrivePolicyMaxReceives } from '@jobpipe/contracts';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** A queue of the topology with its dead-letter queue. */
export interface TopologyQueue {
  readonly definition: QueueDefinition;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
}

/** The event bus, and for every queue of the topology: queue, DLQ with redrive, DLQ alarm, and one rule. */
export class Messaging extends Construct {
  readonly bus: events.EventBus;
  readonly queues = new Map<string, TopologyQueue>();
  /** The installation's prefix: its events' sources start with `<prefix>.`, and its rules match only those. */
  readonly prefix: string;

  constructor(scope: Construct, id: string, props: { prefix: string; busName: string }) {
    super(scope, id);
    this.prefix = props.prefix;
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: props.busName });
    for (const definition of QUEUES) {
      const deadLetterQueue = new sqs.Queue(this, `${definition.name}-dlq`, {
        queueName: `${props.prefix}-${deadLetterQueueName(definition.name)}`,
        retentionPeriod: Duration.days(14),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      const queue = new sqs.Queue(this, `${definition.name}-queue`, {
        queueName: `${props.prefix}-${definition.name}`,
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: redrivePolicyMaxReceives(definition) },
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      new events.Rule(this, `${definition.name}-rule`, {
        eventBus: this.bus,
        description: `${definition.subscriptions.join(', ')} → ${definition.name}`,
        eventPattern: { source: events.Match.prefix(`${props.prefix}.`), detailType: [...definition.subscriptions] },
        targets: [new targets.SqsQueue(queue)],
      });
      new cloudwatch.Alarm(this, `${definition.name}-dlq-alarm`, {
        alarmDescription: `Messages are waiting in ${deadLetterQueue.queueName}: run 'jobpipe dlq list ${definition.name}'`,
        metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      this.queues.set(definition.name, { definition, queue, deadLetterQueue });
    }
  }
}
