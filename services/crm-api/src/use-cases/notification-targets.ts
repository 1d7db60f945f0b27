import type { NotificationTarget, NotificationTargetStatusItem } from '@jobpipe/contracts';
import { type SecretStore, unsafeUrlReason } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { ApiError } from './api-error.js';
import { currentConfig, saveConfig } from './config.js';
import { secretStoreOf } from './site-credentials.js';

/** How a target's deliveries went, as the notifier records them (never its URL or address). */
export interface TargetDelivery {
  readonly lastDeliveredAt: string | null;
  readonly lastFailedAt: string | null;
  readonly lastError: string | null;
  readonly failuresInRow: number;
  /** The last test the user asked for: whether it was delivered (if not, lastError says why) and when. */
  readonly lastTest?: { readonly requestId: string; readonly delivered: boolean; readonly at: string };
}

/** A target as GET /notifications/targets shows it: its settings, whether its secret is stored, its last outcome. */
export interface TargetView extends NotificationTarget {
  /** Whether the secret store holds the target's URL or password (null: no secret store configured). */
  readonly secretStored: boolean | null;
  readonly delivery: TargetDelivery | null;
}

/** The secret of a target that names none (the notifier reads the same name). */
export const defaultNotificationSecret = (target: string) => `notify/${target}`;

function secretNameOf(target: NotificationTarget): string {
  return target.secret ?? defaultNotificationSecret(target.name);
}

function secretStoreOrNull(context: CrmApiContext): SecretStore | null {
  try {
    return secretStoreOf(context);
  } catch {
    return null;
  }
}

/** The stored targets with their secret's presence and last delivery outcome (from the notifier's table, read only). */
export async function notificationTargets(
  context: CrmApiContext,
): Promise<{ version: number; digestSchedule: string | null; targets: TargetView[] }> {
  const { version, config } = await currentConfig(context);
  const secrets = secretStoreOrNull(context);
  const targets = await Promise.all(
    (config.notifications?.targets ?? []).map(async (target): Promise<TargetView> => {
      const status = (await context.tables.get('notifications', { key: `target#${target.name}` })) as
        | NotificationTargetStatusItem
        | undefined;
      return {
        ...target,
        secretStored: secrets ? (await secrets.get(secretNameOf(target))) !== undefined : null,
        delivery: status
          ? {
              lastDeliveredAt: status.lastDeliveredAt,
              lastFailedAt: status.lastFailedAt,
              lastError: status.lastError,
              failuresInRow: status.failuresInRow,
              ...(status.lastTest ? { lastTest: status.lastTest } : {}),
            }
          : null,
      };
    }),
  );
  return { version, digestSchedule: config.notifications?.digestSchedule ?? null, targets };
}

/** Why a set of targets cannot be saved (names twice, email settings missing or misplaced), or nothing. */
function targetProblems(targets: readonly NotificationTarget[]): string[] {
  return targets.flatMap((target, index) => {
    const at = `/targets/${index}`;
    if (targets.findIndex((other) => other.name === target.name) !== index) return [`${at}/name: '${target.name}' is named twice`];
    if (target.kind === 'email' && !target.email) return [`${at}: an email target needs email (host, from, to)`];
    if (target.kind !== 'email' && target.email) return [`${at}/email: only email targets have email settings`];
    return [];
  });
}

/**
 * Replaces the notification targets (and the digest schedule) of the stored config: validated with the
 * whole config, versioned, announced by `config.changed`. Secrets are set apart, never here.
 */
export async function saveNotificationTargets(
  context: CrmApiContext,
  settings: { readonly targets: NotificationTarget[]; readonly digestSchedule?: string },
  expectedVersion: number | undefined,
): ReturnType<typeof saveConfig> {
  const problems = targetProblems(settings.targets);
  if (problems.length)
    throw new ApiError(400, 'invalid_notification_targets', `the targets cannot be saved: ${problems.join('; ')}`, { errors: problems });
  const current = await currentConfig(context);
  const notifications = {
    targets: settings.targets,
    ...(settings.digestSchedule !== undefined ? { digestSchedule: settings.digestSchedule } : {}),
  };
  return saveConfig(context, { ...current.config, notifications }, expectedVersion);
}

/** A test notification asked for: its request id (the target's `delivery.lastTest` names it once tried). */
export interface RequestedTest {
  readonly requestId: string;
  readonly target: string;
  readonly requestedAt: string;
}

/** The target of this name in the stored config, or a 404 naming it. */
async function configuredTarget(context: CrmApiContext, name: string): Promise<NotificationTarget> {
  const { config } = await currentConfig(context);
  const target = config.notifications?.targets?.find((candidate) => candidate.name === name);
  if (!target) throw new ApiError(404, 'unknown_notification_target', `no notification target '${name}' in the config: save it first`);
  return target;
}

/**
 * Asks the notifier to send a target a test message (`notification.test-requested`); it records the
 * outcome as the target's last outcome, with this request's id as `delivery.lastTest.requestId`.
 */
export async function requestTestNotification(context: CrmApiContext, name: string): Promise<RequestedTest> {
  const target = await configuredTarget(context, name);
  const test = { requestId: context.ids.uuid(), target: target.name, requestedAt: context.clock.now().toISOString() };
  await context.publisher.publish([{ detailType: 'notification.test-requested', data: test }]);
  return test;
}

/**
 * Writes a target's secret — its webhook URL (webhook, slack) or SMTP password (email) — straight to the
 * secret store. A URL must pass the SSRF check with the target's allowPrivateHosts (the notifier checks
 * again at every send). Nothing of the value is returned, logged or published.
 */
export async function storeNotificationSecret(
  context: CrmApiContext,
  name: string,
  value: string,
): Promise<{ target: string; secretStored: true }> {
  const target = await configuredTarget(context, name);
  if (target.kind !== 'email') {
    const refused = unsafeUrlReason(value, target.allowPrivateHosts, "list the host in the target's allowPrivateHosts to allow it");
    if (refused) throw new ApiError(400, 'unsafe_url', `the webhook URL of '${name}' ${refused}`);
  }
  await secretStoreOf(context).put(secretNameOf(target), value);
  return { target: name, secretStored: true };
}
