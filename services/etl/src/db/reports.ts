import { type AnalyticsDatabase, REPORT_VIEWS, type ReportViews } from '@jobpipe/shared';
import type { Kysely } from 'kysely';

/** Every report view's rows. */
export type ReportResults = { [K in keyof ReportViews]: ReportViews[K][] };

/** Reads every report view (rows in the view's natural order; callers sort for display). */
export async function readReports(db: Kysely<AnalyticsDatabase>): Promise<ReportResults> {
  const results: Partial<Record<keyof ReportViews, unknown[]>> = {};
  for (const view of REPORT_VIEWS) results[view] = await db.selectFrom(view).selectAll().execute();
  return results as ReportResults;
}
