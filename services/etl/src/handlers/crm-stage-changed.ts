import type { EventHandler } from '@jobpipe/shared';
import type { AnalyticsWarehouse } from '../warehouse.js';

/** crm.stage-changed → a history row, and the current stage when this change is the latest. */
export function crmStageChangedHandler(warehouse: AnalyticsWarehouse): EventHandler<'crm.stage-changed'> {
  return async (event) => {
    await warehouse.recordCrmChanges([event.detail.data]);
  };
}
