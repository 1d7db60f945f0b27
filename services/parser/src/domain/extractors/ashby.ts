import type { ExtractedPosting, JobLocation, SalaryFigures } from '../extracted-posting.js';
import { placeFromDisplay, workModeOf } from '../place.js';
import { readPeriod, salaryFigures } from '../salary.js';
import { firstText, nameFromSlug, record, segmentAfter, text } from './json-fields.js';
import { objects, type ParserSourceModule } from './parser-source.js';

/** One place: the structured `address.postalAddress` where Ashby has it, else the display name read as boards write it. */
function placeOf(name: string | null, address: unknown): JobLocation | null {
  const rest = workModeOf(name).rest;
  const postal = record(record(address)?.postalAddress);
  const city = text(postal?.addressLocality);
  const region = text(postal?.addressRegion);
  const country = text(postal?.addressCountry);
  if (city || region) return { display: rest ?? [city, region, country].filter(Boolean).join(', '), city, region, country };
  if (!rest) return country ? { display: country, city: null, region: null, country } : null;
  return placeFromDisplay(rest);
}

function locationsOf(job: Record<string, unknown>): JobLocation[] {
  const primary = placeOf(text(job.location), job.address);
  const secondary = objects(job.secondaryLocations).map((entry) => placeOf(text(entry.location), entry.address));
  return [primary, ...secondary].filter((place): place is JobLocation => place !== null);
}

function remoteOf(job: Record<string, unknown>): { remote: boolean | null; from: string | null } {
  const workplace = text(job.workplaceType)?.toLowerCase() ?? null;
  if (workplace === 'remote') return { remote: true, from: 'ashby:workplaceType' };
  if (workplace === 'hybrid' || workplace === 'onsite') return { remote: false, from: 'ashby:workplaceType' };
  return typeof job.isRemote === 'boolean' ? { remote: job.isRemote, from: 'ashby:isRemote' } : { remote: null, from: null };
}

/**
 * The salary component of the job's compensation (`summaryComponents`, else the first tier's components),
 * read only where the board says pay may be shown on its postings.
 */
function salaryOf(job: Record<string, unknown>): SalaryFigures | null {
  if (job.shouldDisplayCompensationOnJobPostings !== true) return null;
  const compensation = record(job.compensation);
  const summary = objects(compensation?.summaryComponents);
  const components = summary.length > 0 ? summary : objects(objects(compensation?.compensationTiers)[0]?.components);
  const salary = components.find((component) => text(component.compensationType)?.toLowerCase() === 'salary');
  const currency = text(salary?.currencyCode)?.toUpperCase() ?? null;
  const period = readPeriod(text(salary?.interval));
  if (!salary || !currency || !/^[A-Z]{3}$/.test(currency) || !period) return null;
  return salaryFigures(salary.minValue, salary.maxValue, currency, period, 'stated');
}

/** The board name: the first path segment of the job's page on `jobs.ashbyhq.com`, else of the API URL. */
function boardOf(jobUrl: string | null, url: string | null): string | null {
  try {
    if (jobUrl && new URL(jobUrl).hostname === 'jobs.ashbyhq.com') return new URL(jobUrl).pathname.split('/').filter(Boolean)[0] ?? null;
  } catch {
    // not a URL: fall back to the API address
  }
  return segmentAfter(url, 'job-board');
}

/**
 * Ashby: one job of the posting API's board answer (`/posting-api/job-board/{board}?includeCompensation=true`):
 * `title`, `location` with `address.postalAddress` and `secondaryLocations`, `workplaceType`/`isRemote`,
 * `employmentType` (FullTime, PartTime, Intern, Contract, Temporary), `publishedAt`, `descriptionHtml`, and
 * `compensation` whose salary component is stated pay when `shouldDisplayCompensationOnJobPostings` allows.
 * The board answer names no company: the board name stands for it.
 */
export function extractAshbyJob(job: Record<string, unknown>, url: string | null): ExtractedPosting {
  const jobUrl = text(job.jobUrl);
  const board = boardOf(jobUrl, url);
  const remote = remoteOf(job);
  const salary = salaryOf(job);
  const employment = text(job.employmentType);
  return {
    externalId: text(job.id),
    url: firstText(jobUrl, url),
    title: text(job.title),
    company: board ? nameFromSlug(board) : null,
    locations: locationsOf(job),
    remote: remote.remote,
    employmentTypes: employment ? [employment] : [],
    seniority: null,
    salary,
    defaultCurrency: null,
    skills: null,
    experienceYears: null,
    descriptionHtml: text(job.descriptionHtml) ?? text(job.descriptionPlain) ?? '',
    postedAt: text(job.publishedAt),
    expiresAt: null,
    provenance: {
      title: 'ashby:title',
      ...(board ? { company: 'ashby:board-name' } : {}),
      locations: 'ashby:location+secondaryLocations',
      ...(remote.from ? { remote: remote.from } : {}),
      ...(salary ? { salary: 'ashby:compensation.summaryComponents (Salary)' } : {}),
      ...(employment ? { employmentType: 'ashby:employmentType' } : {}),
      description: 'ashby:descriptionHtml',
      postedAt: 'ashby:publishedAt',
    },
  };
}

const isAshbyJob = (node: Record<string, unknown>) => 'isListed' in node && 'publishedAt' in node;

/** Ashby: one job as the scraper stores it, or a whole board answer (`apiVersion` beside `jobs`; listed jobs only). */
export const ashbyParser: ParserSourceModule = {
  name: 'ashby',
  detect(document) {
    const node = record(document);
    if (!node) return undefined;
    if ('apiVersion' in node && Array.isArray(node.jobs)) {
      const items = objects(node.jobs).filter((job) => job.isListed !== false);
      return { format: 'ashby', shape: 'Ashby job board', items };
    }
    return isAshbyJob(node) ? { format: 'ashby', shape: 'Ashby job', items: [node] } : undefined;
  },
  extract: extractAshbyJob,
};
