import { PermanentError } from '@jobpipe/shared';
import { isSafePathSegment } from '../../domain/sources.js';
import { jsonOf, type Source, type SourceRun, validatorsOf } from '../source.js';

interface PostingsPage {
  readonly totalFound?: number;
  readonly content?: readonly { readonly id?: unknown }[];
}

/**
 * SmartRecruiters Posting API: `GET /v1/companies/{company}/postings?limit=&offset=[&q=]` pages through a
 * company's public postings (`totalFound` states how many), then `GET /v1/companies/{company}/postings/{id}`
 * fetches each posting's detail (with its `jobAd` sections), the raw body. No key.
 */
export function createSmartRecruitersSource(options: { baseUrl: string }): Source {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    name: 'smartrecruiters',
    async scrape(run: SourceRun) {
      const companies = run.request.boards ?? [];
      if (companies.length === 0) throw new PermanentError('REQUEST_INVALID', 'smartrecruiters: the request names no companies (boards)');
      const totals: number[] = [];
      await run.forEach(
        companies,
        (company) => `smartrecruiters company ${company}`,
        async (company) => {
          if (!isSafePathSegment(company))
            throw new PermanentError('REQUEST_INVALID', `smartrecruiters: company '${company.slice(0, 40)}' is not valid`);
          totals.push(await readCompany(run, company));
        },
      );
      run.reportTotal(totals.reduce((sum, total) => sum + total, 0));
    },
  };

  /** Reads one company's postings page by page; resolves with the total it states. */
  async function readCompany(run: SourceRun, company: string): Promise<number> {
    const limit = Math.min(run.http.policy.pageSize, 100);
    let total = 0;
    for (let page = 0; page < run.maxPages; page++) {
      const query = new URLSearchParams({ limit: String(limit), offset: String(page * limit) });
      if (run.request.keywords) query.set('q', run.request.keywords);
      let answer: PostingsPage;
      try {
        answer = jsonOf<PostingsPage>(
          await run.send({ url: `${base}/v1/companies/${company}/postings?${query}` }),
          `smartrecruiters ${company}`,
        );
      } catch (error) {
        if (page === 0) throw error;
        run.pageFailed(`smartrecruiters ${company} offset ${page * limit}`, error);
        return total;
      }
      if (page === 0) total = typeof answer.totalFound === 'number' ? answer.totalFound : 0;
      const ids = (answer.content ?? []).map((posting) => String(posting.id ?? '')).filter(isSafePathSegment);
      run.found(ids.length, company);
      await run.forEach(
        ids,
        (id) => `smartrecruiters posting ${id}`,
        async (id) => {
          const detailUrl = `${base}/v1/companies/${company}/postings/${id}`;
          const response = await run.conditionalGet(detailUrl);
          if (response.kind === 'not-modified') return run.notModified(id);
          await run.emit({
            externalId: id,
            url: detailUrl,
            body: response.body,
            contentType: 'application/json',
            ...validatorsOf(response),
          });
        },
      );
      const more = ids.length > 0 && (page + 1) * limit < total;
      if (!more) return total;
      if (page + 1 >= run.maxPages) run.truncated();
    }
    return total;
  }
}
