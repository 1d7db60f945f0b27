import type { EventHandler } from '@jobpipe/shared';
import type { AnalyticsWarehouse } from '../warehouse.js';

/**
 * etl.requested → 'full': rebuild from the operational tables and swap in; 'incremental': publish the
 * store as the events have kept it. Either way the SQLite snapshot goes to the blob store and
 * `etl.completed` names it. A redelivered request simply publishes again under the same key.
 */
export function etlRequestedHandler(warehouse: AnalyticsWarehouse): EventHandler<'etl.requested'> {
  return async (event, context) => {
    const { requestId, kind } = event.detail.data;
    const snapshot = kind === 'full' ? await warehouse.rebuild(requestId) : await warehouse.publishCurrent(requestId);
    await context.publish([{ detailType: 'etl.completed', data: snapshot }]);
  };
}
