/** Workday's candidate-experience search lists at most this many results; past it, pages repeat. */
export const WORKDAY_RESULT_CAP = 2000;

/** A Workday career site: `<tenant>.<wdN>/<site>` as in `https://<tenant>.<wdN>.myworkdayjobs.com/<site>`. */
export interface WorkdayBoard {
  readonly tenant: string;
  /** The data-centre host label (`wd1`, `wd5`, …). */
  readonly pod: string;
  readonly site: string;
}

/** Reads a board name (`acme.wd5/External_Careers`), or undefined when it is not one. */
export function readWorkdayBoard(board: string): WorkdayBoard | undefined {
  const match = /^([a-z0-9][a-z0-9-]{0,62})\.(wd\d{1,3})\/([A-Za-z0-9][A-Za-z0-9_-]{0,127})$/.exec(board);
  return match ? { tenant: match[1]!, pod: match[2]!, site: match[3]! } : undefined;
}

/** Facet selections of one search slice: facet parameter → the value ids chosen. */
export type AppliedFacets = Readonly<Record<string, readonly string[]>>;

/** A facet Workday offers beside a search answer, with the count of results per value. */
export interface WorkdayFacet {
  readonly facetParameter: string;
  readonly values: readonly { readonly id: string; readonly count: number }[];
}

/**
 * The facet to split an over-cap slice by: one not applied yet, with at least two values, each of
 * which narrows the slice (the one whose largest value is smallest, so fewer further splits follow).
 * Undefined when no facet can split it: the board is then read up to the cap and reported capped.
 */
export function facetToSplit(facets: readonly WorkdayFacet[], applied: AppliedFacets, total: number): WorkdayFacet | undefined {
  const candidates = facets.filter(
    (facet) => !(facet.facetParameter in applied) && facet.values.length > 1 && facet.values.every((value) => value.count < total),
  );
  const largest = (facet: WorkdayFacet) => Math.max(...facet.values.map((value) => value.count));
  return candidates.sort((a, b) => largest(a) - largest(b))[0];
}
