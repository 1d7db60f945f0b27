/**
 * A small normalizer from the sources' real formats to NormalizedJob, enough for the recommender's
 * evaluation (the parser service owns the real one; services do not import each other).
 */
import { createHash } from 'node:crypto';
import type { NormalizedJob } from '@jobpipe/contracts';
import type { RawPosting } from './generator.js';

// biome-ignore lint/suspicious/noExplicitAny: raw source JSON is read loosely here
type Json = Record<string, any>;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#?\w+);/g, (whole, name: string) => {
    if (ENTITIES[name]) return ENTITIES[name]!;
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.startsWith('#x') ? `0${name.slice(1)}` : name.slice(1)));
    return whole;
  });
}

function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<(br|\/p|\/li|\/h\d|\/div)[^>]*>/gi, '\n').replace(/<[^>]+>/g, ' '))
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

function yearsFromText(text: string): NormalizedJob['experienceYears'] {
  const match = /(\d{1,2})\+?\s*years?/i.exec(text);
  return match ? { min: Number(match[1]), max: null } : null;
}

function annual(min: number | null, max: number | null, currency: string, period: 'month' | 'year'): NormalizedJob['salary'] {
  const factor = period === 'month' ? 12 : 1;
  return {
    min,
    max,
    currency,
    period,
    annualMin: min === null ? null : min * factor,
    annualMax: max === null ? null : max * factor,
    basis: 'stated',
  };
}

type Fields = Omit<NormalizedJob, 'jobId' | 'source' | 'contentHash' | 'firstSeenAt' | 'lastSeenAt' | 'expiresAt' | 'employmentType'>;

function fromMcf(body: Json): Fields {
  const salary = body.salary?.minimum ? annual(body.salary.minimum, body.salary.maximum ?? null, 'SGD', 'month') : null;
  const description = htmlToText(body.description ?? '');
  return {
    externalId: body.uuid,
    canonicalUrl: body.metadata?.jobDetailsUrl ?? `https://api.mycareersfuture.gov.sg/v2/jobs/${body.uuid}`,
    title: body.title,
    company: body.postedCompany?.name ?? 'Unknown',
    locations: [{ display: 'Singapore', city: 'Singapore', region: null, country: 'SG' }],
    remote: null,
    seniority: body.positionLevels?.[0]?.position ?? null,
    salary,
    skills: (body.skills ?? []).map((skill: Json) => skill.skill),
    experienceYears: typeof body.minimumYearsExperience === 'number' ? { min: body.minimumYearsExperience, max: null } : null,
    descriptionText: description,
    postedAt: body.metadata?.newPostingDate ? `${body.metadata.newPostingDate}T00:00:00.000Z` : null,
  };
}

function fromGreenhouse(body: Json): Fields {
  const text = htmlToText(decodeEntities(body.content ?? ''));
  const place: string = body.location?.name ?? 'Unknown';
  return {
    externalId: String(body.id),
    canonicalUrl: body.absolute_url,
    title: body.title,
    company: body.company_name ?? 'Unknown',
    locations: [{ display: place, city: null, region: null, country: null }],
    remote: /remote/i.test(place),
    seniority: null,
    salary: null,
    skills: [],
    experienceYears: yearsFromText(text),
    descriptionText: text,
    postedAt: body.first_published ? new Date(body.first_published).toISOString() : null,
  };
}

function fromLever(body: Json): Fields {
  const lists = (body.lists ?? []).map((list: Json) => `${list.text}\n${htmlToText(list.content)}`).join('\n');
  const text = [body.descriptionPlain, lists, body.additionalPlain].filter(Boolean).join('\n');
  const range = body.salaryRange;
  return {
    externalId: body.id,
    canonicalUrl: body.hostedUrl,
    title: body.text,
    company: body.company ?? 'Unknown',
    locations: [{ display: body.categories.location, city: null, region: null, country: null }],
    remote: body.workplaceType === 'remote',
    seniority: null,
    salary: range ? annual(range.min, range.max, range.currency, 'year') : null,
    skills: [],
    experienceYears: yearsFromText(text),
    descriptionText: text,
    postedAt: new Date(body.createdAt).toISOString(),
  };
}

function fromUsajobs(body: Json): Fields {
  const d = body.MatchedObjectDescriptor;
  const details = d.UserArea?.Details ?? {};
  const text = [details.JobSummary, ...(details.MajorDuties ?? []), d.QualificationSummary].filter(Boolean).join('\n');
  const pay = d.PositionRemuneration?.[0];
  return {
    externalId: body.MatchedObjectId,
    canonicalUrl: d.PositionURI.replace(':443', ''),
    title: d.PositionTitle,
    company: d.OrganizationName,
    locations: (d.PositionLocation ?? []).map((place: Json) => ({
      display: place.LocationName,
      city: place.CityName ?? null,
      region: place.CountrySubDivisionCode ?? null,
      country: 'US',
    })),
    remote: details.RemoteIndicator === true,
    seniority: null,
    salary: pay && /year|PA/i.test(pay.RateIntervalCode) ? annual(Number(pay.MinimumRange), Number(pay.MaximumRange), 'USD', 'year') : null,
    skills: [],
    experienceYears: yearsFromText(text),
    descriptionText: text.slice(0, 40_000),
    postedAt: new Date(d.PublicationStartDate).toISOString(),
  };
}

const READERS = { mcf: fromMcf, greenhouse: fromGreenhouse, lever: fromLever, usajobs: fromUsajobs } as const;

/** Normalizes one raw posting. */
export function normalize(raw: RawPosting): NormalizedJob {
  const fields = READERS[raw.source](raw.body as Json);
  const contentHash = createHash('sha256').update(JSON.stringify(fields)).digest('hex');
  const seen = fields.postedAt ?? '2026-06-01T00:00:00.000Z';
  return {
    ...fields,
    jobId: `${raw.source}:${fields.externalId}`,
    source: raw.source,
    employmentType: 'full-time',
    expiresAt: null,
    contentHash,
    firstSeenAt: seen,
    lastSeenAt: seen,
  };
}
