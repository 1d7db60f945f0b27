import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import * as insights from '../../use-cases/insights.js';
import { errorResponses } from '../schemas.js';

const n = { type: ['number', 'null'] } as const;

function report(rowProperties: Record<string, unknown>) {
  return {
    200: {
      type: 'object',
      required: ['loadedAt', 'rows'],
      properties: {
        loadedAt: { type: 'string', description: 'when crm-api loaded the analytics snapshot' },
        rows: { type: 'array', items: { type: 'object', properties: rowProperties } },
      },
    },
    ...errorResponses(400, 503),
  };
}

const skillRow = { skill: { type: 'string' }, jobs: { type: 'integer' } };
const limitQuery = (fallback: number) =>
  ({
    type: 'object',
    additionalProperties: false,
    properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: fallback } },
  }) as const;
const daysQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { days: { type: 'integer', minimum: 1, maximum: 3650, default: 30 } },
} as const;

/** Reports from the analytics snapshot (cached briefly; a new snapshot clears the cache). 503 until the first snapshot. */
export async function insightRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  const tags = ['insights'];
  app.get<{ Querystring: { limit: number } }>(
    '/insights/skills',
    { schema: { tags, summary: 'Top skills by demand (jobs asking for them)', querystring: limitQuery(20), response: report(skillRow) } },
    async (request) => insights.skillsByDemand(context, request.query.limit),
  );
  app.get('/insights/skills/all', { schema: { tags, summary: 'All skills by demand', response: report(skillRow) } }, async () =>
    insights.skillsByDemand(context),
  );
  app.get<{ Querystring: { keyword: string } }>(
    '/insights/experience',
    {
      schema: {
        tags,
        summary: 'Average years of experience asked by jobs mentioning a keyword (title or skill)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['keyword'],
          properties: { keyword: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        response: report({ keyword: { type: 'string' }, jobs: { type: 'integer' }, avgExperienceYears: n }),
      },
    },
    async (request) => insights.experienceForKeyword(context, request.query.keyword),
  );
  app.get(
    '/insights/salary',
    {
      schema: {
        tags,
        summary: 'Average annual salary (USD) and experience over all jobs',
        response: report({ jobs: { type: 'integer' }, avg_annual_usd_min: n, avg_annual_usd_max: n, avg_experience_years: n }),
      },
    },
    async () => insights.salaryOverall(context),
  );
  app.get<{ Querystring: { limit: number; minJobs: number } }>(
    '/insights/salary-by-skill',
    {
      schema: {
        tags,
        summary: 'Average annual salary (USD) per skill, best paid first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 20 },
            minJobs: { type: 'integer', minimum: 1, default: 1 },
          },
        },
        response: report({ skill: { type: 'string' }, jobs: { type: 'integer' }, avg_annual_usd: n }),
      },
    },
    async (request) => insights.salaryBySkill(context, request.query.limit, request.query.minJobs),
  );
  app.get(
    '/insights/tracks',
    {
      schema: {
        tags,
        summary: 'Jobs, salary, experience and score per track',
        response: report({
          track: { type: ['string', 'null'] },
          jobs: { type: 'integer' },
          avg_annual_usd: n,
          avg_experience_years: n,
          avg_score: n,
        }),
      },
    },
    async () => insights.byTrack(context),
  );
  app.get<{ Querystring: { days: number } }>(
    '/insights/sources-by-day',
    {
      schema: {
        tags,
        summary: 'New jobs per source and day',
        querystring: daysQuery,
        response: report({ source: { type: 'string' }, day: { type: 'string' }, jobs: { type: 'integer' } }),
      },
    },
    async (request) => insights.jobsBySourceDay(context, request.query.days),
  );
  app.get(
    '/insights/funnel',
    {
      schema: {
        tags,
        summary: "The user's funnel: jobs, conversion, median days and response rate per stage",
        response: report({
          stage: { type: 'string' },
          jobs: { type: 'integer', description: 'jobs that were ever in the stage' },
          advanced: { type: 'integer', description: 'of those, jobs that went further (a later open stage, or closed as hired)' },
          conversion_rate: n,
          median_days_in_stage: n,
          response_rate: n,
        }),
      },
    },
    async () => insights.funnel(context),
  );
  app.get<{ Querystring: { days: number } }>(
    '/insights/applications-by-day',
    {
      schema: {
        tags,
        summary: 'Applications submitted and failed per day',
        querystring: daysQuery,
        response: report({ day: { type: 'string' }, submitted: { type: 'integer' }, failed: { type: 'integer' } }),
      },
    },
    async (request) => insights.applicationsByDay(context, request.query.days),
  );
  app.get(
    '/insights/lifecycle',
    {
      schema: {
        tags,
        summary: 'Open, closed and ghost-flagged jobs; shares closed within 7 and 30 days of their first sighting',
        description:
          'Canonical jobs only (a duplicate posting counts once). jobs_7d / jobs_30d: jobs first seen at least 7 / 30 days before the latest sighting in the snapshot, whose outcome is known; share_flagged: of the open jobs.',
        response: report({
          jobs: { type: 'integer' },
          open_jobs: { type: 'integer' },
          closed_jobs: { type: 'integer' },
          jobs_7d: { type: 'integer' },
          closed_within_7d: { type: 'integer' },
          share_closed_within_7d: n,
          jobs_30d: { type: 'integer' },
          closed_within_30d: { type: 'integer' },
          share_closed_within_30d: n,
          flagged_jobs: { type: 'integer' },
          share_flagged: n,
        }),
      },
    },
    async () => insights.lifecycle(context),
  );
  app.get<{ Querystring: { by: 'source' | 'company'; limit: number; minClosed: number } }>(
    '/insights/time-to-close',
    {
      schema: {
        tags,
        summary: 'Median and 90th-percentile days from first sighting to close, per source or company',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            by: { type: 'string', enum: ['source', 'company'], default: 'source' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 20 },
            minClosed: { type: 'integer', minimum: 1, default: 1, description: 'only groups with at least this many closed jobs' },
          },
        },
        response: report({ group: { type: 'string' }, closedJobs: { type: 'integer' }, medianDays: n, p90Days: n }),
      },
    },
    async (request) => insights.timeToClose(context, request.query.by, request.query.limit, request.query.minClosed),
  );
  app.get(
    '/insights/ghost-flags',
    {
      schema: {
        tags,
        summary: 'Open jobs per ghost-risk criterion and their share of the open jobs',
        response: report({ kind: { type: 'string' }, jobs: { type: 'integer' }, share: n }),
      },
    },
    async () => insights.ghostFlags(context),
  );
}
