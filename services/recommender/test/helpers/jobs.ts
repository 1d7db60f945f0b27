/** Builders of normalized jobs and configs for the recommender's tests. */
import { createHash } from 'node:crypto';
import type { JobpipeConfig, NormalizedJob } from '@jobpipe/contracts';

/** A normalized job with sensible defaults; the content hash follows the content. */
export function normalizedJob(overrides: Partial<NormalizedJob> & { jobId: string }): NormalizedJob {
  const externalId = overrides.jobId.split(':')[1] ?? 'x';
  const base: NormalizedJob = {
    source: 'greenhouse',
    externalId,
    canonicalUrl: `https://boards.example.com/jobs/${externalId}`,
    title: 'Data Engineer',
    company: 'Acme',
    locations: [{ display: 'Singapore', city: 'Singapore', region: null, country: 'SG' }],
    remote: false,
    employmentType: 'full-time',
    seniority: null,
    salary: null,
    skills: [],
    experienceYears: null,
    descriptionText: 'Build data pipelines.',
    postedAt: '2026-03-01T00:00:00.000Z',
    expiresAt: null,
    contentHash: '',
    firstSeenAt: '2026-03-02T00:00:00.000Z',
    lastSeenAt: '2026-03-02T00:00:00.000Z',
    ...overrides,
  };
  const { contentHash: _ignored, firstSeenAt: _first, lastSeenAt: _last, ...content } = base;
  return { ...base, contentHash: overrides.contentHash ?? createHash('sha256').update(JSON.stringify(content)).digest('hex') };
}

/** A one-track config for data engineering in Singapore. */
export function dataEngineeringConfig(overrides: Partial<JobpipeConfig> = {}): JobpipeConfig {
  return {
    tracks: [
      {
        name: 'data engineering',
        titleKeywords: [
          { term: 'data engineer', weight: 18 },
          { term: 'analytics engineer', weight: 12 },
        ],
        bodyKeywords: [
          { term: 'spark', weight: 8 },
          { term: 'airflow', weight: 8 },
          { term: 'dbt', weight: 6 },
        ],
        blocked: ['unpaid'],
        salaryFloor: { amount: 60000, currency: 'USD' },
        locations: ['Singapore'],
        remote: 'preferred',
      },
    ],
    searches: [],
    currencyRates: [
      { currency: 'SGD', perUsd: 1.35, asOf: '2026-01-01' },
      { currency: 'GBP', perUsd: 0.8, asOf: '2026-01-01' },
    ],
    ...overrides,
  };
}
