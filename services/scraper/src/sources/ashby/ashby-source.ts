import { PermanentError } from '@jobpipe/shared';
import { isSafePathSegment } from '../../domain/sources.js';
import { jsonOf, type Source, type SourceRun, validatorsOf } from '../source.js';

type AshbyJob = Readonly<Record<string, unknown>>;

interface AshbyBoard {
  readonly jobs?: readonly AshbyJob[];
}

/**
 * What of a job is stored: the job as Ashby sends it, without its `compensation` unless the board says
 * pay may be shown on its postings (`shouldDisplayCompensationOnJobPostings`): pay an employer keeps off
 * its own board is not kept here either.
 */
export function storedAshbyJob(job: AshbyJob): AshbyJob {
  if (job.shouldDisplayCompensationOnJobPostings === true) return job;
  const { compensation: _hidden, ...rest } = job;
  return rest;
}

/** The job's page on the board (`jobUrl`), else the board answer it came in. */
function postingUrl(job: AshbyJob, listUrl: string): string {
  const url = typeof job.jobUrl === 'string' ? job.jobUrl : '';
  return /^https?:\/\//.test(url) ? url : listUrl;
}

/**
 * Ashby job boards: `GET /posting-api/job-board/{board}?includeCompensation=true` answers a whole board in
 * one response (no paging; conditional). Only listed jobs (`isListed`) are read: an unlisted job is one the
 * employer shares by link only. Each listed job is one raw body.
 */
export function createAshbySource(options: { baseUrl: string }): Source {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    name: 'ashby',
    async scrape(run: SourceRun) {
      const boards = run.request.boards ?? [];
      if (boards.length === 0) throw new PermanentError('REQUEST_INVALID', 'ashby: the request names no job boards (boards)');
      await run.forEach(
        boards,
        (board) => `ashby board ${board}`,
        async (board) => {
          if (!isSafePathSegment(board)) throw new PermanentError('REQUEST_INVALID', `ashby: board '${board.slice(0, 40)}' is not valid`);
          const listUrl = `${base}/posting-api/job-board/${board}?includeCompensation=true`;
          const response = await run.conditionalGet(listUrl);
          if (response.kind === 'not-modified') return run.listNotModified(listUrl, board);
          const listed = (jsonOf<AshbyBoard>(response, `ashby board ${board}`).jobs ?? []).filter((job) => job.isListed !== false);
          run.found(listed.length, board);
          const failures = await run.forEach(
            listed,
            (job) => `ashby job ${String(job.id)}`,
            async (job) => {
              const id = String(job.id ?? '');
              if (!isSafePathSegment(id)) throw new Error('job without a usable id');
              await run.emit({
                externalId: id,
                url: postingUrl(job, listUrl),
                body: Buffer.from(JSON.stringify(storedAshbyJob(job))),
                contentType: 'application/json',
              });
            },
          );
          if (failures === 0)
            await run.keepValidators(
              listUrl,
              validatorsOf(response),
              listed.map((job) => String(job.id)),
            );
        },
      );
    },
  };
}
