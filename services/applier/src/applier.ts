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
  type TableStore,
  TransientError,
} from '@jobpipe/shared';
import {
  ApplyStop,
  fillApplyForm,
  isBrowserFailure,
  isStepTimeout,
  openApplyPage,
  screenshotOf,
  submitApplyForm,
  withDeadline,
} from './adapters/apply-form.js';
import type { BrowserHolder } from './adapters/browser-holder.js';
import {
  type ApplicationOutcome,
  type ApplicationRecord,
  type ApplicationRequest,
  type FailureCode,
  isFinished,
  newApplicationRecord,
  requestOf,
} from './domain/application-record.js';
import type { ApplySite } from './domain/apply-site.js';
import { type ApplyGuards, checkGuards } from './domain/guards.js';
import type { ApplicantProfile } from './domain/profile.js';
import { sessionState } from './domain/stored-session.js';

/** Publishes follow-up events (the handler context's publish). */
export type Publish = (events: readonly OutgoingEvent[]) => Promise<unknown>;

/** What the applier works with. */
export interface ApplierDependencies {
  readonly tables: TableStore;
  readonly blobs: BlobStore;
  readonly secrets: SecretStore;
  readonly clock: Clock;
  readonly browser: BrowserHolder;
  readonly sites: ReadonlyMap<string, ApplySite>;
  /** The applicant's profile; undefined when none is configured. */
  readonly profile: () => Promise<ApplicantProfile | undefined>;
  readonly guards: ApplyGuards;
  /** Fill and screenshot, never submit, whatever the request says. */
  readonly forceDryRun: boolean;
  readonly stepTimeoutMs: number;
}

type Failure = { code: FailureCode; message: string; needsUser: boolean; question?: string; evidenceBlobKey?: string | null };

/**
 * Applies to one posting per request through the site's form, in a reused browser, with the guards of
 * the issue: explicit requests only, dry run, daily cap, once per job and per company, and an intent
 * recorded before the submit click so a redelivered request never submits twice.
 */
export class Applier {
  constructor(private readonly deps: ApplierDependencies) {}

  /** Handles `application.requested`. */
  async onRequested(request: ApplicationRequest, publish: Publish, logger: Logger): Promise<void> {
    const record = await this.recordFor(request);
    if (isFinished(record)) return this.publishOutcome(record, publish, logger);
    if (record.status === 'submitting') {
      // The intent was recorded and the submit may have reached the site before a crash: never click again.
      const message =
        'an earlier attempt stopped during the submit; it may or may not have reached the site: check there before asking again';
      return this.finish(record, publish, logger, this.failure(record, { code: 'outcome-unknown', message, needsUser: true }));
    }
    if (record.status === 'waiting-session') {
      logger.info({ applicationId: record.applicationId }, 'already waiting for a session refresh');
      return;
    }
    await this.apply(record, publish, logger);
  }

  /** Handles `session.refreshed`: resumes the applications parked for the site, or fails them if the user must act. */
  async onSessionRefreshed(refreshed: SessionRefreshedV1['data'], publish: Publish, logger: Logger): Promise<void> {
    const parked = (await this.allRecords()).filter((record) => record.site === refreshed.site && record.status === 'waiting-session');
    for (const record of parked) {
      if (refreshed.status === 'ok') await this.apply(record, publish, logger);
      else {
        const why = refreshed.reason ? ` (${refreshed.reason})` : '';
        await this.finish(
          record,
          publish,
          logger,
          this.failure(record, {
            code: 'session-unavailable',
            message: `the session for ${refreshed.site} needs you${why}: ${refreshed.message ?? 'see the sessions status'}`,
            needsUser: true,
          }),
        );
      }
    }
  }

