import type { OutgoingEvent } from '@jobpipe/shared';

/** One posting to announce, and what to remember once it is announced. */
export interface Announcement<Record> {
  readonly event: OutgoingEvent<'job.scraped'>;
  readonly record: Record;
}

/**
 * Announces postings in batches: everything handed over within `windowMs` (up to `maxBatch`) is
 * published as one bus write, then remembered as one table write — few, short write transactions on
 * files other processes write too. Each caller's promise
 * settles with its batch, so a posting counts as announced only once it really is.
 */
export class AnnouncementBatcher<Record> {
  private pending: (Announcement<Record> & { resolve: () => void; reject: (error: unknown) => void })[] = [];
  private scheduled = false;

  constructor(
    private readonly publish: (events: readonly OutgoingEvent[]) => Promise<unknown>,
    private readonly remember: (records: readonly Record[]) => Promise<void>,
    private readonly maxBatch = 100,
    private readonly windowMs = 10,
  ) {}

  announce(announcement: Announcement<Record>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ...announcement, resolve, reject });
      if (this.pending.length >= this.maxBatch) void this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => {
          this.scheduled = false;
          void this.flush();
        }, this.windowMs);
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    try {
      await this.publish(batch.map((entry) => entry.event));
      // Remembered only after the announcement: a crash in between re-announces (the parser is
      // idempotent) rather than losing the posting.
      await this.remember(batch.map((entry) => entry.record));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
