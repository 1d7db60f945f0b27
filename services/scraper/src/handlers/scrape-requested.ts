import { type BlobStore, ConfigError, type EventHandler, PermanentError, TransientError } from '@jobpipe/shared';
import { type SourceHttp, SourceRequestError } from '../adapters/source-http.js';
import { boardCoverage, coverageStatus, runCoverage } from '../domain/run-coverage.js';
import { isFinishedComplete, isSourceDrift, type RunRecord } from '../domain/run-stats.js';
import type { ScrapeRequest, SourceName } from '../domain/sources.js';
import { type RunPorts, SourceRunSession } from '../run/source-run.js';
import type { Source } from '../sources/source.js';

/** What the scrape.requested handler works with. */
export interface ScrapeRequestedDependencies extends RunPorts {
  readonly sources: Readonly<Partial<Record<SourceName, Source>>>;
  readonly clients: Readonly<Record<SourceName, SourceHttp>>;
  /** How long a run gathers found postings into one announcement (`ScraperConfig.announcementWindowMs`). */
  readonly announcementWindowMs: number;
}

/**
 * Runs one search of one source. Idempotent on redelivery: a run id that already completed is not run
 * again, and a partly done run re-run publishes only what it had not announced (content hashes).
 * Records counts, errors, duration and coverage per run (and per board) and announces them with
 * `scrape.finished` in the same commit; raises source drift when a search that used to find many
 * postings, or a board that listed postings, now lists none.
 */
export function scrapeRequestedHandler(deps: ScrapeRequestedDependencies): EventHandler<'scrape.requested'> {
  return async (event, context) => {
    const request = event.detail.data;
    const { state, metrics, clock } = deps;
    const previousRun = await state.run(request.searchId, request.runId);
    if (isFinishedComplete(previousRun)) {
      context.logger.info({ runId: request.runId }, 'run already completed; redelivery ignored');
      return;
    }
    const source = deps.sources[request.source];
    if (!source) throw new PermanentError('SOURCE_NOT_CONFIGURED', `source '${request.source}' is not configured`);
    const started = clock.now();
    const session = new SourceRunSession(
      request,
      deps.clients[request.source].withHosts(request.allowHosts),
      context,
      deps,
      deps.announcementWindowMs,
    );
    const base = { runId: request.runId, searchId: request.searchId, source: request.source, startedAt: started.toISOString() };
    await state.saveRun({ ...base, status: 'running', counts: session.counts, errors: [] });

    let runError: unknown;
    try {
      await source.scrape(session);
    } catch (error) {
      runError = error;
      session.errors.unshift(`run: ${error instanceof Error ? error.message : String(error)}`);
    }
    const finished = clock.now();
    const durationMs = finished.getTime() - started.getTime();
    const coverage = runCoverage(session.counts, session.listing);
    const status = coverageStatus(coverage, runError !== undefined);
    const search = await state.search(request.searchId);
    const boards = request.boards?.length ? boardCoverage(request.boards, session.boardsListed, search?.lastBoardsListed) : undefined;
    const searchDrift = !runError && isSourceDrift(search?.lastFound, coverage.listed, session.http.policy.driftMinimum);
    const driftedBoards = boards?.filter((board) => board.drift).map((board) => board.board) ?? [];
    const drift = searchDrift || driftedBoards.length > 0;
    if (drift) {
      metrics.drift.inc({ source: request.source, search_id: request.searchId });
      session.logger.warn(
        { previousFound: search?.lastFound, previousRunId: search?.lastRunId, ...(driftedBoards.length ? { boards: driftedBoards } : {}) },
        searchDrift
          ? 'source drift: zero postings where the last run of this search found many (changed API or page, or blocked)'
          : 'source drift: a board that listed postings last time lists none (moved or blocked board, or changed API)',
      );
    }
    const finishedAt = finished.toISOString();
    const record: Omit<RunRecord, 'key'> = {
      ...base,
      status,
      counts: session.counts,
      errors: session.errors,
      finishedAt,
      durationMs,
      drift,
      coverage,
      ...(boards ? { boards } : {}),
    };
    const searchState = runError
      ? undefined
      : {
          searchId: request.searchId,
          source: request.source,
          lastRunId: request.runId,
          lastFound: coverage.listed,
          lastFinishedAt: finishedAt,
          ...(boards ? { lastBoardsListed: { ...search?.lastBoardsListed, ...Object.fromEntries(session.boardsListed) } } : {}),
        };
    const seenBlobKey = runError || !session.seenIds ? undefined : await keepSeenIds(deps.blobs, request, session.seenIds);
    const finishedEvent = {
      detailType: 'scrape.finished' as const,
      data: {
        ...base,
        status,
        coverage,
        ...(boards ? { boards } : {}),
        drift,
        ...(search ? { previousListed: search.lastFound } : {}),
        ...(seenBlobKey ? { seenBlobKey } : {}),
        finishedAt,
        durationMs,
      },
    };
    await state.finishRun(record, searchState, context.caused([finishedEvent])[0]!);
    metrics.recordRun(request.source, request.searchId, status, coverage, durationMs / 1000);
    session.logger.info({ status, ...session.counts, ...coverage, durationMs }, 'scrape run finished');

    if (runError) throw classify(runError, deps.clients[request.source].policy.breakerResetMs);
    if (session.retriableFailures > 0) {
      throw new TransientError('POSTINGS_FAILED', `${session.retriableFailures} posting(s) could not be fetched; the run will be retried`);
    }
  };
}

/**
 * Stores the external ids a run listed (a JSON array) where `scrape.finished` points: the owner of the
 * jobs compares its open jobs with it. A retried run writes the same key again.
 */
async function keepSeenIds(blobs: BlobStore, request: ScrapeRequest, ids: ReadonlySet<string>): Promise<string> {
  const key = `runs/${request.source}/${encodeURIComponent(request.searchId)}/${encodeURIComponent(request.runId)}.json`;
  await blobs.put(key, Buffer.from(JSON.stringify([...ids])), 'application/json');
  return key;
}

/** A failed run: bad requests, missing settings and refused targets go to the DLQ; the rest is retried. */
function classify(error: unknown, breakerResetMs: number): Error {
  if (error instanceof PermanentError || error instanceof TransientError) return error;
  if (error instanceof ConfigError) return new PermanentError(error.code, error.message);
  if (error instanceof SourceRequestError) {
    if (error.code === 'CIRCUIT_OPEN') return new TransientError(error.code, error.message, Math.ceil(breakerResetMs / 1000));
    if (!error.retriable) return new PermanentError(error.code, error.message);
    return new TransientError(error.code, error.message);
  }
  return new TransientError('RUN_FAILED', error instanceof Error ? error.message : String(error));
}
