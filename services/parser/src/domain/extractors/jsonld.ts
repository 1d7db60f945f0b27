import { inlineText } from '../description.js';
import type { ExtractedPosting, JobLocation, SalaryFigures } from '../extracted-posting.js';
import { periodFromMagnitude, readAmount, readPeriod, salaryFigures } from '../salary.js';
import { firstText, list, record, text } from './json-fields.js';
import type { ParserSourceModule } from './parser-source.js';

const COUNTRY_CURRENCY: Readonly<Record<string, string>> = {
  us: 'USD',
  usa: 'USD',
  'united states': 'USD',
  sg: 'SGD',
  singapore: 'SGD',
  gb: 'GBP',
  uk: 'GBP',
  'united kingdom': 'GBP',
  ca: 'CAD',
  canada: 'CAD',
  au: 'AUD',
  australia: 'AUD',
  in: 'INR',
  india: 'INR',
  de: 'EUR',
  germany: 'EUR',
  fr: 'EUR',
  france: 'EUR',
  nl: 'EUR',
  netherlands: 'EUR',
  ie: 'EUR',
  ireland: 'EUR',
  es: 'EUR',
  spain: 'EUR',
  it: 'EUR',
  italy: 'EUR',
  nz: 'NZD',
  'new zealand': 'NZD',
  ch: 'CHF',
  switzerland: 'CHF',
  jp: 'JPY',
  japan: 'JPY',
  hk: 'HKD',
  'hong kong': 'HKD',
  my: 'MYR',
  malaysia: 'MYR',
};

/** Whether a JSON-LD node's @type names JobPosting (as "JobPosting", "schema:JobPosting", a schema.org URL, or in an array). */
export function isJobPosting(node: Record<string, unknown>): boolean {
  return list(node['@type']).some((type) => typeof type === 'string' && /(^|[/:])JobPosting$/.test(type.trim()));
}

/** Every JobPosting node in JSON-LD documents: alone, in arrays, in `@graph`, or nested (ItemList, WebPage.mainEntity). */
export function findJobPostings(documents: readonly unknown[]): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (const document of documents) collectJobPostings(document, 0, found);
  return found;
}

/** Adds the JobPosting nodes in and under `value` to `found`, at most 12 levels down. */
function collectJobPostings(value: unknown, depth: number, found: Record<string, unknown>[]): void {
  if (depth > 12) return;
  if (Array.isArray(value)) {
    for (const entry of value) collectJobPostings(entry, depth + 1, found);
    return;
  }
  const node = record(value);
  if (!node) return;
  if (isJobPosting(node)) {
    found.push(node);
    return;
  }
  for (const child of Object.values(node)) if (typeof child === 'object') collectJobPostings(child, depth + 1, found);
}

function nameOf(value: unknown): string | null {
  const first = list(value)[0];
  const found = typeof first === 'string' ? text(first) : firstText(record(first)?.name, record(first)?.legalName);
  return found ? inlineText(found) : null;
}

function addressLocation(value: unknown): JobLocation | null {
  if (typeof value === 'string') return text(value) ? { display: inlineText(value) } : null;
  const address = record(value);
  if (!address) return null;
  const city = text(address.addressLocality);
  const region = text(address.addressRegion);
  const country = nameOf(address.addressCountry);
  const display = [city, region, country].filter(Boolean).join(', ') || text(address.streetAddress) || text(address.name);
  return display ? { display: inlineText(display), city, region, country } : null;
}

function locationsOf(posting: Record<string, unknown>): JobLocation[] {
  const places = list(posting.jobLocation).map((place) => {
    if (typeof place === 'string') return addressLocation(place);
    const node = record(place);
    return addressLocation(node?.address ?? node?.name ?? null);
  });
  return places.filter((place): place is JobLocation => place !== null);
}

function currencyFor(stated: string | null, locations: readonly JobLocation[]): { currency: string | null; stated: boolean } {
  const code = stated?.toUpperCase();
  if (code && /^[A-Z]{3}$/.test(code)) return { currency: code, stated: true };
  for (const location of locations) {
    const currency = COUNTRY_CURRENCY[(location.country ?? '').toLowerCase()];
    if (currency) return { currency, stated: false };
  }
  return { currency: null, stated: false };
}

