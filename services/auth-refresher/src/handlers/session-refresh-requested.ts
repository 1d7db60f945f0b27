import type { EventHandler } from '@jobpipe/shared';
import type { SessionRefresher } from '../session-refresher.js';

/** `session.refresh-requested@1`: log in unless a fresh session, a backoff or the user says otherwise. */
export function sessionRefreshRequestedHandler(refresher: SessionRefresher): EventHandler<'session.refresh-requested'> {
  return async (event, context) => {
    const { site, requestedAt } = event.detail.data;
    await refresher.onRequest(site, new Date(requestedAt), context.logger, context.caused);
  };
}
