import type { EventHandler } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';

/** `session.refreshed`: tells the live stream, so a user asked for an OTP sees it at once. */
export function handleSessionRefreshed(context: CrmApiContext): EventHandler<'session.refreshed'> {
  return async (event) => {
    const { site, status, expiresAt, refreshedAt, message, reason } = event.detail.data;
    context.live.publish({
      event: 'session.refreshed',
      data: { site, status, expiresAt, refreshedAt, ...(message ? { message } : {}), ...(reason ? { reason } : {}) },
    });
  };
}
