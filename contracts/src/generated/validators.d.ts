/* Generated from contracts/schemas by scripts/generate-validators.ts. Do not edit by hand. */
import type { ContractValidator, EventValidator } from '../contract-validator.js';
import type { TableName } from '../tables.js';

/** Validates the detail of a `application.failed` v1 event. */
export declare const applicationFailedV1: ContractValidator;
/** Validates the detail of a `application.requested` v1 event. */
export declare const applicationRequestedV1: ContractValidator;
/** Validates the detail of a `application.submitted` v1 event. */
export declare const applicationSubmittedV1: ContractValidator;
/** Validates the detail of a `config.changed` v1 event. */
export declare const configChangedV1: ContractValidator;
/** Validates the detail of a `crm.flag-dismissals-changed` v1 event. */
export declare const crmFlagDismissalsChangedV1: ContractValidator;
/** Validates the detail of a `crm.stage-changed` v1 event. */
export declare const crmStageChangedV1: ContractValidator;
/** Validates the detail of a `email.classified` v1 event. */
export declare const emailClassifiedV1: ContractValidator;
/** Validates the detail of a `etl.completed` v1 event. */
export declare const etlCompletedV1: ContractValidator;
/** Validates the detail of a `etl.requested` v1 event. */
export declare const etlRequestedV1: ContractValidator;
/** Validates the detail of a `import.chunk` v1 event. */
export declare const importChunkV1: ContractValidator;
/** Validates the detail of a `import.chunk-loaded` v1 event. */
export declare const importChunkLoadedV1: ContractValidator;
/** Validates the detail of a `import.completed` v1 event. */
export declare const importCompletedV1: ContractValidator;
/** Validates the detail of a `inbox.forget-requested` v1 event. */
export declare const inboxForgetRequestedV1: ContractValidator;
/** Validates the detail of a `job.close-requested` v1 event. */
export declare const jobCloseRequestedV1: ContractValidator;
/** Validates the detail of a `job.closed` v1 event. */
export declare const jobClosedV1: ContractValidator;
/** Validates the detail of a `job.flagged` v1 event. */
export declare const jobFlaggedV1: ContractValidator;
/** Validates the detail of a `job.parsed` v1 event. */
export declare const jobParsedV1: ContractValidator;
/** Validates the detail of a `job.reopened` v1 event. */
export declare const jobReopenedV1: ContractValidator;
/** Validates the detail of a `job.scored` v1 event. */
export declare const jobScoredV1: ContractValidator;
/** Validates the detail of a `job.scored` v2 event. */
export declare const jobScoredV2: ContractValidator;
/** Validates the detail of a `job.scraped` v1 event. */
export declare const jobScrapedV1: ContractValidator;
/** Validates the detail of a `notification.digest-requested` v1 event. */
export declare const notificationDigestRequestedV1: ContractValidator;
/** Validates the detail of a `notification.test-requested` v1 event. */
export declare const notificationTestRequestedV1: ContractValidator;
/** Validates the detail of a `scrape.finished` v1 event. */
export declare const scrapeFinishedV1: ContractValidator;
/** Validates the detail of a `scrape.requested` v1 event. */
export declare const scrapeRequestedV1: ContractValidator;
/** Validates the detail of a `session.refresh-requested` v1 event. */
export declare const sessionRefreshRequestedV1: ContractValidator;
/** Validates the detail of a `session.refreshed` v1 event. */
export declare const sessionRefreshedV1: ContractValidator;
/** Validates the detail of a `wipe.completed` v1 event. */
export declare const wipeCompletedV1: ContractValidator;
/** Validates the detail of a `wipe.requested` v1 event. */
export declare const wipeRequestedV1: ContractValidator;
/** Validates a value against `defs/config.schema.json`. */
export declare const defsConfig: ContractValidator;
/** Validates a value against `defs/import-row.schema.json`. */
export declare const defsImportRow: ContractValidator;
/** Validates a value against `defs/inbox-mailboxes.schema.json`. */
export declare const defsInboxMailboxes: ContractValidator;
/** Validates a value against `defs/normalized-job.schema.json`. */
export declare const defsNormalizedJob: ContractValidator;
/** Validates an item of the `apiKeys` table. */
export declare const tablesApiKeys: ContractValidator;
/** Validates an item of the `applications` table. */
export declare const tablesApplications: ContractValidator;
/** Validates an item of the `applierState` table. */
export declare const tablesApplierState: ContractValidator;
/** Validates an item of the `config` table. */
export declare const tablesConfig: ContractValidator;
/** Validates an item of the `crm` table. */
export declare const tablesCrm: ContractValidator;
/** Validates an item of the `crmHistory` table. */
export declare const tablesCrmHistory: ContractValidator;
/** Validates an item of the `idempotencyKeys` table. */
export declare const tablesIdempotencyKeys: ContractValidator;
/** Validates an item of the `imports` table. */
export declare const tablesImports: ContractValidator;
/** Validates an item of the `inbox` table. */
export declare const tablesInbox: ContractValidator;
/** Validates an item of the `jobs` table. */
export declare const tablesJobs: ContractValidator;
/** Validates an item of the `notifications` table. */
export declare const tablesNotifications: ContractValidator;
/** Validates an item of the `outbox` table. */
export declare const tablesOutbox: ContractValidator;
/** Validates an item of the `proposals` table. */
export declare const tablesProposals: ContractValidator;
/** Validates an item of the `readModel` table. */
export declare const tablesReadModel: ContractValidator;
/** Validates an item of the `recommenderState` table. */
export declare const tablesRecommenderState: ContractValidator;
/** Validates an item of the `scores` table. */
export declare const tablesScores: ContractValidator;
/** Validates an item of the `scrapeState` table. */
export declare const tablesScrapeState: ContractValidator;
/** Validates an item of the `sessions` table. */
export declare const tablesSessions: ContractValidator;
/** Validates an item of the `sheetsState` table. */
export declare const tablesSheetsState: ContractValidator;
/** Validates an item of the `sourceRuns` table. */
export declare const tablesSourceRuns: ContractValidator;

/** The name of a shared definition: `defs/<name>.schema.json`. */
export type DefinitionName = 'config' | 'import-row' | 'inbox-mailboxes' | 'normalized-job';

/** Every event validator, sorted by detail-type, then major version. */
export declare const EVENT_VALIDATORS: readonly EventValidator[];

/** Every shared definition's validator, by name (`defs/<name>.schema.json`). */
export declare const DEFINITION_VALIDATORS: Readonly<Record<DefinitionName, ContractValidator>>;

/** Every table's item validator, by table name (`tables/<table>/schema.json`). */
export declare const TABLE_VALIDATORS: Readonly<Record<TableName, ContractValidator>>;
