import { PermanentError } from '@jobpipe/shared';
import { isSafePathSegment } from '../../domain/sources.js';
import { jsonOf, type Source, type SourceRun, validatorsOf } from '../source.js';

/**
 * Lever postings: `GET /v0/postings/{company}?mode=json` per configured company (conditional); each
 * element of the array is one posting's raw body, addressed as `/v0/postings/{company}/{id}`.
 */
export function createLeverSource(options: { baseUrl: string }): Source {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    name: 'lever',
    async scrape(run: SourceRun) {
      const companies = run.request.boards ?? [];
      if (companies.length === 0) throw new PermanentError('REQUEST_INVALID', 'lever: the request names no companies (boards)');
      await run.forEach(
        companies,
        (company) => `lever company ${company}`,
        async (company) => {
          if (!isSafePathSegment(company))
            throw new PermanentError('REQUEST_INVALID', `lever: company '${company.slice(0, 40)}' is not valid`);
          const listUrl = `${base}/v0/postings/${company}?mode=json`;
          const response = await run.conditionalGet(listUrl);
          if (response.kind === 'not-modified') return run.listNotModified(listUrl, company);
          const postings = jsonOf<unknown>(response, `lever company ${company}`);
          if (!Array.isArray(postings)) throw new Error(`lever company ${company}: answer is not an array`);
          run.found(postings.length, company);
          const failures = await run.forEach(
            postings as { id?: unknown }[],
            (posting) => `lever posting ${String(posting.id)}`,
            async (posting) => {
              const id = String(posting.id ?? '');
              if (!isSafePathSegment(id)) throw new Error('posting without a usable id');
              await run.emit({
                externalId: id,
                url: `${base}/v0/postings/${company}/${id}`,
                body: Buffer.from(JSON.stringify(posting)),
                contentType: 'application/json',
              });
            },
          );
          if (failures === 0)
            await run.keepValidators(
              listUrl,
              validatorsOf(response),
              postings.map((posting) => String(posting.id)),
            );
        },
      );
    },
  };
}
