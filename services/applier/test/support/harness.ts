import { PassThrough } from 'node:stream';
import { type ApplicationRequestedV1, contracts, queueOf } from '@jobpipe/contracts';
import { createEmbeddedPorts, createLogger, QueueRunner } from '@jobpipe/shared';
import { startChromium } from '@jobpipe/shared/browser';
import { startJobSite, tempDir } from '@jobpipe/test-kit';
import { type ApplierSettings, type ApplyGuards, createApplierHandlers, parseApplySites, parseProfile } from '../../src/index.js';

/** Apply settings of the test site, as a user would write them in the sites file. */
export function jobSiteApply(baseUrl: string) {
  return {
    baseUrl,
    apply: {
      formSelector: '#apply-form',
      loginPageSelector: '#login-form',
      siteErrorSelector: '#server-error',
      fields: [
        { selector: '#first-name', profileField: 'firstName' },
        { selector: '#last-name', profileField: 'lastName' },
        { selector: '#email', profileField: 'email' },
        { selector: '#phone', profileField: 'phone', optional: true },
        { selector: '#country', profileField: 'country' },
      ],
      resumeSelector: '#resume',
      questions: { containerSelector: '.screening-question', labelSelector: 'label', inputSelector: 'input, select, textarea' },
      submitSelector: '#submit-application',
      confirmationSelector: '#confirmation',
      formErrorSelector: '.form-error',
    },
  };
}

/** The applicant, as the `profile` of the user's config. */
export const PROFILE = parseProfile({
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.org',
  phone: '+65 8123 4567',
  country: 'Singapore',
  resumeBlobKey: 'profile/resume/ada-lovelace-resume.pdf',
  answers: [
    { question: 'Are you legally authorised to work in Singapore?', answer: 'Yes' },
    { question: 'How many years of professional Python experience do you have?', answer: '6' },
    { question: 'What is your notice period', answer: '1 month' },
  ],
});
export const RESUME = Buffer.from('%PDF-1.4\n% Ada Lovelace — resume\n');
export const GUARDS: ApplyGuards = { dailyCap: 10, jobWindowDays: 365, companyWindowDays: 30 };

type Outcome = { 'detail-type': string; detail: { data: Record<string, unknown> } };

/**
 * The test site, embedded ports in a temp folder, the applier's queue runner, one browser for the
 * whole test file, every log line kept in memory, and the crm-api/auth-refresher sides played by hand.
 */
export async function startHarness() {
  const dir = tempDir('applier-');
  const secretKey = 'test-secret-key-of-this-file';
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey }, 'applier');
  const crm = createEmbeddedPorts({ dataDir: dir.path, secretKey }, 'crm-api');
  const refresher = createEmbeddedPorts({ dataDir: dir.path, secretKey }, 'auth-refresher');
  const secrets = ports.secrets();
  await ports.blobs.put(PROFILE.resumeBlobKey, RESUME, 'application/pdf');
  const site = await startJobSite();
  const driver = await startChromium();
  const logLines: string[] = [];
  const logStream = new PassThrough().on('data', (chunk: Buffer) => logLines.push(chunk.toString('utf8')));
  const logger = createLogger('applier', 'debug', logStream);
  const sites = parseApplySites({ sites: { jobboard: jobSiteApply(site.url) } });
  const cookieValues = new Set<string>();
  let sequence = 0;

  const runnerWith = (settings: Partial<ApplierSettings>) =>
    new QueueRunner({
      queue: queueOf('applier')!,
      consumer: ports.consumer('applier'),
      registry: contracts(),
      handlers: createApplierHandlers(
        ports,
        { sites, guards: GUARDS, forceDryRun: false, stepTimeoutMs: 5000, profile: PROFILE, ...settings },
        logger,
        async () => driver,
      ).handlers,
      publisher: ports.publisher,
      logger,
    });
  let runner = runnerWith({});

  function eventBodies(): Outcome[] {
    return (ports.bus.db.prepare('SELECT body FROM event_log ORDER BY seq').all() as { body: string }[]).map((row) => JSON.parse(row.body));
  }

  return {
    site,
    ports,
    secrets,
    logLines,
    cookieValues,
    /** Rebuilds the applier with other settings (same browser, same data). */
    useSettings(settings: Partial<ApplierSettings>) {
      runner = runnerWith(settings);
    },
    /** Stores a fresh site session as the auth-refresher would. */
    async storeSession() {
      const session = site.issueSession();
      cookieValues.add(session.value);
      await secrets.put(
        'site/jobboard/session',
        JSON.stringify({
          site: 'jobboard',
          cookies: [{ name: session.name, value: session.value, path: '/', httpOnly: true }],
          expiresAt: session.expiresAt.toISOString(),
        }),
      );
    },
    /** A request for one posting of the test site, as crm-api would publish it. */
    request(jobId: string, company: string, overrides: Partial<ApplicationRequestedV1['data']> = {}): ApplicationRequestedV1['data'] {
      sequence += 1;
      return {
        applicationId: `app-${sequence}`,
        jobId: `jobboard:${jobId}`,
        applyUrl: `${site.url}/jobs/${jobId}/apply`,
        site: 'jobboard',
        company,
        dryRun: false,
        requestedAt: new Date().toISOString(),
        ...overrides,
      };
    },
    /** Publishes requests as crm-api and lets the applier handle everything queued. */
    async deliver(...requests: ApplicationRequestedV1['data'][]) {
      await crm.publisher.publish(requests.map((data) => ({ detailType: 'application.requested' as const, data })));
      await this.drain();
    },
    /** Publishes a session.refreshed as the auth-refresher and lets the applier handle it. */
    async refreshed(status: 'ok' | 'needs-user', extra: { reason?: 'otp-required'; message?: string } = {}) {
      const now = new Date().toISOString();
      await refresher.publisher.publish([
        {
          detailType: 'session.refreshed',
          data: {
            site: 'jobboard',
            status,
            expiresAt: status === 'ok' ? new Date(Date.now() + 3_600_000).toISOString() : null,
            refreshedAt: now,
            ...extra,
          },
        },
      ]);
      await this.drain();
    },
    async drain() {
      while ((await runner.pollOnce(0)) > 0);
    },
    /** Data of the events of a type, optionally for one application. */
    events(detailType: string, applicationId?: string) {
      return eventBodies()
        .filter((event) => event['detail-type'] === detailType && (!applicationId || event.detail.data.applicationId === applicationId))
        .map((event) => event.detail.data);
    },
    eventLogText: () =>
      eventBodies()
        .map((event) => JSON.stringify(event))
        .join('\n'),
    record(applicationId: string) {
      return ports.tables.get('applierState', { applicationId });
    },
    async isPng(key: unknown): Promise<boolean> {
      const body = typeof key === 'string' ? await ports.blobs.get(key) : undefined;
      return body?.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) === true;
    },
    deadLetters: () => ports.deadLetters.list('applier', 100),
    async close() {
      await driver.quit();
      await Promise.all([site.close(), ports.close(), crm.close(), refresher.close()]);
      dir.remove();
    },
  };
}
