import { Readable } from 'node:stream';
import { type CrmStage, JOB_SOURCES } from '@jobpipe/contracts';
import { stringify } from 'csv-stringify';
import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { neutralizeFormula } from '../../domain/csv-safety.js';
import { decodeCursor, type JobQuery, type JobSort } from '../../domain/job-query.js';
import type { JobSummary } from '../../domain/job-summary.js';
import { ApiError } from '../../use-cases/api-error.js';
import { jobDetail, jobsMatching, listJobsJson } from '../../use-cases/jobs.js';
import { errorResponses, jobIdParams, stageSchema } from '../schemas.js';

/** The query string of a job list (GET /jobs, GET /inbox). */
export interface JobListQuerystring {
  stage?: CrmStage[];
  track?: string[];
  source?: string[];
  minScore?: number;
  company?: string;
  q?: string;
  remote?: boolean;
  salaryMin?: number;
  salaryMax?: number;
  currency?: string;
  postedSince?: string;
  status: 'open' | 'closed' | 'all';
  /** Lists only (GET /jobs, GET /inbox, default true): one row per job; the CSV export lists every posting. */
  collapse?: boolean;
  sort: JobSort;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
}

/** The filters and sort of a job list, as query-string properties (of the list pages and the CSV export). */
const filterProperties = {
  stage: { type: 'array', items: stageSchema, description: 'repeat for several stages' },
  track: { type: 'array', items: { type: 'string', maxLength: 100 } },
  source: { type: 'array', items: { type: 'string', enum: JOB_SOURCES } },
  minScore: { type: 'number', minimum: 0, maximum: 100 },
  company: { type: 'string', minLength: 1, maxLength: 300, description: 'exact company name, any case' },
  q: { type: 'string', minLength: 1, maxLength: 200, description: 'words that must all start a word of the title, company or skills' },
  remote: { type: 'boolean' },
  salaryMin: { type: 'number', minimum: 0, description: 'annual salary (upper end of the posted range) at least this' },
  salaryMax: { type: 'number', minimum: 0, description: 'annual salary (upper end of the posted range) at most this' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  postedSince: {
    type: 'string',
    pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$',
    description: 'ISO date or date-time',
  },
  status: {
    type: 'string',
    enum: ['open', 'closed', 'all'],
    default: 'open',
    description: 'open (the default): jobs whose posting has not closed; closed: those that did (each with closedAt and closeReason); all',
  },
  sort: { type: 'string', enum: ['score', 'posted', 'salary'], default: 'score' },
  order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
} as const;

/** A page of a job list as a query string: the filters and sort, the page size and the cursor (GET /jobs, GET /inbox). */
export const jobListQuerystringSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...filterProperties,
    collapse: {
      type: 'boolean',
      default: true,
      description:
        "true (the default): one row per job, however many boards post it (the parser's dedupe links): of the postings the filters select, the best-scored (on a tie the first seen) is the row and lists the others under alsoOn; pages and counts are of rows. false: every posting its own row",
    },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', maxLength: 1000, description: 'nextCursor of the previous page' },
  },
} as const;

/** A page of a job list's answer: its items, each of `itemSchema`, and the cursor of the next page. */
export function jobPageSchema(itemSchema: object) {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: { items: { type: 'array', items: itemSchema }, nextCursor: { type: ['string', 'null'] } },
  } as const;
}

/** Reads a job list's query string into a job query; 400 for a foreign cursor or an inverted salary range. */
export function jobQuery(query: JobListQuerystring): JobQuery {
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (query.cursor !== undefined && !cursor)
    throw new ApiError(400, 'invalid_cursor', 'the cursor is not one this API issued; start again without it');
  if (cursor && (cursor.sort !== query.sort || cursor.order !== query.order)) {
    throw new ApiError(
      400,
      'invalid_cursor',
      `the cursor belongs to sort=${cursor.sort}&order=${cursor.order}; keep the same sort while paging`,
    );
  }
  if (query.salaryMin !== undefined && query.salaryMax !== undefined && query.salaryMin > query.salaryMax) {
    throw new ApiError(400, 'invalid_salary_range', `salaryMin (${query.salaryMin}) is above salaryMax (${query.salaryMax})`);
  }
  // Set one field at a time on one object (every request of GET /jobs builds one; spreading an object
  // per filter allocated and copied fifteen).
  const built: { -readonly [K in keyof JobQuery]: JobQuery[K] } = { sort: query.sort, order: query.order, limit: query.limit };
  if (query.stage) built.stages = query.stage;
  if (query.track) built.tracks = query.track;
  if (query.source) built.sources = query.source;
  if (query.minScore !== undefined) built.minScore = query.minScore;
  if (query.company !== undefined) built.company = query.company;
  if (query.q !== undefined) built.text = query.q;
  if (query.remote !== undefined) built.remote = query.remote;
  if (query.salaryMin !== undefined) built.salaryMin = query.salaryMin;
  if (query.salaryMax !== undefined) built.salaryMax = query.salaryMax;
  if (query.currency !== undefined) built.currency = query.currency;
  if (query.postedSince !== undefined) built.postedSince = query.postedSince;
  if (query.status !== 'all') built.posting = query.status;
  if (query.collapse) built.collapse = true;
  if (cursor) built.cursor = cursor;
  return built;
}

