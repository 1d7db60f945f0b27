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
export { HttpPageFetcher } from './adapters/http-page-fetcher.js';
export { SqliteJobReadModel } from './adapters/sqlite-job-read-model.js';
export { TableJobReadModel } from './adapters/table-job-read-model.js';
export { type CrmApiApp, createCrmApiApp, crmApiService } from './app.js';
export { type CrmApiConfig, readCrmApiConfig } from './config.js';
export { type CrmApiContext, type CrmApiOptions, type CrmApiPorts, createCrmApiContext, type ReadSide } from './context.js';
export { type JobSummary, type ScoredJob, scoredJobFromEvent } from './domain/job-summary.js';
export { allowedNextStages } from './domain/stage-transitions.js';
export { createCrmApiHandlers } from './handlers/index.js';
export { buildCrmApi } from './http/server.js';
export type { AnalyticsReports } from './ports/analytics-reports.js';
export type { JobPage, JobReadModel, UpsertOutcome } from './ports/job-read-model.js';
export type { FetchedPage, PageFetcher, PageFetchOptions } from './ports/page-fetcher.js';
export {
  addSearch,
  type ConfigCommit,
  type ConfigSaveContext,
  type ConfigWritePorts,
  type CurrentConfig,
  commitConfig,
  currentConfig,
} from './use-cases/config.js';
export {
  connectSheets,
  lastSheetsSync,
  type SheetsConnectionReport,
  type SheetsConnectionRequest,
  type SheetsConnectionStatus,
  type SheetsLastSync,
  sheetsConnectionReport,
  sheetsConnectionStatus,
} from './use-cases/sheets-connection.js';
export {
  type SiteCredentialStatus,
  type SiteCredentials,
  siteCredentialStatus,
  storeSiteCredentials,
} from './use-cases/site-credentials.js';
export { type ResolveSourceRequest, resolveSource, type SourceResolution } from './use-cases/source-discovery.js';
export { latestRunPerSearch, listSourceRuns, type SourceRun } from './use-cases/source-runs.js';
