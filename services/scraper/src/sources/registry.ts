import { API_POLICY_DEFAULTS, type SourcePolicy } from '../domain/policy.js';
import type { SourceName } from '../domain/sources.js';
import { ashbyModule } from './ashby/index.js';
import { greenhouseModule } from './greenhouse/index.js';
import { jsonldModule } from './jsonld/index.js';
import { leverModule } from './lever/index.js';
import { mcfModule } from './mcf/index.js';
import { personioModule } from './personio/index.js';
import { recruiteeModule } from './recruitee/index.js';
import { smartrecruitersModule } from './smartrecruiters/index.js';
import type { ScraperSourceModule } from './source-module.js';
import { usajobsModule } from './usajobs/index.js';
import { workableModule } from './workable/index.js';
import { workdayModule } from './workday/index.js';

/**
 * Every source the scraper reads, registered here and nowhere else. Keyed by the contracts' scrape
 * sources, so a source added to the schemas does not type-check until its module is registered.
 */
export const SOURCE_MODULES: Readonly<Record<SourceName, ScraperSourceModule>> = {
  mcf: mcfModule,
  usajobs: usajobsModule,
  greenhouse: greenhouseModule,
  lever: leverModule,
  jsonld: jsonldModule,
  workday: workdayModule,
  smartrecruiters: smartrecruitersModule,
  ashby: ashbyModule,
  recruitee: recruiteeModule,
  workable: workableModule,
  personio: personioModule,
};

/** Where each API source lives on the internet (overridable per deployment through config). */
export const LIVE_BASE_URLS: Readonly<Partial<Record<SourceName, string>>> = Object.freeze(
  Object.fromEntries(
    Object.values(SOURCE_MODULES)
      .filter((module) => module.liveBaseUrl !== undefined)
      .map((module) => [module.name, module.liveBaseUrl!]),
  ),
);

/** The default policy of every source: the API defaults with the module's own politeness over them. */
export const DEFAULT_POLICIES: Readonly<Record<SourceName, SourcePolicy>> = Object.freeze(
  Object.fromEntries(Object.values(SOURCE_MODULES).map((module) => [module.name, { ...API_POLICY_DEFAULTS, ...module.policy }])) as Record<
    SourceName,
    SourcePolicy
  >,
);
