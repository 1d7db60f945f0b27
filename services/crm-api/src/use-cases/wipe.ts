import type { WipeRequestedV1, WipeScope } from '@jobpipe/contracts';
import { deleteItems, type RemovedCounts } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { ApiError } from './api-error.js';

/** The words a wipe's caller must send back, so nothing is wiped by a stray request. */
export function wipeConfirmation(scope: WipeScope): string {
  return `wipe ${scope}`;
}

/** A wipe asked for: its id and scope. */
export interface RequestedWipe {
  readonly wipeId: string;
  readonly scope: WipeScope;
}

/**
 * Asks every owner of stored postings (and, for `all`, of what the user did with them) to delete its
 * own (`wipe.requested`); 400 unless `confirm` is exactly `wipe <scope>`.
 */
export async function requestWipe(
  context: CrmApiContext,
  scope: WipeScope,
  confirm: string,
  requestedBy: WipeRequestedV1['data']['requestedBy'],
): Promise<RequestedWipe> {
  const expected = wipeConfirmation(scope);
  if (confirm !== expected) {
    throw new ApiError(400, 'wipe_not_confirmed', `to wipe ${scope}, send "confirm": "${expected}" (got "${confirm}")`, { expected });
  }
  const wipeId = context.ids.uuid();
  await context.publisher.publish([
    { detailType: 'wipe.requested', data: { wipeId, scope, requestedAt: context.clock.now().toISOString(), requestedBy } },
  ]);
  return { wipeId, scope };
}

/**
 * crm-api's own part of a wipe: nothing of its tables for `postings` (the CRM keeps its stages, so a
 * posting scraped again finds them; its job listing follows the parser's wipe.completed), and for
 * `all` the CRM (stages, history and notes), applications, proposals, imports and scrape runs. The
 * config, API keys and idempotency keys stay.
 */
export async function wipeCrmTables(context: CrmApiContext, scope: WipeScope): Promise<RemovedCounts> {
  if (scope === 'postings') return {};
  const tables = ['crm', 'crmHistory', 'applications', 'proposals', 'imports', 'sourceRuns'] as const;
  const removed: Record<string, number> = {};
  for (const table of tables) removed[table] = await deleteItems(context.tables, table);
  return removed;
}
