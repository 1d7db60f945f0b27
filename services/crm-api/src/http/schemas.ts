import { CLOSED_REASONS, CRM_STAGES, EMPLOYER_RESPONSE_KINDS, GHOST_FLAG_KINDS, IMPORT_MODES, JOB_CLOSE_REASONS } from '@jobpipe/contracts';
import { APPLICATION_STATUSES } from '../domain/application-view.js';

/** JSON schemas shared by several routes; registered once and referenced as `<$id>#`. */

export const errorSchema = {
  $id: 'ErrorResponse',
  type: 'object',
  description: 'Every error: a stable machine-readable code, a human message, and details (null, or what to fix).',
  required: ['error', 'message', 'details'],
  properties: { error: { type: 'string' }, message: { type: 'string' }, details: {} },
} as const;

export const stageSchema = { type: 'string', enum: CRM_STAGES } as const;
export const closedReasonSchema = { type: 'string', enum: CLOSED_REASONS } as const;
export const nullableString = { type: ['string', 'null'] } as const;
export const nullableNumber = { type: ['number', 'null'] } as const;
export const jobIdSchema = {
  type: 'string',
  pattern: '^[a-z0-9-]+:[^\\s]{1,200}$',
  description: "'<source>:<external id>' (URL-encode it in paths)",
} as const;

export const jobSummarySchema = {
  $id: 'JobSummary',
  type: 'object',
  required: ['jobId', 'title', 'company', 'source', 'url', 'score', 'stage'],
  properties: {
    jobId: { type: 'string' },
    contentHash: { type: 'string' },
    title: { type: 'string' },
    company: { type: 'string' },
    source: { type: 'string' },
    url: { type: 'string' },
    locations: { type: 'array', items: { type: 'string' } },
    remote: { type: ['boolean', 'null'] },
    score: { type: 'number' },
    track: nullableString,
    trackScore: { type: 'number' },
    filteredBy: nullableString,
    stage: stageSchema,
    annualSalaryMax: nullableNumber,
    salaryCurrency: nullableString,
    postedAt: nullableString,
    firstSeenAt: {
      type: 'string',
      description: "when the job was first seen (a relisting: its first listing): the job's age counts from here",
    },
    scoredAt: { type: 'string' },
    skills: { type: 'array', items: { type: 'string' } },
    closedAt: { type: 'string', description: 'when the posting closed (only on closed jobs)' },
    closeReason: { type: 'string', enum: JOB_CLOSE_REASONS, description: 'why the posting closed (only on closed jobs)' },
    ghostFlags: {
      type: 'array',
      description:
        'the ghost-risk criteria that fire for the job, each with the figures that made it fire (only while one does; docs/lifecycle.md): reasons to look twice, never a filter; the user may dismiss one (POST /jobs/{jobId}/flags/{kind}/dismiss)',
      items: {
        type: 'object',
        required: ['kind', 'detail', 'since'],
        properties: {
          kind: { type: 'string', enum: GHOST_FLAG_KINDS },
          detail: { type: 'string' },
          since: { type: 'string', format: 'date-time', description: 'when the criterion first fired' },
          dismissedAt: {
            type: 'string',
            format: 'date-time',
            description: 'when the user dismissed the flag (only on dismissed flags): shown, costs the job no points',
          },
        },
      },
    },
    canonicalJobId: {
      type: 'string',
      description:
        "the job this posting duplicates (the parser's dedupe link; only on copies): postings of one job name the same canonical job",
    },
    alsoOn: {
      type: 'array',
      description:
        'in a list that collapses duplicates (collapse=true, the default): the other postings of this job that the filters selected, best-scored first (only where there are any)',
      items: {
        type: 'object',
        required: ['jobId', 'source', 'url', 'score'],
        properties: { jobId: { type: 'string' }, source: { type: 'string' }, url: { type: 'string' }, score: { type: 'number' } },
      },
    },
  },
} as const;

export const scoreReasonSchema = {
  $id: 'ScoreReason',
  type: 'object',
  required: ['kind', 'text', 'points'],
  properties: { kind: { type: 'string' }, text: { type: 'string' }, points: { type: 'number' } },
} as const;

