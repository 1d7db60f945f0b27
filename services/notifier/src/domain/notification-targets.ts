import type { JobpipeConfig, NotificationTarget } from '@jobpipe/contracts';

/** The instant threshold of a config that names none (`scoring.notifyThreshold`'s default, as the live feed uses it). */
export const DEFAULT_MIN_SCORE = 70;
/** Instant notifications per hour a target that names no `maxPerHour` gets. */
export const DEFAULT_MAX_PER_HOUR = 10;

/** Where an email target's messages go, with the defaults filled in. */
export interface EmailRoute {
  readonly host: string;
  readonly port: number;
  readonly security: 'starttls' | 'tls' | 'none';
  readonly user: string | undefined;
  readonly from: string;
  readonly to: readonly string[];
}

/** A notification target of the user's config with every default filled in. */
export interface ResolvedTarget {
  readonly name: string;
  readonly kind: NotificationTarget['kind'];
  readonly instant: boolean;
  readonly digest: boolean;
  readonly minScore: number;
  readonly digestMinScore: number;
  readonly maxPerHour: number;
  /** Name of the secret with the webhook URL (webhook, slack) or the SMTP password (email). */
  readonly secret: string;
  readonly allowPrivateHosts: readonly string[];
  /** Set for email targets only. */
  readonly email: EmailRoute | undefined;
}

/** The secret a target's URL or password is stored under when the target names none. */
export const defaultTargetSecret = (target: string) => `notify/${target}`;

function emailRoute(email: NonNullable<NotificationTarget['email']>): EmailRoute {
  const security = email.security ?? 'starttls';
  return {
    host: email.host,
    port: email.port ?? (security === 'tls' ? 465 : 587),
    security,
    user: email.user,
    from: email.from,
    to: email.to,
  };
}

/** One target with its defaults (thresholds fall back to the config's `scoring.notifyThreshold`). */
export function resolveTarget(target: NotificationTarget, config: Pick<JobpipeConfig, 'scoring'>): ResolvedTarget {
  const minScore = target.minScore ?? config.scoring?.notifyThreshold ?? DEFAULT_MIN_SCORE;
  return {
    name: target.name,
    kind: target.kind,
    instant: target.instant ?? true,
    digest: target.digest ?? true,
    minScore,
    digestMinScore: target.digestMinScore ?? minScore,
    maxPerHour: target.maxPerHour ?? DEFAULT_MAX_PER_HOUR,
    secret: target.secret ?? defaultTargetSecret(target.name),
    allowPrivateHosts: target.allowPrivateHosts ?? [],
    email: target.kind === 'email' && target.email ? emailRoute(target.email) : undefined,
  };
}

/**
 * The targets of a config, defaults filled in. An email target without its `email` settings, and a
 * second target of a name already seen, are left out (crm-api refuses to save either; a config written
 * around it still notifies the others).
 */
export function resolvedTargets(config: Pick<JobpipeConfig, 'scoring' | 'notifications'> | undefined): ResolvedTarget[] {
  const seen = new Set<string>();
  return (config?.notifications?.targets ?? []).flatMap((target) => {
    if (seen.has(target.name) || (target.kind === 'email' && !target.email)) return [];
    seen.add(target.name);
    return [resolveTarget(target, config ?? {})];
  });
}

/** What becomes of a scored job for one target: sent at once, kept for the digest, or nothing. */
export type DeliveryPlan = 'instant' | 'digest' | 'none';

/** The plan for a job of this score (the rate limit may still turn an instant plan into a digest entry). */
export function deliveryPlan(target: ResolvedTarget, score: number): DeliveryPlan {
  if (target.instant && score >= target.minScore) return 'instant';
  if (target.digest && score >= target.digestMinScore) return 'digest';
  return 'none';
}
