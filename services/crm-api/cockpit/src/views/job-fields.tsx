/** The normalized job's fields a person reads, in the order shown, with their labels. */
const FIELDS: readonly (readonly [field: string, label: string])[] = [
  ['title', 'Title'],
  ['company', 'Company'],
  ['locations', 'Locations'],
  ['remote', 'Remote'],
  ['employmentType', 'Employment'],
  ['seniority', 'Seniority'],
  ['salary', 'Salary'],
  ['experienceYears', 'Experience'],
  ['skills', 'Skills'],
  ['postedAt', 'Posted'],
  ['expiresAt', 'Closes'],
  ['canonicalUrl', 'Address'],
];

/** A range of two numbers ("3–5", "from 3", "up to 5"), or undefined when neither is known. */
function rangeOf(min: unknown, max: unknown): string | undefined {
  const low = typeof min === 'number' ? min.toLocaleString() : undefined;
  const high = typeof max === 'number' ? max.toLocaleString() : undefined;
  if (low && high) return low === high ? low : `${low}–${high}`;
  return low ? `from ${low}` : high ? `up to ${high}` : undefined;
}

/** One field's value in words; objects of known shapes (salary, locations, experience) spelled out. */
export function fieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return 'not given';
  if (field === 'remote') return value === true ? 'yes' : 'no';
  if (field === 'postedAt' || field === 'expiresAt') return new Date(String(value)).toLocaleDateString();
  if (field === 'locations' && Array.isArray(value))
    return value.map((location) => String((location as { display?: unknown }).display ?? JSON.stringify(location))).join('; ');
  if (field === 'salary' && typeof value === 'object') {
    const salary = value as { min?: unknown; max?: unknown; currency?: unknown; period?: unknown };
    return `${String(salary.currency ?? '')} ${rangeOf(salary.min, salary.max) ?? 'amount not given'} a ${String(salary.period ?? 'year')}`.trim();
  }
  if (field === 'experienceYears' && typeof value === 'object') {
    const years = value as { min?: unknown; max?: unknown };
    return `${rangeOf(years.min, years.max) ?? 'not given'} years`;
  }
  if (Array.isArray(value)) return value.map(String).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Every field of the normalized job with where its value came from (the parser's provenance: the
 * source's own field, the JSON-LD, or the text), so a surprising value can be traced.
 */
export function JobFields({ details }: { readonly details: Record<string, unknown> }) {
  const provenance = (details.provenance ?? {}) as Record<string, string>;
  return (
    <table class="fields">
      <caption>Every field, and where it came from</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Value</th>
          <th scope="col">From</th>
        </tr>
      </thead>
      <tbody>
        {FIELDS.map(([field, label]) => (
          <tr key={field}>
            <th scope="row">{label}</th>
            <td>
              {field === 'canonicalUrl' && typeof details[field] === 'string' ? (
                <a href={String(details[field])} rel="noopener noreferrer" target="_blank">
                  {String(details[field])}
                </a>
              ) : (
                fieldValue(field, details[field])
              )}
            </td>
            <td>
              <code>{provenance[field] ?? '—'}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
