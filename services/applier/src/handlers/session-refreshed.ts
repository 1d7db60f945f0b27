import type { EventHandler } from '@jobpipe/shared';
import type { Applier } from '../applier.js';

/** `session.refreshed@1`: resume the applications parked for the site (or fail them when the user must act). */
export function sessionRefreshedHandler(applier: Applier): EventHandler<'session.refreshed'> {
  return (event, context) => applier.onSessionRefreshed(event.detail.data, context.caused, context.logger);
}
