import { hash } from 'node:crypto';
import { jobIdOf, type NormalizedJob } from '@jobpipe/contracts';
import { decodeHTML } from 'entities';
import { isoUtc } from './dates.js';
import { dedupeKey, textFingerprint } from './dedupe.js';
import { inlineText, isPlainText, plainDescription, sanitizedDescription, unescapeMarkup } from './description.js';
import { employmentTypeFromText, employmentTypeOf } from './employment-type.js';
import { experienceFromText } from './experience.js';
import type { ExtractedPosting, JobLocation, SourceStatus } from './extracted-posting.js';
import { PostingRejected } from './rejection.js';
import { annualize } from './salary.js';
import { salaryFromText } from './salary-text.js';
import { seniorityFromTitle } from './seniority.js';
import { skillImportance } from './skills/skill-importance.js';
import { skillDictionary, sourceSkills } from './skills.js';

/** Source of a normalized job. */
export type JobSource = NormalizedJob['source'];

/** A normalized posting plus what only the jobs table keeps. */
export interface ParsedPosting {
  readonly job: NormalizedJob;
  /** Sanitized description HTML (kept in the jobs table, not in events). */
  readonly descriptionHtml: string;
  readonly dedupeKey: string;
  readonly textFingerprint: string | null;
  /**
   * Whether the source itself says the posting is open or closed (absent where it says neither). Kept out
   * of the job and its content hash: a status is a lifecycle fact the parser acts on (it closes or reopens
   * the job), not content.
   */
  readonly sourceStatus?: SourceStatus;
}

/** What the caller knows beyond the body: the source, the id and URL it fetched, when it saw the posting. */
export interface NormalizeContext {
  readonly source: JobSource;
  /** The posting's id as the caller settled it, taken over the extracted one (e.g. a JSON-LD page's). */
  readonly postingId?: string | undefined;
  /** The id the caller fetched the body by, used when the posting has none. */
  readonly externalId?: string | undefined;
  readonly url?: string | undefined;
  /** ISO time the posting was fetched (first/last seen). */
  readonly seenAt: string;
  /** The page's visible text, for the years and pay a page shows but its structured data leaves out. */
  readonly pageText?: (() => string) | undefined;
  /** What to tell the user when no URL is known (e.g. how to give one). */
  readonly missingUrlReason?: string | undefined;
}

/** The value as an absolute http(s) URL, or null. */
export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function cleanLocations(locations: readonly JobLocation[]): JobLocation[] {
  const seen = new Set<string>();
  const kept: JobLocation[] = [];
  for (const location of locations) {
    const display = inlineText(location.display).slice(0, 300);
    if (!display || seen.has(display.toLowerCase())) continue;
    seen.add(display.toLowerCase());
    // Most displays are already tidy: keep the location as it is rather than copy it.
    kept.push(display === location.display ? location : { ...location, display });
  }
  return kept.slice(0, 50);
}

/** sha256 of the job's content (everything but the seen times and the hash itself) and its description HTML. */
export function contentHashOf(job: Omit<NormalizedJob, 'contentHash' | 'firstSeenAt' | 'lastSeenAt'>, descriptionHtml: string): string {
  // One-shot hash: no Hash object per posting.
  return hash('sha256', JSON.stringify([job, descriptionHtml]), 'hex');
}

/** Notes where a field's value came from (the source's own note, else `fallback`) when it has a value. */
function noteSource(
  provenance: Record<string, string>,
  stated: Readonly<Record<string, string>>,
  field: string,
  value: unknown,
  fallback: string,
): void {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return;
  provenance[field] = stated[field] ?? fallback;
}

type SkillDetail = NonNullable<NormalizedJob['skillDetails']>[number];

/**
 * The source's own skill tags merged with the skills its title and description name: each with how the
 * text asks for it and where it was found. A company's own name is not a skill it asks for ("Vercel is…"
 * on Vercel's postings); a skill the text names only as something the job teaches is left out.
 */
function skillsOf(extracted: ExtractedPosting, source: JobSource, title: string, company: string, descriptionText: string) {
  // join() builds one flat string; the matcher reads it code by code, which is about twice as slow on
  // a concatenation or a slice of a larger string.
  const text = [title, descriptionText].join('\n');
  const ownName = company.toLowerCase();
  const mentions = skillDictionary.mentions(text).filter((mention) => !ownName.includes(mention.name.toLowerCase()));
  const importance = skillImportance(text, mentions);
  const tagSource = extracted.provenance.skills ?? `${source}:skills`;
  const details = new Map<string, SkillDetail>();
  for (const name of extracted.skills ? sourceSkills(extracted.skills) : []) {
    const named = importance.get(name);
    details.set(name, { name, importance: named ?? 'mentioned', sources: named ? [tagSource, 'text:description'] : [tagSource] });
  }
  const textOnly = skillDictionary.sortedNames([...importance.keys()].filter((name) => !details.has(name)));
  for (const name of textOnly) details.set(name, { name, importance: importance.get(name)!, sources: ['text:description'] });
  const skillDetails = [...details.values()].slice(0, 200);
  return { skills: skillDetails.map((detail) => detail.name), skillDetails };
}

/**
 * Turns an extracted posting into the normalized job: checks the required fields (naming every missing
 * one), sanitizes the description, fills salary, skills and experience from the text where the source is
 * silent, annualizes the salary, converts dates to ISO UTC, and records where each value came from.
 */
