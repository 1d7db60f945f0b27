import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { APPLICATION_STATUSES } from '../../domain/application-view.js';
import {
  type ApplicationRecord,
  type ApplicationStatus,
  applicationEvidence,
  getApplication,
  listApplications,
  requestApplication,
} from '../../use-cases/applications.js';
import { errorResponses, jobIdSchema } from '../schemas.js';

function withEvidenceLinks(record: ApplicationRecord) {
  const { evidenceBlobKeys, ...rest } = record;
  return { ...rest, evidence: (evidenceBlobKeys ?? []).map((_, index) => `/applications/${record.applicationId}/evidence/${index}`) };
}

const applicationIdParams = {
  type: 'object',
  required: ['applicationId'],
  properties: { applicationId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
} as const;

/** Application requests, their list, and their evidence screenshots. */
export async function applicationRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  app.post<{ Body: { jobId: string; dryRun: boolean } }>(
    '/applications',
    {
      schema: {
        tags: ['applications'],
        summary: 'Ask the applier to apply to a shortlisted job (dryRun fills the form without submitting)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['jobId'],
          properties: { jobId: jobIdSchema, dryRun: { type: 'boolean', default: false } },
        },
        response: { 202: { $ref: 'Application#' }, ...errorResponses(400, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(202).send(withEvidenceLinks(await requestApplication(context, request.body.jobId, request.body.dryRun))),
  );

  app.get<{ Querystring: { status?: ApplicationStatus; jobId?: string; limit: number } }>(
    '/applications',
    {
      schema: {
        tags: ['applications'],
        summary: 'Applications, newest first, with their status and evidence links',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: APPLICATION_STATUSES },
            jobId: jobIdSchema,
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
        },
        response: {
          200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: 'Application#' } } } },
          ...errorResponses(400),
        },
      },
    },
    async (request) => ({ items: (await listApplications(context, request.query)).map(withEvidenceLinks) }),
  );

  app.get<{ Params: { applicationId: string } }>(
    '/applications/:applicationId',
    {
      schema: {
        tags: ['applications'],
        summary: 'One application',
        params: applicationIdParams,
        response: { 200: { $ref: 'Application#' }, ...errorResponses(400, 404) },
      },
    },
    async (request) => withEvidenceLinks(await getApplication(context, request.params.applicationId)),
  );

  app.get<{ Params: { applicationId: string; index: number } }>(
    '/applications/:applicationId/evidence/:index',
    {
      schema: {
        tags: ['applications'],
        summary: 'A screenshot kept as evidence of an application',
        produces: ['image/png'],
        params: {
          type: 'object',
          required: ['applicationId', 'index'],
          properties: { ...applicationIdParams.properties, index: { type: 'integer', minimum: 0, maximum: 20 } },
        },
        response: { 200: { type: 'string', format: 'binary' }, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const evidence = await applicationEvidence(context, request.params.applicationId, request.params.index);
      return reply.type(evidence.contentType).send(evidence.body);
    },
  );
}
