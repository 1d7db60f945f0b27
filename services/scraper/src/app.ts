import { defineHandlers, defineService, type Logger, type ServicePorts, wipeRequestedHandler } from '@jobpipe/shared';
import { ScrapeStateStore } from './adapters/scrape-state.js';
import { ScraperMetrics } from './adapters/scraper-metrics.js';
import { SourceHttp } from './adapters/source-http.js';
import { readScraperConfig, SCRAPER_ENV_SCHEMA, type ScraperConfig } from './config.js';
import { HostAllowlist } from './domain/host-allowlist.js';
import { SOURCE_NAMES, type SourceName } from './domain/sources.js';
import { scrapeRequestedHandler } from './handlers/scrape-requested.js';
import type { PageRenderer } from './sources/jsonld/jsonld-source.js';
import { SOURCE_MODULES } from './sources/registry.js';
import type { Source } from './sources/source.js';

/** The ports the scraper uses (it writes only `scrapeState`). */
export type ScraperPorts = Pick<ServicePorts<'scraper'>, 'tables' | 'outbox' | 'blobs' | 'secrets' | 'clock'>;

/** Optional replacements, for tests. */
export interface ScraperOptions {
  readonly metrics?: ScraperMetrics;
  /** Opens the browser for `useBrowser` runs; defaults to headless system Chromium. */
  readonly openBrowser?: (allowHosts: readonly string[], timeoutMs: number) => Promise<PageRenderer>;
}

/** A composed scraper: its handler table, its metrics, and a way to release its timers. */
export interface Scraper {
  readonly handlers: ReturnType<typeof buildHandlers>;
  readonly metrics: ScraperMetrics;
  close(): Promise<void>;
}

function buildHandlers(deps: Parameters<typeof scrapeRequestedHandler>[0]) {
  return defineHandlers({
    'scrape.requested@1': scrapeRequestedHandler(deps),
    'wipe.requested@1': wipeRequestedHandler('scraper', deps.clock, (scope) => deps.state.wipe(scope)),
  });
}

/**
 * The composition root: one HTTP client per source under its policy and allowlist, the source
 * adapters, the scrapeState store, and the `scrape.requested@1` and `wipe.requested@1` handlers.
 */
export function createScraper(ports: ScraperPorts, config: ScraperConfig, logger: Logger, options: ScraperOptions = {}): Scraper {
  const metrics = options.metrics ?? new ScraperMetrics();
  const clients = Object.fromEntries(
    SOURCE_NAMES.map((source) => [
      source,
      new SourceHttp(source, config.policies[source], new HostAllowlist(config.allowedHosts[source]), logger, (state) =>
        metrics.circuitTransitions.inc({ source, state }),
      ),
    ]),
  ) as Record<SourceName, SourceHttp>;
  // Selenium (~17 MB) loads only when a source is configured to use the browser.
  const openBrowser =
    options.openBrowser ??
    (async (allowHosts, timeoutMs) => (await import('./adapters/browser-renderer.js')).openChromiumRenderer({ allowHosts, timeoutMs }));
  const browser = (searchHosts: readonly string[]) =>
    openBrowser([...config.allowedHosts.jsonld, ...searchHosts], config.policies.jsonld.timeoutMs);
  const sources = Object.fromEntries(
    SOURCE_NAMES.map((source) => [
      source,
      SOURCE_MODULES[source].create({
        baseUrl: config.baseUrls[source] ?? '',
        config,
        secrets: ports.secrets,
        logger,
        openBrowser: browser,
      }),
    ]),
  ) as Record<SourceName, Source>;
  const handlers = buildHandlers({
    sources,
    clients,
    blobs: ports.blobs,
    state: new ScrapeStateStore(ports.tables, ports.outbox),
    clock: ports.clock,
    metrics,
    announcementWindowMs: config.announcementWindowMs,
  });
  return {
    handlers,
    metrics,
    async close() {
      await Promise.all(Object.values(clients).map((client) => client.close()));
    },
  };
}

/** The scraper service, as every entry starts it (process, `jobpipe run --once`, tests). */
export const scraperService = defineService({
  name: 'scraper',
  envSchema: SCRAPER_ENV_SCHEMA,
  readConfig: readScraperConfig,
  build: (ports, config, logger) => ({ ...createScraper(ports, config, logger), concurrency: config.concurrency }),
});
