import type { ExtractedPosting, JobLocation } from '../extracted-posting.js';
import { placeFromDisplay, workModeOf } from '../place.js';
import { readPeriod, salaryFigures } from '../salary.js';
import { firstText, list, nameFromSlug, record, segmentAfter, text } from './json-fields.js';
import { objects, type ParserSourceModule } from './parser-source.js';

function companyOf(url: string | null, hostedUrl: string | null): string | null {
  const fromApi = segmentAfter(url, 'postings');
  if (fromApi) return fromApi;
  if (!hostedUrl) return null;
  try {
    return new URL(hostedUrl).pathname.split('/').filter(Boolean)[0] ?? null;
  } catch {
    return null;
  }
}

function locationsOf(categories: Record<string, unknown>): { locations: JobLocation[]; remote: boolean | null } {
  const all = list(categories.allLocations)
    .map(text)
    .filter((entry): entry is string => entry !== null);
  const names = all.length > 0 ? all : [text(categories.location)].filter((entry): entry is string => entry !== null);
  let remote: boolean | null = null;
  const locations = names.flatMap((name) => {
    const mode = workModeOf(name);
    remote ??= mode.remote;
    return mode.rest ? [placeFromDisplay(mode.rest)] : [];
  });
  return { locations, remote };
}

/**
 * Lever: one posting of `/v0/postings/{company}?mode=json`. The description is composed from
 * `description`, each of `lists` (a heading and `<li>` content) and `additional`; the company is the
 * account name in the URL; `salaryRange` is stated pay.
 */
export function extractLeverPosting(posting: Record<string, unknown>, url: string | null): ExtractedPosting {
  const categories = record(posting.categories) ?? {};
  const hostedUrl = text(posting.hostedUrl);
  const slug = companyOf(url, hostedUrl);
  const range = record(posting.salaryRange);
  const period = readPeriod(text(range?.interval));
  const currency = text(range?.currency)?.toUpperCase() ?? null;
  const figures =
    range && period && currency && /^[A-Z]{3}$/.test(currency) ? salaryFigures(range.min, range.max, currency, period, 'stated') : null;
  const workplace = text(posting.workplaceType)?.toLowerCase() ?? null;
  const where = locationsOf(categories);
  const stated = workplace === 'remote' ? true : workplace === 'hybrid' || workplace === 'on-site' || workplace === 'onsite' ? false : null;
  const remote = stated ?? where.remote;
  const lists = list(posting.lists)
    .map(record)
    .map((entry) => (entry ? `<h3>${text(entry.text) ?? ''}</h3><ul>${text(entry.content) ?? ''}</ul>` : ''))
    .join('');
  const commitment = text(categories.commitment);
  return {
    externalId: text(posting.id),
    url: firstText(hostedUrl, url),
    title: text(posting.text),
    company: slug ? nameFromSlug(slug) : null,
    locations: where.locations,
    remote,
    employmentTypes: commitment ? [commitment] : [],
    seniority: null,
    salary: figures,
    defaultCurrency: null,
    skills: null,
    experienceYears: null,
    descriptionHtml: `${text(posting.description) ?? text(posting.descriptionPlain) ?? ''}${lists}${text(posting.additional) ?? ''}`,
    postedAt: typeof posting.createdAt === 'number' ? posting.createdAt : text(posting.createdAt),
    expiresAt: null,
    provenance: {
      title: 'lever:text',
      company: 'lever:url-account',
      locations: 'lever:categories.location',
      ...(remote !== null ? { remote: stated !== null ? 'lever:workplaceType' : 'lever:categories.location' } : {}),
      ...(figures ? { salary: `lever:salaryRange (${text(range?.interval)})` } : {}),
      ...(commitment ? { employmentType: 'lever:categories.commitment' } : {}),
      description: 'lever:description+lists+additional',
      postedAt: 'lever:createdAt',
    },
  };
}

const isLeverPosting = (node: Record<string, unknown>) => 'hostedUrl' in node || ('text' in node && 'categories' in node);

/** Lever: one posting, or a whole `/v0/postings/{company}` array. */
export const leverParser: ParserSourceModule = {
  name: 'lever',
  detect(document) {
    if (Array.isArray(document)) {
      const items = objects(document);
      return items.length === 0 || items.every(isLeverPosting) ? { format: 'lever', shape: 'Lever postings array', items } : undefined;
    }
    const node = record(document);
    return node && isLeverPosting(node) ? { format: 'lever', shape: 'Lever posting', items: [node] } : undefined;
  },
  extract: extractLeverPosting,
};
