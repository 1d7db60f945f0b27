import type { ExtractedPosting, JobLocation, SourceStatus } from '../extracted-posting.js';
import { firstText, nameFromSlug, record, segmentAfter, text } from './json-fields.js';
import { objects, type ParserSourceModule } from './parser-source.js';

function place(entry: Record<string, unknown>): JobLocation | null {
  const city = text(entry.city);
  const region = text(entry.region);
  const country = text(entry.country) ?? text(entry.countryCode);
  const display = [city, region, country].filter(Boolean).join(', ');
  return display ? { display, city, region, country } : null;
}

/** The job's places: its visible `locations`, else its `location`. */
function locationsOf(job: Record<string, unknown>): JobLocation[] {
  const listed = objects(job.locations).filter((entry) => entry.hidden !== true);
  const entries = listed.length > 0 ? listed : objects(job.location);
  return entries.map(place).filter((entry): entry is JobLocation => entry !== null);
}

function remoteOf(job: Record<string, unknown>): { remote: boolean | null; from: string | null } {
  const workplace = text(job.workplace)?.toLowerCase() ?? null;
  if (workplace === 'remote') return { remote: true, from: 'workable:workplace' };
  if (workplace === 'hybrid' || workplace === 'on_site') return { remote: false, from: 'workable:workplace' };
  return typeof job.remote === 'boolean' ? { remote: job.remote, from: 'workable:remote' } : { remote: null, from: null };
}

/** Workable's job `type` is one word (`full`, `part`, `contract`, `temporary`…); the widget writes `employment_type` ("Full-time"). */
function employmentWords(job: Record<string, unknown>): string[] {
  const type = text(job.type)?.toLowerCase() ?? null;
  const word = type === 'full' ? 'full time' : type === 'part' ? 'part time' : (type ?? text(job.employment_type));
  return word ? [word] : [];
}

const section = (title: string, html: string | null) => (html ? `<h3>${title}</h3>${html}` : '');

/**
 * Workable's own state of a job (`state`): "published" while it is on the careers page; "closed" or
 * "archived" once the employer took it down. The account widget's jobs carry no state.
 */
function workableStatus(job: Record<string, unknown>): SourceStatus | undefined {
  const state = text(job.state)?.toLowerCase();
  if (state === 'published') return 'open';
  if (state === 'closed' || state === 'archived') return 'closed';
  return undefined;
}

/**
 * Workable: one job detail (`GET /api/v2/accounts/{account}/jobs/{shortcode}`): `title`, `locations`
 * (city, region, country; hidden ones left out), `workplace` (on_site, hybrid, remote) and `remote`, `type`,
 * `published`, and `description`, `requirements` and `benefits` (HTML) as the description. The detail names
 * no company and no page: the account in the API address stands for the company, and the job's page is
 * `https://apply.workable.com/{account}/j/{shortcode}/`. Workable states no structured pay: any pay is read
 * from the text (usually the benefits).
 */
export function extractWorkableJob(job: Record<string, unknown>, url: string | null): ExtractedPosting {
  const account = segmentAfter(url, 'accounts');
  const accountName = text(job[WIDGET_ACCOUNT_NAME]);
  const company = accountName ?? (account ? nameFromSlug(account) : null);
  const shortcode = text(job.shortcode);
  const remote = remoteOf(job);
  const employment = employmentWords(job);
  const sourceStatus = workableStatus(job);
  return {
    externalId: shortcode,
    url: firstText(job.url, account && shortcode ? `https://apply.workable.com/${account}/j/${shortcode}/` : null, url),
    title: text(job.title),
    company,
    locations: locationsOf(job),
    remote: remote.remote,
    employmentTypes: employment,
    seniority: text(job.experience),
    salary: null,
    defaultCurrency: null,
    skills: null,
    experienceYears: null,
    descriptionHtml: `${text(job.description) ?? ''}${section('Requirements', text(job.requirements))}${section('Benefits', text(job.benefits))}`,
    postedAt: firstText(job.published, job.published_on),
    expiresAt: null,
    ...(sourceStatus ? { sourceStatus } : {}),
    provenance: {
      title: 'workable:title',
      ...(company ? { company: accountName ? 'workable:widget.name' : 'workable:url-account' } : {}),
      locations: 'workable:locations',
      ...(remote.from ? { remote: remote.from } : {}),
      ...(employment.length > 0 ? { employmentType: 'workable:type' } : {}),
      description: 'workable:description+requirements+benefits',
      postedAt: 'workable:published',
    },
  };
}

/** Where a widget answer's jobs carry the account's `name` (the widget names the company once, beside its jobs). */
const WIDGET_ACCOUNT_NAME = 'widget.name';

const isWorkableJob = (node: Record<string, unknown>) => 'shortcode' in node && ('workplace' in node || 'published_on' in node);

/** Workable: one job detail, or the account widget's answer (its jobs without descriptions, under the account's `name`). */
export const workableParser: ParserSourceModule = {
  name: 'workable',
  detect(document) {
    const node = record(document);
    if (!node) return undefined;
    if (Array.isArray(node.jobs)) {
      const items = objects(node.jobs);
      const name = text(node.name);
      if (items.length === 0 || !items.every(isWorkableJob)) return undefined;
      return {
        format: 'workable',
        shape: 'Workable account widget',
        items: name ? items.map((job) => ({ ...job, [WIDGET_ACCOUNT_NAME]: name })) : items,
      };
    }
    return isWorkableJob(node) ? { format: 'workable', shape: 'Workable job', items: [node] } : undefined;
  },
  extract: extractWorkableJob,
};
