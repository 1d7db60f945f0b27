import type { TableItemMap } from '@jobpipe/contracts';
import { collect, type DeadLetter, embeddedPaths, SqliteBus, SqliteTableStore, type TableKey, TypedTableStore } from '@jobpipe/shared';

/** A parser-dead-lettered `job.scraped`, reduced to what names the posting. */
export interface DeadLetteredPosting {
  readonly jobId: string;
  readonly reason: string;
}

/**
 * Reads what the embedded stack in a data folder has done, from outside its processes: events
 * published, queue and DLQ depths, and the jobs and scores tables (the files every service shares).
 */
export class PipelineInspector {
  readonly bus: SqliteBus;
  private readonly sqlite: SqliteTableStore;
  private readonly tables: TypedTableStore;

  constructor(dataDir: string) {
    const paths = embeddedPaths(dataDir);
    this.bus = new SqliteBus({ path: paths.bus });
    this.sqlite = new SqliteTableStore(paths.tables);
    this.tables = new TypedTableStore(this.sqlite);
  }

  /** How many events of a detail-type were published (every delivery attempt's publish counts). */
  published(detailType: string): number {
    return (this.bus.db.prepare('SELECT COUNT(*) AS n FROM event_log WHERE detail_type = ?').get(detailType) as { n: number }).n;
  }

  /** Data of every published event of a detail-type, oldest first. */
  publishedData<T>(detailType: string): T[] {
    return this.bus.publishedEvents(detailType).map((event) => (JSON.parse(event.body) as { detail: { data: T } }).detail.data);
  }

  /** Messages waiting or in flight on a queue (its DLQ not counted). */
  async pending(queue: string): Promise<number> {
    const depth = await this.bus.depth(queue);
    return depth.ready + depth.inFlight;
  }

  async deadLetters(queue: string): Promise<DeadLetter[]> {
    return this.bus.list(queue, 100_000);
  }

  /** The postings (as job ids) the parser dead-lettered, with the reasons. */
  async deadLetteredPostings(): Promise<DeadLetteredPosting[]> {
    return (await this.deadLetters('parser')).map((letter) => {
      const data = (JSON.parse(letter.body) as { detail: { data: { source: string; externalId: string } } }).detail.data;
      return { jobId: `${data.source}:${data.externalId}`, reason: letter.reason };
    });
  }

  /** Every item of a table. */
  all<N extends 'jobs' | 'scores' | 'recommenderState' | 'crmHistory'>(table: N): Promise<TableItemMap[N][]> {
    return collect(this.tables.scanAll(table));
  }

  get<N extends 'jobs' | 'scores' | 'recommenderState' | 'scrapeState'>(table: N, key: TableKey<N>): Promise<TableItemMap[N] | undefined> {
    return this.tables.get(table, key);
  }

  close(): void {
    this.bus.close();
    this.sqlite.close();
  }
}
