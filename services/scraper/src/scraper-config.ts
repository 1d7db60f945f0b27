import type { RuntimeConfig } from '@jobpipe/shared';
import type { SourcePolicy } from './domain/policy.js';
import type { SourceName } from './domain/sources.js';

/**
 * The scraper's settings, validated and frozen: read by `config.ts`, handed to the sources by the
 * composition root. Its own file, so the source modules can know it without importing `config.ts`
 * (which imports the source registry).
 */
export interface ScraperConfig {
  readonly runtime: RuntimeConfig;
  /** Scrape requests handled at once (`JOBPIPE_SCRAPER_CONCURRENCY`, default 2); sources pace themselves. */
  readonly concurrency: number;
  /**
   * How long a run gathers the postings it found before reading their stored state at once, and again
   * before announcing them in one commit (by transport: `ANNOUNCEMENT_WINDOW_MS`).
   */
  readonly announcementWindowMs: number;
  /** Base URL per API source (`JOBPIPE_SCRAPER_<SOURCE>_BASE_URL`, default the live API); page sources have none. */
  readonly baseUrls: Readonly<Partial<Record<SourceName, string>>>;
  /** Hosts each source may fetch from: its base URL's host plus `JOBPIPE_SCRAPER_<SOURCE>_ALLOWED_HOSTS`. */
  readonly allowedHosts: Readonly<Record<SourceName, readonly string[]>>;
  /** Policy per source: defaults, then `JOBPIPE_SCRAPER_POLICY` (all sources), then `JOBPIPE_SCRAPER_<SOURCE>_POLICY` (JSON). */
  readonly policies: Readonly<Record<SourceName, SourcePolicy>>;
  readonly usajobs: {
    /** Sent as User-Agent, as USAJOBS asks (`JOBPIPE_SCRAPER_USAJOBS_EMAIL`). */
    readonly email: string | undefined;
    /** The key given directly (`JOBPIPE_SCRAPER_USAJOBS_API_KEY`); else read from the secret store. */
    readonly apiKey: string | undefined;
    /** Name of the secret holding the key (`JOBPIPE_SCRAPER_USAJOBS_KEY_SECRET`, default `usajobs-api-key`). */
    readonly apiKeySecret: string;
  };
}

/**
 * How long a run gathers found postings before reading their state and again before announcing them,
 * per transport. Embedded, a read or commit is a short local SQLite call: 10 ms keeps announcements
 * prompt. On AWS each is a request (BatchGetItem, TransactWriteItems): a run finds a posting every few
 * milliseconds to a few hundred (its politeness limits), so a second's postings go in one read and one
 * commit (up to 100 and 40 postings) instead of one or two each, for at most two seconds' delay of
 * `job.scraped`.
 */
export const ANNOUNCEMENT_WINDOW_MS: Readonly<Record<RuntimeConfig['transport'], number>> = { embedded: 10, aws: 1000 };
