const DAY_MS = 86_400_000;

/** How long ago a time was, in the largest whole unit ("3 d", "5 h", "just now"). */
export function ageOf(iso: string | null, now: number = Date.now()): string {
  if (!iso) return 'date unknown';
  const elapsed = now - Date.parse(iso);
  if (!Number.isFinite(elapsed)) return 'date unknown';
  if (elapsed < 60_000) return 'just now';
  if (elapsed < 3_600_000) return `${Math.floor(elapsed / 60_000)} min ago`;
  if (elapsed < DAY_MS) return `${Math.floor(elapsed / 3_600_000)} h ago`;
  if (elapsed < 60 * DAY_MS) return `${Math.floor(elapsed / DAY_MS)} d ago`;
  return `${Math.floor(elapsed / (30 * DAY_MS))} mo ago`;
}

/** The top of a posted annual salary range ("up to SGD 120k a year"), or that none was posted. */
export function salaryOf(annualMax: number | null, currency: string | null): string {
  if (annualMax === null) return 'salary not posted';
  const amount = annualMax >= 10_000 ? `${Math.round(annualMax / 1000)}k` : String(Math.round(annualMax));
  return `up to ${currency ?? ''} ${amount} a year`.replace(/\s+/g, ' ');
}

/** A score as shown: one decimal at most. */
export function scoreOf(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}
