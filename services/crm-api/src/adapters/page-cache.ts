import type { JobPageJson } from '../ports/job-read-model.js';

/**
 * Pages of the job list as last answered, by query, bounded by their total JSON size (the oldest go
 * first). Holds nothing about when they were read: the read model empties it on every write it sees,
 * its own or another connection's, so what it gives back is what the query would answer now.
 */
export class PageCache {
  private readonly pages = new Map<string, JobPageJson>();
  private size = 0;

  /** @param maxChars the most JSON text kept, all pages together */
  constructor(private readonly maxChars: number) {}

  get(key: string): JobPageJson | undefined {
    return this.pages.get(key);
  }

  /** Keeps a page (unless it alone is over the bound), forgetting the oldest ones until all fit. */
  set(key: string, page: JobPageJson): void {
    const chars = page.itemsJson.length;
    if (chars > this.maxChars || this.pages.has(key)) return;
    for (const [oldest, evicted] of this.pages) {
      if (this.size + chars <= this.maxChars) break;
      this.pages.delete(oldest);
      this.size -= evicted.itemsJson.length;
    }
    this.pages.set(key, page);
    this.size += chars;
  }

  clear(): void {
    this.pages.clear();
    this.size = 0;
  }
}
