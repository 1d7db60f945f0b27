/* Generated from contracts/schemas by scripts/generate-vocabulary.ts. Do not edit by hand. */

/** CRM stages, in the order a job moves through them (the funnel order). From crm.stage-changed/v1/schema.json#/properties/data/properties/to. */
export const CRM_STAGES = ['new', 'screened', 'shortlisted', 'applied', 'interviewing', 'offer', 'closed'] as const;
/** One of {@link CRM_STAGES}. */
export type CrmStage = (typeof CRM_STAGES)[number];
/** Whether a value is one of {@link CRM_STAGES}. */
export const isCrmStage = (value: unknown): value is CrmStage => (CRM_STAGES as readonly unknown[]).includes(value);

/** Why a job was closed. From crm.stage-changed/v1/schema.json#/properties/data/properties/closedReason. */
export const CLOSED_REASONS = ['rejected', 'withdrawn', 'expired', 'hired', 'not-interested'] as const;
/** One of {@link CLOSED_REASONS}. */
export type ClosedReason = (typeof CLOSED_REASONS)[number];
/** Whether a value is one of {@link CLOSED_REASONS}. */
export const isClosedReason = (value: unknown): value is ClosedReason => (CLOSED_REASONS as readonly unknown[]).includes(value);

/** Who moved a job between stages. From crm.stage-changed/v1/schema.json#/properties/data/properties/changedBy. */
export const STAGE_CHANGE_ACTORS = ['user', 'sheet', 'applier', 'system'] as const;
/** One of {@link STAGE_CHANGE_ACTORS}. */
export type StageChangeActor = (typeof STAGE_CHANGE_ACTORS)[number];
/** Whether a value is one of {@link STAGE_CHANGE_ACTORS}. */
export const isStageChangeActor = (value: unknown): value is StageChangeActor => (STAGE_CHANGE_ACTORS as readonly unknown[]).includes(value);

/** Kinds of reply an employer gives, recorded with a stage change. From crm.stage-changed/v1/schema.json#/properties/data/properties/response/properties/kind. */
export const EMPLOYER_RESPONSE_KINDS = ['recruiter-replied', 'interview-scheduled', 'rejected', 'offer-made', 'other'] as const;
/** One of {@link EMPLOYER_RESPONSE_KINDS}. */
export type EmployerResponseKind = (typeof EMPLOYER_RESPONSE_KINDS)[number];
/** Whether a value is one of {@link EMPLOYER_RESPONSE_KINDS}. */
export const isEmployerResponseKind = (value: unknown): value is EmployerResponseKind => (EMPLOYER_RESPONSE_KINDS as readonly unknown[]).includes(value);

/** Job boards and page kinds the scraper fetches from (and the parser reads raw bodies of). From scrape.requested/v1/schema.json#/properties/data/properties/source. */
export const SCRAPE_SOURCES = ['mcf', 'usajobs', 'greenhouse', 'lever', 'jsonld', 'workday', 'smartrecruiters', 'ashby', 'recruitee', 'workable', 'personio'] as const;
/** One of {@link SCRAPE_SOURCES}. */
export type ScrapeSource = (typeof SCRAPE_SOURCES)[number];
/** Whether a value is one of {@link SCRAPE_SOURCES}. */
export const isScrapeSource = (value: unknown): value is ScrapeSource => (SCRAPE_SOURCES as readonly unknown[]).includes(value);

/** How much of a search one scrape run read: complete, partial (some pages or postings missed, capped or truncated), or failed. From scrape.finished/v1/schema.json#/properties/data/properties/status. */
export const SCRAPE_RUN_STATUSES = ['complete', 'partial', 'failed'] as const;
/** One of {@link SCRAPE_RUN_STATUSES}. */
export type ScrapeRunStatus = (typeof SCRAPE_RUN_STATUSES)[number];
/** Whether a value is one of {@link SCRAPE_RUN_STATUSES}. */
export const isScrapeRunStatus = (value: unknown): value is ScrapeRunStatus => (SCRAPE_RUN_STATUSES as readonly unknown[]).includes(value);

/** Why a job's posting closed: missing from two consecutive complete reads, expired, closed by the source, or by the user. From job.closed/v1/schema.json#/properties/data/properties/closeReason. */
export const JOB_CLOSE_REASONS = ['missing-from-complete-reads', 'expired', 'source-says-closed', 'user', 'left-out-of-full-import'] as const;
/** One of {@link JOB_CLOSE_REASONS}. */
export type JobCloseReason = (typeof JOB_CLOSE_REASONS)[number];
/** Whether a value is one of {@link JOB_CLOSE_REASONS}. */
export const isJobCloseReason = (value: unknown): value is JobCloseReason => (JOB_CLOSE_REASONS as readonly unknown[]).includes(value);

/** Named ghost-risk criteria of an open job: open long past its source's usual time to close, relisted repeatedly, reposted while an earlier listing is open, no salary with evergreen wording. From job.flagged/v1/schema.json#/properties/data/properties/flags/items/properties/kind. */
export const GHOST_FLAG_KINDS = ['open-past-usual-close', 'relisted-repeatedly', 'reposted-while-open', 'evergreen-no-salary'] as const;
/** One of {@link GHOST_FLAG_KINDS}. */
export type GhostFlagKind = (typeof GHOST_FLAG_KINDS)[number];
/** Whether a value is one of {@link GHOST_FLAG_KINDS}. */
export const isGhostFlagKind = (value: unknown): value is GhostFlagKind => (GHOST_FLAG_KINDS as readonly unknown[]).includes(value);

