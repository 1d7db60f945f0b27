import type { EventHandler } from '@jobpipe/shared';
import type { AnalyticsWarehouse } from '../warehouse.js';

/** The owners of the tables a rebuild reads (jobs; scores; the CRM and applications). */
const ANALYTICS_SOURCES: ReadonlySet<string> = new Set(['parser', 'recommender', 'crm-api']);

/**
 * wipe.completed → when an owner of the tables the analytics store is built from has deleted from
 * them, rebuild from what is left and publish the snapshot (`etl.completed`), so the dashboards
 * follow the wipe. The request id is the wipe's and the owner's, so a redelivery publishes the same key.
 */
export function wipeCompletedHandler(warehouse: AnalyticsWarehouse): EventHandler<'wipe.completed'> {
  return async (event, context) => {
    const { wipeId, service } = event.detail.data;
    if (!ANALYTICS_SOURCES.has(service)) return;
    const snapshot = await warehouse.rebuild(`wipe-${wipeId}-${service}`);
    await context.publish([{ detailType: 'etl.completed', data: snapshot }]);
  };
}
