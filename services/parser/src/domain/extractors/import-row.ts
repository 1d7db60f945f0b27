import type { ImportRow } from '@jobpipe/contracts';
import { escapeText } from '../description-sanitizer.js';
import type { ExtractedPosting } from '../extracted-posting.js';
import { salaryFigures } from '../salary.js';

/** One row of a CSV/JSON import, already validated against the import-row schema. */
export function extractImportRow(row: ImportRow, externalId: string): ExtractedPosting {
  const figures =
    row.salaryCurrency && row.salaryPeriod
      ? salaryFigures(row.salaryMin ?? null, row.salaryMax ?? null, row.salaryCurrency, row.salaryPeriod, 'stated')
      : null;
  const description = row.description ?? '';
  return {
    externalId,
    url: row.url,
    title: row.title,
    company: row.company,
    locations: row.location ? [{ display: row.location }] : [],
    remote: row.remote ?? null,
    employmentTypes: row.employmentType ? [row.employmentType] : [],
    seniority: null,
    salary: figures,
    defaultCurrency: row.salaryCurrency ?? null,
    skills: row.skills && row.skills.length > 0 ? row.skills : null,
    experienceYears: row.experienceYearsMin !== undefined ? { min: row.experienceYearsMin, max: null } : null,
    // Imported descriptions may be plain text or HTML; plain text is escaped so it survives as text.
    descriptionHtml: /<\/?[a-z][\s\S]*>/i.test(description) ? description : escapeText(description).replace(/\n/g, '<br>'),
    postedAt: row.postedAt ?? null,
    expiresAt: null,
    provenance: {
      title: 'import:title',
      company: 'import:company',
      locations: 'import:location',
      remote: 'import:remote',
      ...(figures ? { salary: 'import:salary' } : {}),
      ...(row.skills?.length ? { skills: 'import:skills' } : {}),
      ...(row.experienceYearsMin !== undefined ? { experienceYears: 'import:experienceYearsMin' } : {}),
      employmentType: 'import:employmentType',
      description: 'import:description',
      postedAt: 'import:postedAt',
    },
  };
}