export const employerResponseSchema = {
  $id: 'EmployerResponse',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'respondedAt'],
  properties: {
    kind: { type: 'string', enum: EMPLOYER_RESPONSE_KINDS },
    respondedAt: { type: 'string', format: 'date-time' },
    interviewAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

export const historyEntrySchema = {
  $id: 'HistoryEntry',
  type: 'object',
  required: ['jobId', 'changeId', 'kind', 'to', 'at', 'by'],
  properties: {
    jobId: { type: 'string' },
    changeId: { type: 'string' },
    kind: { type: 'string', enum: ['stage', 'note', 'response'] },
    from: { type: ['string', 'null'] },
    to: { type: 'string' },
    closedReason: nullableString,
    note: nullableString,
    response: { anyOf: [{ $ref: 'EmployerResponse#' }, { type: 'null' }] },
    at: { type: 'string' },
    by: { type: 'string' },
  },
} as const;

export const stageChangeResultSchema = {
  $id: 'StageChangeResult',
  type: 'object',
  required: ['jobId', 'from', 'to', 'closedReason', 'changedAt', 'allowedNext'],
  properties: {
    jobId: { type: 'string' },
    from: stageSchema,
    to: stageSchema,
    closedReason: nullableString,
    changedAt: { type: 'string' },
    allowedNext: { type: 'array', items: stageSchema },
  },
} as const;

export const applicationSchema = {
  $id: 'Application',
  type: 'object',
  required: ['applicationId', 'jobId', 'status', 'dryRun', 'requestedAt', 'applyUrl', 'site', 'company'],
  properties: {
    applicationId: { type: 'string' },
    jobId: { type: 'string' },
    status: {
      type: 'string',
      enum: APPLICATION_STATUSES,
      description: 'submitted with dryRun: the form was filled and kept as evidence, nothing was sent',
    },
    dryRun: { type: 'boolean' },
    requestedAt: { type: 'string' },
    applyUrl: { type: 'string' },
    site: { type: 'string' },
    company: { type: 'string' },
    title: { type: 'string' },
    finishedAt: nullableString,
    failureCode: nullableString,
    failureMessage: nullableString,
    needsUser: { type: ['boolean', 'null'], description: 'the application stopped on something only the user can settle' },
    evidence: { type: 'array', items: { type: 'string' }, description: 'links to the screenshots kept as evidence' },
  },
} as const;

export const importSummarySchema = {
  $id: 'ImportSummary',
  type: 'object',
  required: ['importId', 'kind', 'mode', 'status', 'totalRows', 'accepted', 'rejected', 'chunks'],
  properties: {
    importId: { type: 'string' },
    kind: { type: 'string', enum: ['json', 'csv'] },
    mode: { type: 'string', enum: IMPORT_MODES },
    status: {
      type: 'string',
      enum: ['receiving', 'loading', 'done', 'failed'],
      description:
        'receiving: rows still arriving; loading: every chunk was handed to the parser, which has not reported them all yet; done: every row landed as a job or was rejected',
    },
    totalRows: { type: 'integer' },
    accepted: { type: 'integer' },
    rejected: { type: 'integer' },
    chunks: { type: 'integer' },
    createdAt: { type: 'string' },
    finishedAt: nullableString,
    failure: nullableString,
  },
} as const;

export const rejectedRowSchema = {
  $id: 'RejectedRow',
  type: 'object',
  required: ['rowNumber', 'errors'],
  properties: { rowNumber: { type: 'integer' }, errors: { type: 'array', items: { type: 'string' } } },
} as const;

/** Every shared schema, in registration order. */
export const SHARED_SCHEMAS = [
  errorSchema,
  jobSummarySchema,
  scoreReasonSchema,
  employerResponseSchema,
  historyEntrySchema,
  stageChangeResultSchema,
  applicationSchema,
  importSummarySchema,
  rejectedRowSchema,
];

const errorRef = { $ref: 'ErrorResponse#' } as const;

/** Error responses of a route that needs an API key, plus the given caller-mistake statuses. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorRef> {
  const responses: Record<number, typeof errorRef> = { 401: errorRef, 403: errorRef, 429: errorRef };
  for (const status of statuses) responses[status] = errorRef;
  return responses;
}

/** `{ jobId }` path parameters. */
export const jobIdParams = { type: 'object', required: ['jobId'], properties: { jobId: jobIdSchema } } as const;
