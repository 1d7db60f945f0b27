import type { ExtractedPosting } from '../extracted-posting.js';
import { placeFromDisplay, workModeOf } from '../place.js';
import { firstText, list, record, text } from './json-fields.js';
import type { ParserSourceModule } from './parser-source.js';

/** "Remote" / "Hybrid" / "On-site" as Workday's `remoteType` states it. */
function remoteOf(remoteType: string | null): boolean | null {
  if (!remoteType) return null;
  if (/remote/i.test(remoteType)) return true;
  return /hybrid|on[-\s]?site|office/i.test(remoteType) ? false : null;
}

/** `<tenant>.<jobPostingId>`, the scraper's id of a Workday posting, when the detail names both. */
function externalIdOf(info: Record<string, unknown>): string | null {
  const posting = text(info.jobPostingId);
  try {
    const tenant = /^([a-z0-9-]+)\.wd\d+\.myworkdayjobs\.com$/.exec(new URL(text(info.externalUrl) ?? '').hostname)?.[1];
    return tenant && posting ? `${tenant}.${posting}` : null;
  } catch {
    return null;
  }
}

/**
 * Workday: one posting detail (`GET /wday/cxs/{tenant}/{site}{externalPath}`): `jobPostingInfo` holds the
 * posting (HTML `jobDescription`, `location` and `additionalLocations`, `timeType`, `startDate` the day it
 * was posted, `endDate` when it closes, `remoteType`, `externalUrl`), `hiringOrganization` the employer.
 * Workday states no structured pay: any pay is read from the description.
 */
export function extractWorkdayPosting(node: Record<string, unknown>, url: string | null): ExtractedPosting {
  const info = record(node.jobPostingInfo) ?? {};
  const places = [text(info.location), ...list(info.additionalLocations).map(text)].filter((place): place is string => place !== null);
  // Workday writes remote places as "Remote, USA": the work mode, then where.
  const modes = places.map((place) => workModeOf(place.replace(/^remote\s*,\s*/i, 'Remote - ')));
  const remoteType = text(info.remoteType);
  const remote = remoteOf(remoteType) ?? modes.find((mode) => mode.remote !== null)?.remote ?? null;
  const timeType = text(info.timeType);
  const company = text(record(node.hiringOrganization)?.name);
  return {
    externalId: externalIdOf(info),
    url: firstText(info.externalUrl, url),
    title: text(info.title),
    company,
    locations: modes.flatMap((mode) => (mode.rest ? [placeFromDisplay(mode.rest)] : [])),
    remote,
    employmentTypes: timeType ? [timeType] : [],
    seniority: null,
    salary: null,
    defaultCurrency: null,
    skills: null,
    experienceYears: null,
    descriptionHtml: text(info.jobDescription) ?? '',
    postedAt: text(info.startDate),
    expiresAt: text(info.endDate),
    provenance: {
      title: 'workday:jobPostingInfo.title',
      ...(company ? { company: 'workday:hiringOrganization.name' } : {}),
      locations: 'workday:jobPostingInfo.location+additionalLocations',
      ...(remote !== null ? { remote: remoteType ? 'workday:jobPostingInfo.remoteType' : 'workday:jobPostingInfo.location' } : {}),
      ...(timeType ? { employmentType: 'workday:jobPostingInfo.timeType' } : {}),
      description: 'workday:jobPostingInfo.jobDescription',
      postedAt: 'workday:jobPostingInfo.startDate',
      expiresAt: 'workday:jobPostingInfo.endDate',
    },
  };
}

/** Workday: a posting detail answer (its `jobPostingInfo`). */
export const workdayParser: ParserSourceModule = {
  name: 'workday',
  detect(document) {
    const node = record(document);
    return node && record(node.jobPostingInfo) ? { format: 'workday', shape: 'Workday posting detail', items: [node] } : undefined;
  },
  extract: extractWorkdayPosting,
};
