import type { ScrapeRunStatus } from '@jobpipe/contracts';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RunCoverage } from '../domain/run-coverage.js';

/** The scraper's own Prometheus metrics (registered into the service registry by main.ts). */
export class ScraperMetrics {
  readonly registry = new Registry();
  readonly postings: Counter<'source' | 'outcome'>;
  readonly drift: Counter<'source' | 'search_id'>;
  readonly runs: Counter<'source' | 'status'>;
  readonly runSeconds: Histogram<'source'>;
  readonly circuitTransitions: Counter<'source' | 'state'>;
  readonly searchListed: Gauge<'source' | 'search_id'>;
  readonly searchReportedTotal: Gauge<'source' | 'search_id'>;
  readonly pagesFailed: Counter<'source'>;
  readonly cutShort: Counter<'source' | 'reason'>;

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
      help: 'Finished runs by how much of the search they read (complete, partial, failed)',
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
    this.searchListed = new Gauge({
      name: 'jobpipe_scraper_search_listed',
      help: 'Postings the last finished run of a search listed',
      labelNames: ['source', 'search_id'],
      registers,
    });
    this.searchReportedTotal = new Gauge({
      name: 'jobpipe_scraper_search_reported_total',
      help: 'Matches the source itself reported for a search in its last finished run',
      labelNames: ['source', 'search_id'],
      registers,
    });
    this.pagesFailed = new Counter({
      name: 'jobpipe_scraper_pages_failed_total',
      help: 'Listing pages that could not be read',
      labelNames: ['source'],
      registers,
    });
    this.cutShort = new Counter({
      name: 'jobpipe_scraper_runs_cut_short_total',
      help: 'Runs that did not read the whole search: capped by the source, or truncated at maxPages',
      labelNames: ['source', 'reason'],
      registers,
    });
  }

  /** Counts a finished run and keeps its search's coverage. */
  recordRun(source: string, searchId: string, status: ScrapeRunStatus, coverage: RunCoverage, seconds: number): void {
    this.runs.inc({ source, status });
    this.runSeconds.observe({ source }, seconds);
    if (status === 'failed') return;
    this.searchListed.set({ source, search_id: searchId }, coverage.listed);
    if (coverage.reportedTotal !== undefined) this.searchReportedTotal.set({ source, search_id: searchId }, coverage.reportedTotal);
    if (coverage.pagesFailed > 0) this.pagesFailed.inc({ source }, coverage.pagesFailed);
    if (coverage.capped) this.cutShort.inc({ source, reason: 'capped' });
    if (coverage.truncated) this.cutShort.inc({ source, reason: 'truncated' });
  }

  /** Adds these metrics to another registry (the service's /metrics). */
  registerInto(target: Registry): void {
    const metrics = [this.postings, this.drift, this.runs, this.runSeconds, this.circuitTransitions];
    for (const metric of [...metrics, this.searchListed, this.searchReportedTotal, this.pagesFailed, this.cutShort])
      target.registerMetric(metric);
  }
}
