/**
 * Full ETL rebuild of 100,000 jobs (with scores, CRM stages and history, applications) from the embedded
 * tables into a fresh SQLite analytics file, run in a child process so its peak RSS is its own.
 * Baseline, same run: raw better-sqlite3 prepared inserts of the very rows the rebuild wrote, into the
 * same schema, in one transaction.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CRM_STAGES, type TableItemMap } from '@jobpipe/contracts';
import { AnalyticsWarehouse, migrateToLatest, openSqliteAnalytics, SqliteAnalyticsTarget } from '@jobpipe/etl';
import { FolderBlobStore, SqliteTableStore, silentLogger, systemClock, TypedTableStore, ValidatingItemStore } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import Database from 'better-sqlite3';

const JOBS = 100_000;
const SKILLS = ['python', 'sql', 'spark', 'airflow', 'dbt', 'aws', 'kafka', 'java', 'scala', 'excel', 'tableau', 'go'];
/** The stages a tracked job walks through before an offer. */
const STAGES = CRM_STAGES.slice(0, CRM_STAGES.indexOf('offer'));

/** The job of number `n`, as the parser stores it (the `jobs` table contract). */
function jobItem(n: number): TableItemMap['jobs'] {
  const day = `2026-0${1 + (n % 3)}-${String(1 + (n % 28)).padStart(2, '0')}`;
  return {
    jobId: `mcf:${n}`,
    source: 'mcf',
    externalId: String(n),
    canonicalUrl: `https://jobs.example.com/${n}`,
    title: `Data Engineer ${n % 50}`,
    company: `Company ${n % 997}`,
    locations: [{ display: 'Singapore', city: 'Singapore', region: null, country: 'SG' }],
    remote: n % 4 === 0,
    employmentType: 'full-time',
    seniority: null,
    salary: {
      min: 5000,
      max: 8000,
      currency: n % 2 ? 'SGD' : 'USD',
      period: 'month',
      annualMin: 60_000 + (n % 40) * 1000,
      annualMax: 96_000 + (n % 40) * 1000,
      basis: 'stated',
    },
    skills: [0, 3, 7, 11, 5].map((offset) => SKILLS[(n + offset) % SKILLS.length]!),
    experienceYears: { min: n % 6, max: (n % 6) + 2 },
    descriptionText: 'Build and run data pipelines. '.repeat(20),
    descriptionHtml: '<p>Build and run data pipelines.</p>'.repeat(20),
    postedAt: `${day}T00:00:00.000Z`,
    expiresAt: null,
    contentHash: n.toString(16).padStart(64, '0'),
    firstSeenAt: `${day}T08:00:00.000Z`,
    lastSeenAt: `${day}T08:00:00.000Z`,
    dedupeKey: `k${n}`,
    fetchedAt: `${day}T07:59:00.000Z`,
  };
}

/** The recommender's score of job `n` (the `scores` table contract). */
function scoreItem(n: number): TableItemMap['scores'] {
  return {
    jobId: `mcf:${n}`,
    contentHash: n.toString(16).padStart(64, '0'),
    score: n % 100,
    track: n % 3 ? 'data-eng' : null,
    trackScore: n % 100,
    modelProbability: null,
    modelVersion: null,
    filteredBy: null,
    reasons: [{ kind: 'title', text: 'title matches "data engineer"', points: 40 }],
    scoredAt: '2026-03-01T00:00:00.000Z',
    inputsKey: `inputs-${n}`,
    resultDigest: `result-${n}`,
    configVersion: 1,
    published: true,
    claimId: `claim-${n}`,
    claimedAt: '2026-03-01T00:00:00.000Z',
  };
}

/** A tracked job's CRM record and the stage changes that led there (the `crm` and `crmHistory` contracts). */
function crmItems(n: number): { crm: TableItemMap['crm']; history: TableItemMap['crmHistory'][] } {
  const walked = STAGES.slice(0, 1 + (n % STAGES.length));
  const history = walked.map((stage, i) => {
    const at = `2026-03-0${1 + i}T00:00:00.000Z`;
    return {
      jobId: `mcf:${n}`,
      changeId: `${at}#${String(i).padStart(9, '0')}#change-${n}-${i}`,
      kind: 'stage' as const,
      from: i === 0 ? null : walked[i - 1]!,
      to: stage,
      closedReason: null,
      note: null,
      response: null,
      at,
      by: 'user' as const,
    };
  });
  const crm = {
    jobId: `mcf:${n}`,
    stage: walked.at(-1)!,
    closedReason: null,
    updatedAt: history.at(-1)!.at,
    version: walked.length,
    responses: 0,
    lastResponseAt: null,
  };
  return { crm, history };
}

