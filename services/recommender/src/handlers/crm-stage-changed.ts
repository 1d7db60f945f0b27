import type { EventHandler } from '@jobpipe/shared';
import type { Recommender } from '../recommender.js';

/** `crm.stage-changed@1`: a user decision becomes a label; enough new labels retrain the model. */
export function crmStageChangedHandler(recommender: Recommender): EventHandler<'crm.stage-changed'> {
  return async (event, context) => {
    await recommender.handleStageChanged(event.detail.data, event.detail.meta.eventId, context.caused);
  };
}
