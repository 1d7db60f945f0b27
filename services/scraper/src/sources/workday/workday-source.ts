import { PermanentError } from '@jobpipe/shared';
import { isSafePathSegment } from '../../domain/sources.js';
import { jsonOf, type Source, type SourceRun, validatorsOf } from '../source.js';
import {
  type AppliedFacets,
  facetToSplit,
  readWorkdayBoard,
  WORKDAY_RESULT_CAP,
  type WorkdayBoard,
  type WorkdayFacet,
} from './workday-board.js';

interface WorkdaySearchPage {
  readonly total?: number;
  readonly jobPostings?: readonly { readonly externalPath?: unknown }[];
  readonly facets?: readonly unknown[];
}

/** Workday's facets, with grouped facets (a location group holding `locations`) flattened. */
function facetsOf(raw: readonly unknown[] | undefined): WorkdayFacet[] {
  const facets: WorkdayFacet[] = [];
  const visit = (node: unknown) => {
    const facet = node as { facetParameter?: unknown; values?: unknown };
    if (typeof facet?.facetParameter !== 'string' || !Array.isArray(facet.values)) return;
    const values = facet.values.filter(
      (value): value is { id: string; count: number } => typeof value?.id === 'string' && typeof value?.count === 'number',
    );
    if (values.length > 0) facets.push({ facetParameter: facet.facetParameter, values });
    for (const value of facet.values) visit(value);
  };
  for (const facet of raw ?? []) visit(facet);
  return facets;
}

/** The last segment of an external path (`/job/Boston-MA/Data-Engineer_R-1042` → `Data-Engineer_R-1042`). */
function postingKey(externalPath: string): string | undefined {
  const last = externalPath.split('/').filter(Boolean).at(-1);
  return last && isSafePathSegment(last) && externalPath.startsWith('/job/') ? last : undefined;
}

/**
 * Workday career sites: `POST /wday/cxs/{tenant}/{site}/jobs` with `{appliedFacets, limit, offset, searchText}`
 * pages through a search (Workday answers at most 20 a page, and at most 2,000 results: past that the
 * pages repeat), then `GET /wday/cxs/{tenant}/{site}{externalPath}` fetches each posting's detail, the raw
 * body. A search over the cap is split by facets (job family, location, …) until every slice is under it;
 * postings that fall in several slices are fetched once (by externalPath). A board that cannot be split
 * is read up to the cap and reported with its full total, so the run shows as capped.
 */
export function createWorkdaySource(options: { baseUrl: string; resultCap?: number }): Source {
  const base = options.baseUrl.replace(/\/+$/, '');
  const cap = options.resultCap ?? WORKDAY_RESULT_CAP;
  // The live API lives on each employer's own host; a configured base URL (a proxy, the replay) serves them all.
  const live = new URL(base).hostname === 'myworkdayjobs.com';
  const originOf = (board: WorkdayBoard) => (live ? `https://${board.tenant}.${board.pod}.myworkdayjobs.com` : base);
  return {
    name: 'workday',
    async scrape(run: SourceRun) {
      const boards = run.request.boards ?? [];
      if (boards.length === 0) throw new PermanentError('REQUEST_INVALID', 'workday: the request names no boards (tenant.wdN/site)');
      const totals: number[] = [];
      await run.forEach(
        boards,
        (name) => `workday board ${name}`,
        async (name) => {
          const board = readWorkdayBoard(name);
          if (!board) {
            throw new PermanentError('REQUEST_INVALID', `workday: board '${name.slice(0, 60)}' is not <tenant>.wd<N>/<site>`);
          }
          totals.push(await readBoard(run, name, `${originOf(board)}/wday/cxs/${board.tenant}/${board.site}`));
        },
      );
      run.reportTotal(totals.reduce((sum, total) => sum + total, 0));
    },
  };

  /** Reads one board, slice by slice; resolves with the board's own total. */
  async function readBoard(run: SourceRun, name: string, siteUrl: string): Promise<number> {
    const seen = new Set<string>();
    const pageSize = Math.min(run.http.policy.pageSize, 20);
    const search = async (applied: AppliedFacets, offset: number) =>
      jsonOf<WorkdaySearchPage>(
        await run.send({
          url: `${siteUrl}/jobs`,
          method: 'POST',
          json: { appliedFacets: applied, limit: pageSize, offset, searchText: run.request.keywords ?? '' },
        }),
        `workday ${name} search`,
      );
    const readSlice = async (applied: AppliedFacets, first: WorkdaySearchPage): Promise<void> => {
      // Workday states the total on the first page only.
      const total = typeof first.total === 'number' ? first.total : 0;
      if (total > cap) {
        const facet = facetToSplit(facetsOf(first.facets), applied, total);
        if (facet) {
          for (const value of facet.values) {
            const slice = { ...applied, [facet.facetParameter]: [value.id] };
            await readSlice(slice, await search(slice, 0));
          }
          return;
        }
        run.logger.warn(
          { board: name, total, cap },
          'workday board over the result cap and no facet splits it: reading the first results only',
        );
      }
      const end = Math.min(total, cap);
      let page = first;
      for (let offset = 0; ; ) {
        await fetchPostings(run, name, siteUrl, page, seen);
        offset += pageSize;
        if (offset >= end || (page.jobPostings ?? []).length === 0) break;
        if (offset / pageSize >= run.maxPages) {
          run.truncated();
          break;
        }
        try {
          page = await search(applied, offset);
        } catch (error) {
          run.pageFailed(`workday ${name} search offset ${offset}`, error);
          break;
        }
      }
    };
    const first = await search({}, 0);
    await readSlice({}, first);
    return typeof first.total === 'number' ? first.total : seen.size;
  }

  async function fetchPostings(run: SourceRun, name: string, siteUrl: string, page: WorkdaySearchPage, seen: Set<string>) {
    const fresh = (page.jobPostings ?? [])
      .map((posting) => posting.externalPath)
      .filter((path): path is string => typeof path === 'string' && postingKey(path) !== undefined && !seen.has(path));
    for (const path of fresh) seen.add(path);
    run.found(fresh.length, name);
    await run.forEach(
      fresh,
      (path) => `workday posting ${path}`,
      async (path) => {
        const detailUrl = `${siteUrl}${path}`;
        const response = await run.conditionalGet(detailUrl);
        const externalId = `${name.split('.')[0]}.${postingKey(path)}`;
        if (response.kind === 'not-modified') return run.notModified(externalId);
        await run.emit({ externalId, url: detailUrl, body: response.body, contentType: 'application/json', ...validatorsOf(response) });
      },
    );
  }
}
