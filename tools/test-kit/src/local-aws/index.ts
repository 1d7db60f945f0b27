import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoFront } from './dynamo-front.js';
import { answerJson, readBody, targetOperation } from './json-wire.js';
import { LocalEventBridge } from './local-eventbridge.js';
import { LocalS3 } from './local-s3.js';
import { LocalSecretsManager } from './local-secrets-manager.js';
import { LocalSqs } from './local-sqs.js';

export { DynamoFront } from './dynamo-front.js';
export { type EventPattern, matchesPattern } from './event-pattern.js';
export { LocalEventBridge } from './local-eventbridge.js';
export { LocalS3 } from './local-s3.js';
export { LocalSqs } from './local-sqs.js';
export { md5OfBody, md5OfMessageAttributes } from './sqs-message-md5.js';

/** A local AWS endpoint (one URL for every client, as `AWS_ENDPOINT_URL` gives LocalStack). */
export interface LocalAws {
  /** The URL every SDK client takes as its `endpoint`. */
  readonly endpoint: string;
  readonly region: string;
  readonly sqs: LocalSqs;
  /** The environment that puts a service (or the CLI) on this endpoint, its resources named under `prefix`. */
  awsEnv(prefix: string): Record<string, string>;
  close(): Promise<void>;
}

/**
 * @jobpipe/test-kit/local-aws — SQS, EventBridge, DynamoDB (dynalite with TransactWriteItems), S3 and
 * Secrets Manager on one local HTTP endpoint, in memory, speaking their real wire protocols, so the aws
 * transport runs without Docker or LocalStack: JSON-protocol requests are routed by `X-Amz-Target`,
 * the rest are S3's path-style REST requests. Only tests and the bench use it, never a service.
 */
export async function startLocalAws(region = 'us-east-1'): Promise<LocalAws> {
  const dynamo = await DynamoFront.start();
  const sqs = new LocalSqs(region);
  const eventBridge = new LocalEventBridge(region, sqs);
  const s3 = new LocalS3();
  const secrets = new LocalSecretsManager(region);
  let endpoint = '';
  const jsonServices = {
    AmazonSQS: { operations: sqs.operations(() => endpoint), namespace: 'com.amazonaws.sqs', contentType: 'application/x-amz-json-1.0' },
    AWSEvents: { operations: eventBridge.operations(), namespace: 'com.amazonaws.events', contentType: 'application/x-amz-json-1.1' },
    secretsmanager: {
      operations: secrets.operations(),
      namespace: 'com.amazonaws.secretsmanager',
      contentType: 'application/x-amz-json-1.1',
    },
  };
  const server = createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      if (DynamoFront.handles(request)) return await dynamo.answer(request, response, body);
      const service = targetOperation(request)?.service;
      const json = service && Object.hasOwn(jsonServices, service) ? jsonServices[service as keyof typeof jsonServices] : undefined;
      if (json) return await answerJson(request, response, body, json.operations, json.namespace, json.contentType);
      s3.answer(request, response, body);
    } catch (error) {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    region,
    sqs,
    awsEnv: (prefix) => ({ JOBPIPE_TRANSPORT: 'aws', AWS_ENDPOINT_URL: endpoint, AWS_REGION: region, JOBPIPE_RESOURCE_PREFIX: prefix }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dynamo.close();
    },
  };
}
