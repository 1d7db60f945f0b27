import type { CrmApiClient } from './api-client.js';
import type { ListedJob } from './top-jobs.js';

/** How the wait for the first pass is paced. */
export interface SettleOptions {
  readonly pollMs: number;
  /** The list must stay the same this long to count as settled. */
  readonly quietMs: number;
  readonly timeoutMs: number;
}

/**
 * Waits until crm-api's best-scored jobs stop changing (the first pass has been scraped, parsed and
 * scored), for transports whose queues the CLI cannot watch directly, and returns them. On timeout it
 * returns what there is.
 */
export async function settledTopJobs(api: CrmApiClient, limit: number, options: SettleOptions): Promise<ListedJob[]> {
  const started = Date.now();
  let last = '';
  let quietSince = Date.now();
  let items: ListedJob[] = [];
  while (Date.now() - started < options.timeoutMs) {
    items = (await api.request<{ items: ListedJob[] }>('GET', `/jobs?sort=score&limit=${limit}`)).items;
    const seen = JSON.stringify(items);
    if (seen !== last) {
      last = seen;
      quietSince = Date.now();
    } else if (items.length > 0 && Date.now() - quietSince >= options.quietMs) {
      return items;
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
  return items;
}