  private async apply(record: ApplicationRecord, publish: Publish, logger: Logger): Promise<void> {
    const log = logger.child({ applicationId: record.applicationId, site: record.site });
    const dryRun = record.dryRun || this.deps.forceDryRun;
    const site = this.deps.sites.get(record.site);
    if (!site)
      return this.finish(
        record,
        publish,
        log,
        this.failure(record, { code: 'site-not-configured', message: `no apply settings for site '${record.site}'`, needsUser: true }),
      );
    if (!dryRun) {
      const refusal = checkGuards(requestOf(record), await this.allRecords(), this.deps.clock.now(), this.deps.guards);
      if (refusal) return this.finish(record, publish, log, this.failure(record, { ...refusal, needsUser: false }));
    }
    const profile = await this.deps.profile();
    if (!profile)
      return this.finish(
        record,
        publish,
        log,
        this.failure(record, { code: 'profile-incomplete', message: 'no applicant profile is configured', needsUser: true }),
      );
    const resume = await this.deps.blobs.get(profile.resumeBlobKey);
    if (!resume)
      return this.finish(
        record,
        publish,
        log,
        this.failure(record, {
          code: 'profile-incomplete',
          message: `the resume ${profile.resumeBlobKey} is not in the blob store`,
          needsUser: true,
        }),
      );

    const session = sessionState(await this.deps.secrets.get(`site/${record.site}/session`), this.deps.clock.now(), 60);
    if (session.kind !== 'usable') return this.waitForSession(record, session.kind, publish, log);

    const folder = await mkdtemp(join(tmpdir(), 'jobpipe-applier-'));
    try {
      const resumePath = join(folder, profile.resumeFileName);
      await writeFile(resumePath, resume);
      await this.fillAndSubmit(record, site, session.cookies, profile, resumePath, dryRun, publish, log);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  private async fillAndSubmit(
    record: ApplicationRecord,
    site: ApplySite,
    cookies: Parameters<typeof openApplyPage>[3],
    profile: ApplicantProfile,
    resumePath: string,
    dryRun: boolean,
    publish: Publish,
    log: Logger,
  ): Promise<void> {
    const driver = await this.deps.browser.driver();
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
        return await this.finish(current, publish, log, this.submitted(record, true, beforeBlobKey ?? '', null, filled.answers), 'dry-run');
      }
      const intent = await this.save(current, { status: 'submitting', submitAttemptedAt: this.deps.clock.now().toISOString() });
      if (!intent) {
        log.warn({}, 'another delivery is handling this application; not submitting');
        return;
      }
      current = intent;
      log.info({}, 'intent recorded; submitting');
      await withDeadline(submitApplyForm(driver, site, this.deps.stepTimeoutMs), phaseMs, 'submitting the form');
      const afterBlobKey = await this.screenshot(driver, record, 'after');
      log.info({}, 'application submitted');
      await this.finish(
        current,
        publish,
        log,
        this.submitted(record, false, beforeBlobKey ?? '', afterBlobKey, filled.answers),
        'submitted',
      );
    } catch (error) {
      if (error instanceof ApplyStop && error.code === 'login-required' && current.status !== 'submitting')
        return this.waitForSession(current, 'rejected', publish, log);
      const evidence = (await this.screenshot(driver, record, current.status === 'submitting' ? 'after' : 'failed')) ?? beforeBlobKey;
      const submitting = current.status === 'submitting';
      if (isBrowserFailure(error) || (error instanceof ApplyStop && error.code === 'timeout')) await this.deps.browser.discard();
      const failure = this.failureFrom(error, submitting);
      if (!failure) throw new TransientError('BROWSER_FAILED', 'the browser failed before the submit; retrying with a new one');
      await this.finish(current, publish, log, this.failure(current, { ...failure, evidenceBlobKey: evidence }));
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
    publish: Publish,
    log: Logger,
  ): Promise<void> {
    if (record.sessionWaits >= 1) {
      return this.finish(
        record,
        publish,
        log,
        this.failure(record, {
          code: 'session-unavailable',
          message: `the session for ${record.site} is ${reason} even after a refresh`,
          needsUser: true,
        }),
      );
    }
    await publish([
      {
        detailType: 'session.refresh-requested',
        data: { site: record.site, reason, requestedAt: this.deps.clock.now().toISOString(), applicationId: record.applicationId },
      },
    ]);
    await this.save(record, { status: 'waiting-session', sessionWaits: record.sessionWaits + 1 });
    log.info({ reason }, 'session not usable; parked until session.refreshed');
  }

  private async finish(
    record: ApplicationRecord,
    publish: Publish,
    log: Logger,
    outcome: ApplicationOutcome,
    status?: ApplicationRecord['status'],
  ): Promise<void> {
    const saved = await this.save(record, { status: status ?? 'failed', outcome });
    if (!saved) return;
    if (outcome.detailType === 'application.failed')
      log.warn({ code: outcome.data.code, needsUser: outcome.data.needsUser, message: outcome.data.message }, 'application failed');
    await this.publishOutcome(saved, publish, log);
  }

  private async publishOutcome(record: ApplicationRecord, publish: Publish, log: Logger): Promise<void> {
    if (record.outcomePublished || !record.outcome) {
      log.info({ applicationId: record.applicationId, status: record.status }, 'already handled; nothing to do');
      return;
    }
    await publish([record.outcome]);
    await this.save(record, { outcomePublished: true });
  }

  private submitted(
    record: ApplicationRecord,
    dryRun: boolean,
    beforeBlobKey: string,
    afterBlobKey: string | null,
    answers: { question: string; answer: string }[],
  ): ApplicationOutcome {
    return {
      detailType: 'application.submitted',
      data: {
        applicationId: record.applicationId,
        jobId: record.jobId,
        site: record.site,
        dryRun,
        submittedAt: this.deps.clock.now().toISOString(),
        evidence: { beforeBlobKey, afterBlobKey },
        answers,
      },
    };
  }

  private failure(record: ApplicationRecord, failure: Failure): ApplicationOutcome {
    return {
      detailType: 'application.failed',
      data: {
        applicationId: record.applicationId,
        jobId: record.jobId,
        site: record.site,
        failedAt: this.deps.clock.now().toISOString(),
        code: failure.code,
        message: failure.message.slice(0, 2000),
        needsUser: failure.needsUser,
        evidenceBlobKey: failure.evidenceBlobKey ?? null,
        ...(failure.question ? { question: failure.question.slice(0, 1000) } : {}),
      },
    };
  }

  private async screenshot(
    driver: Awaited<ReturnType<BrowserHolder['driver']>>,
    record: ApplicationRecord,
    moment: 'before' | 'after' | 'failed',
  ): Promise<string | null> {
    const png = await screenshotOf(driver);
    if (!png) return null;
    const key = `applications/${record.applicationId}/${moment}.png`;
    await this.deps.blobs.put(key, png, 'image/png');
    return key;
  }

  private async recordFor(request: ApplicationRequest): Promise<ApplicationRecord> {
    const existing = await this.deps.tables.get<ApplicationRecord>('applications', { applicationId: request.applicationId });
    if (existing && typeof existing.sessionWaits === 'number') return existing;
    const fresh = newApplicationRecord(request, existing, this.deps.clock.now());
    const created = await this.deps.tables.put(
      'applications',
      { ...fresh, version: fresh.version + 1 },
      existing
        ? { kind: 'compare', attribute: 'status', op: 'eq', value: String(existing.status), orNotExists: false }
        : { kind: 'notExists' },
    );
    if (!created)
      throw new TransientError('APPLICATION_RACE', `application ${request.applicationId} was written at the same time; retrying`);
    return { ...fresh, version: fresh.version + 1 };
  }

  /** Writes changes if nobody else wrote the record since it was read; returns the new record, or undefined. */
  private async save(record: ApplicationRecord, changes: Partial<ApplicationRecord>): Promise<ApplicationRecord | undefined> {
    const next: ApplicationRecord = { ...record, ...changes, version: record.version + 1, updatedAt: this.deps.clock.now().toISOString() };
    const written = await this.deps.tables.put('applications', next, {
      kind: 'compare',
      attribute: 'version',
      op: 'eq',
      value: record.version,
      orNotExists: false,
    });
    return written ? next : undefined;
  }

  private async allRecords(): Promise<ApplicationRecord[]> {
    const records: ApplicationRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.tables.scan<ApplicationRecord>('applications', { limit: 500, ...(cursor ? { cursor } : {}) });
      records.push(...page.items.filter((item) => typeof item.sessionWaits === 'number'));
      cursor = page.cursor;
    } while (cursor);
    return records;
  }
}
