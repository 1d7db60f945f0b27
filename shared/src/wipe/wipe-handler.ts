import type { ServiceName, WipeScope } from '@jobpipe/contracts';
import type { Clock } from '../ports/clock.js';
import type { EventHandler } from '../runtime/handlers.js';

/** Items deleted per table (or store) of one owner. */
export type RemovedCounts = Readonly<Record<string, number>>;

/**
 * The `wipe.requested` handler of an owner of stored data: `wipe` deletes what the scope names of the
 * owner's own tables (it must be idempotent: a redelivery deletes what is left, usually nothing), then
 * the owner announces what went with `wipe.completed`, so read models built from it follow. Nothing of
 * the deleting is announced before it is done; a crash in between redelivers the request.
 */
export function wipeRequestedHandler(
  service: ServiceName,
  clock: Clock,
  wipe: (scope: WipeScope) => Promise<RemovedCounts>,
): EventHandler<'wipe.requested'> {
  return async (event, context) => {
    const { wipeId, scope } = event.detail.data;
    const removed = await wipe(scope);
    context.logger.info({ wipeId, scope, removed }, 'wiped');
    await context.publish([
      { detailType: 'wipe.completed', data: { wipeId, scope, service, removed, completedAt: clock.now().toISOString() } },
    ]);
  };
}
