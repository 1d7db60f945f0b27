import type { JobPageJson } from '../ports/job-read-model.js';

/** How many queries asked once are remembered (their keys only) before that memory starts again. */
const ASKED_ONCE_KEYS = 2000;

/**
 * Pages of the job list as last answered, by query, bounded by their total JSON size (the oldest go
 * first). A page is kept from the second time it is asked: most queries are asked once (a page deep in
 * a scroll, a search typed once), and keeping each of them would only churn the heap. Holds nothing
 * about when pages were read: the read model empties it on every write it sees, its own or another
 * connection's, so what it gives back is what the query would answer now.
 */
export class PageCache {
  private readonly pages = new Map<string, JobPageJson>();
  private readonly askedOnce = new Set<string>();
  private size = 0;

  /** @param maxChars the most JSON text kept, all pages together */
  constructor(private readonly maxChars: number) {}

  get(key: string): JobPageJson | undefined {
    return this.pages.get(key);
  }

  /**
   * Offers a page just read: kept if its query was asked before (and the page alone is within the
   * bound), the oldest pages forgotten until all fit.
   */
  offer(key: string, page: JobPageJson): void {
    if (!this.askedOnce.has(key)) {
      if (this.askedOnce.size >= ASKED_ONCE_KEYS) this.askedOnce.clear();
      this.askedOnce.add(key);
      return;
    }
    const chars = page.json.length;
    if (chars > this.maxChars || this.pages.has(key)) return;
    for (const [oldest, evicted] of this.pages) {
      if (this.size + chars <= this.maxChars) break;
      this.pages.delete(oldest);
      this.size -= evicted.json.length;
    }
    this.pages.set(key, page);
    this.size += chars;
  }

  /** Forgets every page (the queries asked stay known: a query asked again after a write is kept at once). */
  clear(): void {
    this.pages.clear();
    this.size = 0;
  }
}
