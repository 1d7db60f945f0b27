import { escapeText } from '../description-sanitizer.js';
import type { ExtractedPosting, JobLocation } from '../extracted-posting.js';
import { experienceByGrade } from '../grade-experience.js';
import { readPeriod, salaryFigures } from '../salary.js';
import { firstText, list, pluck, record, text } from './json-fields.js';
import { objects, type ParserSourceModule } from './parser-source.js';

function usajobsLocations(descriptor: Record<string, unknown>): JobLocation[] {
  return list(descriptor.PositionLocation)
    .map(record)
    .filter((location): location is Record<string, unknown> => location !== undefined)
    .map((location) => {
      const display = firstText(location.LocationName, location.CityName) ?? '';
      return {
        display,
        city: text(text(location.CityName)?.split(',')[0]),
        region: text(location.CountrySubDivisionCode),
        country: text(location.CountryCode),
      };
    })
    .filter((location) => location.display.length > 0);
}

function section(heading: string, body: unknown): string {
  const paragraphs = list(body)
    .map(text)
    .filter((entry): entry is string => entry !== null);
  if (paragraphs.length === 0) return '';
  const content =
    paragraphs.length > 1
      ? `<ul>${paragraphs.map((entry) => `<li>${escapeText(entry)}</li>`).join('')}</ul>`
      : `<p>${escapeText(paragraphs[0]!)}</p>`;
  return `<h3>${heading}</h3>${content}`;
}

function grade(descriptor: Record<string, unknown>, details: Record<string, unknown>): string | null {
  const plan = pluck(descriptor.JobGrade, 'Code')[0];
  const low = text(details.LowGrade);
  const high = text(details.HighGrade);
  if (!plan || !low || /^0+$/.test(low)) return null;
  return high && high !== low && !/^0+$/.test(high) ? `${plan}-${low} to ${plan}-${high}` : `${plan}-${low}`;
}

/**
 * USAJOBS: one `SearchResult.SearchResultItems` element. Figures come as strings with a RateIntervalCode
 * (PA/PH/PD/PW/BW/PM/WC, or its description "Per Year"); the description is composed from the summary,
 * duties, qualifications, requirements and education sections, which the API sends as plain text.
 */
export function extractUsajobsItem(item: Record<string, unknown>, url: string | null): ExtractedPosting {
  const descriptor = record(item.MatchedObjectDescriptor) ?? {};
  const details = record(record(descriptor.UserArea)?.Details) ?? {};
  const remuneration = record(list(descriptor.PositionRemuneration)[0]);
  const interval = firstText(remuneration?.RateIntervalCode, remuneration?.Description);
  const period = readPeriod(interval);
  const figures =
    remuneration && period ? salaryFigures(remuneration.MinimumRange, remuneration.MaximumRange, 'USD', period, 'stated') : null;
  const remote = typeof details.RemoteIndicator === 'boolean' ? details.RemoteIndicator : null;
  const seniority = grade(descriptor, details);
  const html = [
    section('Summary', details.JobSummary),
    section('Duties', details.MajorDuties),
    section('Qualifications', descriptor.QualificationSummary),
    section('Requirements', details.Requirements),
    section('Education', details.Education),
  ].join('');
  // The lowest grade's minimum is what the posting asks of a first-time applicant; each grade's is named.
  const grades = experienceByGrade(
    [text(descriptor.QualificationSummary), ...list(details.Requirements).map(text)].filter(Boolean).join('\n'),
  );
  const lowest = grades.reduce<(typeof grades)[number] | undefined>(
    (low, grade) => (!low || (grade.years.min ?? 0) < (low.years.min ?? 0) ? grade : low),
    undefined,
  );
  return {
    externalId: firstText(item.MatchedObjectId, descriptor.PositionID),
    url: firstText(descriptor.PositionURI, url),
    title: text(descriptor.PositionTitle),
    company: firstText(descriptor.OrganizationName, descriptor.DepartmentName),
    locations: usajobsLocations(descriptor),
    remote,
    employmentTypes: pluck(descriptor.PositionSchedule, 'Name'),
    seniority,
    salary: figures,
    defaultCurrency: 'USD',
    skills: null,
    experienceYears: lowest ? lowest.years : null,
    descriptionHtml: html,
    postedAt: firstText(descriptor.PublicationStartDate, descriptor.PositionStartDate),
    expiresAt: firstText(descriptor.ApplicationCloseDate, descriptor.PositionEndDate),
    provenance: {
      title: 'usajobs:PositionTitle',
      company: 'usajobs:OrganizationName',
      locations: 'usajobs:PositionLocation',
      ...(figures ? { salary: `usajobs:PositionRemuneration (${interval})` } : {}),
      ...(remote !== null ? { remote: 'usajobs:RemoteIndicator' } : {}),
      employmentType: 'usajobs:PositionSchedule',
      ...(seniority ? { seniority: 'usajobs:JobGrade' } : {}),
      ...(lowest
        ? { experienceYears: `usajobs:QualificationSummary (${grades.map((grade) => `${grade.grade}: ${grade.years.min} yr`).join('; ')})` }
        : {}),
      description: 'usajobs:UserArea.Details+QualificationSummary',
      postedAt: 'usajobs:PublicationStartDate',
      expiresAt: 'usajobs:ApplicationCloseDate',
    },
  };
}

/** USAJOBS: one `SearchResultItems` element, or a whole search answer. */
export const usajobsParser: ParserSourceModule = {
  name: 'usajobs',
  detect(document) {
    const node = record(document);
    if (!node) return undefined;
    const searchResult = record(node.SearchResult);
    if (searchResult) return { format: 'usajobs', shape: 'USAJOBS search response', items: objects(searchResult.SearchResultItems) };
    return 'MatchedObjectDescriptor' in node ? { format: 'usajobs', shape: 'USAJOBS search result item', items: [node] } : undefined;
  },
  extract: extractUsajobsItem,
};
