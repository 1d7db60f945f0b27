import type { NormalizedJob } from '@jobpipe/contracts';
import { type RateBook, sourceOfJobId } from '@jobpipe/contracts';
import type { JobFact, LoadedJob, ScoreFact } from './analytics-rows.js';
import { dayOf, epochDays, isoInstant } from './timestamps.js';

/** A job as stored in the jobs table: the normalized job plus the parser's duplicate link. */
export type StoredJob = NormalizedJob & { readonly canonicalJobId?: string | null };

/** Skill names folded so `Python ` and `python` count as one skill. */
export function normalizeSkills(skills: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const skill of skills) {
    const folded = skill.trim().replace(/\s+/g, ' ').toLowerCase();
    if (folded.length > 0 && folded.length <= 100) seen.add(folded);
  }
  return [...seen];
}

/** An annual figure in USD at the rate of its day; null when the figure, its currency or the rate is unknown. */
function inUsd(rates: RateBook, amount: number | null, currency: string | null, day: string): number | null {
  if (amount === null || currency === null) return null;
  return rates.convert(amount, currency, 'USD', day) ?? null;
}

function flag(value: boolean | null | undefined): 0 | 1 | null {
  if (value === null || value === undefined) return null;
  return value ? 1 : 0;
}

/**
 * The fact row and skills of a parsed job. Salaries are the parser's annual figures, converted to USD
 * at the rate in force on the day the job was posted (or first seen).
 */
export function loadedJobOf(job: StoredJob, rates: RateBook): LoadedJob {
  const firstSeenAt = isoInstant(job.firstSeenAt) ?? isoInstant(job.lastSeenAt) ?? new Date(0).toISOString();
  const lastSeenAt = isoInstant(job.lastSeenAt) ?? firstSeenAt;
  const postedAt = isoInstant(job.postedAt);
  const salary = job.salary ?? null;
  const currency = salary?.currency ?? null;
  const rateDay = dayOf(postedAt ?? firstSeenAt);
  const annualMin = salary?.annualMin ?? null;
  const annualMax = salary?.annualMax ?? null;
  const fact: JobFact = {
    job_id: job.jobId,
    title: job.title,
    company: job.company,
    source: job.source,
    canonical_url: job.canonicalUrl,
    canonical_job_id: job.canonicalJobId ?? null,
    remote: flag(job.remote),
    employment_type: job.employmentType ?? null,
    seniority: job.seniority ?? null,
    salary_annual_min: annualMin,
    salary_annual_max: annualMax,
    salary_currency: currency,
    salary_annual_usd_min: inUsd(rates, annualMin, currency, rateDay),
    salary_annual_usd_max: inUsd(rates, annualMax, currency, rateDay),
    experience_years_min: job.experienceYears?.min ?? null,
    experience_years_max: job.experienceYears?.max ?? null,
    posted_at: postedAt,
    first_seen_at: firstSeenAt,
    last_seen_at: lastSeenAt,
    first_seen_days: epochDays(firstSeenAt),
    last_seen_days: epochDays(lastSeenAt),
    content_hash: job.contentHash,
  };
  return { fact, skills: normalizeSkills(job.skills ?? []) };
}

/**
 * The score fact of a scores-table item or a `job.scored` event's data, or undefined when the item is
 * not a score (missing id, score or time).
 */
export function scoreFactOf(item: Record<string, unknown>): ScoreFact | undefined {
  const jobId = item.jobId;
  const score = item.score;
  const scoredAt = isoInstant(item.scoredAt);
  if (typeof jobId !== 'string' || typeof score !== 'number' || scoredAt === null) return undefined;
  return {
    job_id: jobId,
    source: sourceOfJobId(jobId) ?? 'unknown',
    track: typeof item.track === 'string' ? item.track : null,
    score,
    scored_at: scoredAt,
  };
}
