import type { CrmStage, FlagDismissal, GhostFlag } from '@jobpipe/contracts';
import { openSqlite, type PreparingDatabase, type SqliteDatabase, withStatementCache } from '@jobpipe/shared';
import type { Statement } from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect, sql } from 'kysely';
import { alsoOnPosting, groupOf } from '../domain/duplicate-groups.js';
import { withDismissals } from '../domain/flag-dismissals.js';
import {
  companyKeyOf,
  encodeCursor,
  fullTextQuery,
  type JobQuery,
  SORT_VALUE,
  searchTextOf,
  searchWords,
  wordPrefixPattern,
} from '../domain/job-query.js';
import { isStaleScore, type JobSummary, type PostingClosure, type ScoredJob, type ScoreReason, summaryOf } from '../domain/job-summary.js';
import type { JobPage, JobPageJson, JobReadModel, UpsertOutcome } from '../ports/job-read-model.js';
import { GROUP_RANK_ORDER, jobPageSql, summaryWithPostingState, type TextFilter } from './job-page-sql.js';
import { PageCache } from './page-cache.js';

interface JobsReadTable {
  id: Generated<number>;
  job_id: string;
  content_hash: string;
  title: string;
  company: string;
  company_key: string;
  source: string;
  url: string;
  locations: string;
  remote: number | null;
  score: number;
  track: string | null;
  track_score: number;
  filtered_by: string | null;
  stage: string;
  salary_max: number | null;
  salary_currency: string | null;
  salary_sort: number;
  posted_at: string | null;
  posted_sort: string;
  scored_at: string;
  skills: string;
  reasons: string;
  search_text: string;
  summary_json: string;
  /** The job's duplicate group (its canonical job's id, or its own) and whether another row shares it (1) or not (0). */
  group_id: string;
  grouped: Generated<number>;
  /** How many postings of its group rank before it (`ranksBefore`): 0 for the one standing for the group. */
  group_rank: Generated<number>;
  /** In a group of exactly two postings, the other one's row id (null otherwise): its `alsoOn` is one row read by id. */
  partner_id: Generated<number | null>;
  /** How another posting's `alsoOn` names this one (JSON of `alsoOnPosting`). */
  also_on_json: string;
  /** Posting state, copied by triggers from `job_closures` and `job_flags` (null: open, no flags). */
  closed_at: Generated<string | null>;
  close_reason: Generated<string | null>;
  ghost_flags: Generated<string | null>;
}

/** What a score writes to a row: everything but its id and the posting state the triggers keep. */
type ScoredRow = Omit<JobsReadTable, 'id' | 'closed_at' | 'close_reason' | 'ghost_flags' | 'grouped' | 'group_rank' | 'partner_id'>;

interface ReadModelSchema {
  jobs_read: JobsReadTable;
}

/** Up to this many full-text matches are fetched and filtered by id. */
const FEW_TEXT_MATCHES = 2000;

/** The most JSON text of pages kept between writes (about 300 pages of 50 jobs). */
const CACHED_PAGE_CHARS = 8_000_000;

/** A page without jobs. */
const EMPTY_PAGE: JobPageJson = { json: '{"items":[],"nextCursor":null}' };

/** How many prepared statements the read model keeps (page query shapes, Kysely's writes, its own reads and writes). */
const KEPT_STATEMENTS = 500;

