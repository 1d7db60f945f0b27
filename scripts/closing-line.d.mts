/** One package's test counts, as scripts/count-reporter.mjs writes them. */
export interface PackageCounts {
  readonly passed?: number;
  readonly failed?: number;
  readonly skipped?: number;
  readonly skipReasons?: Readonly<Record<string, number>>;
}

/** Sums the per-package counts into the closing line of `npm test`, with the skips by reason. */
export function closingLine(summaries: readonly PackageCounts[]): { line: string; failed: number };
