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

/** Words that name a type in running text, each read with the structured rules ("part time" → part-time). */
const TYPE_WORDS = String.raw`full[-\s]?time|part[-\s]?time|permanent|fixed[-\s]term|temporary|temp|seasonal|casual|contract(?:or)?|freelance|internship|intern|apprenticeship|volunteer|per[-\s]diem`;
/** "Job type: Part-time", "Employment Type – Contract". */
const LABELLED = new RegExp(String.raw`\b(?:job|employment|position|contract|work|role)\s+type\s*[:\-–]\s*(${TYPE_WORDS})\b`, 'i');
/** "This is a part-time position", "a 12-month contract role", "full-time, permanent role". */
const DESCRIBED = new RegExp(
  String.raw`(?:\b(?:this\s+is\s+an?\s+|we\s+(?:are\s+)?(?:hiring|offer(?:ing)?|seek(?:ing)?)\s+an?\s+|an?\s+)|(?:^|[.!\n]\s*))(?:\d{1,2}[-\s](?:month|week|year)\s+)?(?:(?:paid|unpaid|remote|hybrid|on-?site|summer)\s+)?(${TYPE_WORDS})(?:[\s,]+(?:${TYPE_WORDS}|remote|hybrid|on-?site))*\s+(?:position|role|job|opportunity|contract|assignment|post|vacancy|placement|program(?:me)?)\b`,
  'i',
);
/** "A paid internship", "an apprenticeship program": the type is the noun itself. */
const TRAINEESHIP = /\b(?:an?|paid|unpaid|summer|our)\s+(internship|apprenticeship)\b/i;
/** A type in the title: "Nurse (Part-Time)", "Summer Intern", "Contract Paralegal". */
const IN_TITLE = new RegExp(String.raw`(?:^|[\s(\[,/-])(${TYPE_WORDS})(?=$|[\s)\],/-])`, 'i');

/**
 * The employment type a posting states in words when its structured fields are silent: a labelled
 * "Job type: …", the title, then a description of the position ("This is a part-time role", "a 6-month
 * contract"). Mentions of the words elsewhere ("contract management", "internal", "part of") do not count.
 */
export function employmentTypeFromText(title: string, text: string): EmploymentType | null {
  const labelled = LABELLED.exec(text)?.[1] ?? IN_TITLE.exec(title)?.[1] ?? DESCRIBED.exec(text)?.[1] ?? TRAINEESHIP.exec(text)?.[1];
  return labelled ? employmentTypeOf([labelled]) : null;
}
