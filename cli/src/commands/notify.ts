/**
 * `jobpipe notify list|set|secret|test`: the notification targets of a running stack, through crm-api's
 * routes (the same the cockpit's settings use). `set` adds or replaces a target in the config; `secret`
 * stores its webhook URL or SMTP password, read from a hidden prompt or stdin, never the command line;
 * `test` has the notifier send a target a test message and waits for its outcome. `notify digest`
 * sends the daily digest now (`notification.digest-requested`, published as the scheduler publishes it).
 */
import { createRuntimePorts } from '@jobpipe/shared';
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';
import { CrmApiClient } from '../stack/api-client.js';
import { cliApiKey, cliApiUrl } from '../stack/cli-api-client.js';
import { readSecretLines } from '../terminal/secret-input.js';

/** A target as `GET /notifications/targets` lists it. */
interface TargetView {
  readonly name: string;
  readonly kind: 'webhook' | 'slack' | 'email';
  readonly instant?: boolean;
  readonly digest?: boolean;
  readonly minScore?: number;
  readonly maxPerHour?: number;
  readonly secretStored: boolean | null;
  readonly delivery: {
    lastDeliveredAt: string | null;
    lastFailedAt: string | null;
    lastError: string | null;
    failuresInRow: number;
    lastTest?: { requestId: string; delivered: boolean; at: string };
  } | null;
  readonly [field: string]: unknown;
}

interface Targets {
  readonly version: number;
  readonly digestSchedule: string | null;
  readonly targets: TargetView[];
}

interface SetOptions {
  readonly kind: TargetView['kind'];
  readonly minScore?: string;
  readonly maxPerHour?: string;
  readonly instant: boolean;
  readonly digest: boolean;
  readonly smtpHost?: string;
  readonly smtpPort?: string;
  readonly smtpUser?: string;
  readonly from?: string;
  readonly to?: string;
  readonly api?: string;
}

async function apiClient(option: string | undefined): Promise<CrmApiClient> {
  const env = readCliEnvironment();
  return new CrmApiClient(cliApiUrl(env, option), await cliApiKey(env));
}

/** One line per target: what it sends, its secret and how its last deliveries went. */
function targetLine(target: TargetView): string {
  const sends = [target.instant !== false && `instant from ${target.minScore ?? 'the threshold'}`, target.digest !== false && 'digest']
    .filter(Boolean)
    .join(' + ');
  const secret = target.secretStored === null ? 'no secret store' : target.secretStored ? 'secret stored' : 'NO SECRET STORED';
  const delivery = target.delivery;
  const outcome = !delivery
    ? 'nothing sent yet'
    : delivery.lastFailedAt && (!delivery.lastDeliveredAt || delivery.lastFailedAt > delivery.lastDeliveredAt)
      ? `failing since ${delivery.lastFailedAt} (${delivery.failuresInRow} in a row): ${delivery.lastError ?? ''}`
      : `last sent ${delivery.lastDeliveredAt}`;
  return `${target.name}  ${target.kind}  ${sends || 'off'}  ${secret}  ${outcome}`;
}

/** What `POST /notifications/targets/{name}/test` answers. */
interface TestRequested {
  readonly requestId: string;
  readonly target: string;
  readonly requestedAt: string;
}

/** The outcome of a test request as the notifier recorded it, or undefined while it has not tried yet. */
function testOutcome(target: TargetView | undefined, requestId: string): { delivered: boolean; reason: string } | undefined {
  const delivery = target?.delivery;
  if (delivery?.lastTest?.requestId !== requestId) return undefined;
  return { delivered: delivery.lastTest.delivered, reason: delivery.lastError ?? 'no reason recorded' };
}

/** Asks for a test notification, then reads the target's outcome every second for up to `waitSeconds`. */
async function testTarget(api: CrmApiClient, name: string, waitSeconds: number): Promise<void> {
  const asked = await api.request<TestRequested>('POST', `/notifications/targets/${encodeURIComponent(name)}/test`);
  console.log(`asked the notifier to send a test to ${name} (request ${asked.requestId})`);
  const deadline = Date.now() + waitSeconds * 1000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, Math.max(0, deadline - Date.now()))));
    const { targets } = await api.request<Targets>('GET', '/notifications/targets');
    const outcome = testOutcome(
      targets.find((target) => target.name === name),
      asked.requestId,
    );
    if (outcome?.delivered) return void console.log(`the test reached ${name}`);
    if (outcome) {
      console.error(`the test to ${name} failed: ${outcome.reason}`);
      process.exitCode = 1;
      return;
    }
  }
  console.log(
    `no outcome yet${waitSeconds > 0 ? ` after ${waitSeconds} s` : ''}: jobpipe notify list shows it once the notifier has sent it`,
  );
  process.exitCode = waitSeconds > 0 ? 2 : 0;
}

/** Publishes a digest request now, as the daily schedule does: each target gets the jobs waiting for it. */
async function requestDigest(): Promise<void> {
  const ports = await createRuntimePorts(readCliEnvironment().runtime, 'scheduler');
  try {
    const requestId = ports.ids.uuid();
    await ports.publisher.publish([
      { detailType: 'notification.digest-requested', data: { requestId, requestedAt: ports.clock.now().toISOString() } },
    ]);
    await ports.flushEvents();
    console.log(`asked the notifier for the digest now (request ${requestId}): each target gets the jobs waiting for it`);
  } finally {
    await ports.close();
  }
}

