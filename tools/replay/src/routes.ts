import type { ReplayDataset } from './dataset.js';
import type { SourceName } from './scrape-request.js';

/** A request as the routes see it. */
export interface ReplayRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** An answer before faults and conditional handling. */
export interface ReplayAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** Served with validators (ETag, and Last-Modified for pages) and may be answered 304. */
  readonly cacheable?: boolean;
  readonly lastModified?: string;
}

const json = (status: number, value: unknown, cacheable = false): ReplayAnswer => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
  cacheable,
});
const notFound = (what: string) => json(404, { message: `${what} not found` });

/** Routing state the server keeps beside the dataset. */
export interface RouteState {
  readonly dataset: ReplayDataset;
  readonly origin: string;
  readonly usajobsKey: string;
  /** Sources answering with zero results (to show source drift). */
  readonly empty: Set<SourceName>;
  /** Last-Modified of each page path. */
  readonly pageDates: Map<string, string>;
}

/** Answers a request at a source's real path from the dataset. */
export function route(request: ReplayRequest, state: RouteState): ReplayAnswer {
  const { pathname, searchParams } = request.url;
  const { dataset, empty } = state;
  if (request.method === 'POST' && pathname === '/v2/search') {
    const limit = Math.min(100, Math.max(1, Number(searchParams.get('limit') ?? 20)));
    const page = Math.max(0, Number(searchParams.get('page') ?? 0));
    const all = empty.has('mcf') ? [] : dataset.mcfSummaries;
    const lastPage = Math.max(0, Math.ceil(all.length / limit) - 1);
    const href = (p: number) => `${state.origin}/v2/search?limit=${limit}${p > 0 ? `&page=${p}` : ''}`;
    return json(200, {
      _links: {
        ...(page < lastPage ? { next: { href: href(page + 1) } } : {}),
        self: { href: href(page) },
        first: { href: href(0) },
        last: { href: href(lastPage) },
      },
      searchRankingId: 'replay-search',
      results: all.slice(page * limit, (page + 1) * limit),
      total: all.length,
      countWithoutFilters: all.length,
    });
  }
  if (request.method !== 'GET') return json(405, { message: 'method not allowed' });
  const mcfJob = pathname.match(/^\/v2\/jobs\/([A-Za-z0-9-]+)$/);
  if (mcfJob) {
    const detail = dataset.mcfDetails.get(mcfJob[1]!);
    return detail ? { status: 200, contentType: 'application/json; charset=utf-8', body: detail, cacheable: true } : notFound('job');
  }
  if (pathname === '/api/search') {
    if (
      !request.headers['authorization-key'] ||
      request.headers['authorization-key'] !== state.usajobsKey ||
      !request.headers['user-agent']
    ) {
      return json(401, { message: 'Authorization-Key and User-Agent headers are required' });
    }
    const perPage = Math.min(500, Math.max(1, Number(searchParams.get('ResultsPerPage') ?? 25)));
    const page = Math.max(1, Number(searchParams.get('Page') ?? 1));
    const all = empty.has('usajobs') ? [] : dataset.usajobsItems;
    const items = all.slice((page - 1) * perPage, page * perPage);
    const template = dataset.usajobsTemplate as { SearchResult: Record<string, unknown> };
    return json(200, {
      ...template,
      SearchParameters: Object.fromEntries(searchParams),
      SearchResult: {
        ...template.SearchResult,
        SearchResultCount: items.length,
        SearchResultCountAll: all.length,
        SearchResultItems: items,
        UserArea: { NumberOfPages: String(Math.ceil(all.length / perPage)), IsRadialSearch: false },
      },
    });
  }
  const board = pathname.match(/^\/v1\/boards\/([A-Za-z0-9_.-]+)\/jobs(?:\/(\d+))?$/);
  if (board) {
    const jobs = empty.has('greenhouse') ? [] : dataset.greenhouseBoards.get(board[1]!);
    if (!jobs) return notFound('board');
    const jobId = board[2];
    if (jobId) {
      const job = jobs.find((candidate) => String(candidate.id) === jobId);
      return job ? json(200, job, true) : notFound('job');
    }
    const withContent = searchParams.get('content') === 'true';
    const listed = withContent ? jobs : jobs.map(({ content: _content, ...rest }) => rest);
    return json(200, { jobs: listed, meta: { total: listed.length } }, true);
  }
  const lever = pathname.match(/^\/v0\/postings\/([A-Za-z0-9_.-]+)(?:\/([A-Za-z0-9-]+))?$/);
  if (lever) {
    const postings = empty.has('lever') ? [] : dataset.leverCompanies.get(lever[1]!);
    if (!postings) return notFound('company');
    const postingId = lever[2];
    if (postingId) {
      const posting = postings.find((candidate) => candidate.id === postingId);
      return posting ? json(200, posting, true) : notFound('posting');
    }
    return json(200, postings, true);
  }
  if (pathname === '/careers/search') return { status: 200, contentType: 'text/html; charset=utf-8', body: searchPage(state) };
  const page = dataset.pages.get(pathname);
  if (page !== undefined) {
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: page,
      cacheable: true,
      lastModified: state.pageDates.get(pathname)!,
    };
  }
  return { status: 404, contentType: 'text/html; charset=utf-8', body: '<!DOCTYPE html><title>Not found</title><h1>Not found</h1>' };
}

/** The recorded search page with the dataset's posting pages listed (plus one link to an outside ATS). */
function searchPage(state: RouteState): string {
  const paths = state.empty.has('jsonld') ? [] : [...state.dataset.pages.keys()];
  const items = paths.map((path) => `  <li class="result"><a class="job-link" href="${path}">${path.slice(6, -5)}</a></li>`);
  items.push('  <li class="result"><a class="job-link" href="https://ats.elsewhere.example/jobs/314">Partner opening</a></li>');
  return state.dataset.searchPageTemplate.replace(/<ul class="results">[\s\S]*?<\/ul>/, `<ul class="results">\n${items.join('\n')}\n</ul>`);
}
