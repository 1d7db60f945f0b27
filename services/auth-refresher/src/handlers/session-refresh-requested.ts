import type { EventHandler } from '@jobpipe/shared';
import type { SessionRefresher } from '../session-refresher.js';

/**
 * `session.refresh-requested@1`: log in unless a fresh session, a backoff or the user says otherwise; a
 * request of the user after fixing the site (`unblocked`) lifts the block first, so it logs in now.
 */
export function sessionRefreshRequestedHandler(refresher: SessionRefresher): EventHandler<'session.refresh-requested'> {
  return async (event, context) => {
    const { site, requestedAt, reason } = event.detail.data;
    if (reason === 'unblocked') await refresher.unblock(site);
    await refresher.onRequest(site, new Date(requestedAt), context.logger, context.caused);
  };
}
