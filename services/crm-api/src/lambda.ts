/**
 * AWS Lambda entry of crm-api. One function does both of crm-api's jobs: SQS batches of its queue
 * (partial batch response) and HTTP requests through its Function URL (payload format 2.0), answered by
 * the same Fastify app as the process through @fastify/aws-lambda (no socket; Fastify's inject).
 *
 * crm-api keeps its read model and analytics snapshot in SQLite files; on Lambda they live in /tmp
 * (the only writable folder), per execution environment — see docs/running.md for what that means.
 */
import awsLambdaFastify from '@fastify/aws-lambda';
import { contracts } from '@jobpipe/contracts';
import { ConfigError, createLogger, createRuntimePorts } from '@jobpipe/shared';
import { createSqsLambdaHandler, type SqsBatchResponse, type SqsLambdaEvent } from '@jobpipe/shared/aws';
import { createCrmApiApp } from './app.js';
import { readCrmApiConfig } from './config.js';
import { buildCrmApi } from './http/server.js';

/** Where crm-api's files go when JOBPIPE_DATA_DIR is not set: Lambda's code folder is read-only. */
const LAMBDA_DATA_DIR = '/tmp/jobpipe';

/** A Function URL request (payload format 2.0), as far as this entry tells it apart. */
export interface FunctionUrlEvent {
  readonly version: string;
  readonly rawPath: string;
  readonly requestContext: { readonly http: { readonly method: string } };
}

/** A Function URL response (payload format 2.0). */
export interface FunctionUrlResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
  cookies?: string[];
}

const config = readCrmApiConfig({ JOBPIPE_DATA_DIR: LAMBDA_DATA_DIR, ...process.env });
if (config.runtime.transport !== 'aws') throw new ConfigError('the crm-api Lambda needs JOBPIPE_TRANSPORT=aws');
const logger = createLogger('crm-api', config.runtime.logLevel);
const ports = await createRuntimePorts(config.runtime, 'crm-api');
const api = createCrmApiApp(ports, config, logger);
const handleBatch = createSqsLambdaHandler({
  handlers: api.handlers,
  publisher: ports.publisher,
  flushEvents: () => ports.flushEvents(),
  registry: contracts(),
  logger,
});
// buildCrmApi returns a ready app, which can take no more decorators: the event stays off the request.
const handleRequest = awsLambdaFastify<FunctionUrlEvent>(await buildCrmApi(api.context), { decorateRequest: false });

const isSqsEvent = (event: SqsLambdaEvent | FunctionUrlEvent): event is SqsLambdaEvent => Array.isArray((event as SqsLambdaEvent).Records);

/** SQS batches of the crm-api queue, and HTTP requests of the Function URL. */
export async function handler(event: SqsLambdaEvent, context?: unknown): Promise<SqsBatchResponse>;
export async function handler(event: FunctionUrlEvent, context?: unknown): Promise<FunctionUrlResult>;
export async function handler(event: SqsLambdaEvent | FunctionUrlEvent, context?: unknown): Promise<SqsBatchResponse | FunctionUrlResult> {
  if (isSqsEvent(event)) return handleBatch(event);
  const result = await handleRequest(event, context as never);
  // The request's changes are committed with their events whatever happens here; what fails to go out
  // now goes with the next invocation.
  await ports
    .flushEvents()
    .catch((error: unknown) => logger.warn({ err: String(error) }, 'events wait in the outbox for the next invocation'));
  return result;
}
