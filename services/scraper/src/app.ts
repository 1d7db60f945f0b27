import { defineHandlers, type Logger, PermanentError, type RuntimePorts } from '@jobpipe/shared';
import { ScrapeStateStore } from './adapters/scrape-state.js';
import { ScraperMetrics } from './adapters/scraper-metrics.js';
import { SourceHttp } from './adapters/source-http.js';
import type { ScraperConfig } from './config.js';
import { HostAllowlist } from './domain/host-allowlist.js';
import { SOURCE_NAMES, type SourceName } from './domain/sources.js';
import { scrapeRequestedHandler } from './handlers/scrape-requested.js';
import { createGreenhouseSource } from './sources/greenhouse.js';
import { createJsonLdSource, type PageRenderer } from './sources/jsonld.js';
import { createLeverSource } from './sources/lever.js';
import { createMcfSource } from './sources/mcf.js';
import type { Source } from './sources/source.js';
import { createUsajobsSource } from './sources/usajobs.js';

/** The ports the scraper uses. */
export type ScraperPorts = Pick<RuntimePorts, 'tables' | 'outbox' | 'blobs' | 'secrets' | 'clock'>;

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
  return defineHandlers({ 'scrape.requested@1': scrapeRequestedHandler(deps) });
}

/**
 * The composition root: one HTTP client per source under its policy and allowlist, the source
 * adapters, the scrapeState store, and the `scrape.requested@1` handler.
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
  const sources: Record<SourceName, Source> = {
    mcf: createMcfSource({ baseUrl: config.baseUrls.mcf }),
    usajobs: createUsajobsSource({
      baseUrl: config.baseUrls.usajobs,
      credentials: {
        email: config.usajobs.email ?? '',
        apiKey: async () => {
          if (!config.usajobs.email)
            throw new PermanentError('USAJOBS_EMAIL_MISSING', 'set JOBPIPE_SCRAPER_USAJOBS_EMAIL (USAJOBS wants it as User-Agent)');
          const key = config.usajobs.apiKey ?? (await ports.secrets().get(config.usajobs.apiKeySecret));
          if (!key) {
            throw new PermanentError(
              'USAJOBS_KEY_MISSING',
              `no USAJOBS key: put it in the secret store as '${config.usajobs.apiKeySecret}' or set JOBPIPE_SCRAPER_USAJOBS_API_KEY`,
            );
          }
          return key;
        },
      },
    }),
    greenhouse: createGreenhouseSource({ baseUrl: config.baseUrls.greenhouse }),
    lever: createLeverSource({ baseUrl: config.baseUrls.lever }),
    jsonld: createJsonLdSource({ openBrowser: () => openBrowser(config.allowedHosts.jsonld, config.policies.jsonld.timeoutMs) }),
  };
  const handlers = buildHandlers({
    sources,
    clients,
    blobs: ports.blobs,
    state: new ScrapeStateStore(ports.tables, ports.outbox),
    clock: ports.clock,
    metrics,
  });
  return {
    handlers,
    metrics,
    async close() {
      await Promise.all(Object.values(clients).map((client) => client.close()));
    },
  };
}

/** The handler table alone (the shape every service offers to tests and the CLI). */
export function createScraperHandlers(ports: ScraperPorts, config: ScraperConfig, logger: Logger, options: ScraperOptions = {}) {
  return createScraper(ports, config, logger, options).handlers;
}