/** A submitted application to job `n` (the `applications` table contract, as the applier finishes it). */
function applicationItem(n: number): TableItemMap['applications'] {
  return {
    applicationId: `a${n}`,
    jobId: `mcf:${n}`,
    status: 'submitted',
    dryRun: false,
    requestedAt: '2026-03-04T00:00:00.000Z',
    applyUrl: `https://jobs.example.com/${n}/apply`,
    site: 'jobs.example.com',
    company: `Company ${n % 997}`,
    title: `Data Engineer ${n % 50}`,
    finishedAt: '2026-03-04T00:01:00.000Z',
    failureCode: null,
    failureMessage: null,
    needsUser: null,
    evidenceBlobKeys: [],
  };
}

async function seed(dataDir: string): Promise<void> {
  const store = new SqliteTableStore(join(dataDir, 'tables.sqlite'));
  // Checked against the table contracts, so the rebuild reads items as the services write them.
  const tables = new TypedTableStore(new ValidatingItemStore(store));
  await tables.put('config', {
    key: 'current',
    version: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    config: { tracks: [], searches: [], currencyRates: [{ currency: 'SGD', perUsd: 1.35, asOf: '2026-01-01' }] },
  });
  for (let start = 0; start < JOBS; start += 5000) {
    const ids = Array.from({ length: 5000 }, (_, i) => start + i);
    await tables.putMany('jobs', ids.map(jobItem));
    await tables.putMany('scores', ids.map(scoreItem));
    const tracked = ids.filter((n) => n % 5 === 0).map(crmItems);
    await tables.putMany(
      'crm',
      tracked.map((items) => items.crm),
    );
    await tables.putMany(
      'crmHistory',
      tracked.flatMap((items) => items.history),
    );
    await tables.putMany('applications', ids.filter((n) => n % 20 === 0).map(applicationItem));
  }
  store.close();
}

/** Child: the rebuild alone, reporting its duration, rows and peak RSS. */
async function rebuildChild(dataDir: string): Promise<void> {
  const tables = new SqliteTableStore(join(dataDir, 'tables.sqlite'));
  const warehouse = new AnalyticsWarehouse({
    target: new SqliteAnalyticsTarget(join(dataDir, 'analytics.sqlite')),
    tables: new TypedTableStore(tables),
    blobs: new FolderBlobStore(join(dataDir, 'blobs')),
    clock: systemClock,
    logger: silentLogger,
    pageSize: 1000,
    workDir: dataDir,
  });
  const started = performance.now();
  const snapshot = await warehouse.rebuild('bench');
  const seconds = (performance.now() - started) / 1000;
  await warehouse.close();
  tables.close();
  const rows = Object.values(snapshot.rows).reduce((sum, count) => sum + count, 0);
  process.stdout.write(JSON.stringify({ seconds, rows, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

/** Baseline: prepared single-row inserts of the rebuilt rows into a fresh file with the same schema. */
async function rawInsertSeconds(dataDir: string): Promise<{ seconds: number; rows: number }> {
  const source = new Database(join(dataDir, 'analytics.sqlite'), { readonly: true });
  const tables = ['fact_jobs', 'bridge_job_skills', 'stage_changes', 'applications'];
  const data = tables.map((table) => ({ table, rows: source.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[] }));
  source.close();
  const path = join(dataDir, 'raw.sqlite');
  const schema = openSqliteAnalytics(path, { bulk: true });
  await migrateToLatest(schema);
  await schema.destroy();
  const target = new Database(path);
  target.pragma('journal_mode = OFF');
  target.pragma('synchronous = OFF');
  const started = performance.now();
  let rows = 0;
  target.transaction(() => {
    for (const { table, rows: tableRows } of data) {
      if (tableRows.length === 0) continue;
      const columns = Object.keys(tableRows[0]!);
      const insert = target.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      for (const row of tableRows) insert.run(row);
      rows += tableRows.length;
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  target.close();
  return { seconds, rows };
}

export default async function (): Promise<Record<string, number>> {
  const dir = tempDir('jobpipe-bench-etl-');
  try {
    await seed(dir.path);
    const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--rebuild-child', dir.path], {
      maxBuffer: 1024 * 1024,
    }).toString();
    const child = JSON.parse(output) as { seconds: number; rows: number; peakRssMb: number };
    const raw = await rawInsertSeconds(dir.path);
    const rowsPerSecond = child.rows / child.seconds;
    return {
      'etl.rowsPerSecond': rowsPerSecond,
      'etl.ratioToRawInserts': rowsPerSecond / (raw.rows / raw.seconds),
      'etl.peakRssMb': child.peakRssMb,
    };
  } finally {
    dir.remove();
  }
}

if (process.argv[2] === '--rebuild-child') await rebuildChild(process.argv[3]!);
