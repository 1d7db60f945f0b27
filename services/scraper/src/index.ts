/**
 * @jobpipe/scraper — fetches postings from job sources (MyCareersFuture, USAJOBS, Greenhouse, Lever,
 * JSON-LD pages, Selenium fallback) and publishes `job.scraped`. Its offline stand-in, the replay of every
 * source, is the `@jobpipe/replay` tool.
 */

export { ScrapeStateStore } from './adapters/scrape-state.js';
export { ScraperMetrics } from './adapters/scraper-metrics.js';
export { createScraper, createScraperHandlers, type Scraper, type ScraperOptions, type ScraperPorts } from './app.js';
export { type ApiSourceName, readScraperConfig, type ScraperConfig } from './config.js';
export { DEFAULT_POLICIES, type SourcePolicy } from './domain/policy.js';
export type { RunCounts, RunRecord } from './domain/run-stats.js';
export { LIVE_BASE_URLS, type ScrapeRequest, SOURCE_NAMES, type SourceName } from './domain/sources.js';