/** `baseSalary` in its real-world forms: MonetaryAmount with a QuantitativeValue, a bare number, numbers as strings, unitText in any case. */
function salaryOf(posting: Record<string, unknown>, locations: readonly JobLocation[]): { figures: SalaryFigures | null; source: string } {
  const candidates: [unknown, string][] = [
    [posting.baseSalary, 'jsonld:baseSalary'],
    [posting.estimatedSalary, 'jsonld:estimatedSalary'],
  ];
  for (const [value, source] of candidates) {
    const amount = record(list(value)[0]) ?? (value === undefined || value === null ? undefined : { value });
    if (!amount) continue;
    const quantity = record(amount.value);
    const min = quantity ? (quantity.minValue ?? quantity.value) : (amount.minValue ?? amount.value);
    const max = quantity ? (quantity.maxValue ?? (quantity.minValue === undefined ? null : quantity.value)) : (amount.maxValue ?? null);
    const unit = firstText(quantity?.unitText, amount.unitText);
    const currency = currencyFor(firstText(amount.currency, posting.salaryCurrency), locations);
    if (!currency.currency) continue;
    const reference = readAmount(max) ?? readAmount(min);
    if (reference === null) continue;
    const period = readPeriod(unit) ?? periodFromMagnitude(reference);
    const statedBasis = source === 'jsonld:baseSalary' && unit !== null && readPeriod(unit) !== undefined && currency.stated;
    const figures = salaryFigures(min, max ?? min, currency.currency, period, statedBasis ? 'stated' : 'inferred');
    if (figures) return { figures, source };
  }
  return { figures: null, source: '' };
}

function experienceOf(value: unknown): { min: number | null; max: number | null } | null {
  const node = record(list(value)[0]);
  const months = node ? readAmount(node.monthsOfExperience) : null;
  return months !== null ? { min: Math.round((months / 12) * 10) / 10, max: null } : null;
}

function skillsOf(value: unknown): string[] | null {
  const names = list(value).flatMap((entry) => {
    const name = typeof entry === 'string' ? entry : firstText(record(entry)?.name);
    return name ? name.split(/\s*[,;•|]\s*/) : [];
  });
  const cleaned = names.map((name) => inlineText(name)).filter((name) => name.length > 0 && name.length <= 100);
  return cleaned.length > 0 ? cleaned : null;
}

function identifierOf(value: unknown): string | null {
  const first = list(value)[0];
  return firstText(record(first)?.value, record(first)?.['@id'], typeof first === 'object' ? null : first);
}

/**
 * A schema.org JobPosting node (JSON-LD), whatever real pages do to it: hiringOrganization as a string or
 * an Organization, jobLocation as one or many Places with a PostalAddress or a string, remote by
 * `jobLocationType: TELECOMMUTE`, entity-escaped descriptions, salary in `baseSalary` or only in the text.
 */
export function extractJsonLdPosting(posting: Record<string, unknown>, _pageUrl: string | null): ExtractedPosting {
  const locations = locationsOf(posting);
  const remote = list(posting.jobLocationType).some((type) => /telecommute|remote/i.test(String(type))) ? true : null;
  if (remote && locations.length === 0) {
    for (const requirement of list(posting.applicantLocationRequirements)) {
      const name = nameOf(requirement);
      if (name) locations.push({ display: `Remote (${name})`, city: null, region: null, country: name });
    }
  }
  const { figures, source } = salaryOf(posting, locations);
  const experience = experienceOf(posting.experienceRequirements);
  const skills = skillsOf(posting.skills);
  const experienceText = typeof posting.experienceRequirements === 'string' ? posting.experienceRequirements : '';
  return {
    externalId: identifierOf(posting.identifier),
    // Without its own url the page's canonical address comes before the fetched one (parse-raw-body).
    url: text(posting.url),
    title: text(posting.title) ? inlineText(text(posting.title)!) : firstText(posting.name),
    company: nameOf(posting.hiringOrganization),
    locations,
    remote,
    employmentTypes: list(posting.employmentType).flatMap((type) => (typeof type === 'string' ? type.split(/\s*,\s*/) : [])),
    seniority: null,
    salary: figures,
    defaultCurrency: currencyFor(firstText(posting.salaryCurrency), locations).currency,
    skills,
    experienceYears: experience,
    descriptionHtml: `${text(posting.description) ?? ''}${experienceText ? `<p>${experienceText}</p>` : ''}`,
    postedAt: text(posting.datePosted),
    expiresAt: text(posting.validThrough),
    provenance: {
      title: 'jsonld:title',
      company: 'jsonld:hiringOrganization',
      locations: 'jsonld:jobLocation',
      ...(remote ? { remote: 'jsonld:jobLocationType' } : {}),
      ...(figures ? { salary: source } : {}),
      ...(skills ? { skills: 'jsonld:skills' } : {}),
      ...(experience ? { experienceYears: 'jsonld:experienceRequirements' } : {}),
      employmentType: 'jsonld:employmentType',
      description: 'jsonld:description',
      postedAt: 'jsonld:datePosted',
      expiresAt: 'jsonld:validThrough',
    },
  };
}

function hasJsonLdMarkers(document: unknown): boolean {
  const first = record(list(document)[0]);
  return first !== undefined && ('@context' in first || '@type' in first || '@graph' in first);
}

/** schema.org JobPosting: a JSON-LD document (pages reach the extractor through their script blocks). */
export const jsonldParser: ParserSourceModule = {
  name: 'jsonld',
  detect: (document) =>
    hasJsonLdMarkers(document) ? { format: 'jsonld', shape: 'JSON-LD document', items: findJobPostings([document]) } : undefined,
  extract: extractJsonLdPosting,
};
