import type { Logger } from '@jobpipe/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AnalyticsUnavailableError } from '../ports/analytics-reports.js';
import { ApiError } from '../use-cases/api-error.js';

/** The one error shape of the API. */
export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly details: unknown;
}

/** Fastify's own error codes, turned into stable API error codes with a clear message. */
const FASTIFY_ERRORS: Readonly<Record<string, { error: string; message?: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { error: 'malformed_json', message: 'the request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { error: 'empty_body', message: "the request body is empty but the content-type says 'application/json'" },
  FST_ERR_CTP_BODY_TOO_LARGE: { error: 'body_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { error: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { error: 'invalid_content_length' },
  FST_ERR_CTP_INVALID_TYPE: { error: 'invalid_content_type' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    error: 'not_multipart',
    message: "send the file as multipart/form-data (field 'file') or as a text/csv body",
  },
  FST_REQ_FILE_TOO_LARGE: { error: 'file_too_large' },
  FST_FILES_LIMIT: { error: 'too_many_files', message: 'send one file per request' },
};

function validationDetails(error: FastifyError): { path: string; message: string }[] {
  return (error.validation ?? []).map((issue) => {
    const params = issue.params as Record<string, unknown>;
    const property =
      typeof params.missingProperty === 'string'
        ? `/${params.missingProperty}`
        : typeof params.additionalProperty === 'string'
          ? `/${params.additionalProperty}`
          : '';
    const extra = typeof params.additionalProperty === 'string' ? ' (unknown field)' : '';
    return {
      path: `${error.validationContext ?? 'body'}${issue.instancePath}${property}`,
      message: `${issue.message ?? issue.keyword}${extra}`,
    };
  });
}

/**
 * Fastify's answer to requests its router refuses before any hook runs (a path with a broken
 * percent-escape), in the API's one error shape. Pass as the `frameworkErrors` option.
 */
export function frameworkErrorReply(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const code = error.code === 'FST_ERR_BAD_URL' ? 'bad_url' : (error.code ?? 'bad_request').replace(/^FST_(ERR_)?/, '').toLowerCase();
  void reply.code(status).send({ error: code, message: error.message, details: null } satisfies ErrorBody);
}

/**
 * One error shape for every failure: `{ error, message, details }`. Caller mistakes get their 4xx
 * with a message naming what to fix; anything else is a 500 with no internals (the log has them).
 */
export function installErrorHandling(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error: FastifyError | ApiError | Error, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).send({ error: error.code, message: error.message, details: error.details } satisfies ErrorBody);
    }
    if (error instanceof AnalyticsUnavailableError) {
      return reply.code(503).send({ error: 'analytics_unavailable', message: error.message, details: null } satisfies ErrorBody);
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const details = validationDetails(fastifyError);
      const message = details.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
      return reply.code(400).send({ error: 'validation_failed', message, details } satisfies ErrorBody);
    }
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const known = fastifyError.code ? FASTIFY_ERRORS[fastifyError.code] : undefined;
      const code = known?.error ?? (fastifyError.code ? fastifyError.code.replace(/^FST_(ERR_)?/, '').toLowerCase() : 'bad_request');
      return reply.code(status).send({ error: code, message: known?.message ?? fastifyError.message, details: null } satisfies ErrorBody);
    }
    logger.error(
      { err: error.message, stack: error.stack, method: request.method, url: request.url, requestId: request.id },
      'request failed',
    );
    return reply.code(500).send({
      error: 'internal_error',
      message: `the server failed on this request (request id ${request.id}); see the crm-api log`,
      details: null,
    } satisfies ErrorBody);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: 'not_found',
      message: `no route ${request.method} ${request.url.split('?')[0]}; see /docs`,
      details: null,
    } satisfies ErrorBody),
  );
}