/** The list indexes (`jobs_read_<name>_remote`) by name: the columns each one walks, before `remote`. */
const LIST_INDEX_COLUMNS: Readonly<Record<string, string>> = {
  score_words: 'score, job_id, search_text',
  posted_words: 'posted_sort, job_id, search_text',
  salary_words: 'salary_sort, job_id, search_text',
  stage_score: 'stage, score, job_id',
  stage_posted: 'stage, posted_sort, job_id',
  track_score: 'track, score, job_id',
  source_score: 'source, score, job_id',
  company_score: 'company_key, score, job_id',
};

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS jobs_read (
    id INTEGER PRIMARY KEY,
    job_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    company TEXT NOT NULL,
    company_key TEXT NOT NULL,
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    locations TEXT NOT NULL,
    remote INTEGER,
    score REAL NOT NULL,
    track TEXT,
    track_score REAL NOT NULL,
    filtered_by TEXT,
    stage TEXT NOT NULL,
    salary_max REAL,
    salary_currency TEXT,
    salary_sort REAL NOT NULL,
    posted_at TEXT,
    posted_sort TEXT NOT NULL,
    scored_at TEXT NOT NULL,
    skills TEXT NOT NULL,
    reasons TEXT NOT NULL,
    search_text TEXT NOT NULL,
    summary_json TEXT NOT NULL,
    closed_at TEXT,
    close_reason TEXT,
    ghost_flags TEXT,
    group_id TEXT NOT NULL,
    grouped INTEGER NOT NULL DEFAULT 0,
    group_rank INTEGER NOT NULL DEFAULT 0,
    partner_id INTEGER,
    also_on_json TEXT NOT NULL DEFAULT ''
  )`,
  // The plain sort indexes carry the search text: a text search with many matches walks one of them
  // and tests each entry's words there, reading the table only for the rows of the page.
  'DROP INDEX IF EXISTS jobs_read_score',
  'DROP INDEX IF EXISTS jobs_read_posted',
  'DROP INDEX IF EXISTS jobs_read_salary',
  // Every list index ends with `remote`: a remote filter is tested on the index entry, so a walk reads
  // the table only for remote jobs (the remote jobs of one source, a third of them, took about 150 us a
  // page reading every row, 90 us with the index). The index of the same columns without it is dropped.
  ...Object.entries(LIST_INDEX_COLUMNS).flatMap(([index, columns]) => [
    `DROP INDEX IF EXISTS jobs_read_${index}`,
    `CREATE INDEX IF NOT EXISTS jobs_read_${index}_remote ON jobs_read (${columns}, remote)`,
  ]),
  // The postings of one job, best ranked first: what a collapsing list tests a grouped row against, and lists in its alsoOn.
  'DROP INDEX IF EXISTS jobs_read_group',
  'CREATE INDEX IF NOT EXISTS jobs_read_group_rank ON jobs_read (group_id, group_rank)',
  // Closures live beside the scored rows: a job may close before it is scored, and a new score must not reopen it.
  `CREATE TABLE IF NOT EXISTS job_closures (
    job_id TEXT PRIMARY KEY,
    closed_at TEXT,
    close_reason TEXT,
    changed_at TEXT NOT NULL
  )`,
  // Ghost-risk flags too: decided by the parser whether or not the job is scored yet.
  `CREATE TABLE IF NOT EXISTS job_flags (
    job_id TEXT PRIMARY KEY,
    flags_json TEXT NOT NULL,
    changed_at TEXT NOT NULL
  )`,
  // The flags the user dismissed, by the CRM record version they are of; job_flags shows them marked.
  `CREATE TABLE IF NOT EXISTS job_flag_dismissals (
    job_id TEXT PRIMARY KEY,
    dismissals_json TEXT NOT NULL,
    version INTEGER NOT NULL
  )`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS jobs_read_fts USING fts5(title, company, skills, content='jobs_read', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
  // A job's row carries its posting state (closure, ghost flags) so a page reads nothing else; the
  // side tables stay the truth, as a job may close or be flagged before it is scored.
  `CREATE TRIGGER IF NOT EXISTS jobs_read_posting_state AFTER INSERT ON jobs_read
   WHEN EXISTS (SELECT 1 FROM job_closures WHERE job_id = new.job_id) OR EXISTS (SELECT 1 FROM job_flags WHERE job_id = new.job_id)
   BEGIN
     UPDATE jobs_read SET
       closed_at = (SELECT closed_at FROM job_closures WHERE job_id = new.job_id),
       close_reason = (SELECT close_reason FROM job_closures WHERE job_id = new.job_id),
       ghost_flags = (SELECT NULLIF(flags_json, '[]') FROM job_flags WHERE job_id = new.job_id)
     WHERE id = new.id;
   END`,
  ...['INSERT', 'UPDATE'].map(
    (event) => `CREATE TRIGGER IF NOT EXISTS job_closures_${event.toLowerCase()} AFTER ${event} ON job_closures BEGIN
       UPDATE jobs_read SET closed_at = new.closed_at, close_reason = new.close_reason WHERE job_id = new.job_id;
     END`,
  ),
  ...['INSERT', 'UPDATE'].map(
    (event) => `CREATE TRIGGER IF NOT EXISTS job_flags_${event.toLowerCase()} AFTER ${event} ON job_flags BEGIN
       UPDATE jobs_read SET ghost_flags = NULLIF(new.flags_json, '[]') WHERE job_id = new.job_id;
     END`,
  ),
  `CREATE TRIGGER IF NOT EXISTS jobs_read_ai AFTER INSERT ON jobs_read BEGIN
     INSERT INTO jobs_read_fts (rowid, title, company, skills) VALUES (new.id, new.title, new.company, new.skills);
   END`,
  `CREATE TRIGGER IF NOT EXISTS jobs_read_ad AFTER DELETE ON jobs_read BEGIN
     INSERT INTO jobs_read_fts (jobs_read_fts, rowid, title, company, skills) VALUES ('delete', old.id, old.title, old.company, old.skills);
   END`,
  `CREATE TRIGGER IF NOT EXISTS jobs_read_au AFTER UPDATE OF title, company, skills ON jobs_read BEGIN
     INSERT INTO jobs_read_fts (jobs_read_fts, rowid, title, company, skills) VALUES ('delete', old.id, old.title, old.company, old.skills);
     INSERT INTO jobs_read_fts (rowid, title, company, skills) VALUES (new.id, new.title, new.company, new.skills);
   END`,
];

function toRow(job: ScoredJob): ScoredRow {
  return {
    job_id: job.jobId,
    content_hash: job.contentHash,
    title: job.title,
    company: job.company,
    company_key: companyKeyOf(job.company),
    source: job.source,
    url: job.url,
    locations: JSON.stringify(job.locations),
    remote: job.remote === null ? null : job.remote ? 1 : 0,
    score: job.score,
    track: job.track,
    track_score: job.trackScore,
    filtered_by: job.filteredBy,
    stage: job.stage,
    salary_max: job.annualSalaryMax,
    salary_currency: job.salaryCurrency,
    salary_sort: SORT_VALUE.salary(job) as number,
    posted_at: job.postedAt,
    posted_sort: SORT_VALUE.posted(job) as string,
    scored_at: job.scoredAt,
    skills: JSON.stringify(job.skills),
    reasons: JSON.stringify(job.reasons),
    search_text: searchTextOf(job.title, job.company, job.skills),
    summary_json: JSON.stringify(summaryOf(job)),
    group_id: groupOf(job),
    also_on_json: JSON.stringify(alsoOnPosting(job)),
  };
}

/** Runs `upgrade` in one transaction unless `jobs_read` has `column` already (what the upgrade adds). */
function upgradeUnlessColumn(database: SqliteDatabase, column: string, upgrade: () => void): void {
  const columns = new Set((database.prepare('PRAGMA table_info(jobs_read)').all() as { name: string }[]).map((existing) => existing.name));
  if (!columns.has(column)) database.transaction(upgrade)();
}

/**
 * Brings a read model written before rows carried their posting state up to date: adds the columns
 * and copies the state from `job_closures` and `job_flags` (a no-op on a current file).
 */
function addPostingStateColumns(database: SqliteDatabase): void {
  upgradeUnlessColumn(database, 'closed_at', () => {
    for (const column of ['closed_at', 'close_reason', 'ghost_flags']) database.exec(`ALTER TABLE jobs_read ADD COLUMN ${column} TEXT`);
    const sideTables = database.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('job_closures', 'job_flags')").pluck().get();
    if (sideTables !== 2) return;
    database.exec(`UPDATE jobs_read SET
      closed_at = (SELECT closed_at FROM job_closures c WHERE c.job_id = jobs_read.job_id),
      close_reason = (SELECT close_reason FROM job_closures c WHERE c.job_id = jobs_read.job_id),
      ghost_flags = (SELECT NULLIF(flags_json, '[]') FROM job_flags f WHERE f.job_id = jobs_read.job_id)`);
  });
}

/**
 * Brings a read model written before rows carried their duplicate group up to date: every row its own
 * group until its next score brings the canonical job id (a no-op on a current file).
 */
function addGroupColumns(database: SqliteDatabase): void {
  upgradeUnlessColumn(database, 'group_id', () => {
    database.exec('ALTER TABLE jobs_read ADD COLUMN group_id TEXT');
    database.exec('ALTER TABLE jobs_read ADD COLUMN grouped INTEGER NOT NULL DEFAULT 0');
    database.exec('UPDATE jobs_read SET group_id = job_id');
  });
}

/**
 * What each posting is given from its group as a whole, as select-list columns over `jobs_read` rows
 * (with `BY_GROUP`): whether the group has more than one posting (`grouped`), the posting's rank in it
 * (`group_rank`), and in a group of two the other posting's row id (`partner_id`).
 */
const GROUP_FACTS = `count(*) OVER byGroup > 1 AS grouped,
  row_number() OVER (byGroup ORDER BY ${GROUP_RANK_ORDER}) - 1 AS group_rank,
  CASE WHEN count(*) OVER byGroup = 2 THEN sum(id) OVER byGroup - id END AS partner_id`;

/** The window `GROUP_FACTS` reads. */
const BY_GROUP = 'WINDOW byGroup AS (PARTITION BY group_id)';

/** Works out the group facts (`GROUP_FACTS`) of the given groups again, writing only the rows whose facts changed. */
function regroupSql(groups: readonly string[]) {
  return sql`UPDATE jobs_read SET grouped = facts.grouped, group_rank = facts.group_rank, partner_id = facts.partner_id
    FROM (SELECT id, ${sql.raw(GROUP_FACTS)} FROM jobs_read WHERE group_id IN (${sql.join(groups)}) ${sql.raw(BY_GROUP)}) AS facts
    WHERE jobs_read.id = facts.id
      AND (jobs_read.grouped <> facts.grouped OR jobs_read.group_rank <> facts.group_rank OR jobs_read.partner_id IS NOT facts.partner_id)`;
}

/**
 * Brings a read model written before rows carried their rank in their group up to date: adds the
 * columns, writes each row's `alsoOn` entry and ranks the postings of every group of more than one
 * (a no-op on a current file).
 */
function addGroupRankColumns(database: SqliteDatabase): void {
  upgradeUnlessColumn(database, 'group_rank', () => {
    database.exec('ALTER TABLE jobs_read ADD COLUMN group_rank INTEGER NOT NULL DEFAULT 0');
    database.exec("ALTER TABLE jobs_read ADD COLUMN also_on_json TEXT NOT NULL DEFAULT ''");
    database.exec("UPDATE jobs_read SET also_on_json = json_object('jobId', job_id, 'source', source, 'url', url, 'score', score)");
    database.exec(`UPDATE jobs_read SET group_rank = facts.group_rank
      FROM (SELECT id, ${GROUP_FACTS} FROM jobs_read WHERE grouped = 1 ${BY_GROUP}) AS facts
      WHERE jobs_read.id = facts.id`);
  });
}

/**
 * Brings a read model written before rows of a group of two named each other up to date: adds
 * `partner_id` and writes it for every such group (a no-op on a current file).
 */
function addPartnerColumn(database: SqliteDatabase): void {
  upgradeUnlessColumn(database, 'partner_id', () => {
    database.exec('ALTER TABLE jobs_read ADD COLUMN partner_id INTEGER');
    database.exec(`UPDATE jobs_read SET partner_id = facts.partner_id
      FROM (SELECT id, ${GROUP_FACTS} FROM jobs_read WHERE grouped = 1 ${BY_GROUP}) AS facts
      WHERE jobs_read.id = facts.id AND facts.partner_id IS NOT NULL`);
  });
}

const SUMMARY_COLUMNS = [
  'job_id',
  'content_hash',
  'title',
  'company',
  'company_key',
  'source',
  'url',
  'locations',
  'remote',
  'score',
  'track',
  'track_score',
  'filtered_by',
  'stage',
  'salary_max',
  'salary_currency',
  'salary_sort',
  'posted_at',
  'posted_sort',
  'scored_at',
  'skills',
  'group_id',
  'also_on_json',
] as const;

/**
 * The embedded read model of scored jobs, for fast listing: one SQLite file (Kysely over
 * better-sqlite3) with an index per common filter + sort and an FTS5 index over title, company and
 * skills. Keyset pagination keeps every page as cheap as the first.
 */
export class SqliteJobReadModel implements JobReadModel {
  private readonly db: Kysely<ReadModelSchema>;
  private readonly database: SqliteDatabase;
  /** The file's statements, each prepared once (for Kysely and for the read model's own SQL alike). */
  private readonly prepared: PreparingDatabase;
  private readonly textMatchCache = new Map<string, number[]>();
  private readonly pageCache = new PageCache(CACHED_PAGE_CHARS);
  /** The job count as of a write count (`count`). */
  private counted: { readonly writes: number; readonly jobs: number } | undefined;
  /** Counts the writes this instance has seen (its own, and another connection's when it notices them). */
  private writes = 0;
  /** SQLite's count of other connections' commits to the file, when last looked at. */
  private readonly dataVersion: Statement;
  private seenDataVersion: number;

  constructor(path: string) {
    this.database = openSqlite(path);
    this.database.exec(SCHEMA[0]!);
    addPostingStateColumns(this.database);
    addGroupColumns(this.database);
    addGroupRankColumns(this.database);
    addPartnerColumn(this.database);
    for (const statement of SCHEMA.slice(1)) this.database.exec(statement);
    this.prepared = withStatementCache(this.database, KEPT_STATEMENTS);
    this.db = new Kysely<ReadModelSchema>({ dialect: new SqliteDialect({ database: this.prepared }) });
    this.dataVersion = this.database.prepare('PRAGMA data_version').pluck();
    this.seenDataVersion = this.dataVersion.get() as number;
  }

  /**
   * Forgets what reads remembered (pages, full-text matches): called as a write starts and again once
   * it is done, so a read made while it was under way is not kept either.
   */
  private forgetReads(): void {
    this.writes++;
    this.pageCache.clear();
    this.textMatchCache.clear();
  }

  /**
   * Runs a write between two `forgetReads`, so no read remembered from before it, or from while it was
   * under way (the write awaits; a read on the same connection may run meanwhile), outlives it.
   */
  private async writing<T>(write: () => Promise<T>): Promise<T> {
    this.forgetReads();
    try {
      return await write();
    } finally {
      this.forgetReads();
    }
  }

  /**
   * The write count as of now: another connection's commit to the file since the last look (another
   * process sharing it) counts as a write. A read keeps what it found only if this is unchanged after.
   */
  private writesSoFar(): number {
    const dataVersion = this.dataVersion.get() as number;
    if (dataVersion !== this.seenDataVersion) {
      this.seenDataVersion = dataVersion;
      this.forgetReads();
    }
    return this.writes;
  }

  /**
   * Records scores; a delivery older than the stored score, or a repeat of it, changes nothing. The
   * stage is only written for a new job (the CRM moves it afterwards through `setStage`).
   */
  async upsert(jobs: readonly ScoredJob[]): Promise<UpsertOutcome[]> {
    if (jobs.length === 0) return [];
    return this.writing(() => this.upsertScored(jobs));
  }

  private upsertScored(jobs: readonly ScoredJob[]): Promise<UpsertOutcome[]> {
    return this.db.transaction().execute(async (trx) => {
      const ids = jobs.map((job) => job.jobId);
      const known = new Map<string, { scored_at: string; content_hash: string; group_id: string }>();
      for (let start = 0; start < ids.length; start += 500) {
        const rows = await trx
          .selectFrom('jobs_read')
          .select(['job_id', 'scored_at', 'content_hash', 'group_id'])
          .where('job_id', 'in', ids.slice(start, start + 500))
          .execute();
        for (const row of rows) known.set(row.job_id, row);
      }
      const outcomes: UpsertOutcome[] = [];
      const writes: ScoredRow[] = [];
      /** The groups a write may have changed the size or ranking of: each written job's group, and the one it left. */
      const regrouped = new Set<string>();
      for (const job of jobs) {
        const current = known.get(job.jobId);
        if (current && isStaleScore({ scoredAt: current.scored_at, contentHash: current.content_hash }, job)) {
          outcomes.push('unchanged');
          continue;
        }
        outcomes.push(current ? 'updated' : 'inserted');
        const row = toRow(job);
        if (current) regrouped.add(current.group_id);
        regrouped.add(row.group_id);
        known.set(job.jobId, { scored_at: job.scoredAt, content_hash: job.contentHash, group_id: row.group_id });
        writes.push(row);
      }
      for (let start = 0; start < writes.length; start += 400) {
        await trx
          .insertInto('jobs_read')
          .values(writes.slice(start, start + 400))
          .onConflict((conflict) =>
            conflict.column('job_id').doUpdateSet((eb) => {
              const columns = SUMMARY_COLUMNS.filter((column) => column !== 'job_id' && column !== 'stage');
              // The stored stage wins over the event's: the CRM moves it.
              const set: Record<string, unknown> = {
                reasons: eb.ref('excluded.reasons'),
                search_text: eb.ref('excluded.search_text'),
                summary_json: sql`json_set(excluded.summary_json, '$.stage', jobs_read.stage)`,
              };
              for (const column of columns) set[column] = eb.ref(`excluded.${column}`);
              return set as never;
            }),
          )
          .execute();
      }
      const groups = [...regrouped];
      for (let start = 0; start < groups.length; start += 500) {
        await regroupSql(groups.slice(start, start + 500)).execute(trx);
      }
      return outcomes;
    });
  }

  /** Moves a job to a stage in the read model (the CRM table stays the source of truth). */
  async setStage(jobId: string, stage: CrmStage): Promise<void> {
    await this.writing(() =>
      this.db
        .updateTable('jobs_read')
        .set({ stage, summary_json: sql<string>`json_set(summary_json, '$.stage', ${stage})` })
        .where('job_id', '=', jobId)
        .execute(),
    );
  }

  /** One job with its score reasons, or undefined. */
  async get(jobId: string): Promise<ScoredJob | undefined> {
    const row = this.prepared
      .prepare(`SELECT ${summaryWithPostingState()} AS summary, reasons FROM jobs_read WHERE job_id = ?`)
      .get(jobId) as { summary: string; reasons: string } | undefined;
    return row ? { ...(JSON.parse(row.summary) as JobSummary), reasons: JSON.parse(row.reasons) as ScoreReason[] } : undefined;
  }

  /** Number of jobs in the read model: counted once per write (a count walks a whole index), like pages remembered. */
  async count(): Promise<number> {
    const writes = this.writesSoFar();
    if (this.counted?.writes === writes) return this.counted.jobs;
    const row = await this.db
      .selectFrom('jobs_read')
      .select((eb) => eb.fn.countAll<number>().as('jobs'))
      .executeTakeFirstOrThrow();
    const jobs = Number(row.jobs);
    if (this.writes === writes) this.counted = { writes, jobs };
    return jobs;
  }

  /** One page of jobs matching the query, in the asked order, with the cursor of the next page. */
  async list(query: JobQuery): Promise<JobPage> {
    return JSON.parse((await this.listJson(query)).json) as JobPage;
  }

  /**
   * Like `list`, as the page's JSON text (the hot path of GET /jobs). A page asked again before any
   * write comes from the page cache (a query's page is kept from its second asking: see `PageCache`);
   * every write, this instance's or another connection's, empties it.
   */
  async listJson(query: JobQuery): Promise<JobPageJson> {
    const writes = this.writesSoFar();
    const key = JSON.stringify(query);
    const cached = this.pageCache.get(key);
    if (cached) return cached;
    const page = await this.readPage(query);
    if (this.writes === writes) this.pageCache.offer(key, page);
    return page;
  }

  /**
   * One page read from the file, built from the stored summaries: the page query (see `jobPageSql`)
   * runs through a cache of prepared statements and answers each job as its listed summary text, and
   * the next page's cursor is read from the last one. The page's text is the summaries joined in one
   * copy, the page's opening and closing parts riding on its first and last summary, so it goes out as
   * it is (built from pieces, it was copied whole again to be sent: 4 % of the API's CPU).
   */
  private async readPage(query: JobQuery): Promise<JobPageJson> {
    const text = query.text === undefined ? undefined : await this.textFilter(searchWords(query.text));
    if (text && 'rowIds' in text && text.rowIds.length === 0) return EMPTY_PAGE;
    const page = jobPageSql(query, text);
    const items = this.prepared
      .prepare(page.sql)
      .pluck()
      .all(...page.parameters) as string[];
    const more = items.length > query.limit;
    if (more) items.length = query.limit;
    if (items.length === 0) return EMPTY_PAGE;
    let nextCursor = null;
    if (more) {
      const last = JSON.parse(items[query.limit - 1]!) as JobSummary;
      nextCursor = encodeCursor({ sort: query.sort, order: query.order, value: SORT_VALUE[query.sort](last), jobId: last.jobId });
    }
    items[0] = `{"items":[${items[0]}`;
    items[items.length - 1] += `],"nextCursor":${JSON.stringify(nextCursor)}}`;
    return { json: items.join(',') };
  }

  /**
   * How a page narrows to the search words: few matches (the FTS index says) are filtered by their
   * ids; many are found by walking the sort index and testing each row's search text, which finds a
   * page of matches long before all matches could be sorted. No words: no text filter.
   */
  private async textFilter(words: readonly string[]): Promise<TextFilter | undefined> {
    if (words.length === 0) return undefined;
    const rowIds = await this.textMatches(fullTextQuery(words));
    return rowIds.length <= FEW_TEXT_MATCHES ? { rowIds } : { wordPatterns: words.map(wordPrefixPattern) };
  }

  /**
   * Row ids matching a full-text query (up to FEW_TEXT_MATCHES + 1). Remembered until the next write,
   * so paging through a search probes the index once.
   */
  private async textMatches(match: string): Promise<number[]> {
    const cached = this.textMatchCache.get(match);
    if (cached) return cached;
    const writes = this.writes;
    const hits = await sql<{
      rowid: number;
    }>`SELECT rowid FROM jobs_read_fts WHERE jobs_read_fts MATCH ${match} LIMIT ${FEW_TEXT_MATCHES + 1}`.execute(this.db);
    const ids = hits.rows.map((hit) => hit.rowid);
    if (this.writes !== writes) return ids;
    if (this.textMatchCache.size >= 200) this.textMatchCache.clear();
    this.textMatchCache.set(match, ids);
    return ids;
  }

  /** Kept beside the scored rows (`job_closures`): a job may close before it is scored, and a new score keeps it. */
  async setClosure(jobId: string, at: string, closure: PostingClosure): Promise<void> {
    this.forgetReads();
    this.prepared
      .prepare(
        `INSERT INTO job_closures (job_id, closed_at, close_reason, changed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (job_id) DO UPDATE SET closed_at = excluded.closed_at, close_reason = excluded.close_reason, changed_at = excluded.changed_at
         WHERE excluded.changed_at > job_closures.changed_at`,
      )
      .run(jobId, closure?.closedAt ?? null, closure?.closeReason ?? null, at);
  }

  /**
   * Kept beside the scored rows (`job_flags`) like closures: flags may come before the score, and a new
   * score keeps them. They are stored as shown, the ones the user dismissed marked.
   */
  async setGhostFlags(jobId: string, at: string, flags: readonly GhostFlag[]): Promise<void> {
    this.forgetReads();
    const write = this.database.transaction(() => {
      const shown = withDismissals(flags, this.dismissalsOf(jobId));
      this.prepared
        .prepare(
          `INSERT INTO job_flags (job_id, flags_json, changed_at) VALUES (?, ?, ?)
           ON CONFLICT (job_id) DO UPDATE SET flags_json = excluded.flags_json, changed_at = excluded.changed_at
           WHERE excluded.changed_at > job_flags.changed_at`,
        )
        .run(jobId, JSON.stringify(shown), at);
    });
    write.immediate();
  }

  /** Kept in `job_flag_dismissals`; the job's flags kept in `job_flags` are marked again. */
  async setFlagDismissals(jobId: string, version: number, dismissals: readonly FlagDismissal[]): Promise<void> {
    this.forgetReads();
    const write = this.database.transaction(() => {
      const { changes } = this.prepared
        .prepare(
          `INSERT INTO job_flag_dismissals (job_id, dismissals_json, version) VALUES (?, ?, ?)
           ON CONFLICT (job_id) DO UPDATE SET dismissals_json = excluded.dismissals_json, version = excluded.version
           WHERE excluded.version > job_flag_dismissals.version`,
        )
        .run(jobId, JSON.stringify(dismissals), version);
      if (changes === 0) return;
      const flagsJson = this.prepared.prepare('SELECT flags_json FROM job_flags WHERE job_id = ?').pluck().get(jobId) as string | undefined;
      if (flagsJson === undefined) return;
      const shown = withDismissals(JSON.parse(flagsJson) as GhostFlag[], dismissals);
      this.prepared.prepare('UPDATE job_flags SET flags_json = ? WHERE job_id = ?').run(JSON.stringify(shown), jobId);
    });
    write.immediate();
  }

  private dismissalsOf(jobId: string): FlagDismissal[] {
    const json = this.prepared.prepare('SELECT dismissals_json FROM job_flag_dismissals WHERE job_id = ?').pluck().get(jobId) as
      | string
      | undefined;
    return json === undefined ? [] : (JSON.parse(json) as FlagDismissal[]);
  }

  async clear(): Promise<number> {
    this.forgetReads();
    const clearAll = this.database.transaction(() => {
      this.database.prepare('DELETE FROM job_closures').run();
      this.database.prepare('DELETE FROM job_flags').run();
      this.database.prepare('DELETE FROM job_flag_dismissals').run();
      return this.database.prepare('DELETE FROM jobs_read').run().changes;
    });
    return clearAll.immediate();
  }

  /** Refreshes the planner's statistics (after a bulk load). */
  async optimize(): Promise<void> {
    await sql`ANALYZE`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
