import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IdempotencyStore } from '../adapters/idempotency-store.js';
import { ApiError } from '../use-cases/api-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The claimed idempotency key of a write request that sent one. */
    idempotency?: { readonly key: string; readonly fingerprint: string };
  }
  interface FastifyContextConfig {
    /** The answer holds a secret shown once (a new API key): it is never kept, so Idempotency-Key is refused. */
    answerHoldsSecret?: boolean;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Header of a replayed answer, so a client can tell a retry's answer from a fresh one. */
export const REPLAYED_HEADER = 'idempotency-replayed';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What makes two requests the same: method, URL and body (a streamed body, a CSV upload, by its
 * content type and length, as it cannot be read twice).
 */
function fingerprintOf(request: FastifyRequest): string {
  const body = request.body;
  const streamed = body !== null && typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe === 'function';
  const content = streamed
    ? `stream:${request.headers['content-type'] ?? ''}:${request.headers['content-length'] ?? ''}`
    : JSON.stringify(body ?? null);
  return sha256(`${request.method} ${request.url}\n${content}`);
}

/**
 * `Idempotency-Key` on write requests: the first request with a key runs and its answer (status and
 * body) is kept for 24 hours; a retry with the same key and the same request gets that answer again
 * (header `Idempotency-Replayed: true`) without running anything, so nothing is published twice. The
 * same key with another request is a 422; a retry while the first is still running a 409. Keys are
 * per API key. A 5xx (or streamed) answer is not kept: the retry runs again.
 */
export function installIdempotencyKeys(app: FastifyInstance, store: IdempotencyStore): void {
  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    if (header === undefined || !WRITE_METHODS.has(request.method)) return;
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
      throw new ApiError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 visible ASCII characters, sent once');
    }
    if (request.routeOptions.config?.answerHoldsSecret) {
      throw new ApiError(
        400,
        'idempotency_key_not_accepted',
        `${request.method} ${request.routeOptions.url} answers a secret shown once, which is never stored for a replay: send it without Idempotency-Key`,
      );
    }
    const key = sha256(`${request.apiKey?.keyId ?? 'public'}\n${header}`);
    const fingerprint = fingerprintOf(request);
    const claim = await store.claim(key, fingerprint);
    if (claim.kind === 'different-request') {
      throw new ApiError(
        422,
        'idempotency_key_reused',
        `the Idempotency-Key '${header}' was already used for a different request; send a new key for a new request`,
      );
    }
    if (claim.kind === 'in-progress') {
      throw new ApiError(
        409,
        'idempotency_key_in_progress',
        `a request with the Idempotency-Key '${header}' is still running; retry in a moment`,
      );
    }
    if (claim.kind === 'answered') {
      reply.code(claim.answer.statusCode).header(REPLAYED_HEADER, 'true');
      if (claim.answer.contentType) reply.type(claim.answer.contentType);
      return reply.send(claim.answer.body);
    }
    request.idempotency = { key, fingerprint };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claimed = request.idempotency;
    if (!claimed) return payload;
    const replayable = typeof payload === 'string' || Buffer.isBuffer(payload);
    if (reply.statusCode >= 500 || !replayable) {
      await store.release(claimed.key);
      return payload;
    }
    const contentType = reply.getHeader('content-type');
    await store.complete(claimed.key, claimed.fingerprint, {
      statusCode: reply.statusCode,
      contentType: typeof contentType === 'string' ? contentType : null,
      body: payload.toString(),
    });
    return payload;
  });
}
