import { contracts, type ProducerName, QUEUES } from '@jobpipe/contracts';
import { OutboxPublisher } from '../outbox/outbox-publisher.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { TableOutbox } from '../outbox/table-outbox.js';
import { type Clock, type IdGenerator, randomIds, systemClock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { createLogger } from '../runtime/logger.js';
import type { RuntimeConfig } from '../runtime/runtime-config.js';
import type { RuntimePorts } from '../runtime/runtime-ports.js';
import { type AwsClients, createAwsClients, type StaticCredentials } from './aws-clients.js';
import { DynamoTableStore } from './dynamo-table-store.js';
import { EventBridgePublisher } from './eventbridge-publisher.js';
import { AwsResourceNames } from './resource-names.js';
import { S3BlobStore } from './s3-blob-store.js';
import { SecretsManagerStore } from './secrets-manager-store.js';
import { SqsDeadLetterAdmin } from './sqs-dead-letter-admin.js';
import { SqsQueueConsumer } from './sqs-queue-consumer.js';
import { SqsQueueUrls } from './sqs-queue-urls.js';

/** What tests and tools may swap in the AWS ports. */
export interface AwsPortOverrides {
  readonly clients?: AwsClients;
  /** Fixed credentials instead of the default provider chain (LocalStack, local servers). */
  readonly credentials?: StaticCredentials;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Where the adapters log retries and dead letters; defaults to a JSON logger named after the producer. */
  readonly logger?: Logger;
}

/**
 * Ports over the AWS adapters: the outbox in DynamoDB (TransactWriteItems) relayed to EventBridge, SQS consumers and dead-letter admin, DynamoDB
 * tables, S3 blobs and Secrets Manager — every client on `config.aws.region` and `config.aws.endpoint`
 * (AWS_ENDPOINT_URL, so LocalStack works), every resource named from `config.aws.resourcePrefix`.
 */
export async function createAwsPorts(
  config: RuntimeConfig,
  producer: ProducerName,
  overrides: AwsPortOverrides = {},
): Promise<RuntimePorts> {
  const clients =
    overrides.clients ?? createAwsClients({ ...config.aws, ...(overrides.credentials ? { credentials: overrides.credentials } : {}) });
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? randomIds;
  const logger = (overrides.logger ?? createLogger(producer, config.logLevel)).child({ transport: 'aws' });
  const names = new AwsResourceNames(config.aws.resourcePrefix);
  const urls = new SqsQueueUrls(clients.sqs);
  const secrets = new SecretsManagerStore(clients.secrets, (name) => names.secret(name));
  const tables = new DynamoTableStore({ documents: clients.documents, tableName: (table) => names.table(table) });
  const eventBridge = new EventBridgePublisher({
    client: clients.eventBridge,
    eventBusName: config.aws.eventBusName,
    producer,
    registry: contracts(),
    clock,
    ids,
    region: config.aws.region,
    // Events carry the installation in their source, which the installation's rules match.
    installation: config.aws.resourcePrefix,
    logger,
  });
  const relay = new OutboxRelay({ tables, producer, sender: eventBridge, logger });
  const outbox = new TableOutbox({
    tables,
    producer,
    registry: contracts(),
    clock,
    ids,
    region: config.aws.region,
    installation: config.aws.resourcePrefix,
    onStored: (entries) => relay.committed(entries),
  });
  void relay.wake();
  return {
    publisher: new OutboxPublisher(outbox),
    outbox,
    flushEvents: () => relay.flush(),
    eventsTogether: (work) => relay.together(work),
    consumer(queueName) {
      const queue = QUEUES.find((candidate) => candidate.name === queueName);
      if (!queue) throw new Error(`unknown queue '${queueName}' (known: ${QUEUES.map((known) => known.name).join(', ')})`);
      return new SqsQueueConsumer({ sqs: clients.sqs, urls, names, queue, logger, clock });
    },
    tables,
    blobs: new S3BlobStore(clients.s3, config.aws.bucket),
    secrets: () => secrets,
    deadLetters: new SqsDeadLetterAdmin({ sqs: clients.sqs, urls, names }),
    clock,
    ids,
    async close() {
      await relay.stop();
      clients.destroy();
    },
  };
}
