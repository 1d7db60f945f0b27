/**
 * AWS Lambda entry of crm-api. One function does both of crm-api's jobs: SQS batches of its queue
 * (partial batch response) and HTTP requests through its Function URL (payload format 2.0), answered by
 * the same Fastify app as the process through @fastify/aws-lambda (no socket; Fastify's inject).
 *
 * On the aws transport crm-api's read side is the shared `readModel` table (and the analytics snapshot
 * it names, copied from S3 into /tmp), so every execution environment answers the same — see
 * docs/running.md.
 */
import awsLambdaFastify from '@fastify/aws-lambda';
import { type SqsBatchResponse, type SqsLambdaEvent, startServiceLambda } from '@jobpipe/shared/aws';
import { crmApiService } from './app.js';
import { buildCrmApi } from './http/server.js';

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

const { built: api, ports, logger, handleBatch } = await startServiceLambda(crmApiService);
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
