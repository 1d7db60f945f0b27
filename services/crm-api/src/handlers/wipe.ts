import { type EventHandler, wipeRequestedHandler } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { wipeCrmTables } from '../use-cases/wipe.js';

/** `wipe.requested`: deletes crm-api's own tables the scope names and announces it. */
export function handleWipeRequested(context: CrmApiContext): EventHandler<'wipe.requested'> {
  return wipeRequestedHandler('crm-api', context.clock, (scope) => wipeCrmTables(context, scope));
}

/**
 * `wipe.completed`: the job listing follows the parser (whose jobs it lists): once the parser has
 * deleted them, the listing forgets every job. Other owners' announcements change nothing here.
 */
export function handleWipeCompleted(context: CrmApiContext): EventHandler<'wipe.completed'> {
  return async (event, { logger }) => {
    const { service, wipeId } = event.detail.data;
    if (service !== 'parser') return;
    const jobs = await context.readModel.clear();
    logger.info({ wipeId, jobs }, 'job listing wiped after the parser');
  };
}
