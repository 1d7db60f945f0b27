import type { NormalizedJob } from '@jobpipe/contracts';

/** Employment type of the normalized job. */
export type EmploymentType = NonNullable<NormalizedJob['employmentType']>;

const RULES: readonly [RegExp, EmploymentType][] = [
  [/intern|trainee|apprentic|graduate\s+program/, 'internship'],
  [/volunteer/, 'volunteer'],
  [/part[\s_-]?time/, 'part-time'],
  [/contract|freelance|consult|fixed[\s_-]?term/, 'contract'],
  [/temp|seasonal|casual|\bcdd\b/, 'temporary'],
  [/full[\s_-]?time|permanent|regular|fulltime|\bcdi\b/, 'full-time'],
  [/per[\s_-]?diem|other|flexible/, 'other'],
];

/** Maps the source's words ("Full Time", "FULL_TIME", "Permanent", "Contractor"…) to one type; first recognised wins. */
export function employmentTypeOf(words: readonly string[]): EmploymentType | null {
  for (const word of words) {
    const lower = word.toLowerCase();
    for (const [pattern, type] of RULES) if (pattern.test(lower)) return type;
  }
  return null;
}
