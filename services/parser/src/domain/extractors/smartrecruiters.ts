import type { ExtractedPosting, JobLocation, SourceStatus } from '../extracted-posting.js';
import { firstText, record, text } from './json-fields.js';
import type { ParserSourceModule } from './parser-source.js';

const SECTIONS = ['companyDescription', 'jobDescription', 'qualifications', 'additionalInformation'] as const;

/** The posting's place: `location.city`/`region`/`country` (a lower-case ISO code). */
function placeOf(location: Record<string, unknown>): JobLocation | null {
  const city = text(location.city);
  const region = text(location.region);
  const country = text(location.country)?.toUpperCase() ?? null;
  const display = firstText(location.fullLocation, [city, region, country].filter(Boolean).join(', '));
  return display ? { display, city, region, country } : null;
}

/**
 * SmartRecruiters: one posting detail (`GET /v1/companies/{company}/postings/{id}`): `name` the title,
 * `company.name`, `location` (city, region, country code, `remote`, `hybrid`), `typeOfEmployment.label`,
 * `experienceLevel.label`, `releasedDate`, `postingUrl`, `active` (false once closed), and `jobAd.sections` whose titled HTML parts make
 * the description. SmartRecruiters states no structured pay: any pay is read from the text.
 */
export function extractSmartRecruitersPosting(posting: Record<string, unknown>, url: string | null): ExtractedPosting {
  const location = record(posting.location) ?? {};
  const place = placeOf(location);
  const remote = location.remote === true ? true : location.remote === false ? false : null;
  const sections = record(record(posting.jobAd)?.sections) ?? {};
  const description = SECTIONS.map((name) => record(sections[name]))
    .filter((section): section is Record<string, unknown> => section !== undefined && text(section.text) !== null)
    .map((section) => `${text(section.title) ? `<h3>${text(section.title)}</h3>` : ''}${text(section.text)}`)
    .join('');
  const employment = text(record(posting.typeOfEmployment)?.label);
  const level = text(record(posting.experienceLevel)?.label);
  const company = text(record(posting.company)?.name);
  // `active` is false once the posting is closed (filled or taken down); a listing omits it.
  const sourceStatus: SourceStatus | undefined = posting.active === false ? 'closed' : posting.active === true ? 'open' : undefined;
  return {
    externalId: text(posting.id),
    url: firstText(posting.postingUrl, url),
    title: text(posting.name),
    company,
    locations: place ? [place] : [],
    remote,
    employmentTypes: employment ? [employment] : [],
    seniority: level,
    salary: null,
    defaultCurrency: null,
    skills: null,
    experienceYears: null,
    descriptionHtml: description,
    postedAt: text(posting.releasedDate),
    expiresAt: null,
    ...(sourceStatus ? { sourceStatus } : {}),
    provenance: {
      title: 'smartrecruiters:name',
      ...(company ? { company: 'smartrecruiters:company.name' } : {}),
      locations: 'smartrecruiters:location',
      ...(remote !== null ? { remote: 'smartrecruiters:location.remote' } : {}),
      ...(employment ? { employmentType: 'smartrecruiters:typeOfEmployment' } : {}),
      ...(level ? { seniority: 'smartrecruiters:experienceLevel' } : {}),
      description: 'smartrecruiters:jobAd.sections',
      postedAt: 'smartrecruiters:releasedDate',
    },
  };
}

/** SmartRecruiters: a posting detail (a `jobAd` beside `releasedDate`), or a list page's `content` of one. */
export const smartrecruitersParser: ParserSourceModule = {
  name: 'smartrecruiters',
  detect(document) {
    const node = record(document);
    if (!node) return undefined;
    if (record(node.jobAd) && 'releasedDate' in node) return { format: 'smartrecruiters', shape: 'SmartRecruiters posting', items: [node] };
    return undefined;
  },
  extract: extractSmartRecruitersPosting,
};
