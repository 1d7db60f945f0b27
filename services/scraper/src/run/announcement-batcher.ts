import type { OutgoingEvent } from '@jobpipe/shared';

/** One posting to announce, and what to remember with its announcement. */
export interface Announcement<Record> {
  readonly event: OutgoingEvent<'job.scraped'>;
  readonly record: Record;
}

/**
 * Announces postings in batches: everything handed over within `windowMs` (up to `maxBatch`) is
 * committed as one write — the events and what is remembered of the postings together (the outbox) —
 * few, short write transactions on files other processes write too. Each caller's promise settles with
 * its batch, so a posting counts as announced only once it really is. `maxBatch` keeps a batch's writes
 * (two per posting at most, and its outbox entry) within DynamoDB's 100 per transaction.
 */
export class AnnouncementBatcher<Record> {
  private pending: (Announcement<Record> & { resolve: () => void; reject: (error: unknown) => void })[] = [];
  private scheduled = false;

  constructor(
    private readonly commit: (events: readonly OutgoingEvent[], records: readonly Record[]) => Promise<void>,
    private readonly maxBatch = 40,
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
      await this.commit(
        batch.map((entry) => entry.event),
        batch.map((entry) => entry.record),
      );
      for (const entry of batch) entry.resolve();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
