import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error a local AWS service answers with: its type (the part after `#`), status and message. */
export class AwsWireError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    /** Extra members of the error body (DynamoDB's `CancellationReasons`). */
    readonly extra: Record<string, unknown> = {},
    /** SQS's `x-amzn-query-error` header (`<legacy code>;Sender`), which the SDK maps to the legacy error code. */
    readonly queryError?: string,
  ) {
    super(message);
  }
}

/** A JSON-protocol operation: its input (the request body) in, its output out; `response` tells when the caller hangs up. */
export type JsonOperation = (input: Record<string, unknown>, response: ServerResponse) => unknown | Promise<unknown>;

/** The whole body of a request, as bytes. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The operation a JSON-protocol request names (`X-Amz-Target: AmazonSQS.ReceiveMessage` → `ReceiveMessage`). */
export function targetOperation(request: IncomingMessage): { service: string; operation: string } | undefined {
  const target = request.headers['x-amz-target'];
  if (typeof target !== 'string' || !target.includes('.')) return undefined;
  const dot = target.lastIndexOf('.');
  return { service: target.slice(0, dot), operation: target.slice(dot + 1) };
}

/**
 * Answers one JSON-protocol request (SQS, EventBridge): runs the named operation on the parsed body and
 * writes its output, or the error in the protocol's shape (`{"__type": "<namespace>#<Type>", "message"}`).
 */
export async function answerJson(
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
  operations: Readonly<Record<string, JsonOperation>>,
  namespace: string,
  contentType: string,
): Promise<void> {
  const operationName = targetOperation(request)?.operation ?? '';
  try {
    let input: Record<string, unknown>;
    try {
      input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as Record<string, unknown>);
    } catch {
      throw new AwsWireError('SerializationException', 'the request body is not JSON');
    }
    const operation = Object.hasOwn(operations, operationName) ? operations[operationName] : undefined;
    if (!operation)
      throw new AwsWireError('UnknownOperationException', `this local server does not implement ${operationName || '(no operation)'}`);
    const output = await operation(input, response);
    if (response.destroyed) return;
    response.writeHead(200, { 'content-type': contentType }).end(JSON.stringify(output ?? {}));
  } catch (error) {
    if (response.destroyed) return;
    const wire = error instanceof AwsWireError ? error : new AwsWireError('InternalFailure', String(error), 500);
    response
      .writeHead(wire.status, {
        'content-type': contentType,
        ...(wire.queryError ? { 'x-amzn-query-error': wire.queryError } : {}),
      })
      .end(JSON.stringify({ __type: `${namespace}#${wire.type}`, message: wire.message, ...wire.extra }));
  }
}

/** A required string member of an input, or a ValidationError naming it. */
export function requiredString(input: Record<string, unknown>, name: string, errorType = 'ValidationException'): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') throw new AwsWireError(errorType, `${name} is required and must be a string`);
  return value;
}
