import type { SessionRefreshedV1 } from '@jobpipe/contracts';
import type { BlobStore, Clock, Logger, OutgoingEvent, SecretStore, ServiceOutbox, ServiceTables } from '@jobpipe/shared';
import type { WebDriver } from 'selenium-webdriver';
import type { Credentials } from './adapters/browser-login.js';
import { currentOneTimeCode } from './adapters/one-time-code.js';
import type { LoginSite } from './domain/login-site.js';
import { redactSecrets } from './domain/redact.js';
import {
  decideOnRequest,
  isScheduledRefreshDue,
  type RefreshPolicy,
  recordAfterFailure,
  recordAfterSuccess,
  recordAfterUnblock,
  sessionExpiry,
} from './domain/refresh-policy.js';
import { type LoginFailureReason, type SessionRecord, type StoredSession, secretNames } from './domain/session-record.js';

/** The data of a `session.refreshed` event. */
export type SessionRefreshedData = SessionRefreshedV1['data'];

/**
 * Sets correlation and cause on the events a change commits: a handler's `context.caused`, or
 * `uncaused` for the schedule.
 */
export type Caused = (events: readonly OutgoingEvent[]) => OutgoingEvent[];

/** Events of the schedule: no cause, a correlation of their own. */
export const uncaused: Caused = (events) => [...events];

/** A browser lent for one login. */
export interface BrowserLease {
  readonly driver: WebDriver;
  release(): Promise<void>;
}

/** What the refresher works with. */
export interface SessionRefresherDependencies {
  readonly tables: ServiceTables<'auth-refresher'>;
  /** Commits a `sessions` row and its `session.refreshed` together. */
  readonly outbox: ServiceOutbox<'auth-refresher'>;
  readonly blobs: BlobStore;
  readonly secrets: SecretStore;
  readonly clock: Clock;
  /** The configured sites, read afresh per use (the stored config may change). */
  readonly sites: () => Promise<ReadonlyMap<string, LoginSite>>;
  readonly policy: RefreshPolicy;
  readonly stepTimeoutMs: number;
  /** Lends a browser that may resolve the site's host for one login; released (in production: quit) when the login ends. */
  readonly openBrowser: (host: string) => Promise<BrowserLease>;
}

/**
 * Keeps site sessions working: decides whether a refresh request needs a login, logs in with a fresh
 * browser, stores the cookies in the secret store, and commits the status in the `sessions` table with the
 * `session.refreshed` that announces it (one transaction, through the outbox), so a refresh is never
 * recorded unannounced. Logins of one site never run at the same time.
 */
