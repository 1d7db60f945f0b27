import { PermanentError } from '@jobpipe/shared';
import { isSafePathSegment } from '../../domain/sources.js';
import { jsonOf, type Source, type SourceRun, validatorsOf } from '../source.js';

interface GreenhouseBoard {
  readonly jobs?: readonly { readonly id?: unknown }[];
}

/**
 * Greenhouse job boards: `GET /v1/boards/{board}/jobs?content=true` per configured board (conditional);
 * each element of `jobs` is one posting's raw body, addressed as `/v1/boards/{board}/jobs/{id}`.
 */
export function createGreenhouseSource(options: { baseUrl: string }): Source {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    name: 'greenhouse',
    async scrape(run: SourceRun) {
      const boards = run.request.boards ?? [];
      if (boards.length === 0) throw new PermanentError('REQUEST_INVALID', 'greenhouse: the request names no boards');
      await run.forEach(
        boards,
        (board) => `greenhouse board ${board}`,
        async (board) => {
          if (!isSafePathSegment(board))
            throw new PermanentError('REQUEST_INVALID', `greenhouse: board token '${board.slice(0, 40)}' is not valid`);
          const listUrl = `${base}/v1/boards/${board}/jobs?content=true`;
          const response = await run.conditionalGet(listUrl);
          if (response.kind === 'not-modified') return run.listNotModified(listUrl, board);
          const jobs = jsonOf<GreenhouseBoard>(response, `greenhouse board ${board}`).jobs ?? [];
          run.found(jobs.length, board);
          const failures = await run.forEach(
            jobs,
            (job) => `greenhouse job ${String(job.id)}`,
            async (job) => {
              const id = String(job.id ?? '');
              if (!isSafePathSegment(id)) throw new Error('job without a usable id');
              await run.emit({
                externalId: id,
                url: `${base}/v1/boards/${board}/jobs/${id}`,
                body: Buffer.from(JSON.stringify(job)),
                contentType: 'application/json',
              });
            },
          );
          // A board whose postings all landed may be skipped next time when the server says 304.
          if (failures === 0)
            await run.keepValidators(
              listUrl,
              validatorsOf(response),
              jobs.map((job) => String(job.id)),
            );
        },
      );
    },
  };
}
