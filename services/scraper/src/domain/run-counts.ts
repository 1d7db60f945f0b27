/** What happened to the postings of one run. */
export interface RunCounts {
  /** Postings the source listed. */
  found: number;
  /** New or changed: stored and announced with job.scraped. */
  published: number;
  /** Same content hash as last time: nothing published. */
  unchanged: number;
  /** The server answered 304 Not Modified: nothing downloaded. */
  notModified: number;
  /** Could not be fetched (after retries) or were refused (allowlist, size). */
  failed: number;
}

/** Empty counts. */
export function emptyCounts(): RunCounts {
  return { found: 0, published: 0, unchanged: 0, notModified: 0, failed: 0 };
}
