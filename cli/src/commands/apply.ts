/**
 * `jobpipe apply <job id> [--dry-run]`: asks crm-api to apply to a shortlisted job (the applier signs in
 * through the auth-refresher, fills the site's form and, unless a dry run, submits it), waits for the
 * outcome and prints it with the evidence screenshots' addresses.
 */
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';
import { CrmApiClient } from '../stack/api-client.js';
import { cliApiKey, cliApiUrl } from '../stack/cli-api-client.js';

/** An application as `GET /applications/{id}` shows it. */
export interface ApplicationView {
  readonly applicationId: string;
  readonly jobId: string;
  readonly status: 'requested' | 'submitted' | 'failed';
  readonly dryRun: boolean;
  readonly site: string;
  readonly failureCode: string | null;
  readonly failureMessage: string | null;
  readonly evidence: readonly string[];
}

/** Asks for the application until it is no longer `requested`, or `timeoutMs` passed (then the last answer). */
export async function waitForOutcome(api: CrmApiClient, applicationId: string, timeoutMs: number): Promise<ApplicationView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const application = await api.request<ApplicationView>('GET', `/applications/${encodeURIComponent(applicationId)}`);
    if (application.status !== 'requested' || Date.now() > deadline) return application;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The outcome in lines a person reads. */
export function outcomeLines(application: ApplicationView, baseUrl: string): string[] {
  const kind = application.dryRun ? 'dry run' : 'application';
  const head =
    application.status === 'submitted'
      ? `${kind} ${application.applicationId} to ${application.site}: ${application.dryRun ? 'form filled, not submitted' : 'submitted'}`
      : application.status === 'failed'
        ? `${kind} ${application.applicationId} to ${application.site} failed (${application.failureCode}): ${application.failureMessage}`
        : `${kind} ${application.applicationId} to ${application.site} is still waiting (see jobpipe status, or GET /applications/${application.applicationId})`;
  return [head, ...application.evidence.map((path) => `  evidence: ${baseUrl}${path}`)];
}

/** Registers the `apply` command. */
export function register(program: Command): void {
  program
    .command('apply <jobId>')
    .description('apply to a shortlisted job through the applier (--dry-run fills the form and stops before submitting)')
    .option('--dry-run', 'fill the form and take screenshots, never submit')
    .option('--wait <seconds>', 'how long to wait for the outcome', '180')
    .option('--api <url>', "crm-api's base URL (default: the config file's API port on 127.0.0.1)")
    .action(async (jobId: string, options: { dryRun?: boolean; wait: string; api?: string }) => {
      const env = readCliEnvironment();
      const api = new CrmApiClient(cliApiUrl(env, options.api), await cliApiKey(env));
      const waitSeconds = Number(options.wait);
      if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new Error(`--wait must be a number of seconds (got '${options.wait}')`);
      const requested = await api.request<ApplicationView>('POST', '/applications', { jobId, dryRun: options.dryRun === true });
      const outcome = await waitForOutcome(api, requested.applicationId, waitSeconds * 1000);
      for (const line of outcomeLines(outcome, api.baseUrl)) console.log(line);
      if (outcome.status !== 'submitted') process.exitCode = 1;
    });
}