/** Content types a raw body may have, as job.scraped carries it. From job.scraped/v1/schema.json#/properties/data/properties/contentType. */
export const RAW_CONTENT_TYPES = ['application/json', 'text/html', 'application/xml'] as const;
/** One of {@link RAW_CONTENT_TYPES}. */
export type RawContentType = (typeof RAW_CONTENT_TYPES)[number];
/** Whether a value is one of {@link RAW_CONTENT_TYPES}. */
export const isRawContentType = (value: unknown): value is RawContentType => (RAW_CONTENT_TYPES as readonly unknown[]).includes(value);

/** Where a stored job came from: a scrape source, or a user import. From defs/normalized-job.schema.json#/properties/source. */
export const JOB_SOURCES = ['mcf', 'usajobs', 'greenhouse', 'lever', 'jsonld', 'import', 'workday', 'smartrecruiters', 'ashby', 'recruitee', 'workable', 'personio'] as const;
/** One of {@link JOB_SOURCES}. */
export type JobSource = (typeof JOB_SOURCES)[number];
/** Whether a value is one of {@link JOB_SOURCES}. */
export const isJobSource = (value: unknown): value is JobSource => (JOB_SOURCES as readonly unknown[]).includes(value);

/** Sections of the pipeline config, each announced by config.changed when it changes. From config.changed/v1/schema.json#/properties/data/properties/sections/items. */
export const CONFIG_SECTIONS = ['tracks', 'searches', 'scoring', 'currencyRates', 'profile', 'sites', 'notifications'] as const;
/** One of {@link CONFIG_SECTIONS}. */
export type ConfigSection = (typeof CONFIG_SECTIONS)[number];
/** Whether a value is one of {@link CONFIG_SECTIONS}. */
export const isConfigSection = (value: unknown): value is ConfigSection => (CONFIG_SECTIONS as readonly unknown[]).includes(value);

/** How an import treats jobs it does not mention: kept (incremental) or the import is the whole set (full). From import.chunk/v1/schema.json#/properties/data/properties/mode. */
export const IMPORT_MODES = ['incremental', 'full'] as const;
/** One of {@link IMPORT_MODES}. */
export type ImportMode = (typeof IMPORT_MODES)[number];
/** Whether a value is one of {@link IMPORT_MODES}. */
export const isImportMode = (value: unknown): value is ImportMode => (IMPORT_MODES as readonly unknown[]).includes(value);

/** What a wipe deletes: the postings and what was derived from them, or also everything the user did with them. From wipe.requested/v1/schema.json#/properties/data/properties/scope. */
export const WIPE_SCOPES = ['postings', 'all'] as const;
/** One of {@link WIPE_SCOPES}. */
export type WipeScope = (typeof WIPE_SCOPES)[number];
/** Whether a value is one of {@link WIPE_SCOPES}. */
export const isWipeScope = (value: unknown): value is WipeScope => (WIPE_SCOPES as readonly unknown[]).includes(value);

/** Kinds of ETL run: a full rebuild or an incremental snapshot. From etl.requested/v1/schema.json#/properties/data/properties/kind. */
export const ETL_KINDS = ['full', 'incremental'] as const;
/** One of {@link ETL_KINDS}. */
export type EtlKind = (typeof ETL_KINDS)[number];
/** Whether a value is one of {@link ETL_KINDS}. */
export const isEtlKind = (value: unknown): value is EtlKind => (ETL_KINDS as readonly unknown[]).includes(value);

/** What a message in the user's mailbox is about, as the inbox classifies it. From email.classified/v1/schema.json#/properties/data/properties/emailClass. */
export const EMAIL_CLASSES = ['application-received', 'rejection', 'interview-invitation', 'assessment', 'recruiter-outreach', 'other'] as const;
/** One of {@link EMAIL_CLASSES}. */
export type EmailClass = (typeof EMAIL_CLASSES)[number];
/** Whether a value is one of {@link EMAIL_CLASSES}. */
export const isEmailClass = (value: unknown): value is EmailClass => (EMAIL_CLASSES as readonly unknown[]).includes(value);

/** What tied an email to the job of an application. From email.classified/v1/schema.json#/properties/data/properties/matchedBy/items. */
export const EMAIL_MATCH_KINDS = ['thread', 'ats-sender', 'company-domain', 'company-name', 'job-title'] as const;
/** One of {@link EMAIL_MATCH_KINDS}. */
export type EmailMatchKind = (typeof EMAIL_MATCH_KINDS)[number];
/** Whether a value is one of {@link EMAIL_MATCH_KINDS}. */
export const isEmailMatchKind = (value: unknown): value is EmailMatchKind => (EMAIL_MATCH_KINDS as readonly unknown[]).includes(value);

/** Where a proposed CRM change stands: waiting for the user, accepted, rejected, or accepted and then undone. From tables/proposals/schema.json#/properties/status. */
export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected', 'undone'] as const;
/** One of {@link PROPOSAL_STATUSES}. */
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
/** Whether a value is one of {@link PROPOSAL_STATUSES}. */
export const isProposalStatus = (value: unknown): value is ProposalStatus => (PROPOSAL_STATUSES as readonly unknown[]).includes(value);

/** Who proposes CRM changes for the user's yes: their AI assistant (MCP) or the inbox. From tables/proposals/schema.json#/properties/proposedBy. */
export const PROPOSERS = ['assistant', 'inbox'] as const;
/** One of {@link PROPOSERS}. */
export type Proposer = (typeof PROPOSERS)[number];
/** Whether a value is one of {@link PROPOSERS}. */
export const isProposer = (value: unknown): value is Proposer => (PROPOSERS as readonly unknown[]).includes(value);
