/**
 * What the recommender keeps of a posting: its text as stems (tokenized once, when the posting arrives)
 * and the structured fields the track rules read. Rescoring after a config change or a retrain reads
 * these, never the raw posting again.
 */
import type { JobScoredV2, NormalizedJob } from '@jobpipe/contracts';
import { termCounts, tokenizeText } from './tokenizer.js';

/** A posting ready to score. */
export interface PostingFeatures {
  readonly jobId: string;
  readonly contentHash: string;
  /** Stems and bigrams of the title, with counts. */
  readonly titleTerms: ReadonlyMap<string, number>;
  /** Stems and bigrams of the description and the skills, with counts. */
  readonly bodyTerms: ReadonlyMap<string, number>;
  /** A readable word for each stem that differs from it ("engin" → "engineering"), to explain scores. */
  readonly wordOfStem: ReadonlyMap<string, string>;
  /** Lower-cased title, for seniority words. */
  readonly titleText: string;
  readonly salary: { readonly annualMin: number | null; readonly annualMax: number | null; readonly currency: string } | null;
  /** Day the salary figures were stated (posted, else first seen): picks the currency rate. */
  readonly salaryDate: string;
  /** Lower-cased location names (display, city, region, country). */
  readonly locations: readonly string[];
  readonly remote: boolean | null;
  readonly experience: { readonly min: number | null; readonly max: number | null } | null;
  readonly seniority: string | null;
}

/** The JSON form of PostingFeatures as stored in the recommender's state. */
export interface StoredFeatures {
  readonly v: 1;
  readonly jobId: string;
  readonly contentHash: string;
  readonly titleStems: string;
  readonly bodyStems: string;
  readonly wordOfStem: Readonly<Record<string, string | undefined>>;
  readonly titleText: string;
  readonly salary: PostingFeatures['salary'];
  readonly salaryDate: string;
  readonly locations: readonly string[];
  readonly remote: boolean | null;
  readonly experience: PostingFeatures['experience'];
  readonly seniority: string | null;
}

function locationNames(job: NormalizedJob): string[] {
  const names = new Set<string>();
  for (const location of job.locations) {
    for (const part of [location.display, location.city, location.region, location.country]) {
      if (part) names.add(part.toLowerCase());
    }
  }
  return [...names].sort();
}

/** Tokenizes a normalized job once into the form that is stored and scored. */
export function storedFeaturesOf(job: NormalizedJob): StoredFeatures {
  const title = tokenizeText(job.title);
  const body = tokenizeText(`${job.descriptionText}\n${job.skills.join('. ')}`);
  const wordOfStem: Record<string, string> = {};
  for (const text of [title, body]) {
    text.stems.forEach((stem, i) => {
      const word = text.words[i]!;
      if (word !== stem && !(stem in wordOfStem)) wordOfStem[stem] = word;
    });
  }
  const salary = job.salary ? { annualMin: job.salary.annualMin, annualMax: job.salary.annualMax, currency: job.salary.currency } : null;
  return {
    v: 1,
    jobId: job.jobId,
    contentHash: job.contentHash,
    titleStems: title.stems.join(' '),
    bodyStems: body.stems.join(' '),
    wordOfStem,
    titleText: job.title.toLowerCase(),
    salary,
    salaryDate: (job.postedAt ?? job.firstSeenAt).slice(0, 10),
    locations: locationNames(job),
    remote: job.remote,
    experience: job.experienceYears,
    seniority: job.seniority ? job.seniority.toLowerCase() : null,
  };
}

function stemsOf(joined: string): string[] {
  return joined === '' ? [] : joined.split(' ');
}

/** Rebuilds the in-memory form from the stored one. */
export function featuresFromStored(stored: StoredFeatures): PostingFeatures {
  return {
    jobId: stored.jobId,
    contentHash: stored.contentHash,
    titleTerms: termCounts(stemsOf(stored.titleStems)),
    bodyTerms: termCounts(stemsOf(stored.bodyStems)),
    wordOfStem: new Map(Object.entries(stored.wordOfStem).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    titleText: stored.titleText,
    salary: stored.salary,
    salaryDate: stored.salaryDate,
    locations: stored.locations,
    remote: stored.remote,
    experience: stored.experience,
    seniority: stored.seniority,
  };
}

/** Tokenizes a normalized job straight into the scoring form. */
export function featuresOf(job: NormalizedJob): PostingFeatures {
  return featuresFromStored(storedFeaturesOf(job));
}

/** The short description of the job that travels in `job.scored`. */
export type JobSummary = JobScoredV2['data']['job'];

/** A parsed posting as the recommender takes it in: the normalized job and, for a copy, its canonical job (job.parsed `duplicateOf`). */
export type ParsedPosting = NormalizedJob & { readonly canonicalJobId?: string };

/** The job summary carried by `job.scored`, so consumers need not look the job up (nor its dedupe link). */
export function summarizeJob(job: ParsedPosting): JobSummary {
  return {
    title: job.title,
    company: job.company,
    canonicalUrl: job.canonicalUrl,
    source: job.source,
    locations: job.locations.map((location) => location.display),
    remote: job.remote,
    annualSalaryMax: job.salary?.annualMax ?? null,
    salaryCurrency: job.salary?.currency ?? null,
    postedAt: job.postedAt,
    skills: job.skills,
    firstSeenAt: job.firstSeenAt,
    ...(job.canonicalJobId ? { canonicalJobId: job.canonicalJobId } : {}),
  };
}
