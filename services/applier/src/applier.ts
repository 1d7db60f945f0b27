import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionRefreshedV1 } from '@jobpipe/contracts';
import {
  type BlobStore,
  type Clock,
  type Logger,
  type OutgoingEvent,
  type SecretStore,
  type ServiceOutbox,
  type ServiceTables,
  TransientError,
} from '@jobpipe/shared';
import { ApplicationStore } from './adapters/application-store.js';
import { ApplyStop, isBrowserFailure, isStepTimeout, withDeadline } from './adapters/apply-stop.js';
import type { BrowserHolder } from './adapters/browser-holder.js';
import {
  type ApplicationOutcome,
  type ApplicationRecord,
  type ApplicationRequest,
  type FailureCode,
  isFinished,
  requestOf,
} from './domain/application-record.js';
import type { ApplySite } from './domain/apply-site.js';
import { type ApplyGuards, checkGuards } from './domain/guards.js';
import { type Failure, failedOutcome, submittedOutcome } from './domain/outcomes.js';
import type { ApplicantProfile } from './domain/profile.js';
import { type SessionCookie, sessionState } from './domain/stored-session.js';

/** The browser steps (selenium-webdriver), loaded with the first application rather than at start. */
const applyForm = () => import('./adapters/apply-form.js');

/** Sets correlation and cause on the events a change commits (the handler context's `caused`). */
export type Caused = (events: readonly OutgoingEvent[]) => OutgoingEvent[];

/** What the applier works with. */
export interface ApplierDependencies {
  readonly tables: ServiceTables<'applier'>;
  /** Commits a record change with the events that announce it. */
  readonly outbox: ServiceOutbox<'applier'>;
  readonly blobs: BlobStore;
  readonly secrets: SecretStore;
  readonly clock: Clock;
  readonly browser: BrowserHolder;
  /** The configured sites, read afresh per application (the stored config may change). */
  readonly sites: () => Promise<ReadonlyMap<string, ApplySite>>;
  /** The applicant's profile; undefined when none is configured. */
  readonly profile: () => Promise<ApplicantProfile | undefined>;
  readonly guards: ApplyGuards;
  /** Fill and screenshot, never submit, whatever the request says. */
  readonly forceDryRun: boolean;
  readonly stepTimeoutMs: number;
}

/** What the browser part of an application gave. */
type BrowserResult =
  | {
      readonly kind: 'done';
      readonly record: ApplicationRecord;
      readonly status: ApplicationRecord['status'];
      readonly outcome: ApplicationOutcome;
    }
  | { readonly kind: 'login-required'; readonly record: ApplicationRecord }
  /** Another delivery recorded its intent first: this one does nothing. */
  | { readonly kind: 'lost' };

/**
 * Applies to one posting per request through the site's form, in a reused browser, with the guards of
 * the issue: explicit requests only, dry run, daily cap, once per job and per company, and an intent
 * recorded before the submit click so a redelivered request never submits twice.
 */
export class Applier {
  private readonly store: ApplicationStore;

  constructor(private readonly deps: ApplierDependencies) {
    this.store = new ApplicationStore(deps.tables, deps.outbox, deps.clock);
  }

  /** Handles `application.requested`. */
  async onRequested(request: ApplicationRequest, caused: Caused, logger: Logger): Promise<void> {
    const record = await this.store.recordFor(request);
    if (isFinished(record)) return this.publishOutcome(record, caused, logger);
    if (record.status === 'submitting') {
      // The intent was recorded and the submit may have reached the site before a crash: never click again.
      const message =
        'an earlier attempt stopped during the submit; it may or may not have reached the site: check there before asking again';
      return this.finish(record, caused, logger, this.failed(record, { code: 'outcome-unknown', message, needsUser: true }));
    }
    if (record.status === 'waiting-session') {
      logger.info({ applicationId: record.applicationId }, 'already waiting for a session refresh');
      return;
    }
    await this.apply(record, caused, logger);
  }

  /** Handles `session.refreshed`: resumes the applications parked for the site, or fails them if the user must act. */
  async onSessionRefreshed(refreshed: SessionRefreshedV1['data'], caused: Caused, logger: Logger): Promise<void> {
    const parked = (await this.store.all()).filter((record) => record.site === refreshed.site && record.status === 'waiting-session');
    for (const record of parked) {
      if (refreshed.status === 'ok') await this.apply(record, caused, logger);
      else {
        const why = refreshed.reason ? ` (${refreshed.reason})` : '';
        await this.finish(
          record,
          caused,
          logger,
          this.failed(record, {
            code: 'session-unavailable',
            message: `the session for ${refreshed.site} needs you${why}: ${refreshed.message ?? 'see the sessions status'}`,
            needsUser: true,
          }),
        );
      }
    }
  }

