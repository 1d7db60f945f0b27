import {
  configuredSites,
  defineHandlers,
  defineService,
  type HandlerTable,
  type Logger,
  type ServicePorts,
  type TableReader,
} from '@jobpipe/shared';
import { BrowserHolder } from './adapters/browser-holder.js';
import { Applier } from './applier.js';
import { APPLIER_ENV_SCHEMA, type ApplierConfig, readApplierConfig } from './config.js';
import { parseApplySites } from './domain/apply-site.js';
import { type ApplicantProfile, parseProfile } from './domain/profile.js';
import { applicationRequestedHandler } from './handlers/application-requested.js';
import { sessionRefreshedHandler } from './handlers/session-refreshed.js';

/** The parts of the config the handlers need (tests and the bench build it by hand). */
export type ApplierSettings = Pick<ApplierConfig, 'sites' | 'guards' | 'forceDryRun' | 'stepTimeoutMs'> & {
  /** A fixed profile; by default the `profile` of the current config (crm-api's `config` table) is read per application. */
  readonly profile?: ApplicantProfile;
};

/** The configured profile: the `profile` object of the current JobpipeConfig, if any. */
async function profileFromConfig(ports: { readonly tables: TableReader }, logger: Logger): Promise<ApplicantProfile | undefined> {
  const current = await ports.tables.get('config', { key: 'current' });
  if (current?.config?.profile === undefined) return undefined;
  try {
    return parseProfile(current.config.profile);
  } catch (error) {
    logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'the configured profile is not usable');
    return undefined;
  }
}

/** A running applier: its handler table, and the browser to close on shutdown. */
export interface ApplierHandlers {
  readonly handlers: HandlerTable;
  readonly browser: BrowserHolder;
}

/**
 * Builds the applier over the ports (the composition root): the sites of the sites file and of the
 * stored config (read per application), one browser for the process (headless system Chromium that
 * resolves only the hosts of the sites applied to, unless `startBrowser` says otherwise), reused across
 * applications.
 */
export function createApplierHandlers(
  ports: Pick<ServicePorts<'applier'>, 'tables' | 'outbox' | 'blobs' | 'secrets' | 'clock'>,
  settings: ApplierSettings,
  logger: Logger,
  startBrowser = async (allowHosts: readonly string[]) =>
    // selenium-webdriver loads with the first browser, not when the service starts.
    (await import('@jobpipe/shared/browser')).startChromium({ allowHosts }),
): ApplierHandlers {
  const browser = new BrowserHolder(startBrowser, logger);
  const applier = new Applier({
    tables: ports.tables,
    outbox: ports.outbox,
    blobs: ports.blobs,
    secrets: ports.secrets(),
    clock: ports.clock,
    browser,
    sites: configuredSites(ports.tables, settings.sites, parseApplySites, (reason) =>
      logger.warn({ reason }, 'the configured sites are not usable; using the sites file alone'),
    ),
    profile: settings.profile ? async () => settings.profile : () => profileFromConfig(ports, logger),
    guards: settings.guards,
    forceDryRun: settings.forceDryRun,
    stepTimeoutMs: settings.stepTimeoutMs,
  });
  const handlers = defineHandlers({
    'application.requested@1': applicationRequestedHandler(applier),
    'session.refreshed@1': sessionRefreshedHandler(applier),
  });
  return { handlers, browser };
}

/**
 * The applier service, as every entry starts it. The browser is closed after the queue has stopped,
 * so the application in flight finishes first.
 */
export const applierService = defineService({
  name: 'applier',
  envSchema: APPLIER_ENV_SCHEMA,
  readConfig: readApplierConfig,
  build: (ports, config, logger) => {
    const { handlers, browser } = createApplierHandlers(ports, config, logger);
    return { handlers, browser, close: () => browser.close() };
  },
});
