/**
 * @jobpipe/crm-api — the user's window into jobpipe: a Fastify REST API (OpenAPI at /docs) over the
 * jobs, CRM, config and analytics, publishing the user's commands as events, plus the dashboard page.
 */
export {
  type ApiKeyRecord,
  type ApiKeyScope,
  ApiKeyVerifier,
  type CreatedApiKey,
  createApiKey,
  listApiKeys,
  revokeApiKey,
} from './adapters/api-keys.js';
export { JobReadModel, type JobSummary, type ScoredJob, scoredJobFromEvent } from './adapters/read-model.js';
export { type CrmApiApp, createCrmApiApp, crmApiService } from './app.js';
export { type CrmApiConfig, readCrmApiConfig } from './config.js';
export { type CrmApiContext, type CrmApiOptions, type CrmApiPorts, createCrmApiContext } from './context.js';
export { allowedNextStages } from './domain/stage-transitions.js';
export { createCrmApiHandlers } from './handlers/index.js';
export { buildCrmApi } from './http/server.js';
export { latestRunPerSearch, listSourceRuns, type SourceRun } from './use-cases/source-runs.js';
