import { SCRAPE_RUN_STATUSES, SCRAPE_SOURCES } from '@jobpipe/contracts';
import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { type ResolveSourceRequest, resolveSource } from '../../use-cases/source-discovery.js';
import { listSourceRuns } from '../../use-cases/source-runs.js';
import { errorResponses } from '../schemas.js';

const count = { type: 'integer', minimum: 0 } as const;

/** One scrape run's coverage, as `scrape.finished` announced it. */
export const sourceRouteSchema = {
  $id: 'SourceRun',
  type: 'object',
  required: ['searchId', 'source', 'runId', 'status', 'coverage', 'drift', 'startedAt', 'finishedAt', 'durationMs'],
  properties: {
    searchId: { type: 'string' },
    source: { type: 'string', enum: SCRAPE_SOURCES },
    runId: { type: 'string' },
    status: {
      type: 'string',
      enum: SCRAPE_RUN_STATUSES,
      description:
        'complete: every page and posting was read, nothing capped or truncated (only such reads may close jobs missing from them); partial: some were missed; failed: the search could not be read',
    },
    coverage: {
      type: 'object',
      required: ['listed', 'fetched', 'published', 'unchanged', 'notModified', 'postingsFailed', 'pagesFailed', 'capped', 'truncated'],
      properties: {
        reportedTotal: { ...count, description: 'matches the source itself reports for the search, where it reports one' },
        listed: { ...count, description: 'postings the listing named' },
        fetched: { ...count, description: 'postings read whole (published, unchanged or not modified)' },
        published: count,
        unchanged: count,
        notModified: count,
        postingsFailed: count,
        pagesFailed: count,
        capped: { type: 'boolean', description: 'the source stopped listing before its own total' },
        truncated: { type: 'boolean', description: 'reading stopped at maxPages while the source had more' },
      },
    },
    boards: {
      type: 'array',
      items: {
        type: 'object',
        required: ['board', 'status', 'listed', 'drift'],
        properties: {
          board: { type: 'string' },
          status: { type: 'string', enum: ['complete', 'failed'] },
          listed: count,
          drift: { type: 'boolean', description: 'listed nothing where the previous read listed postings' },
        },
      },
    },
    drift: { type: 'boolean', description: 'the search, or one of its boards, listed nothing where it used to list postings' },
    previousListed: count,
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    durationMs: { type: 'number' },
  },
} as const;

/** The answer of `POST /sources/resolve`. */
export const sourceResolutionSchema = {
  $id: 'SourceResolution',
  type: 'object',
  required: ['status'],
  properties: {
    status: {
      type: 'string',
      enum: ['recognized', 'unsupported', 'not-recognized'],
      description:
        'recognized: a source jobpipe reads, with the search to add; unsupported: a known ATS jobpipe does not read yet; not-recognized: no source found (see reason)',
    },
    source: { type: 'string', description: 'the source found: an ATS, mcf, usajobs or jsonld' },
    board: { type: 'string', description: "the board as the source's searches name it" },
    keywords: { type: 'string' },
    location: { type: 'string' },
    pageUrl: { type: 'string', description: 'the page a jsonld search reads' },
    evidence: { type: 'string', description: 'how the source was found: the URL, an embedded board, links, the canonical link, JSON-LD' },
    reason: { type: 'string', description: 'why nothing was recognized, or why a recognized ATS is not read yet' },
    search: {
      type: 'object',
      additionalProperties: true,
      description: 'the search to add (a config searches[] entry: id, source, boards/keywords/urls, schedule)',
    },
    existingSearchId: { type: 'string', description: 'the search of the config that already reads this board or page' },
  },
} as const;

/** GET /sources/runs: how much of each search the scrape runs read; POST /sources/resolve: the source behind a URL. */
export async function sourceRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  app.get<{ Querystring: { searchId?: string; limit: number } }>(
    '/sources/runs',
    {
      schema: {
        tags: ['sources'],
        summary: 'Scrape runs, newest first, with how much of their search each read (complete, partial or failed) and why',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            searchId: { type: 'string', pattern: '^[a-z0-9-]{1,64}$', description: "one search's runs only" },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
        },
        response: {
          200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: 'SourceRun#' } } } },
          ...errorResponses(400),
        },
      },
    },
    async (request) => ({ items: await listSourceRuns(context, request.query) }),
  );

  app.post<{ Body: ResolveSourceRequest }>(
    '/sources/resolve',
    {
      schema: {
        tags: ['sources'],
        summary:
          'Find the job source behind a careers page, job page or application URL (URL patterns, then the page: embedded boards, links, JSON-LD) and offer the search to add; nothing is stored',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: {
            url: { type: 'string', minLength: 1, maxLength: 2048, description: 'an http(s) URL' },
            allowPrivateHosts: {
              type: 'array',
              maxItems: 20,
              items: { type: 'string', minLength: 1, maxLength: 253 },
              description: 'hosts that may be read although loopback, link-local or private (an intranet careers page)',
            },
          },
        },
        response: { 200: { $ref: 'SourceResolution#' }, ...errorResponses(400) },
      },
    },
    async (request) => resolveSource(context, request.body),
  );
}