export function normalizePosting(extracted: ExtractedPosting, context: NormalizeContext): ParsedPosting {
  const title = extracted.title ? inlineText(extracted.title).slice(0, 500) : '';
  const company = extracted.company ? inlineText(extracted.company).slice(0, 300) : '';
  const externalId = (context.postingId ?? extracted.externalId ?? context.externalId ?? '').trim().replace(/\s+/g, '-').slice(0, 200);
  const canonicalUrl = httpUrl(extracted.url) ?? httpUrl(context.url);
  const missing = [
    title ? null : 'title',
    company ? null : 'company',
    externalId ? null : 'external id',
    canonicalUrl ? null : `url (an absolute http(s) URL${context.missingUrlReason ? `: ${context.missingUrlReason}` : ''})`,
  ].filter((name): name is string => name !== null);
  if (missing.length > 0 || !canonicalUrl) {
    throw new PostingRejected(
      'MISSING_FIELDS',
      `${context.source} posting${externalId ? ` '${externalId}'` : ''} lacks required field(s): ${missing.join(', ')}`,
    );
  }

  const unescaped = unescapeMarkup(extracted.descriptionHtml);
  // Entities in plain text (&amp;) are decoded first; only line structure needs markup.
  const description = isPlainText(unescaped) ? plainDescription(decodeHTML(unescaped)) : sanitizedDescription(unescaped);
  const { html: descriptionHtml, text: descriptionText } = description;
  const provenance: Record<string, string> = {};

  const descriptionSalary = extracted.salary ? null : salaryFromText(descriptionText, extracted.defaultCurrency);
  const pageSalary =
    extracted.salary || descriptionSalary || !context.pageText ? null : salaryFromText(context.pageText(), extracted.defaultCurrency);
  const textSalary = descriptionSalary ?? pageSalary;
  const salary = extracted.salary ?? textSalary;
  const { skills, skillDetails } = skillsOf(extracted, context.source, title, company, descriptionText);
  const descriptionYears = extracted.experienceYears ? null : experienceFromText(descriptionText);
  const pageYears = extracted.experienceYears || descriptionYears || !context.pageText ? null : experienceFromText(context.pageText());
  const experienceYears = extracted.experienceYears ?? descriptionYears ?? pageYears;
  const seniority = extracted.seniority ?? seniorityFromTitle(title);
  const statedType = employmentTypeOf(extracted.employmentTypes);
  const employmentType = statedType ?? employmentTypeFromText(title, descriptionText);
  const locations = cleanLocations(extracted.locations);
  const content = {
    jobId: jobIdOf(context.source, externalId),
    source: context.source,
    externalId,
    canonicalUrl,
    title,
    company,
    locations,
    remote: extracted.remote,
    employmentType,
    seniority: seniority ? seniority.slice(0, 100) : null,
    salary: salary ? annualize(salary) : null,
    skills,
    skillDetails,
    experienceYears,
    descriptionText,
    postedAt: isoUtc(extracted.postedAt),
    expiresAt: isoUtc(extracted.expiresAt),
    // Filled below, before the content is hashed.
    provenance,
  };
  noteSource(
    provenance,
    extracted.provenance,
    'canonicalUrl',
    extracted.provenance.canonicalUrl ? canonicalUrl : null,
    `${context.source}:url`,
  );
  noteSource(provenance, extracted.provenance, 'title', title, `${context.source}:title`);
  noteSource(provenance, extracted.provenance, 'company', company, `${context.source}:company`);
  noteSource(provenance, extracted.provenance, 'locations', locations, `${context.source}:location`);
  noteSource(provenance, extracted.provenance, 'remote', content.remote, `${context.source}:remote`);
  if (employmentType) {
    provenance.employmentType = statedType
      ? (extracted.provenance.employmentType ?? `${context.source}:employmentType`)
      : 'text:description';
  }
  if (seniority)
    provenance.seniority = extracted.seniority ? (extracted.provenance.seniority ?? `${context.source}:seniority`) : 'text:title';
  if (salary) {
    provenance.salary = pageSalary
      ? 'text:page'
      : textSalary
        ? 'text:description'
        : (extracted.provenance.salary ?? `${context.source}:salary`);
  }
  if (skills.length > 0) {
    const from = new Set<string>();
    for (const detail of skillDetails) for (const source of detail.sources) from.add(source);
    provenance.skills = [...from].join('+');
  }
  if (experienceYears) {
    provenance.experienceYears = extracted.experienceYears
      ? (extracted.provenance.experienceYears ?? `${context.source}:experience`)
      : pageYears
        ? 'text:page'
        : 'text:description';
  }
  noteSource(provenance, extracted.provenance, 'description', descriptionText || null, `${context.source}:description`);
  noteSource(provenance, extracted.provenance, 'postedAt', content.postedAt, `${context.source}:postedAt`);
  noteSource(provenance, extracted.provenance, 'expiresAt', content.expiresAt, `${context.source}:expiresAt`);
  const contentHash = contentHashOf(content, descriptionHtml);
  // The job is the content with three fields added (no copy of its fields), in the order events carry them.
  const job: NormalizedJob = Object.assign(content, { contentHash, firstSeenAt: context.seenAt, lastSeenAt: context.seenAt });
  return {
    job,
    descriptionHtml,
    dedupeKey: dedupeKey(company, title, locations, extracted.remote),
    textFingerprint: textFingerprint(descriptionText),
    ...(extracted.sourceStatus ? { sourceStatus: extracted.sourceStatus } : {}),
  };
}
