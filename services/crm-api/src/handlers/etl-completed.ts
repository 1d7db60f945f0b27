import type { EventHandler } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';

/** `etl.completed`: takes the new analytics snapshot (cached insights are dropped) and tells the live stream. */
export function handleEtlCompleted(context: CrmApiContext): EventHandler<'etl.completed'> {
  return async (event) => {
    const { snapshotBlobKey, requestId, completedAt } = event.detail.data;
    await context.analytics.snapshotCompleted({ requestId, snapshotBlobKey, completedAt });
    context.live.publish({ event: 'analytics.updated', data: { requestId, completedAt } });
  };
}