/** A number option, or an error naming it. */
function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number (got '${text}')`);
  return value;
}

/** The target `set` writes: the options over what the config held (its other fields kept). */
function targetOf(name: string, options: SetOptions, existing: TargetView | undefined): Record<string, unknown> {
  const { secretStored: _secret, delivery: _delivery, ...kept } = existing ?? ({} as Partial<TargetView>);
  const email =
    options.kind === 'email'
      ? {
          ...(kept.email as object | undefined),
          ...(options.smtpHost ? { host: options.smtpHost } : {}),
          ...(options.smtpPort ? { port: numberOption('smtp-port', options.smtpPort) } : {}),
          ...(options.smtpUser ? { user: options.smtpUser } : {}),
          ...(options.from ? { from: options.from } : {}),
          ...(options.to ? { to: options.to.split(/[\s,]+/).filter(Boolean) } : {}),
        }
      : undefined;
  const { email: _email, ...rest } = kept;
  return {
    ...rest,
    name,
    kind: options.kind,
    instant: options.instant,
    digest: options.digest,
    ...(options.minScore !== undefined ? { minScore: numberOption('min-score', options.minScore) } : {}),
    ...(options.maxPerHour !== undefined ? { maxPerHour: numberOption('max-per-hour', options.maxPerHour) } : {}),
    ...(email ? { email } : {}),
  };
}

/** Registers the `notify` command group. */
export function register(program: Command): void {
  const notify = program.command('notify').description('notification targets (webhooks, Slack, email) of the running stack');
  const apiOption = ['--api <url>', "crm-api's base URL (default: the config file's API port on 127.0.0.1)"] as const;
  notify
    .command('list')
    .description('each target: what it sends, whether its secret is stored, how its last deliveries went')
    .option(...apiOption)
    .action(async (options: { api?: string }) => {
      const { targets, digestSchedule } = await (await apiClient(options.api)).request<Targets>('GET', '/notifications/targets');
      if (targets.length === 0) console.log('no notification targets (add one with jobpipe notify set <name> --kind slack)');
      for (const target of targets) console.log(targetLine(target));
      console.log(`digest schedule: ${digestSchedule ?? '0 7 * * * (default)'} UTC`);
    });
  notify
    .command('set <name>')
    .description('add a target, or replace the settings of one (its secret is set apart: jobpipe notify secret)')
    .requiredOption('--kind <kind>', 'webhook (generic JSON), slack (Slack-compatible webhook) or email (SMTP)')
    .option('--min-score <score>', 'instant notifications from this score on (default: the scoring threshold)')
    .option('--max-per-hour <n>', 'instant notifications per hour at most (default 10)')
    .option('--no-instant', 'no instant notifications, only the digest')
    .option('--no-digest', 'no daily digest')
    .option('--smtp-host <host>', 'email: the SMTP server')
    .option('--smtp-port <port>', 'email: its port (default 587)')
    .option('--smtp-user <user>', 'email: the SMTP login')
    .option('--from <address>', 'email: the sender address')
    .option('--to <addresses>', 'email: the recipients, comma-separated')
    .option(...apiOption)
    .action(async (name: string, options: SetOptions) => {
      const api = await apiClient(options.api);
      const current = await api.request<Targets>('GET', '/notifications/targets');
      const existing = current.targets.find((target) => target.name === name);
      const target = targetOf(name, options, existing);
      const kept = current.targets.map(({ secretStored: _secret, delivery: _delivery, ...rest }) => rest);
      const targets = existing ? kept.map((other) => (other.name === name ? target : other)) : [...kept, target];
      await api.request('PUT', '/notifications/targets', {
        targets,
        expectedVersion: current.version,
        ...(current.digestSchedule ? { digestSchedule: current.digestSchedule } : {}),
      });
      const secretNote = existing?.secretStored
        ? ''
        : ` (store its ${options.kind === 'email' ? 'SMTP password' : 'webhook URL'}: jobpipe notify secret ${name})`;
      console.log(`${existing ? 'replaced' : 'added'} notification target ${name}${secretNote}`);
    });
  notify
    .command('secret <name>')
    .description("store a target's webhook URL or SMTP password (from a hidden prompt or stdin; never printed)")
    .option(...apiOption)
    .action(async (name: string, options: { api?: string }) => {
      const [value] = await readSecretLines([`secret of ${name}`]);
      if (!value) throw new Error('no value given (type it at the prompt, or pipe it in)');
      await (await apiClient(options.api)).request('PUT', `/notifications/targets/${encodeURIComponent(name)}/secret`, { value });
      console.log(`stored the secret of ${name} in the secret store`);
    });
  notify
    .command('test <name>')
    .description('send a target a test message in its format and wait for the outcome (exit 1: it failed; 2: no outcome in time)')
    .option('--wait <seconds>', 'how long to wait for the outcome (0: do not wait)', '60')
    .option(...apiOption)
    .action(async (name: string, options: { wait: string; api?: string }) => {
      const waitSeconds = numberOption('wait', options.wait) ?? 60;
      if (waitSeconds < 0) throw new Error(`--wait must be 0 or more seconds (got '${options.wait}')`);
      await testTarget(await apiClient(options.api), name, waitSeconds);
    });
  notify
    .command('digest')
    .description('send the daily digest now: each target gets the jobs waiting for it (published on the bus, as the schedule does)')
    .action(requestDigest);
}
