import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Fixed AWS credentials (LocalStack and local servers accept any). */
export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * Where the AWS clients connect: a region, an endpoint override for LocalStack or a local server, and
 * fixed credentials where the default provider chain (environment, profile, role) should not be asked.
 */
export interface AwsConnection {
  readonly region: string;
  readonly endpoint?: string | undefined;
  readonly credentials?: StaticCredentials;
}

/** The SDK clients the AWS adapters share. */
export interface AwsClients {
  readonly eventBridge: EventBridgeClient;
  readonly sqs: SQSClient;
  readonly dynamo: DynamoDBClient;
  /** lib-dynamodb over `dynamo`: plain JS items in and out. */
  readonly documents: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly secrets: SecretsManagerClient;
  /** Closes every client's connections. */
  destroy(): void;
}

/** Region and endpoint settings every client takes, so `AWS_ENDPOINT_URL` reaches LocalStack. */
export function awsClientSettings(connection: AwsConnection): { region: string; endpoint?: string; credentials?: StaticCredentials } {
  return {
    region: connection.region,
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    ...(connection.credentials ? { credentials: connection.credentials } : {}),
  };
}

/** A DynamoDB document client that drops undefined attributes, as a JSON round trip would. */
export function createDocumentClient(dynamo: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
}

/**
 * An S3 client that works with S3 and with local S3 servers: path-style addressing when an endpoint is
 * set, and checksums only where the API requires them (local servers store streamed uploads corrupted
 * otherwise — see STACK-NOTES).
 */
export function createS3Client(connection: AwsConnection): S3Client {
  return new S3Client({
    ...awsClientSettings(connection),
    forcePathStyle: connection.endpoint !== undefined,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Builds every client from the runtime settings. */
export function createAwsClients(connection: AwsConnection): AwsClients {
  const settings = awsClientSettings(connection);
  const dynamo = new DynamoDBClient(settings);
  const clients = {
    eventBridge: new EventBridgeClient(settings),
    sqs: new SQSClient(settings),
    dynamo,
    documents: createDocumentClient(dynamo),
    s3: createS3Client(connection),
    secrets: new SecretsManagerClient(settings),
  };
  return {
    ...clients,
    destroy() {
      for (const client of [clients.eventBridge, clients.sqs, clients.dynamo, clients.s3, clients.secrets]) client.destroy();
    },
  };
}
