import {
  CreateEventBusCommand,
  type EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceAlreadyExistsException,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type QueueDefinition, redrivePolicyMaxReceives, ruleEventPattern } from '@jobpipe/contracts';
import type { Logger } from '../ports/logger.js';
import type { AwsResourceNames } from './resource-names.js';

/** Dead letters are kept for the SQS maximum, 14 days, longer than any source queue keeps messages. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;

/** What the routing bootstrap works on. */
export interface RoutingBootstrapContext {
  readonly eventBridge: EventBridgeClient;
  readonly sqs: SQSClient;
  readonly names: AwsResourceNames;
  readonly eventBusName: string;
  readonly logger: Logger;
}

/** A queue as bootstrapped. */
export interface BootstrappedQueue {
  readonly queue: string;
  readonly url: string;
  readonly arn: string;
  readonly deadLetterUrl: string;
  readonly ruleArn: string;
}

/** Creates the event bus unless it exists (the account's `default` bus always does). */
export async function ensureEventBus(context: RoutingBootstrapContext): Promise<void> {
  if (context.eventBusName === 'default') return;
  try {
    await context.eventBridge.send(new CreateEventBusCommand({ Name: context.eventBusName }));
    context.logger.info({ eventBus: context.eventBusName }, 'event bus created');
  } catch (error) {
    if (!(error instanceof ResourceAlreadyExistsException)) throw error;
  }
}

/** CreateQueue by name only (idempotent whatever the current attributes), then its URL and ARN. */
async function ensureQueue(sqs: SQSClient, name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl: url } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (!url) throw new Error(`CreateQueue returned no URL for '${name}'`);
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  if (!Attributes?.QueueArn) throw new Error(`GetQueueAttributes returned no ARN for '${name}'`);
  return { url, arn: Attributes.QueueArn };
}

/** A queue policy letting one EventBridge rule send to the queue. */
export function eventBridgeQueuePolicy(queueArn: string, ruleArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowEventBridgeRule',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
      },
    ],
  });
}

/**
 * Creates or updates one topology queue and its route: the DLQ, the queue with its visibility timeout,
 * redrive policy (max receives) and a policy allowing the rule, the rule matching the queue's
 * detail-types, and the queue as the rule's target. Every call converges to the topology.
 */
export async function ensureQueueRoute(context: RoutingBootstrapContext, queue: QueueDefinition): Promise<BootstrappedQueue> {
  const { sqs, eventBridge, names, eventBusName } = context;
  const deadLetter = await ensureQueue(sqs, names.deadLetterQueue(queue.name));
  await sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: deadLetter.url,
      Attributes: { MessageRetentionPeriod: String(DEAD_LETTER_RETENTION_SECONDS) },
    }),
  );
  const main = await ensureQueue(sqs, names.queue(queue.name));
  const { RuleArn: ruleArn } = await eventBridge.send(
    new PutRuleCommand({
      Name: names.rule(queue.name),
      EventBusName: eventBusName,
      EventPattern: JSON.stringify(ruleEventPattern(queue, names.prefix)),
      State: 'ENABLED',
      Description: `jobpipe: ${queue.subscriptions.join(', ')} to the ${queue.name} queue`,
    }),
  );
  if (!ruleArn) throw new Error(`PutRule returned no ARN for '${names.rule(queue.name)}'`);
  await sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: main.url,
      Attributes: {
        VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount: redrivePolicyMaxReceives(queue) }),
        Policy: eventBridgeQueuePolicy(main.arn, ruleArn),
      },
    }),
  );
  const targets = await eventBridge.send(
    new PutTargetsCommand({ Rule: names.rule(queue.name), EventBusName: eventBusName, Targets: [{ Id: 'queue', Arn: main.arn }] }),
  );
  if (targets.FailedEntryCount) {
    const failure = targets.FailedEntries?.[0];
    throw new Error(
      `PutTargets failed for rule '${names.rule(queue.name)}': ${failure?.ErrorCode ?? 'Unknown'} ${failure?.ErrorMessage ?? ''}`,
    );
  }
  context.logger.info({ queue: names.queue(queue.name), subscriptions: queue.subscriptions }, 'queue and rule ready');
  return { queue: queue.name, url: main.url, arn: main.arn, deadLetterUrl: deadLetter.url, ruleArn };
}
