import type { Logger } from '@jobpipe/shared';
import type { SessionRefresher } from './session-refresher.js';

/** A running schedule. */
export interface RefreshSchedule {
  stop(): Promise<void>;
}

/**
 * Every `intervalSeconds`, refreshes sessions about to expire (and failed ones whose backoff ran out);
 * each login commits its `session.refreshed` with the session's record. Ticks never overlap; stop waits for the tick in progress.
 */
export function startRefreshSchedule(refresher: SessionRefresher, intervalSeconds: number, logger: Logger): RefreshSchedule {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = refresher
      .onSchedule(logger)
      .catch((error: unknown) =>
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'scheduled session refresh failed'),
      )
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(tick, intervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
