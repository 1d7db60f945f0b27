/* Generated from contracts/schemas by scripts/generate-schema-module.ts. Do not edit by hand. */
import type { SchemaCatalog } from '../schema-catalog.js';
import meta from '../../schemas/meta.schema.json' with { type: 'json' };
import defsConfig from '../../schemas/defs/config.schema.json' with { type: 'json' };
import defsImportRow from '../../schemas/defs/import-row.schema.json' with { type: 'json' };
import defsInboxMailboxes from '../../schemas/defs/inbox-mailboxes.schema.json' with { type: 'json' };
import defsNormalizedJob from '../../schemas/defs/normalized-job.schema.json' with { type: 'json' };
import applicationFailedV1 from '../../schemas/application.failed/v1/schema.json' with { type: 'json' };
import applicationRequestedV1 from '../../schemas/application.requested/v1/schema.json' with { type: 'json' };
import applicationSubmittedV1 from '../../schemas/application.submitted/v1/schema.json' with { type: 'json' };
import configChangedV1 from '../../schemas/config.changed/v1/schema.json' with { type: 'json' };
import crmFlagDismissalsChangedV1 from '../../schemas/crm.flag-dismissals-changed/v1/schema.json' with { type: 'json' };
import crmStageChangedV1 from '../../schemas/crm.stage-changed/v1/schema.json' with { type: 'json' };
import emailClassifiedV1 from '../../schemas/email.classified/v1/schema.json' with { type: 'json' };
import etlCompletedV1 from '../../schemas/etl.completed/v1/schema.json' with { type: 'json' };
import etlRequestedV1 from '../../schemas/etl.requested/v1/schema.json' with { type: 'json' };
import importChunkV1 from '../../schemas/import.chunk/v1/schema.json' with { type: 'json' };
import importChunkLoadedV1 from '../../schemas/import.chunk-loaded/v1/schema.json' with { type: 'json' };
import importCompletedV1 from '../../schemas/import.completed/v1/schema.json' with { type: 'json' };
import inboxForgetRequestedV1 from '../../schemas/inbox.forget-requested/v1/schema.json' with { type: 'json' };
import jobCloseRequestedV1 from '../../schemas/job.close-requested/v1/schema.json' with { type: 'json' };
import jobClosedV1 from '../../schemas/job.closed/v1/schema.json' with { type: 'json' };
import jobFlaggedV1 from '../../schemas/job.flagged/v1/schema.json' with { type: 'json' };
import jobParsedV1 from '../../schemas/job.parsed/v1/schema.json' with { type: 'json' };
import jobReopenedV1 from '../../schemas/job.reopened/v1/schema.json' with { type: 'json' };
import jobScoredV1 from '../../schemas/job.scored/v1/schema.json' with { type: 'json' };
import jobScoredV2 from '../../schemas/job.scored/v2/schema.json' with { type: 'json' };
import jobScrapedV1 from '../../schemas/job.scraped/v1/schema.json' with { type: 'json' };
import notificationDigestRequestedV1 from '../../schemas/notification.digest-requested/v1/schema.json' with { type: 'json' };
import notificationTestRequestedV1 from '../../schemas/notification.test-requested/v1/schema.json' with { type: 'json' };
import scrapeFinishedV1 from '../../schemas/scrape.finished/v1/schema.json' with { type: 'json' };
import scrapeRequestedV1 from '../../schemas/scrape.requested/v1/schema.json' with { type: 'json' };
import sessionRefreshRequestedV1 from '../../schemas/session.refresh-requested/v1/schema.json' with { type: 'json' };
import sessionRefreshedV1 from '../../schemas/session.refreshed/v1/schema.json' with { type: 'json' };
import wipeCompletedV1 from '../../schemas/wipe.completed/v1/schema.json' with { type: 'json' };
import wipeRequestedV1 from '../../schemas/wipe.requested/v1/schema.json' with { type: 'json' };
import tablesApiKeys from '../../schemas/tables/apiKeys/schema.json' with { type: 'json' };
import tablesApplications from '../../schemas/tables/applications/schema.json' with { type: 'json' };
import tablesApplierState from '../../schemas/tables/applierState/schema.json' with { type: 'json' };
import tablesConfig from '../../schemas/tables/config/schema.json' with { type: 'json' };
import tablesCrm from '../../schemas/tables/crm/schema.json' with { type: 'json' };
import tablesCrmHistory from '../../schemas/tables/crmHistory/schema.json' with { type: 'json' };
import tablesIdempotencyKeys from '../../schemas/tables/idempotencyKeys/schema.json' with { type: 'json' };
import tablesImports from '../../schemas/tables/imports/schema.json' with { type: 'json' };
import tablesInbox from '../../schemas/tables/inbox/schema.json' with { type: 'json' };
import tablesJobs from '../../schemas/tables/jobs/schema.json' with { type: 'json' };
import tablesNotifications from '../../schemas/tables/notifications/schema.json' with { type: 'json' };
import tablesOutbox from '../../schemas/tables/outbox/schema.json' with { type: 'json' };
import tablesProposals from '../../schemas/tables/proposals/schema.json' with { type: 'json' };
import tablesReadModel from '../../schemas/tables/readModel/schema.json' with { type: 'json' };
import tablesRecommenderState from '../../schemas/tables/recommenderState/schema.json' with { type: 'json' };
import tablesScores from '../../schemas/tables/scores/schema.json' with { type: 'json' };
import tablesScrapeState from '../../schemas/tables/scrapeState/schema.json' with { type: 'json' };
import tablesSessions from '../../schemas/tables/sessions/schema.json' with { type: 'json' };
import tablesSheetsState from '../../schemas/tables/sheetsState/schema.json' with { type: 'json' };
import tablesSourceRuns from '../../schemas/tables/sourceRuns/schema.json' with { type: 'json' };

