import { type EventHandler, PermanentError } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';

/** `etl.completed`: downloads the new analytics snapshot, swaps it in and drops cached insights. */
export function handleEtlCompleted(context: CrmApiContext): EventHandler<'etl.completed'> {
  return async (event) => {
    const { snapshotBlobKey, requestId, completedAt } = event.detail.data;
    const body = await context.blobs.get(snapshotBlobKey);
    if (!body) throw new PermanentError('SNAPSHOT_MISSING', `analytics snapshot '${snapshotBlobKey}' is not in the blob store`);
    await context.analytics.replaceSnapshot(body);
    context.live.publish({ event: 'analytics.updated', data: { requestId, completedAt } });
  };
}
