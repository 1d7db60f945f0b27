import type { ExtractedPosting, JobLocation } from '../extracted-posting.js';
import { placeFromDisplay, workModeOf } from '../place.js';
import { list, nameFromSlug, record, text } from './json-fields.js';
import { objects, type ParserSourceModule } from './parser-source.js';

/** Personio's `yearsOfExperience` codes: `lt-1`, `1-2`, `2-5`, `5-7`, `7-10`, `10-15`, `ht15`. */
function yearsOf(code: string | null): { min: number | null; max: number | null } | null {
  if (!code) return null;
  if (code === 'lt-1') return { min: 0, max: 1 };
  const over = /^ht(\d+)$/.exec(code);
  if (over) return { min: Number(over[1]), max: null };
  const range = /^(\d+)-(\d+)$/.exec(code);
  return range ? { min: Number(range[1]), max: Number(range[2]) } : null;
}

/** The office and the additional offices; "Remote" (or "Remote - Germany") says where the work is done, not a place. */
function placesOf(position: Record<string, unknown>): { locations: JobLocation[]; remote: boolean | null } {
  const offices = [text(position.office), ...list(record(position.additionalOffices)?.office).map(text)].filter(
    (office): office is string => office !== null,
  );
  let remote: boolean | null = null;
  const locations = offices.flatMap((office) => {
    const mode = /^remote$/i.test(office) ? { remote: true, rest: null } : workModeOf(office);
    remote ??= mode.remote;
    return mode.rest ? [placeFromDisplay(mode.rest)] : [];
  });
  return { locations, remote };
}

/** The company's careers-page name: the subdomain of `<company>.jobs.personio.de`, else the path segment before `job`. */
function companyFromUrl(url: string | null): string | null {
  try {
    const address = new URL(url ?? '');
    const host = /^([a-z0-9-]+)\.jobs\.personio\.(?:de|com)$/i.exec(address.hostname);
    if (host) return nameFromSlug(host[1]!);
    const parts = address.pathname.split('/').filter(Boolean);
    const at = parts.indexOf('job');
    return at > 0 ? nameFromSlug(parts[at - 1]!) : null;
  } catch {
    return null;
  }
}

/**
 * Personio: one `<position>` of a careers page's XML feed (`GET https://<company>.jobs.personio.de/xml`):
 * `name` the title, `subcompany`, `office` and `additionalOffices`, `employmentType` (permanent, intern,
 * trainee, freelance, temporary, working_student) with `schedule` (full-time, part-time), `seniority`,
 * `yearsOfExperience`, `createdAt`, and the titled HTML parts of `jobDescriptions` as the description.
 * The feed states no pay: any pay is read from the text.
 */
export function extractPersonioPosition(position: Record<string, unknown>, url: string | null): ExtractedPosting {
  const company = text(position.subcompany) ?? companyFromUrl(url);
  const where = placesOf(position);
  const type = text(position.employmentType);
  const schedule = text(position.schedule);
  // "permanent" says nothing of the hours: the schedule does; the other types are what they say.
  const words = [type && type !== 'permanent' ? type.replace(/_/g, ' ') : null, schedule, type].filter(
    (word): word is string => word !== null,
  );
  const years = yearsOf(text(position.yearsOfExperience));
  const description = objects(record(position.jobDescriptions)?.jobDescription)
    .map((part) => `${text(part.name) ? `<h3>${text(part.name)}</h3>` : ''}${text(part.value) ?? ''}`)
    .join('');
  const seniority = text(position.seniority);
  return {
    externalId: text(position.id),
    url,
    title: text(position.name),
    company,
    locations: where.locations,
    remote: where.remote,
    employmentTypes: words,
    seniority,
    salary: null,
    defaultCurrency: null,
    skills: null,
    experienceYears: years,
    descriptionHtml: description,
    postedAt: text(position.createdAt),
    expiresAt: null,
    provenance: {
      title: 'personio:name',
      ...(company ? { company: text(position.subcompany) ? 'personio:subcompany' : 'personio:url-company' } : {}),
      locations: 'personio:office+additionalOffices',
      ...(where.remote !== null ? { remote: 'personio:office' } : {}),
      ...(words.length > 0 ? { employmentType: 'personio:employmentType+schedule' } : {}),
      ...(seniority ? { seniority: 'personio:seniority' } : {}),
      ...(years ? { experienceYears: 'personio:yearsOfExperience' } : {}),
      description: 'personio:jobDescriptions',
      postedAt: 'personio:createdAt',
    },
  };
}

/** Personio: one `<position>` as the scraper stores it, or a whole `<workzag-jobs>` feed (read as XML). */
export const personioParser: ParserSourceModule = {
  name: 'personio',
  detect(document) {
    const node = record(document);
    const feed = node && 'workzag-jobs' in node ? (record(node['workzag-jobs']) ?? {}) : undefined;
    if (feed) return { format: 'personio', shape: 'Personio XML feed', items: objects(feed.position) };
    const position = record(node?.position);
    return position ? { format: 'personio', shape: 'Personio position', items: [position] } : undefined;
  },
  extract: extractPersonioPosition,
};