export class SessionRefresher {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: SessionRefresherDependencies) {}

  /**
   * Handles a refresh request: answers from the stored session when it is fresh or blocked (committing
   * the answer), else logs in. Returns the `session.refreshed` committed, or undefined while backing off.
   */
  onRequest(site: string, requestedAt: Date, logger: Logger, caused: Caused): Promise<SessionRefreshedData | undefined> {
    return this.serialized(site, async () => {
      const record = await this.record(site);
      const decision = decideOnRequest(record, requestedAt, this.deps.clock.now());
      if (decision.kind === 'already-fresh') return this.commit(undefined, this.okEvent(site, decision.expiresAt), caused);
      if (decision.kind === 'needs-user') return this.commit(undefined, this.needsUserEvent(decision.record), caused);
      if (decision.kind === 'backing-off') {
        logger.info({ site, nextAttemptAt: decision.nextAttemptAt }, 'last login failed; waiting for the backoff before trying again');
        return undefined;
      }
      return this.login(site, logger, caused);
    });
  }

  /**
   * Logs in to every configured site whose session is about to expire or whose backoff ran out; returns
   * the `session.refreshed` events committed.
   */
  async onSchedule(logger: Logger): Promise<SessionRefreshedData[]> {
    const events: SessionRefreshedData[] = [];
    for (const site of (await this.deps.sites()).keys()) {
      const event = await this.serialized(site, async () =>
        isScheduledRefreshDue(await this.record(site), this.deps.clock.now(), this.deps.policy)
          ? this.login(site, logger, uncaused)
          : undefined,
      );
      if (event) events.push(event);
    }
    return events;
  }

  /** The user fixed what blocked the site (credentials, TOTP secret): allow the next login. */
  unblock(site: string): Promise<void> {
    // In turn with the site's logins, so a login running now is not overwritten half way.
    return this.serialized(site, async () => {
      const record = await this.record(site);
      if (record && record.status !== 'ok') await this.deps.tables.put('sessions', recordAfterUnblock(record, this.deps.clock.now()));
    });
  }

  private serialized<T>(site: string, work: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(site) ?? Promise.resolve()).catch(() => undefined).then(work);
    this.queues.set(site, run);
    return run;
  }

  private record(site: string): Promise<SessionRecord | undefined> {
    return this.deps.tables.get('sessions', { site });
  }

  /** Writes the record (if any) and the event (if any) in one commit; returns the event's data. */
  private async commit(
    record: SessionRecord | undefined,
    data: SessionRefreshedData | undefined,
    caused: Caused,
  ): Promise<SessionRefreshedData | undefined> {
    await this.deps.outbox.commit({
      writes: record ? [{ table: 'sessions', item: { ...record } }] : [],
      events: data ? caused([{ detailType: 'session.refreshed', data }]) : [],
    });
    return data;
  }

  private async login(site: string, logger: Logger, caused: Caused): Promise<SessionRefreshedData | undefined> {
    const definition = (await this.deps.sites()).get(site);
    if (!definition)
      return this.fail(
        site,
        { reason: 'site-not-configured', message: `no login settings for site '${site}'`, screenshot: undefined },
        [],
        logger,
        caused,
      );
    const credentials = await this.credentials(site);
    if (!credentials)
      return this.fail(
        site,
        {
          reason: 'missing-credentials',
          message: `the secret store has no ${secretNames(site).username} / ${secretNames(site).password}`,
          screenshot: undefined,
        },
        [],
        logger,
        caused,
      );
    const secrets = [credentials.username, credentials.password, credentials.totpSecret];

    logger.info({ site }, 'logging in');
    const browser = await this.deps.openBrowser(new URL(definition.baseUrl).hostname);
    try {
      // The browser steps (selenium-webdriver) load with the first login, not when the service starts.
      const { loginWithBrowser } = await import('./adapters/browser-login.js');
      const outcome = await loginWithBrowser(browser.driver, definition, credentials, {
        stepTimeoutMs: this.deps.stepTimeoutMs,
        oneTimeCode: (secret) => currentOneTimeCode(secret, this.deps.clock.now()),
      });
      if (!outcome.ok) return await this.fail(site, outcome, secrets, logger, caused);
      const now = this.deps.clock.now();
      const expiresAt = sessionExpiry(
        outcome.cookies.map((cookie) => cookie.expiry),
        now,
        definition.fallbackTtlSeconds,
      );
      const stored: StoredSession = { site, cookies: outcome.cookies, expiresAt: expiresAt.toISOString(), capturedAt: now.toISOString() };
      await this.deps.secrets.put(secretNames(site).session, JSON.stringify(stored));
      const announced = await this.commit(recordAfterSuccess(site, expiresAt, now), this.okEvent(site, stored.expiresAt), caused);
      logger.info({ site, expiresAt: stored.expiresAt, cookieCount: outcome.cookies.length }, 'session refreshed');
      return announced;
    } finally {
      await browser.release().catch(() => undefined);
    }
  }

  private async credentials(site: string): Promise<Credentials | undefined> {
    const names = secretNames(site);
    const [username, password, totpSecret] = await Promise.all(
      [names.username, names.password, names.totp].map((name) => this.deps.secrets.get(name)),
    );
    return username && password ? { username, password, totpSecret } : undefined;
  }

  private async fail(
    site: string,
    failure: { reason: LoginFailureReason; message: string; screenshot: Buffer | undefined },
    secrets: readonly (string | undefined)[],
    logger: Logger,
    caused: Caused,
  ): Promise<SessionRefreshedData | undefined> {
    const now = this.deps.clock.now();
    const message = redactSecrets(failure.message, secrets);
    let screenshotBlobKey: string | null = null;
    if (failure.screenshot) {
      screenshotBlobKey = `sessions/${site}/${now.toISOString().replace(/[:.]/g, '-')}-${failure.reason}.png`;
      await this.deps.blobs.put(screenshotBlobKey, failure.screenshot, 'image/png');
    }
    const record = recordAfterFailure(
      await this.record(site),
      site,
      { reason: failure.reason, message, screenshotBlobKey },
      now,
      this.deps.policy,
    );
    const announced = await this.commit(record, record.status === 'failed' ? undefined : this.needsUserEvent(record), caused);
    logger.warn(
      {
        site,
        reason: failure.reason,
        status: record.status,
        failures: record.failures,
        nextAttemptAt: record.nextAttemptAt,
        screenshotBlobKey,
        message,
      },
      'login failed',
    );
    return announced;
  }

  private okEvent(site: string, expiresAt: string): SessionRefreshedData {
    return { site, status: 'ok', expiresAt, refreshedAt: this.deps.clock.now().toISOString() };
  }

  private needsUserEvent(record: SessionRecord): SessionRefreshedData {
    return {
      site: record.site,
      status: 'needs-user',
      expiresAt: null,
      refreshedAt: this.deps.clock.now().toISOString(),
      ...(record.lastError ? { message: record.lastError.slice(0, 500) } : {}),
      ...(record.reason ? { reason: record.reason } : {}),
      ...(record.screenshotBlobKey ? { screenshotBlobKey: record.screenshotBlobKey } : {}),
    };
  }
}
