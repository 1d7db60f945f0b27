import { isSafePathSegment } from '../../domain/sources.js';
import { jsonOf, type Source, type SourceRun, validatorsOf } from '../source.js';

interface McfSearchPage {
  readonly results?: readonly { readonly uuid?: unknown }[];
  readonly total?: number;
}

/**
 * MyCareersFuture (Singapore): `POST /v2/search?limit=&page=` pages through the search (no key),
 * then `GET /v2/jobs/{uuid}` fetches each posting's detail — the raw body the parser reads.
 */
export function createMcfSource(options: { baseUrl: string }): Source {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    name: 'mcf',
    async scrape(run: SourceRun) {
      const { request, http } = run;
      const limit = http.policy.pageSize;
      const body = {
        search: request.keywords ?? '',
        sortBy: ['new_posting_date'],
        ...(request.minSalary === undefined ? {} : { salary: request.minSalary }),
      };
      let more = false;
      for (let page = 0; page < run.maxPages; page++) {
        const url = `${base}/v2/search?limit=${limit}&page=${page}`;
        let answer: McfSearchPage;
        try {
          answer = jsonOf<McfSearchPage>(await run.send({ url, method: 'POST', json: body }), `mcf search page ${page}`);
        } catch (error) {
          // Without the first page the search was not read at all; a later page lost makes it partial.
          if (page === 0) throw error;
          run.pageFailed(`mcf search page ${page}`, error);
          more = false;
          break;
        }
        const uuids = (answer.results ?? [])
          .map((result) => result.uuid)
          .filter((uuid): uuid is string => typeof uuid === 'string' && isSafePathSegment(uuid));
        run.found(uuids.length);
        await run.forEach(
          uuids,
          (uuid) => `mcf job ${uuid}`,
          async (uuid) => {
            const detailUrl = `${base}/v2/jobs/${uuid}`;
            const response = await run.conditionalGet(detailUrl);
            if (response.kind === 'not-modified') return run.notModified(uuid);
            await run.emit({
              externalId: uuid,
              url: detailUrl,
              body: response.body,
              contentType: 'application/json',
              ...validatorsOf(response),
            });
          },
        );
        const total = typeof answer.total === 'number' ? answer.total : 0;
        if (page === 0) run.reportTotal(total);
        more = uuids.length > 0 && (page + 1) * limit < total;
        if (!more) break;
      }
      if (more) run.truncated();
    },
  };
}
