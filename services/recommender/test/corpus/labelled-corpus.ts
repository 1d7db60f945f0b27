/**
 * The labelled evaluation corpus: the real samples in ../fixtures plus seeded generated postings in the
 * same formats, each labelled by the persona (`mayaWants` of `@jobpipe/test-kit/corpus`) with a seeded 5% of inconsistent decisions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedJob } from '@jobpipe/contracts';
import { generatePostings, mayaWants, normalize, type RawPosting, seededRandom } from '@jobpipe/test-kit/corpus';

/** A posting with the persona's decision. */
export interface LabelledJob {
  readonly job: NormalizedJob;
  readonly label: 0 | 1;
}

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', name), 'utf8'));
}

/** The real samples as one raw posting each. */
export function realSamples(): RawPosting[] {
  const mcf = fixture('mcf-search-3results.json') as { results: Record<string, unknown>[] };
  const greenhouse = fixture('greenhouse-board-jobs-content.json') as { jobs: Record<string, unknown>[] };
  const usajobs = fixture('usajobs-search-2items.json') as { SearchResult: { SearchResultItems: Record<string, unknown>[] } };
  return [
    ...mcf.results.map((body) => ({ source: 'mcf' as const, body })),
    ...greenhouse.jobs.map((body) => ({ source: 'greenhouse' as const, body })),
    ...usajobs.SearchResult.SearchResultItems.map((body) => ({ source: 'usajobs' as const, body })),
  ];
}

/** Real samples plus `generated` postings, labelled; the same seed gives the same corpus. */
export function labelledCorpus(generated: number, seed: number): LabelledJob[] {
  const noise = seededRandom(seed ^ 0x5eed);
  return [...realSamples(), ...generatePostings(generated, seed)].map((raw) => {
    const job = normalize(raw);
    const wanted = mayaWants(job) !== noise() < 0.05;
    return { job, label: wanted ? 1 : 0 };
  });
}
