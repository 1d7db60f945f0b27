const TITLE_LEVELS: readonly [RegExp, string][] = [
  [/\b(intern|internship|trainee)\b/i, 'Intern'],
  [/\b(junior|jr\.?|graduate|entry[-\s]level|associate)\b/i, 'Junior'],
  [/\b(chief|cto|cio|vp|vice\s+president|head\s+of|director)\b/i, 'Executive'],
  [/\b(principal|staff|distinguished)\b/i, 'Principal'],
  [/\b(lead|manager)\b/i, 'Lead'],
  [/\b(senior|sr\.?|snr)\b/i, 'Senior'],
  [/\b(mid[-\s]level|intermediate)\b/i, 'Mid'],
];

/** A seniority level read from a job title ("Senior Data Engineer" → "Senior"), or null. */
export function seniorityFromTitle(title: string): string | null {
  for (const [pattern, level] of TITLE_LEVELS) if (pattern.test(title)) return level;
  return null;
}
