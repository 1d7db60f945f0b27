import { isSafePathSegment } from '../../domain/sources.js';
import { jsonOf, type Source, type SourceRun } from '../source.js';

interface UsajobsItem {
  readonly MatchedObjectId?: unknown;
  readonly MatchedObjectDescriptor?: { readonly PositionURI?: unknown };
}

interface UsajobsPage {
  readonly SearchResult?: {
    readonly SearchResultItems?: readonly UsajobsItem[];
    readonly SearchResultCountAll?: string | number;
    readonly UserArea?: { readonly NumberOfPages?: string | number };
  };
}

/** USAJOBS credentials: the user's email goes in User-Agent, the key in Authorization-Key. */
export interface UsajobsCredentials {
  readonly email: string;
  /** Read when the run starts (from the secret store or config); never logged. */
  readonly apiKey: () => Promise<string>;
}

/**
 * USAJOBS Search API: `GET /api/search?Keyword=&LocationName=&RemunerationMinimumAmount=&Page=&ResultsPerPage=`
 * with the keyed headers. Each element of `SearchResultItems` is one posting's raw body.
 */
export function createUsajobsSource(options: { baseUrl: string; credentials: UsajobsCredentials }): Source {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    name: 'usajobs',
    async scrape(run: SourceRun) {
      const { request, http } = run;
      const headers = {
        Host: new URL(base).host,
        'User-Agent': options.credentials.email,
        'Authorization-Key': await options.credentials.apiKey(),
      };
      let more = false;
      for (let page = 1; page <= run.maxPages; page++) {
        const query = new URLSearchParams();
        if (request.keywords) query.set('Keyword', request.keywords);
        if (request.location) query.set('LocationName', request.location);
        if (request.minSalary !== undefined) query.set('RemunerationMinimumAmount', String(request.minSalary));
        query.set('ResultsPerPage', String(http.policy.pageSize));
        query.set('Page', String(page));
        const url = `${base}/api/search?${query}`;
        let answer: UsajobsPage;
        try {
          answer = jsonOf<UsajobsPage>(await run.send({ url, headers }), `usajobs search page ${page}`);
        } catch (error) {
          // Without the first page the search was not read at all; a later page lost makes it partial.
          if (page === 1) throw error;
          run.pageFailed(`usajobs search page ${page}`, error);
          more = false;
          break;
        }
        if (page === 1 && answer.SearchResult?.SearchResultCountAll !== undefined)
          run.reportTotal(Number(answer.SearchResult.SearchResultCountAll));
        const items = answer.SearchResult?.SearchResultItems ?? [];
        run.found(items.length);
        await run.forEach(
          items,
          (item) => `usajobs item ${String(item.MatchedObjectId)}`,
          async (item) => {
            const id = String(item.MatchedObjectId ?? '');
            if (!isSafePathSegment(id)) throw new Error('item without a usable MatchedObjectId');
            const positionUri = item.MatchedObjectDescriptor?.PositionURI;
            await run.emit({
              externalId: id,
              url: typeof positionUri === 'string' && /^https?:\/\//.test(positionUri) ? positionUri : `${url}#${id}`,
              body: Buffer.from(JSON.stringify(item)),
              contentType: 'application/json',
              // RelevanceRank changes with the search, not with the posting.
              hashedContent: JSON.stringify([item.MatchedObjectId, item.MatchedObjectDescriptor]),
            });
          },
        );
        const pages = Number(answer.SearchResult?.UserArea?.NumberOfPages ?? 0);
        more = items.length > 0 && Number.isFinite(pages) && page < pages;
        if (!more) break;
      }
      if (more) run.truncated();
    },
  };
}
