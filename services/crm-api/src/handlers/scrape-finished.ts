import type { EventHandler } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { recordSourceRun } from '../use-cases/source-runs.js';

/** `scrape.finished`: keeps the run's coverage for `GET /sources/runs` and `jobpipe status`. */
export function handleScrapeFinished(context: CrmApiContext): EventHandler<'scrape.finished'> {
  return async (event) => {
    await recordSourceRun(context, event.detail.data);
  };
}
