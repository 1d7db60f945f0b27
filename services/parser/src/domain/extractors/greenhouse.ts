import type { ExtractedPosting } from '../extracted-posting.js';
import { placeFromDisplay, workModeOf } from '../place.js';
import { firstText, list, nameFromSlug, record, segmentAfter, text } from './json-fields.js';
import { objects, type ParserSourceModule } from './parser-source.js';

/** The board token of a Greenhouse job: from the API URL (`/v1/boards/{board}/jobs/{id}`) or the public page URL. */
function boardOf(url: string | null, absoluteUrl: string | null): string | null {
  const fromApi = segmentAfter(url, 'boards');
  if (fromApi) return fromApi;
  if (!absoluteUrl) return null;
  try {
    const parsed = new URL(absoluteUrl);
    const fromQuery = parsed.searchParams.get('for');
    if (fromQuery) return fromQuery;
    return parsed.pathname.split('/').filter(Boolean)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Greenhouse: one job of `/v1/boards/{board}/jobs?content=true` (or `/jobs/{id}`). The content is
 * entity-escaped HTML; the company is `company_name`, else the board token of the URL.
 */
export function extractGreenhouseJob(job: Record<string, unknown>, url: string | null): ExtractedPosting {
  const absoluteUrl = text(job.absolute_url);
  const board = boardOf(url, absoluteUrl);
  const named = text(job.company_name);
  const mode = workModeOf(text(record(job.location)?.name));
  const offices = list(job.offices)
    .map((office) => text(record(office)?.location))
    .filter((location): location is string => location !== null);
  const locations = (offices.length > 0 ? offices : mode.rest ? mode.rest.split(/\s*[;|]\s*/) : []).map(placeFromDisplay);
  const employment = list(job.metadata)
    .map(record)
    .filter((entry) => entry && /employment|job type|commitment/i.test(String(entry.name)))
    .map((entry) => text(entry?.value))
    .filter((value): value is string => value !== null);
  return {
    externalId: text(job.id),
    url: firstText(absoluteUrl, url),
    title: text(job.title),
    company: named ?? (board ? nameFromSlug(board) : null),
    locations,
    remote: mode.remote,
    employmentTypes: employment,
    seniority: null,
    salary: null,
    defaultCurrency: null,
    skills: null,
    experienceYears: null,
    descriptionHtml: text(job.content) ?? '',
    postedAt: firstText(job.first_published, job.updated_at),
    expiresAt: text(job.application_deadline),
    provenance: {
      title: 'greenhouse:title',
      company: named ? 'greenhouse:company_name' : 'greenhouse:board-token',
      locations: offices.length > 0 ? 'greenhouse:offices' : 'greenhouse:location.name',
      ...(mode.remote !== null ? { remote: 'greenhouse:location.name' } : {}),
      ...(employment.length > 0 ? { employmentType: 'greenhouse:metadata' } : {}),
      description: 'greenhouse:content',
      postedAt: job.first_published ? 'greenhouse:first_published' : 'greenhouse:updated_at',
      expiresAt: 'greenhouse:application_deadline',
    },
  };
}

/** Greenhouse: one job, or a whole `/v1/boards/{board}/jobs` answer. */
export const greenhouseParser: ParserSourceModule = {
  name: 'greenhouse',
  detect(document) {
    const node = record(document);
    if (!node) return undefined;
    if (Array.isArray(node.jobs)) return { format: 'greenhouse', shape: 'Greenhouse jobs list', items: objects(node.jobs) };
    return 'absolute_url' in node ? { format: 'greenhouse', shape: 'Greenhouse job', items: [node] } : undefined;
  },
  extract: extractGreenhouseJob,
};
