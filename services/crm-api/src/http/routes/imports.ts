import { Readable } from 'node:stream';
import { IMPORT_MODES, type ImportMode } from '@jobpipe/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { ApiError } from '../../use-cases/api-error.js';
import { importCsvStream } from '../../use-cases/csv-import.js';
import { importJsonRows, importProgress } from '../../use-cases/imports.js';
import { errorResponses } from '../schemas.js';

/** Most rows one JSON import may carry. */
export const JSON_IMPORT_LIMIT = 1000;
/** Body limit of a JSON import: 1000 rows with long descriptions. */
const JSON_IMPORT_BODY_BYTES = 64 * 1024 * 1024;

const modeSchema = {
  type: 'string',
  enum: IMPORT_MODES,
  default: 'incremental',
  description: 'incremental upserts; full replaces the imported set',
} as const;
const importIdSchema = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;

const importResult = {
  type: 'object',
  required: ['summary', 'rejectedRows', 'duplicate'],
  properties: {
    summary: { $ref: 'ImportSummary#' },
    rejectedRows: { type: 'array', items: { $ref: 'RejectedRow#' } },
    duplicate: { type: 'boolean', description: 'true when these exact rows were imported before (nothing was loaded again)' },
  },
} as const;

async function csvStreamOf(request: FastifyRequest): Promise<Readable> {
  if (request.isMultipart()) {
    const file = await request.file().catch((error: Error & { statusCode?: number }) => {
      // busboy throws plain errors for a body it cannot start to read (no boundary, bad header).
      if (error.statusCode !== undefined) throw error;
      throw new ApiError(400, 'malformed_multipart', `the multipart body cannot be read: ${error.message}`);
    });
    if (!file) throw new ApiError(400, 'file_missing', "the multipart body has no file: send the CSV in a field named 'file'");
    return file.file;
  }
  if (request.body instanceof Readable) return request.body;
  throw new ApiError(
    415,
    'unsupported_media_type',
    `a CSV import is read from multipart/form-data (field 'file') or a text/csv body, not '${request.headers['content-type'] ?? 'no content-type'}'`,
  );
}

/** POST /imports/jobs (JSON, ≤1000 rows), POST /imports/csv (streamed CSV of any size), GET /imports/{id}. */
export async function importRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  app.post<{ Body: { mode: ImportMode; rows: unknown[] } }>(
    '/imports/jobs',
    {
      bodyLimit: JSON_IMPORT_BODY_BYTES,
      schema: {
        tags: ['imports'],
        summary: `Import 1 to ${JSON_IMPORT_LIMIT} jobs as JSON; every row is validated and answered on its own`,
        description: `More than ${JSON_IMPORT_LIMIT} rows is refused with 413: use POST /imports/csv for large files. Rows follow contracts defs/import-row.schema.json.`,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['rows'],
          properties: {
            mode: modeSchema,
            rows: {
              type: 'array',
              minItems: 1,
              maxItems: JSON_IMPORT_LIMIT,
              items: { type: 'object', description: 'ImportRow (title, company, url required)' },
            },
          },
        },
        response: { 202: importResult, 200: importResult, ...errorResponses(400, 413, 422) },
      },
      preValidation: async (request) => {
        const rows = (request.body as { rows?: unknown } | undefined)?.rows;
        if (Array.isArray(rows) && rows.length > JSON_IMPORT_LIMIT) {
          throw new ApiError(
            413,
            'too_many_rows',
            `a JSON import takes at most ${JSON_IMPORT_LIMIT} rows; this one has ${rows.length}: split it, or upload a CSV to POST /imports/csv`,
            { limit: JSON_IMPORT_LIMIT, received: rows.length },
          );
        }
      },
    },
    async (request, reply) => {
      const result = await importJsonRows(context, request.body.rows, request.body.mode);
      if (!result.duplicate && result.summary.accepted === 0) {
        throw new ApiError(422, 'no_valid_rows', `none of the ${result.summary.totalRows} rows is valid`, {
          importId: result.summary.importId,
          rejectedRows: result.rejectedRows,
        });
      }
      return reply.code(result.duplicate ? 200 : 202).send(result);
    },
  );

  app.post<{ Querystring: { mode: ImportMode; importId?: string } }>(
    '/imports/csv',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import a CSV of any size, streamed: split into chunks of 1000 rows, one import.chunk each',
        description:
          "Send the file as multipart/form-data (field 'file') or as a text/csv body. Header row first; columns are the ImportRow fields (skills separated by ';'). Invalid rows are rejected with reasons and never sent; progress at GET /imports/{importId}.",
        consumes: ['multipart/form-data', 'text/csv'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            mode: modeSchema,
            importId: { ...importIdSchema, description: 'choose the id to follow progress while uploading' },
          },
        },
        response: { 202: { $ref: 'ImportSummary#' }, ...errorResponses(400, 409, 415) },
      },
    },
    async (request, reply) => {
      const importId = request.query.importId ?? context.ids.uuid();
      const summary = await importCsvStream(context, await csvStreamOf(request), importId, request.query.mode);
      return reply.code(202).header('location', `/imports/${importId}`).send(summary);
    },
  );

  app.get<{ Params: { importId: string }; Querystring: { rejectedPage: number } }>(
    '/imports/:importId',
    {
      schema: {
        tags: ['imports'],
        summary: 'Progress of an import: rows accepted, rejected (with reasons, 1000 per page), done once every row landed or was rejected',
        params: { type: 'object', required: ['importId'], properties: { importId: importIdSchema } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { rejectedPage: { type: 'integer', minimum: 0, default: 0 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['summary', 'rejectedRows', 'rejectedPages', 'loadRejectedRows'],
            properties: {
              summary: { $ref: 'ImportSummary#' },
              rejectedRows: {
                type: 'array',
                items: { $ref: 'RejectedRow#' },
                description: 'rows refused before they were sent (one page)',
              },
              rejectedPages: { type: 'integer' },
              loadRejectedRows: {
                type: 'array',
                items: { $ref: 'RejectedRow#' },
                description: 'rows the parser refused when loading them (counted in summary.rejected)',
              },
            },
          },
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => importProgress(context, request.params.importId, request.query.rejectedPage),
  );
}
