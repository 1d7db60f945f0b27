/**
 * @jobpipe/scraper — fetches postings from job sources (MyCareersFuture, USAJOBS, Greenhouse, Lever,
 * JSON-LD pages, Selenium fallback) and publishes `job.scraped`. Its offline stand-in, the replay of every
 * source, is the `@jobpipe/replay` tool.
 */

export { ScrapeStateStore } from './adapters/scrape-state.js';
export { ScraperMetrics } from './adapters/scraper-metrics.js';
export { createScraper, type Scraper, type ScraperOptions, type ScraperPorts, scraperService } from './app.js';
export { readScraperConfig, type ScraperConfig } from './config.js';
export type { SourcePolicy } from './domain/policy.js';
export type { RunCounts } from './domain/run-counts.js';
export type { RunRecord } from './domain/run-stats.js';
export { type ScrapeRequest, SOURCE_NAMES, type SourceName } from './domain/sources.js';
export { DEFAULT_POLICIES, LIVE_BASE_URLS, SOURCE_MODULES } from './sources/registry.js';
export type { ScraperSourceModule, SourceContext } from './sources/source-module.js';
