import { Counter, Histogram, Registry } from 'prom-client';

/** The scraper's own Prometheus metrics (registered into the service registry by main.ts). */
export class ScraperMetrics {
  readonly registry = new Registry();
  readonly postings: Counter<'source' | 'outcome'>;
  readonly drift: Counter<'source' | 'search_id'>;
  readonly runs: Counter<'source' | 'status'>;
  readonly runSeconds: Histogram<'source'>;
  readonly circuitTransitions: Counter<'source' | 'state'>;

  constructor() {
    const registers = [this.registry];
    this.postings = new Counter({
      name: 'jobpipe_scraper_postings_total',
      help: 'Postings seen by outcome (published, unchanged, not_modified, failed)',
      labelNames: ['source', 'outcome'],
      registers,
    });
    this.drift = new Counter({
      name: 'jobpipe_scraper_source_drift_total',
      help: 'Runs that found zero postings where the previous run of the same search found many',
      labelNames: ['source', 'search_id'],
      registers,
    });
    this.runs = new Counter({
      name: 'jobpipe_scraper_runs_total',
      help: 'Finished runs by status',
      labelNames: ['source', 'status'],
      registers,
    });
    this.runSeconds = new Histogram({
      name: 'jobpipe_scraper_run_duration_seconds',
      help: 'Duration of a scrape run',
      labelNames: ['source'],
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers,
    });
    this.circuitTransitions = new Counter({
      name: 'jobpipe_scraper_circuit_transitions_total',
      help: 'Circuit breaker state changes per source',
      labelNames: ['source', 'state'],
      registers,
    });
  }

  /** Adds these metrics to another registry (the service's /metrics). */
  registerInto(target: Registry): void {
    for (const metric of [this.postings, this.drift, this.runs, this.runSeconds, this.circuitTransitions]) target.registerMetric(metric);
  }
}
