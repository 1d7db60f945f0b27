import type { SqliteBus } from '@jobpipe/shared';

/** Counts of the pipeline's events since a point in the bus event log. */
export interface PipelineCounts {
  readonly scraped: number;
  readonly parsed: number;
  readonly scored: number;
  readonly deadLettered: number;
}

/** Reads progress from the embedded bus: events published since `sinceSeq`, and DLQ depth. */
export class PipelineProgress {
  readonly sinceSeq: number;

  constructor(private readonly bus: SqliteBus) {
    this.sinceSeq = (bus.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM event_log').get() as { seq: number }).seq;
  }

  counts(): PipelineCounts {
    const rows = this.bus.db
      .prepare(
        "SELECT detail_type AS type, COUNT(*) AS n FROM event_log WHERE seq > ? AND detail_type IN ('job.scraped', 'job.parsed', 'job.scored') GROUP BY detail_type",
      )
      .all(this.sinceSeq) as { type: string; n: number }[];
    const count = (type: string) => rows.find((row) => row.type === type)?.n ?? 0;
    const dead = this.bus.db.prepare("SELECT COUNT(*) AS n FROM messages WHERE queue LIKE '%-dlq'").get() as { n: number };
    return { scraped: count('job.scraped'), parsed: count('job.parsed'), scored: count('job.scored'), deadLettered: dead.n };
  }

  /** Messages still waiting or in flight on the ingest queues (scraper, parser, recommender). */
  pendingIngest(): number {
    const row = this.bus.db.prepare("SELECT COUNT(*) AS n FROM messages WHERE queue IN ('scraper', 'parser', 'recommender')").get() as {
      n: number;
    };
    return row.n;
  }
}
