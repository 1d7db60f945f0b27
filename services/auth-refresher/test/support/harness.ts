import { PassThrough } from 'node:stream';
import { contracts, queueOf } from '@jobpipe/contracts';
import { createEmbeddedPorts, createLogger, ManualClock, QueueRunner } from '@jobpipe/shared';
import { startChromium } from '@jobpipe/shared/browser';
import { startJobSite, tempDir } from '@jobpipe/test-kit';
import { createAuthRefresherHandlers, createSessionRefresher, parseLoginSites, type RefreshPolicy } from '../../src/index.js';

/** Login settings of the test site, as a user would write them in the sites file. */
export function jobSiteLogin(baseUrl: string) {
  return {
    baseUrl,
    login: {
      url: '/login',
      usernameSelector: '#username',
      passwordSelector: '#password',
      submitSelector: '#login-submit',
      errorSelector: '.login-error',
      otp: { inputSelector: '#otp', submitSelector: '#otp-submit' },
      siteErrorSelector: '#server-error',
      checkUrl: '/dashboard',
      checkSelector: '#account-name',
      sessionCookies: ['jb_session'],
    },
  };
}

export const TOTP_SECRET = 'KRUGS4ZANRXWO2LOEBZWKY3SMV2A';
/**
 * How long a browser step may take. Generous: on a loaded CI machine a one-time-code step took over
 * 2.5 s, and a timed-out login backs the site off for the tests after it. Only the changed-page test
 * waits it out, three times.
 */
const STEP_TIMEOUT_MS = 8000;

export const POLICY: RefreshPolicy = { refreshBeforeSeconds: 600, maxFailures: 3, backoffBaseSeconds: 60, backoffMaxSeconds: 3600 };

/**
 * Two test sites (`jobboard` without and `jobboard-otp` with a one-time-code step), embedded ports in a
 * temp folder, one browser for the whole test file, and every log line kept in memory.
 */
export async function startHarness() {
  const dir = tempDir('auth-refresher-');
  // A hand-moved clock (starting now) lets the tests step past backoffs and towards expiries.
  const clock = new ManualClock(new Date());
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: 'test-secret-key-of-this-file' }, 'auth-refresher', { clock });
  const applierPorts = createEmbeddedPorts({ dataDir: dir.path, secretKey: 'test-secret-key-of-this-file' }, 'applier', { clock });
  const crmPorts = createEmbeddedPorts({ dataDir: dir.path, secretKey: 'test-secret-key-of-this-file' }, 'crm-api', { clock });
  const logStream = new PassThrough();
  const logLines: string[] = [];
  logStream.on('data', (chunk: Buffer) => logLines.push(chunk.toString('utf8')));
  const logger = createLogger('auth-refresher', 'debug', logStream);
  const secrets = ports.secrets();
  const site = await startJobSite({ password: 'pw-Plain-9f3k2' });
  // The site checks one-time codes against the same hand-moved clock the auth-refresher makes them with.
  const otpSite = await startJobSite({ password: 'pw-Otp-77c1x', totpSecret: TOTP_SECRET, otpClock: () => clock.now().getTime() });
  const driver = await startChromium();
  const sites = parseLoginSites({ sites: { jobboard: jobSiteLogin(site.url), 'jobboard-otp': jobSiteLogin(otpSite.url) } });
  const refresher = createSessionRefresher(ports, {
    sites,
    policy: POLICY,
    stepTimeoutMs: STEP_TIMEOUT_MS,
    openBrowser: async () => ({ driver, release: () => driver.manage().deleteAllCookies() }),
  });
  const runner = new QueueRunner({
    queue: queueOf('auth-refresher')!,
    consumer: ports.consumer('auth-refresher'),
    registry: contracts(),
    handlers: createAuthRefresherHandlers(ports, { sites, policy: POLICY, stepTimeoutMs: STEP_TIMEOUT_MS }, refresher),
    publisher: ports.publisher,
    logger,
  });

  return {
    site,
    otpSite,
    clock,
    ports,
    secrets,
    refresher,
    logger,
    logLines,
    driver,
    /** Stores a site's credentials as the user would. */
    async storeCredentials(name: string, username: string, password: string, totp?: string) {
      await secrets.put(`site/${name}/username`, username);
      await secrets.put(`site/${name}/password`, password);
      if (totp) await secrets.put(`site/${name}/totp`, totp);
      else await secrets.delete(`site/${name}/totp`);
    },
    /** Publishes a refresh request as the applier would (a second after the last step), and lets the auth-refresher handle it. */
    async requestRefresh(name: string, requestedAt?: Date) {
      clock.advance(1000);
      requestedAt ??= clock.now();
      await applierPorts.publisher.publish([
        { detailType: 'session.refresh-requested', data: { site: name, reason: 'missing', requestedAt: requestedAt.toISOString() } },
      ]);
      while ((await runner.pollOnce(0)) > 0);
    },
    /** Asks, as crm-api's POST /sites/{site}/unblock does, to lift a site's block and log in now. */
    async requestUnblock(name: string) {
      clock.advance(1000);
      await crmPorts.publisher.publish([
        { detailType: 'session.refresh-requested', data: { site: name, reason: 'unblocked', requestedAt: clock.now().toISOString() } },
      ]);
      while ((await runner.pollOnce(0)) > 0);
    },
    /** Data of every `session.refreshed` published so far for a site, oldest first. */
    refreshedEvents(name: string) {
      return eventBodies()
        .filter((event) => event['detail-type'] === 'session.refreshed' && event.detail.data.site === name)
        .map((event) => event.detail.data as Record<string, unknown>);
    },
    record(name: string) {
      return ports.tables.get('sessions', { site: name });
    },
    eventLogText: () =>
      eventBodies()
        .map((event) => JSON.stringify(event))
        .join('\n'),
    deadLetters: () => ports.deadLetters.list('auth-refresher', 100),
    async close() {
      await driver.quit();
      await Promise.all([site.close(), otpSite.close(), ports.close(), applierPorts.close(), crmPorts.close()]);
      dir.remove();
    },
  };

  function eventBodies() {
    return (ports.bus.db.prepare('SELECT body FROM event_log ORDER BY seq').all() as { body: string }[]).map((row) => JSON.parse(row.body));
  }
}
