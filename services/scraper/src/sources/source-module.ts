import type { Logger, RuntimePorts } from '@jobpipe/shared';
import type { SourcePolicy } from '../domain/policy.js';
import type { SourceName } from '../domain/sources.js';
import type { ScraperConfig } from '../scraper-config.js';
import type { PageRenderer } from './jsonld/jsonld-source.js';
import type { Source } from './source.js';

/** What the composition root hands a source module when it builds the source. */
export interface SourceContext {
  /** The source's API base URL from config (`JOBPIPE_SCRAPER_<SOURCE>_BASE_URL`, else `liveBaseUrl`); empty for page sources. */
  readonly baseUrl: string;
  readonly config: ScraperConfig;
  readonly secrets: RuntimePorts['secrets'];
  readonly logger: Logger;
  /**
   * Opens headless Chromium for `useBrowser` runs (page sources only), allowed to load the source's
   * allowed hosts and `searchHosts`, the hosts the search allows itself (its `allowHosts`).
   */
  readonly openBrowser: (searchHosts: readonly string[]) => Promise<PageRenderer>;
}

/**
 * One job source, as the scraper knows it: registered once in `registry.ts`, it brings how to page and
 * fetch the source (`create`), where its API lives, and how politely to read it (policy as data). Its
 * parser extractor and its replay live in the parser and in `tools/replay`, under the same name.
 */
export interface ScraperSourceModule {
  readonly name: SourceName;
  /** The live API's base URL; absent for sources that read whatever pages a search names (`jsonld`). */
  readonly liveBaseUrl?: string;
  /** Hosts the source may fetch from besides its base URL's (an ATS that gives each employer its own subdomain). */
  readonly defaultHosts?: readonly string[];
  /** Where this source's politeness differs from the API defaults (`API_POLICY_DEFAULTS`), and why in a comment. */
  readonly policy: Partial<SourcePolicy>;
  /** The source adapter, built once per scraper. */
  create(context: SourceContext): Source;
}
