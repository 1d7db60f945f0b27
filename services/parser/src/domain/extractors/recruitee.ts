import type { ExtractedPosting, JobLocation, SalaryFigures } from '../extracted-posting.js';
import { readPeriod, salaryFigures } from '../salary.js';
import { firstText, nameFromSlug, record, text } from './json-fields.js';
import { objects, type ParserSourceModule } from './parser-source.js';

function place(city: unknown, region: unknown, country: unknown, countryCode: unknown): JobLocation | null {
  const parts = { city: text(city), region: text(region), country: text(country) ?? text(countryCode) };
  const display = [parts.city, parts.region, parts.country].filter(Boolean).join(', ');
  return display ? { display, ...parts } : null;
}

/** The offer's places: each of `locations`, else its own city, state and country. */
function locationsOf(offer: Record<string, unknown>): JobLocation[] {
  const listed = objects(offer.locations).map((entry) => place(entry.city, entry.state, entry.country, entry.country_code));
  const places = listed.length > 0 ? listed : [place(offer.city, offer.state_name, offer.country, offer.country_code)];
  return places.filter((entry): entry is JobLocation => entry !== null);
}

function salaryOf(offer: Record<string, unknown>): SalaryFigures | null {
  const salary = record(offer.salary);
  const currency = text(salary?.currency)?.toUpperCase() ?? null;
  const period = readPeriod(text(salary?.period));
  if (!salary || !currency || !/^[A-Z]{3}$/.test(currency) || !period) return null;
  return salaryFigures(salary.min, salary.max, currency, period, 'stated');
}

/** The careers-site name in `https://<company>.recruitee.com/o/<slug>`, as a readable name. */
function companyFromUrl(careersUrl: string | null): string | null {
  try {
    const host = careersUrl ? new URL(careersUrl).hostname : '';
    return host.endsWith('.recruitee.com') ? nameFromSlug(host.slice(0, -'.recruitee.com'.length)) : null;
  } catch {
    return null;
  }
}

/**
 * Recruitee: one offer of a careers site's `GET /api/offers/` (or the `offer` of `/api/offers/{slug}`):
 * `title`, `company_name`, `locations` (city, state, country), `remote`/`hybrid`/`on_site`,
 * `employment_type_code` (fulltime_permanent, parttime, contract, internship…), `experience_code`,
 * `salary` (min, max, currency, period) as stated pay, `description` and `requirements` (HTML),
 * `published_at` and `close_at` ("2026-10-09 07:00:00 UTC").
 */
export function extractRecruiteeOffer(offer: Record<string, unknown>, url: string | null): ExtractedPosting {
  const careersUrl = text(offer.careers_url);
  const company = text(offer.company_name) ?? companyFromUrl(careersUrl);
  const remote = offer.remote === true ? true : offer.hybrid === true || offer.on_site === true ? false : null;
  const salary = salaryOf(offer);
  const employment = text(offer.employment_type_code);
  const level = text(offer.experience_code)?.replace(/_/g, ' ') ?? null;
  const requirements = text(offer.requirements);
  return {
    externalId: text(offer.id),
    url: firstText(careersUrl, url),
    title: text(offer.title),
    company,
    locations: locationsOf(offer),
    remote,
    employmentTypes: employment ? [employment] : [],
    seniority: level,
    salary,
    defaultCurrency: null,
    skills: null,
    experienceYears: null,
    descriptionHtml: `${text(offer.description) ?? ''}${requirements ? `<h3>Requirements</h3>${requirements}` : ''}`,
    postedAt: firstText(offer.published_at, offer.created_at),
    expiresAt: text(offer.close_at),
    provenance: {
      title: 'recruitee:title',
      ...(company ? { company: text(offer.company_name) ? 'recruitee:company_name' : 'recruitee:careers_url' } : {}),
      locations: 'recruitee:locations',
      ...(remote !== null ? { remote: 'recruitee:remote/hybrid/on_site' } : {}),
      ...(salary ? { salary: 'recruitee:salary' } : {}),
      ...(employment ? { employmentType: 'recruitee:employment_type_code' } : {}),
      ...(level ? { seniority: 'recruitee:experience_code' } : {}),
      description: 'recruitee:description+requirements',
      postedAt: 'recruitee:published_at',
    },
  };
}

const isRecruiteeOffer = (node: Record<string, unknown>) => 'careers_url' in node && 'slug' in node;

/** Recruitee: one offer as the scraper stores it, a whole `/api/offers/` answer, or an `/api/offers/{slug}` answer. */
export const recruiteeParser: ParserSourceModule = {
  name: 'recruitee',
  detect(document) {
    const node = record(document);
    if (!node) return undefined;
    if (Array.isArray(node.offers)) return { format: 'recruitee', shape: 'Recruitee offers list', items: objects(node.offers) };
    const wrapped = record(node.offer);
    if (wrapped && isRecruiteeOffer(wrapped)) return { format: 'recruitee', shape: 'Recruitee offer answer', items: [wrapped] };
    return isRecruiteeOffer(node) ? { format: 'recruitee', shape: 'Recruitee offer', items: [node] } : undefined;
  },
  extract: extractRecruiteeOffer,
};
