/** The job set the crm-api and cockpit benches load: deterministic, so every run measures the same data. */
import { SCRAPE_SOURCES } from '@jobpipe/contracts';
import type { JobReadModel, ScoredJob } from '@jobpipe/crm-api';

const JOBS = 100_000;
const TRACKS = ['data-engineering', 'backend', 'ml', 'analytics', 'platform'];
const STAGES = ['new', 'new', 'new', 'new', 'screened', 'shortlisted', 'closed'] as const;
const WORDS = ['data', 'engineer', 'senior', 'backend', 'python', 'platform', 'analyst', 'machine', 'learning', 'cloud', 'staff', 'lead'];
const SKILLS = ['python', 'sql', 'spark', 'kafka', 'aws', 'go', 'rust', 'typescript', 'airflow', 'dbt', 'kubernetes', 'pandas'];
/** Deterministic pseudo-random numbers, so every run loads the same jobs. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Every this many jobs, one is a copy of the job before it on another board (the parser's dedupe link). */
const COPY_EVERY = 10;

/**
 * 100,000 scored jobs (the same on every run): sources, tracks, stages, salaries and dates spread out;
 * one in ten the copy of another job (its `canonicalJobId`), so lists collapse duplicates as they would.
 */
export function syntheticJobs(): ScoredJob[] {
  const next = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  let previousJobId = '';
  return Array.from({ length: JOBS }, (_, i) => {
    const source = pick(SCRAPE_SOURCES);
    const copyOf = i % COPY_EVERY === COPY_EVERY - 1 ? previousJobId : undefined;
    previousJobId = `${source}:${i}`;
    const day = 1 + Math.floor(next() * 28);
    return {
      jobId: `${source}:${i}`,
      contentHash: i.toString(16).padStart(64, '0'),
      title: `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`,
      company: `Company ${Math.floor(next() * 2000)}`,
      source,
      url: `https://jobs.example.com/${source}/${i}`,
      locations: ['Singapore'],
      remote: next() < 0.3,
      score: Math.round(next() * 1000) / 10,
      track: pick(TRACKS),
      trackScore: 50,
      filteredBy: null,
      stage: pick(STAGES),
      annualSalaryMax: next() < 0.7 ? Math.round(50_000 + next() * 150_000) : null,
      salaryCurrency: 'USD',
      postedAt: `2026-02-${String(day).padStart(2, '0')}T00:00:00.000Z`,
      scoredAt: '2026-03-01T00:00:00.000Z',
      skills: [pick(SKILLS), pick(SKILLS), pick(SKILLS)],
      reasons: [{ kind: 'title', text: 'title matches', points: 20 }],
      ...(copyOf ? { canonicalJobId: copyOf } : {}),
    };
  });
}

/**
 * Loads the synthetic jobs into a read model in batches, then lets the embedded (SQLite) adapter
 * refresh its query planner statistics, as a long-running crm-api would have.
 */
export async function loadSyntheticJobs(readModel: JobReadModel): Promise<void> {
  const jobs = syntheticJobs();
  for (let start = 0; start < jobs.length; start += 5000) await readModel.upsert(jobs.slice(start, start + 5000));
  const withStatistics = readModel as JobReadModel & { optimize?: () => Promise<void> };
  await withStatistics.optimize?.();
}
