/**
 * @jobpipe/shared/aws — the AWS adapters (EventBridge, SQS, DynamoDB, S3, Secrets Manager), the Lambda
 * SQS handler wrapper and the bootstrap of the AWS resources. Loaded only when the aws transport is used.
 */
export * from './aws-clients.js';
export * from './aws-ports.js';
export * from './bootstrap.js';
export * from './bootstrap-routing.js';
export * from './bootstrap-storage.js';
export * from './dynamo-table-schemas.js';
export * from './dynamo-table-store.js';
export * from './eventbridge-publisher.js';
export * from './put-events-batches.js';
export * from './request-counter.js';
export * from './resource-names.js';
export * from './retry-failed-subset.js';
export * from './s3-blob-store.js';
export * from './secrets-manager-store.js';
export * from './service-lambda.js';
export * from './sqs-dead-letter-admin.js';
export * from './sqs-dead-letters.js';
export * from './sqs-lambda-handler.js';
export * from './sqs-queue-consumer.js';
export * from './sqs-queue-urls.js';
