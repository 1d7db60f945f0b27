import type { ExtractedPosting, JobLocation, SourceStatus } from '../extracted-posting.js';
import { readPeriod, salaryFigures } from '../salary.js';
import { firstText, list, pluck, record, text } from './json-fields.js';
import { objects, type ParserSourceModule } from './parser-source.js';

function mcfLocation(address: Record<string, unknown> | undefined): JobLocation[] {
  if (!address) return [{ display: 'Singapore', city: 'Singapore', region: null, country: 'SG' }];
  if (address.isOverseas === true) {
    const country = text(address.overseasCountry);
    const display = [text(address.foreignAddress1), text(address.foreignAddress2), country].filter(Boolean).join(', ');
    return display ? [{ display, city: null, region: null, country }] : [];
  }
  const street = [text(address.block), text(address.street)].filter(Boolean).join(' ');
  const postal = text(address.postalCode);
  const display = [street, text(address.building), postal ? `Singapore ${postal}` : 'Singapore'].filter(Boolean).join(', ');
  const region = text(record(list(address.districts)[0])?.region);
  return [{ display, city: 'Singapore', region, country: 'SG' }];
}

/**
 * MyCareersFuture: one job of `GET /v2/jobs/{uuid}` (or one result of `/v2/search`, which lacks the
 * description). Salaries are SGD with a stated salaryType; the hiring company wins over the agency that posted.
 */
/**
 * MCF's own status of a job (`status.jobStatus`): "Closed" once the employer closed it or its posting
 * period ended; "Open" and "Re-open" (a closed job opened again) while it takes applications.
 */
function mcfStatus(job: Record<string, unknown>): SourceStatus | undefined {
  const status = text(record(job.status)?.jobStatus)?.toLowerCase();
  if (status === 'closed') return 'closed';
  if (status === 'open' || status === 're-open') return 'open';
  return undefined;
}

export function extractMcfJob(job: Record<string, unknown>, url: string | null): ExtractedPosting {
  const metadata = record(job.metadata) ?? {};
  const salary = record(job.salary);
  const salaryType = text(record(salary?.type)?.salaryType);
  const period = readPeriod(salaryType);
  const hidden = metadata.isHideSalary === true;
  const figures = salary && period && !hidden ? salaryFigures(salary.minimum, salary.maximum, 'SGD', period, 'stated') : null;
  const hiring = text(record(job.hiringCompany)?.name);
  const company = hiring ?? text(record(job.postedCompany)?.name);
  const skills = pluck(job.skills, 'skill');
  const years = typeof job.minimumYearsExperience === 'number' ? job.minimumYearsExperience : null;
  const arrangements = pluck(job.flexibleWorkArrangements, 'flexibleWorkArrangement');
  const uuid = text(job.uuid);
  const sourceStatus = mcfStatus(job);
  return {
    externalId: uuid,
    url: firstText(metadata.jobDetailsUrl, url, uuid ? `https://www.mycareersfuture.gov.sg/job/${uuid}` : null),
    title: text(job.title),
    company,
    locations: mcfLocation(record(job.address)),
    remote: arrangements.some((name) => /home|remote|telecommut/i.test(name)) ? true : null,
    employmentTypes: pluck(job.employmentTypes, 'employmentType'),
    seniority: pluck(job.positionLevels, 'position')[0] ?? null,
    salary: figures,
    defaultCurrency: 'SGD',
    skills: skills.length > 0 ? skills : null,
    experienceYears: years !== null && years >= 0 && years <= 60 ? { min: years, max: null } : null,
    descriptionHtml: text(job.description) ?? '',
    postedAt: firstText(metadata.newPostingDate, metadata.originalPostingDate, metadata.createdAt),
    expiresAt: text(metadata.expiryDate),
    ...(sourceStatus ? { sourceStatus } : {}),
    provenance: {
      title: 'mcf:title',
      company: hiring ? 'mcf:hiringCompany.name' : 'mcf:postedCompany.name',
      locations: 'mcf:address',
      ...(figures ? { salary: `mcf:salary (${salaryType})` } : {}),
      remote: 'mcf:flexibleWorkArrangements',
      ...(skills.length > 0 ? { skills: 'mcf:skills' } : {}),
      ...(years !== null ? { experienceYears: 'mcf:minimumYearsExperience' } : {}),
      employmentType: 'mcf:employmentTypes',
      seniority: 'mcf:positionLevels',
      description: 'mcf:description',
      postedAt: 'mcf:metadata.newPostingDate',
      expiresAt: 'mcf:metadata.expiryDate',
    },
  };
}

const isMcfJob = (node: Record<string, unknown>) =>
  typeof node.uuid === 'string' && ('postedCompany' in node || 'metadata' in node || 'salary' in node);

/** MyCareersFuture: a `/v2/jobs/{uuid}` detail, or a whole `/v2/search` answer. */
export const mcfParser: ParserSourceModule = {
  name: 'mcf',
  detect(document) {
    const node = record(document);
    if (!node) return undefined;
    if (Array.isArray(node.results) && ('_links' in node || objects(node.results).some(isMcfJob))) {
      return { format: 'mcf', shape: 'MCF /v2/search response', items: objects(node.results) };
    }
    return isMcfJob(node) ? { format: 'mcf', shape: 'MCF job', items: [node] } : undefined;
  },
  extract: extractMcfJob,
};
