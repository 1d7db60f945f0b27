import { configuredSites, defineHandlers, defineService, type Logger, type ServicePorts, silentLogger } from '@jobpipe/shared';
import { AUTH_REFRESHER_ENV_SCHEMA, type AuthRefresherConfig, readAuthRefresherConfig } from './config.js';
import { parseLoginSites } from './domain/login-site.js';
import { sessionRefreshRequestedHandler } from './handlers/session-refresh-requested.js';
import { type RefreshSchedule, startRefreshSchedule } from './refresh-schedule.js';
import { type BrowserLease, SessionRefresher } from './session-refresher.js';

/** The parts of the config the handlers need (tests build it by hand). */
export type AuthRefresherSettings = Pick<AuthRefresherConfig, 'sites' | 'policy' | 'stepTimeoutMs'> & {
  /** Lends the browser of one login; defaults to a fresh system headless Chromium, quit afterwards. */
  readonly openBrowser?: (host: string) => Promise<BrowserLease>;
};

/** The ports the auth-refresher uses (it writes only `sessions`). */
export type AuthRefresherPorts = Pick<ServicePorts<'auth-refresher'>, 'tables' | 'outbox' | 'blobs' | 'secrets' | 'clock'>;

/** A fresh browser per login: no cookie or cache survives from one login to the next (selenium loads with the first). */
async function freshChromium(host: string): Promise<BrowserLease> {
  const { startChromium } = await import('@jobpipe/shared/browser');
  const driver = await startChromium({ allowHosts: [host] });
  // A stuck browser may not answer quit: give it a few seconds, then let it go.
  const quit = () => Promise.race([driver.quit(), new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]);
  return { driver, release: quit };
}

/**
 * Builds the refresher over the ports (the composition root): the sites of the sites file and of the
 * stored config (read per login and per schedule pass).
 */
export function createSessionRefresher(
  ports: AuthRefresherPorts,
  settings: AuthRefresherSettings,
  logger: Logger = silentLogger,
): SessionRefresher {
  return new SessionRefresher({
    tables: ports.tables,
    outbox: ports.outbox,
    blobs: ports.blobs,
    secrets: ports.secrets(),
    clock: ports.clock,
    sites: configuredSites(ports.tables, settings.sites, parseLoginSites, (reason) =>
      logger.warn({ reason }, 'the configured sites are not usable; using the sites file alone'),
    ),
    policy: settings.policy,
    stepTimeoutMs: settings.stepTimeoutMs,
    openBrowser: settings.openBrowser ?? freshChromium,
  });
}

/** The auth-refresher's handler table (pass the refresher the schedule uses, so logins of a site never overlap). */
export function createAuthRefresherHandlers(
  ports: AuthRefresherPorts,
  settings: AuthRefresherSettings,
  refresher: SessionRefresher = createSessionRefresher(ports, settings),
) {
  return defineHandlers({ 'session.refresh-requested@1': sessionRefreshRequestedHandler(refresher) });
}

/** The schedule that refreshes sessions before they expire (off when the interval is 0). */
export function startAuthRefresherSchedule(
  refresher: SessionRefresher,
  intervalSeconds: number,
  logger: Logger,
): RefreshSchedule | undefined {
  return intervalSeconds > 0 ? startRefreshSchedule(refresher, intervalSeconds, logger) : undefined;
}

/** The auth-refresher service, as every entry starts it: its handlers and the refresh schedule share one refresher. */
export const authRefresherService = defineService({
  name: 'auth-refresher',
  envSchema: AUTH_REFRESHER_ENV_SCHEMA,
  readConfig: readAuthRefresherConfig,
  build: (ports, config, logger) => {
    const refresher = createSessionRefresher(ports, config, logger);
    return {
      handlers: createAuthRefresherHandlers(ports, config, refresher),
      sideJobs: { 'refresh-schedule': async () => startAuthRefresherSchedule(refresher, config.checkIntervalSeconds, logger) },
    };
  },
});
