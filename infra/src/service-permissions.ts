import { eventSourceOf, TABLES, type TableDefinition } from '@jobpipe/contracts';
import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { ServicePlan } from './deployment-plan.js';
import type { Messaging } from './messaging.js';
import type { Storage } from './storage.js';

/**
 * Least-privilege policy of one service, generated from the topology: publish only the detail-types it
 * produces, read only its own queue (and send to its own DLQ), write only the tables it owns.
 */
export function grantServicePermissions(
  grantee: iam.IGrantable & { role?: iam.IRole },
  plan: ServicePlan,
  messaging: Messaging,
  storage: Storage,
): void {
  const principal = grantee.grantPrincipal;
  if (plan.publishes.length > 0) {
    principal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [messaging.bus.eventBusArn],
        conditions: {
          'ForAllValues:StringEquals': { 'events:detail-type': [...plan.publishes] },
          StringEquals: { 'events:source': [eventSourceOf(plan.service, messaging.prefix)] },
        },
      }),
    );
  }
  if (plan.queue) {
    const queues = messaging.queues.get(plan.queue.name)!;
    queues.queue.grantConsumeMessages(principal);
    queues.deadLetterQueue.grantSendMessages(principal);
  }
  for (const [name, definition] of Object.entries(TABLES) as [string, TableDefinition][]) {
    const table = storage.tables.get(name)!;
    if (definition.owner === plan.service || definition.owner === 'shared') table.grantReadWriteData(principal);
    else table.grantReadData(principal);
  }
  storage.bucket.grantReadWrite(principal);
  if (plan.usesSecrets) {
    principal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:CreateSecret',
          'secretsmanager:DescribeSecret',
        ],
        resources: [
          Arn.format(
            {
              service: 'secretsmanager',
              resource: 'secret',
              resourceName: `${storage.secretPrefix}*`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            },
            Stack.of(storage),
          ),
        ],
      }),
    );
  }
}
