import type { EventHandler } from '@jobpipe/shared';
import type { Applier } from '../applier.js';

/** `application.requested@1`: apply (or dry-run) once, whatever the number of deliveries. */
export function applicationRequestedHandler(applier: Applier): EventHandler<'application.requested'> {
  return (event, context) => applier.onRequested(event.detail.data, context.caused, context.logger);
}
