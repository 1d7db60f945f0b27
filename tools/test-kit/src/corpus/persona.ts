/**
 * The persona whose decisions label the evaluation corpus — written down so the labels can be checked
 * by reading a posting:
 *
 * Maya is a data engineer in Singapore with five years' experience. She wants data-engineering work
 * (titles with "data engineer", "analytics engineer" or "data platform"), in Singapore or remote, paying at
 * least USD 80,000 a year when the pay is stated. What her tracks do not say but her decisions show: she
 * will not work for advertising, gambling or crypto companies, and she passes on legacy stacks
 * (Informatica, SSIS, mainframe COBOL) unless the mission is climate or health. Like anyone, she is not
 * perfectly consistent: a seeded 5% of her decisions go the other way.
 */
import type { JobpipeConfig, NormalizedJob } from '@jobpipe/contracts';

const ROLE = /data engineer|analytics engineer|data platform/i;
const DISLIKED = /advertising|programmatic|betting|casino|sportsbook|crypto|token trading|web3/i;
const LEGACY = /informatica|ssis|mainframe|cobol/i;
const MISSION = /climate|renewable|hospital|patients|clinician/i;
// The persona's own rough rates, per USD.
const PER_USD: Record<string, number> = { USD: 1, SGD: 1.35, GBP: 0.79 };

/** Whether Maya would shortlist the posting (before her inconsistency). */
export function mayaWants(job: NormalizedJob): boolean {
  const text = `${job.title}\n${job.descriptionText}\n${job.skills.join(' ')}`;
  const place = job.remote === true || job.locations.some((location) => /singapore/i.test(location.display));
  const annual = job.salary ? (job.salary.annualMax ?? job.salary.annualMin) : null;
  const rate = job.salary ? PER_USD[job.salary.currency] : undefined;
  const pay = annual === null || rate === undefined || annual / rate >= 80_000;
  const legacyTurnOff = LEGACY.test(text) && !MISSION.test(text);
  return ROLE.test(job.title) && place && pay && !DISLIKED.test(text) && !legacyTurnOff;
}

/** The tracks Maya wrote down: her role, place and pay, none of her dislikes. */
export function mayaConfig(): JobpipeConfig {
  return {
    tracks: [
      {
        name: 'data engineering',
        titleKeywords: [
          { term: 'data engineer', weight: 30 },
          { term: 'analytics engineer', weight: 25 },
          { term: 'data platform', weight: 20 },
          { term: 'senior', weight: 5 },
        ],
        bodyKeywords: [
          { term: 'spark', weight: 6 },
          { term: 'airflow', weight: 6 },
          { term: 'dbt', weight: 6 },
          { term: 'kafka', weight: 4 },
          { term: 'data pipelines', weight: 6 },
          { term: 'python', weight: 3 },
          { term: 'sql', weight: 3 },
        ],
        blocked: ['unpaid'],
        salaryFloor: { amount: 80_000, currency: 'USD' },
        locations: ['Singapore'],
        remote: 'preferred',
        experience: { min: 2, max: 7 },
      },
    ],
    searches: [],
    scoring: { trackWeight: 0.5, modelWeight: 0.5, minExamples: 30 },
    currencyRates: [
      { currency: 'SGD', perUsd: 1.35, asOf: '2026-01-01' },
      { currency: 'GBP', perUsd: 0.79, asOf: '2026-01-01' },
    ],
  };
}