  private async apply(record: ApplicationRecord, caused: Caused, logger: Logger): Promise<void> {
    const log = logger.child({ applicationId: record.applicationId, site: record.site });
    const dryRun = record.dryRun || this.deps.forceDryRun;
    const site = (await this.deps.sites()).get(record.site);
    if (!site)
      return this.finish(
        record,
        caused,
        log,
        this.failed(record, { code: 'site-not-configured', message: `no apply settings for site '${record.site}'`, needsUser: true }),
      );
    if (!dryRun) {
      const refusal = checkGuards(requestOf(record), await this.store.all(), this.deps.clock.now(), this.deps.guards);
      if (refusal) return this.finish(record, caused, log, this.failed(record, { ...refusal, needsUser: false }));
    }
    const profile = await this.deps.profile();
    if (!profile)
      return this.finish(
        record,
        caused,
        log,
        this.failed(record, { code: 'profile-incomplete', message: 'no applicant profile is configured', needsUser: true }),
      );
    const resume = await this.deps.blobs.get(profile.resumeBlobKey);
    if (!resume)
      return this.finish(
        record,
        caused,
        log,
        this.failed(record, {
          code: 'profile-incomplete',
          message: `the resume ${profile.resumeBlobKey} is not in the blob store`,
          needsUser: true,
        }),
      );

    const session = sessionState(await this.deps.secrets.get(`site/${record.site}/session`), this.deps.clock.now(), 60);
    if (session.kind !== 'usable') return this.waitForSession(record, session.kind, caused, log);

    const folder = await mkdtemp(join(tmpdir(), 'jobpipe-applier-'));
    try {
      const resumePath = join(folder, profile.resumeFileName);
      await writeFile(resumePath, resume);
      await this.fillAndSubmit(record, site, session.cookies, profile, resumePath, dryRun, caused, log);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  /** Runs the browser part, then commits what it gave (outside the browser's error handling). */
  private async fillAndSubmit(
    record: ApplicationRecord,
    site: ApplySite,
    cookies: readonly SessionCookie[],
    profile: ApplicantProfile,
    resumePath: string,
    dryRun: boolean,
    caused: Caused,
    log: Logger,
  ): Promise<void> {
    const result = await this.runBrowser(record, site, cookies, profile, resumePath, dryRun, log);
    if (result.kind === 'login-required') return this.waitForSession(result.record, 'rejected', caused, log);
    if (result.kind === 'done') await this.finish(result.record, caused, log, result.outcome, result.status);
  }

  private async runBrowser(
    record: ApplicationRecord,
    site: ApplySite,
    cookies: readonly SessionCookie[],
    profile: ApplicantProfile,
    resumePath: string,
    dryRun: boolean,
    log: Logger,
  ): Promise<BrowserResult> {
    const { openApplyPage, fillApplyForm, submitApplyForm } = await applyForm();
    const driver = await this.deps.browser.driver(new URL(site.baseUrl).hostname);
    let beforeBlobKey: string | null = null;
    let current = record;
    try {
      // Each phase waits for several steps; its deadline catches a browser that stopped answering.
      const phaseMs = this.deps.stepTimeoutMs * 4;
      await withDeadline(openApplyPage(driver, site, record.applyUrl, cookies, this.deps.stepTimeoutMs), phaseMs, 'opening the apply page');
      const filled = await withDeadline(fillApplyForm(driver, site, profile, resumePath), phaseMs, 'filling the form');
      beforeBlobKey = await this.screenshot(driver, record, 'before');
      if (dryRun) {
        log.info({ answers: filled.answers.length }, 'dry run: form filled, not submitted');
        return {
          kind: 'done',
          record: current,
          status: 'dry-run',
          outcome: submittedOutcome(
            record,
            { dryRun: true, beforeBlobKey: beforeBlobKey ?? '', afterBlobKey: null, answers: filled.answers },
            this.deps.clock.now(),
          ),
        };
      }
      const intent = await this.store.save(current, { status: 'submitting', submitAttemptedAt: this.deps.clock.now().toISOString() });
      if (!intent) {
        log.warn({}, 'another delivery is handling this application; not submitting');
        return { kind: 'lost' };
      }
      current = intent;
      log.info({}, 'intent recorded; submitting');
      await withDeadline(submitApplyForm(driver, site, this.deps.stepTimeoutMs), phaseMs, 'submitting the form');
      const afterBlobKey = await this.screenshot(driver, record, 'after');
      log.info({}, 'application submitted');
      return {
        kind: 'done',
        record: current,
        status: 'submitted',
        outcome: submittedOutcome(
          record,
          { dryRun: false, beforeBlobKey: beforeBlobKey ?? '', afterBlobKey: afterBlobKey, answers: filled.answers },
          this.deps.clock.now(),
        ),
      };
    } catch (error) {
      const submitting = current.status === 'submitting';
      if (error instanceof ApplyStop && error.code === 'login-required' && !submitting) return { kind: 'login-required', record: current };
      const evidence = (await this.screenshot(driver, record, submitting ? 'after' : 'failed')) ?? beforeBlobKey;
      if (isBrowserFailure(error) || (error instanceof ApplyStop && error.code === 'timeout')) await this.deps.browser.discard();
      const failure = this.failureFrom(error, submitting);
      if (!failure) throw new TransientError('BROWSER_FAILED', 'the browser failed before the submit; retrying with a new one');
      return { kind: 'done', record: current, status: 'failed', outcome: this.failed(current, { ...failure, evidenceBlobKey: evidence }) };
    }
  }

  /** Turns an error into a failure to report, or undefined when retrying is safe and may help. */
  private failureFrom(error: unknown, submitting: boolean): Failure | undefined {
    const stop = error instanceof ApplyStop && error.code !== 'login-required' ? error : undefined;
    if (submitting && (!stop || stop.code === 'timeout')) {
      const message = `the submit did not come back with a confirmation (${stop?.message ?? 'the browser failed'}): check the site before asking again`;
      return { code: 'outcome-unknown', message, needsUser: true };
    }
    if (stop)
      return {
        code: stop.code as FailureCode,
        message: stop.message,
        needsUser: stop.needsUser,
        ...(stop.question ? { question: stop.question } : {}),
      };
    if (isStepTimeout(error))
      return { code: 'timeout', message: `a browser step took longer than ${this.deps.stepTimeoutMs} ms`, needsUser: false };
    if (isBrowserFailure(error)) return undefined;
    return {
      code: 'site-error',
      message: `the page did not behave as expected: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`,
      needsUser: true,
    };
  }

  private async waitForSession(
    record: ApplicationRecord,
    reason: 'missing' | 'expired' | 'rejected',
    caused: Caused,
    log: Logger,
  ): Promise<void> {
    if (record.sessionWaits >= 1) {
      return this.finish(
        record,
        caused,
        log,
        this.failed(record, {
          code: 'session-unavailable',
          message: `the session for ${record.site} is ${reason} even after a refresh`,
          needsUser: true,
        }),
      );
    }
    const request = {
      site: record.site,
      reason,
      requestedAt: this.deps.clock.now().toISOString(),
      applicationId: record.applicationId,
    };
    const parked = await this.store.save(
      record,
      { status: 'waiting-session', sessionWaits: record.sessionWaits + 1 },
      caused([{ detailType: 'session.refresh-requested', data: request }]),
    );
    if (!parked) return;
    log.info({ reason }, 'session not usable; parked until session.refreshed');
  }

  private async finish(
    record: ApplicationRecord,
    caused: Caused,
    log: Logger,
    outcome: ApplicationOutcome,
    status?: ApplicationRecord['status'],
  ): Promise<void> {
    // The outcome and the event announcing it commit together (the outbox).
    const saved = await this.store.save(record, { status: status ?? 'failed', outcome, outcomePublished: true }, caused([outcome]));
    if (!saved) return;
    if (outcome.detailType === 'application.failed')
      log.warn({ code: outcome.data.code, needsUser: outcome.data.needsUser, message: outcome.data.message }, 'application failed');
  }

  /** A finished record: announces its outcome if a record written before the outbox left it unannounced. */
  private async publishOutcome(record: ApplicationRecord, caused: Caused, log: Logger): Promise<void> {
    if (record.outcomePublished || !record.outcome) {
      log.info({ applicationId: record.applicationId, status: record.status }, 'already handled; nothing to do');
      return;
    }
    await this.store.save(record, { outcomePublished: true }, caused([record.outcome]));
  }

  private failed(record: ApplicationRecord, failure: Failure): ApplicationOutcome {
    return failedOutcome(record, failure, this.deps.clock.now());
  }

  private async screenshot(
    driver: Awaited<ReturnType<BrowserHolder['driver']>>,
    record: ApplicationRecord,
    moment: 'before' | 'after' | 'failed',
  ): Promise<string | null> {
    const png = await (await applyForm()).screenshotOf(driver);
    if (!png) return null;
    const key = `applications/${record.applicationId}/${moment}.png`;
    await this.deps.blobs.put(key, png, 'image/png');
    return key;
  }
}
