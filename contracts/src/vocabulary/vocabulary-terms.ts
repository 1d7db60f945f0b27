/**
 * The enumerations of the schemas that services, the CLI, infra and bench share, named once. Each term
 * points at the enum in one schema it is read from; `alsoAt` lists the other places the schemas spell
 * the same list out, which a test holds equal. `scripts/generate-vocabulary.ts` turns this table into
 * `src/generated/vocabulary.ts`, so no service types a stage or a source list by hand.
 */

/** Where an enum stands: a schema file below `schemas/` and a JSON pointer into it. */
export interface EnumLocation {
  /** Path below `schemas/`, e.g. `crm.stage-changed/v1/schema.json`. */
  readonly file: string;
  /** JSON pointer to the node holding `enum` (or whose `anyOf` holds one). */
  readonly pointer: string;
}

/** One named list of the vocabulary. */
export interface VocabularyTerm {
  /** Name of the generated constant, e.g. `CRM_STAGES`. */
  readonly constant: string;
  /** Name of the generated member type, e.g. `CrmStage`. */
  readonly type: string;
  /** What the list is: the TSDoc of the constant. */
  readonly description: string;
  /** The enum the list is read from (its order is kept). */
  readonly source: EnumLocation;
  /** Other places in the schemas that must list exactly the same values. */
  readonly alsoAt?: readonly EnumLocation[];
}

const stageChanged = 'crm.stage-changed/v1/schema.json';

/** The vocabulary, in the order it is generated. */
export const VOCABULARY_TERMS: readonly VocabularyTerm[] = [
  {
    constant: 'CRM_STAGES',
    type: 'CrmStage',
    description: 'CRM stages, in the order a job moves through them (the funnel order).',
    source: { file: stageChanged, pointer: '/properties/data/properties/to' },
    alsoAt: [{ file: stageChanged, pointer: '/properties/data/properties/from' }],
  },
  {
    constant: 'CLOSED_REASONS',
    type: 'ClosedReason',
    description: 'Why a job was closed.',
    source: { file: stageChanged, pointer: '/properties/data/properties/closedReason' },
  },
  {
    constant: 'STAGE_CHANGE_ACTORS',
    type: 'StageChangeActor',
    description: 'Who moved a job between stages.',
    source: { file: stageChanged, pointer: '/properties/data/properties/changedBy' },
  },
  {
    constant: 'EMPLOYER_RESPONSE_KINDS',
    type: 'EmployerResponseKind',
    description: 'Kinds of reply an employer gives, recorded with a stage change.',
    source: { file: stageChanged, pointer: '/properties/data/properties/response/properties/kind' },
  },
  {
    constant: 'SCRAPE_SOURCES',
    type: 'ScrapeSource',
    description: 'Job boards and page kinds the scraper fetches from (and the parser reads raw bodies of).',
    source: { file: 'scrape.requested/v1/schema.json', pointer: '/properties/data/properties/source' },
    alsoAt: [
      { file: 'job.scraped/v1/schema.json', pointer: '/properties/data/properties/source' },
      { file: 'defs/config.schema.json', pointer: '/properties/searches/items/properties/source' },
    ],
  },
  {
    constant: 'SCRAPE_RUN_STATUSES',
    type: 'ScrapeRunStatus',
    description:
      'How much of a search one scrape run read: complete, partial (some pages or postings missed, capped or truncated), or failed.',
    source: { file: 'scrape.finished/v1/schema.json', pointer: '/properties/data/properties/status' },
  },
  {
    constant: 'JOB_CLOSE_REASONS',
    type: 'JobCloseReason',
    description: "Why a job's posting closed: missing from two consecutive complete reads, expired, closed by the source, or by the user.",
    source: { file: 'job.closed/v1/schema.json', pointer: '/properties/data/properties/closeReason' },
  },
  {
    constant: 'GHOST_FLAG_KINDS',
    type: 'GhostFlagKind',
    description:
      "Named ghost-risk criteria of an open job: open long past its source's usual time to close, relisted repeatedly, reposted while an earlier listing is open, no salary with evergreen wording.",
    source: { file: 'job.flagged/v1/schema.json', pointer: '/properties/data/properties/flags/items/properties/kind' },
  },
  {
    constant: 'RAW_CONTENT_TYPES',
    type: 'RawContentType',
    description: 'Content types a raw body may have, as job.scraped carries it.',
    source: { file: 'job.scraped/v1/schema.json', pointer: '/properties/data/properties/contentType' },
  },
  {
    constant: 'JOB_SOURCES',
    type: 'JobSource',
    description: 'Where a stored job came from: a scrape source, or a user import.',
    source: { file: 'defs/normalized-job.schema.json', pointer: '/properties/source' },
  },
  {
    constant: 'CONFIG_SECTIONS',
    type: 'ConfigSection',
    description: 'Sections of the pipeline config, each announced by config.changed when it changes.',
    source: { file: 'config.changed/v1/schema.json', pointer: '/properties/data/properties/sections/items' },
  },
  {
    constant: 'IMPORT_MODES',
    type: 'ImportMode',
    description: 'How an import treats jobs it does not mention: kept (incremental) or the import is the whole set (full).',
    source: { file: 'import.chunk/v1/schema.json', pointer: '/properties/data/properties/mode' },
  },
  {
    constant: 'WIPE_SCOPES',
    type: 'WipeScope',
    description: 'What a wipe deletes: the postings and what was derived from them, or also everything the user did with them.',
    source: { file: 'wipe.requested/v1/schema.json', pointer: '/properties/data/properties/scope' },
  },
  {
    constant: 'ETL_KINDS',
    type: 'EtlKind',
    description: 'Kinds of ETL run: a full rebuild or an incremental snapshot.',
    source: { file: 'etl.requested/v1/schema.json', pointer: '/properties/data/properties/kind' },
  },
  {
    constant: 'EMAIL_CLASSES',
    type: 'EmailClass',
    description: "What a message in the user's mailbox is about, as the inbox classifies it.",
    source: { file: 'email.classified/v1/schema.json', pointer: '/properties/data/properties/emailClass' },
  },
  {
    constant: 'EMAIL_MATCH_KINDS',
    type: 'EmailMatchKind',
    description: 'What tied an email to the job of an application.',
    source: { file: 'email.classified/v1/schema.json', pointer: '/properties/data/properties/matchedBy/items' },
  },
  {
    constant: 'PROPOSAL_STATUSES',
    type: 'ProposalStatus',
    description: 'Where a proposed CRM change stands: waiting for the user, accepted, rejected, or accepted and then undone.',
    source: { file: 'tables/proposals/schema.json', pointer: '/properties/status' },
  },
  {
    constant: 'PROPOSERS',
    type: 'Proposer',
    description: "Who proposes CRM changes for the user's yes: their AI assistant (MCP) or the inbox.",
    source: { file: 'tables/proposals/schema.json', pointer: '/properties/proposedBy' },
  },
];
