/**
 * Gathers what a run hands over within `windowMs` of the first (up to `maxBatch`) and does it as one
 * piece of work: announcing postings in one commit (their events and what is remembered of them
 * together, the outbox), reading the stored state of postings in one request. Each caller's promise
 * settles with its own result once its batch is done, so a posting counts as announced only once it
 * really is; a batch that fails fails each of its callers.
 */
export class WindowedBatcher<Input, Result> {
  private pending: { input: Input; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    /** Does a batch: one result per input, in order. */
    private readonly work: (inputs: readonly Input[]) => Promise<readonly Result[]>,
    private readonly windowMs: number,
    private readonly maxBatch: number,
  ) {}

  /** Hands one input over; settles with its result when its batch is done. */
  add(input: Input): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
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
      const results = await this.work(batch.map((entry) => entry.input));
      for (const [index, entry] of batch.entries()) entry.resolve(results[index]!);
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