/** Every schema of the contracts package, as imported from its JSON file. */
export const SCHEMA_CATALOG: SchemaCatalog = {
  shared: [meta, defsConfig, defsImportRow, defsInboxMailboxes, defsNormalizedJob],
  events: [
    { detailType: 'application.failed', major: 1, schema: applicationFailedV1 },
    { detailType: 'application.requested', major: 1, schema: applicationRequestedV1 },
    { detailType: 'application.submitted', major: 1, schema: applicationSubmittedV1 },
    { detailType: 'config.changed', major: 1, schema: configChangedV1 },
    { detailType: 'crm.flag-dismissals-changed', major: 1, schema: crmFlagDismissalsChangedV1 },
    { detailType: 'crm.stage-changed', major: 1, schema: crmStageChangedV1 },
    { detailType: 'email.classified', major: 1, schema: emailClassifiedV1 },
    { detailType: 'etl.completed', major: 1, schema: etlCompletedV1 },
    { detailType: 'etl.requested', major: 1, schema: etlRequestedV1 },
    { detailType: 'import.chunk', major: 1, schema: importChunkV1 },
    { detailType: 'import.chunk-loaded', major: 1, schema: importChunkLoadedV1 },
    { detailType: 'import.completed', major: 1, schema: importCompletedV1 },
    { detailType: 'inbox.forget-requested', major: 1, schema: inboxForgetRequestedV1 },
    { detailType: 'job.close-requested', major: 1, schema: jobCloseRequestedV1 },
    { detailType: 'job.closed', major: 1, schema: jobClosedV1 },
    { detailType: 'job.flagged', major: 1, schema: jobFlaggedV1 },
    { detailType: 'job.parsed', major: 1, schema: jobParsedV1 },
    { detailType: 'job.reopened', major: 1, schema: jobReopenedV1 },
    { detailType: 'job.scored', major: 1, schema: jobScoredV1 },
    { detailType: 'job.scored', major: 2, schema: jobScoredV2 },
    { detailType: 'job.scraped', major: 1, schema: jobScrapedV1 },
    { detailType: 'notification.digest-requested', major: 1, schema: notificationDigestRequestedV1 },
    { detailType: 'notification.test-requested', major: 1, schema: notificationTestRequestedV1 },
    { detailType: 'scrape.finished', major: 1, schema: scrapeFinishedV1 },
    { detailType: 'scrape.requested', major: 1, schema: scrapeRequestedV1 },
    { detailType: 'session.refresh-requested', major: 1, schema: sessionRefreshRequestedV1 },
    { detailType: 'session.refreshed', major: 1, schema: sessionRefreshedV1 },
    { detailType: 'wipe.completed', major: 1, schema: wipeCompletedV1 },
    { detailType: 'wipe.requested', major: 1, schema: wipeRequestedV1 },
  ],
  tables: [
    { table: 'apiKeys', schema: tablesApiKeys },
    { table: 'applications', schema: tablesApplications },
    { table: 'applierState', schema: tablesApplierState },
    { table: 'config', schema: tablesConfig },
    { table: 'crm', schema: tablesCrm },
    { table: 'crmHistory', schema: tablesCrmHistory },
    { table: 'idempotencyKeys', schema: tablesIdempotencyKeys },
    { table: 'imports', schema: tablesImports },
    { table: 'inbox', schema: tablesInbox },
    { table: 'jobs', schema: tablesJobs },
    { table: 'notifications', schema: tablesNotifications },
    { table: 'outbox', schema: tablesOutbox },
    { table: 'proposals', schema: tablesProposals },
    { table: 'readModel', schema: tablesReadModel },
    { table: 'recommenderState', schema: tablesRecommenderState },
    { table: 'scores', schema: tablesScores },
    { table: 'scrapeState', schema: tablesScrapeState },
    { table: 'sessions', schema: tablesSessions },
    { table: 'sheetsState', schema: tablesSheetsState },
    { table: 'sourceRuns', schema: tablesSourceRuns },
  ],
};
