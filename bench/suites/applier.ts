/**
 * Applier: seconds per application and browser start time, on the local test job site.
 *
 * - `applier.browserStartSeconds`: median of three starts of the headless system Chromium
 *   (`startChromium`, until the WebDriver session answers), each browser quit before the next.
 * - `applier.medianSecondsPerApplication`: median over 20 dry-run applications (open the apply page
 *   with the stored session, fill five fields, upload the resume, answer two screening questions,
 *   screenshot, record the outcome and publish `application.submitted`), each through the real
 *   `application.requested` handler in one reused browser. The first application starts the browser;
 *   the median leaves that start out.
 * The issue asks for absolute figures here (no baseline): they are dominated by the browser.
 */
import { createApplierHandlers, parseApplySites, parseProfile } from '@jobpipe/applier';
import { createEmbeddedPorts, silentLogger, standaloneHandlerContext } from '@jobpipe/shared';
import { startChromium } from '@jobpipe/shared/browser';
import { busEvent, startJobSite, tempDir } from '@jobpipe/test-kit';

const APPLICATIONS = 20;
const BROWSER_STARTS = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function browserStartSeconds(): Promise<number> {
  const starts: number[] = [];
  for (let i = 0; i < BROWSER_STARTS; i++) {
    const started = performance.now();
    const driver = await startChromium();
    await driver.getCurrentUrl();
    starts.push((performance.now() - started) / 1000);
    await driver.quit();
  }
  return median(starts);
}

async function secondsPerApplication(): Promise<number> {
  const dir = tempDir('bench-applier-');
  const site = await startJobSite();
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: 'bench-secret-key-not-a-secret' }, 'applier', {
    checkTableWrites: false,
  });
  const profile = parseProfile({
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.org',
    phone: '+65 8123 4567',
    country: 'Singapore',
    resumeBlobKey: 'profile/resume/ada.pdf',
    answers: [
      { question: 'Are you legally authorised to work in Singapore?', answer: 'Yes' },
      { question: 'How many years of professional Python experience do you have?', answer: '6' },
    ],
  });
  const sites = parseApplySites({
    sites: {
      jobboard: {
        baseUrl: site.url,
        apply: {
          formSelector: '#apply-form',
          loginPageSelector: '#login-form',
          siteErrorSelector: '#server-error',
          fields: ['first-name:firstName', 'last-name:lastName', 'email:email', 'phone:phone', 'country:country'].map((pair) => {
            const [id, profileField] = pair.split(':');
            return { selector: `#${id}`, profileField };
          }),
          resumeSelector: '#resume',
          questions: { containerSelector: '.screening-question', labelSelector: 'label', inputSelector: 'input, select' },
          submitSelector: '#submit-application',
          confirmationSelector: '#confirmation',
        },
      },
    },
  });
  const applier = createApplierHandlers(
    ports,
    { sites, profile, guards: { dailyCap: 10, jobWindowDays: 365, companyWindowDays: 30 }, forceDryRun: false, stepTimeoutMs: 15_000 },
    silentLogger,
  );
  try {
    await ports.blobs.put(profile.resumeBlobKey, Buffer.from('%PDF-1.4\n% resume\n'));
    const session = site.issueSession();
    await ports.secrets().put(
      'site/jobboard/session',
      JSON.stringify({
        site: 'jobboard',
        cookies: [{ name: session.name, value: session.value, path: '/' }],
        expiresAt: session.expiresAt.toISOString(),
      }),
    );
    const handle = applier.handlers['application.requested@1']!;
    const context = standaloneHandlerContext((events) => ports.publisher.publish(events));
    const seconds: number[] = [];
    for (let i = 0; i < APPLICATIONS; i++) {
      const event = busEvent('application.requested', {
        applicationId: `bench-${i}`,
        jobId: 'jobboard:data-engineer-101',
        applyUrl: `${site.url}/jobs/data-engineer-101/apply`,
        site: 'jobboard',
        company: 'Acme Analytics',
        dryRun: true,
        requestedAt: new Date().toISOString(),
      });
      const started = performance.now();
      await handle(event, context);
      seconds.push((performance.now() - started) / 1000);
    }
    const done = (await ports.tables.scan('applierState')).items.filter((item) => item.status === 'dry-run').length;
    if (done !== APPLICATIONS || site.submissions.length !== 0)
      throw new Error(`expected ${APPLICATIONS} dry runs and no submission, got ${done} and ${site.submissions.length}`);
    return median(seconds);
  } finally {
    await applier.browser.close();
    await Promise.all([site.close(), ports.close()]);
    dir.remove();
  }
}

export default async function (): Promise<Record<string, number>> {
  return {
    'applier.browserStartSeconds': await browserStartSeconds(),
    'applier.medianSecondsPerApplication': await secondsPerApplication(),
  };
}
