import type { EventHandler } from '@jobpipe/shared';
import { failedApplicationOf, submittedApplicationOf } from '../domain/application-facts.js';
import type { AnalyticsWarehouse } from '../warehouse.js';

/** application.submitted → the application's outcome row. */
export function applicationSubmittedHandler(warehouse: AnalyticsWarehouse): EventHandler<'application.submitted'> {
  return async (event) => {
    await warehouse.recordApplications([submittedApplicationOf(event.detail.data)]);
  };
}

/** application.failed → the application's outcome row (a later outcome replaces it). */
export function applicationFailedHandler(warehouse: AnalyticsWarehouse): EventHandler<'application.failed'> {
  return async (event) => {
    await warehouse.recordApplications([failedApplicationOf(event.detail.data)]);
  };
}