const CSV_COLUMNS = [
  'jobId',
  'title',
  'company',
  'source',
  'url',
  'score',
  'track',
  'stage',
  'remote',
  'annualSalaryMax',
  'salaryCurrency',
  'postedAt',
  'locations',
  'skills',
] as const;

async function* csvRecords(jobs: AsyncIterable<JobSummary>): AsyncGenerator<(string | number | boolean)[]> {
  for await (const job of jobs) yield csvRecord(job);
}

function csvRecord(job: JobSummary): (string | number | boolean)[] {
  return [
    job.jobId,
    job.title,
    job.company,
    job.source,
    job.url,
    job.score,
    job.track ?? '',
    job.stage,
    job.remote === null ? '' : String(job.remote),
    job.annualSalaryMax ?? '',
    job.salaryCurrency ?? '',
    job.postedAt ?? '',
    job.locations.join('; '),
    job.skills.join('; '),
  ].map(neutralizeFormula);
}

/** GET /jobs, GET /jobs/export.csv, GET /jobs/{jobId}. */
export async function jobRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  app.get<{ Querystring: JobListQuerystring }>(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'List scored jobs: filters, sort, cursor pagination',
        querystring: jobListQuerystringSchema,
        response: { 200: jobPageSchema({ $ref: 'JobSummary#' }), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      // The stored summaries are already JSON: the read model joins them into the page's text, sent as it is.
      const page = await listJobsJson(context, jobQuery(request.query));
      return reply.type('application/json; charset=utf-8').send(page.json);
    },
  );

  app.get<{ Querystring: JobListQuerystring & { max: number } }>(
    '/jobs/export.csv',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Export the jobs matching the filters as CSV (cells that could run as spreadsheet formulas are neutralized)',
        produces: ['text/csv'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...filterProperties, max: { type: 'integer', minimum: 1, maximum: 100_000, default: 10_000 } },
        },
        response: { 200: { type: 'string', description: 'CSV with a header row' }, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const query = jobQuery({ ...request.query, limit: 500 });
      const csv = Readable.from(csvRecords(jobsMatching(context, query, request.query.max))).pipe(
        stringify({ header: true, columns: [...CSV_COLUMNS] }),
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="jobs.csv"').send(csv);
    },
  );

  app.get<{ Params: { jobId: string } }>(
    '/jobs/:jobId',
    {
      schema: {
        tags: ['jobs'],
        summary: 'One job: description, score reasons, CRM stage and history, duplicates',
        params: jobIdParams,
        response: {
          200: {
            type: 'object',
            required: ['jobId', 'summary', 'details', 'description', 'reasons', 'crm', 'history', 'duplicates'],
            properties: {
              jobId: { type: 'string' },
              summary: { anyOf: [{ $ref: 'JobSummary#' }, { type: 'null' }], description: 'null until the job is scored' },
              details: { type: ['object', 'null'], additionalProperties: true, description: 'the normalized job as the parser stored it' },
              description: {
                type: 'object',
                required: ['html', 'text'],
                properties: { html: { type: 'string', description: 'sanitized by the parser' }, text: { type: 'string' } },
              },
              reasons: { type: 'array', items: { $ref: 'ScoreReason#' } },
              crm: {
                type: 'object',
                required: ['stage', 'closedReason', 'updatedAt', 'allowedNext', 'responses'],
                properties: {
                  stage: stageSchema,
                  closedReason: { type: ['string', 'null'] },
                  updatedAt: { type: ['string', 'null'] },
                  allowedNext: { type: 'array', items: stageSchema },
                  responses: { type: 'integer' },
                },
              },
              history: { type: 'array', items: { $ref: 'HistoryEntry#' } },
              duplicates: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['jobId', 'title', 'company', 'url', 'confidence', 'canonical'],
                  properties: {
                    jobId: { type: 'string' },
                    title: { type: 'string' },
                    company: { type: 'string' },
                    url: { type: 'string' },
                    confidence: { type: ['number', 'null'] },
                    canonical: { type: 'boolean' },
                  },
                },
              },
            },
          },
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => jobDetail(context, request.params.jobId),
  );
}
