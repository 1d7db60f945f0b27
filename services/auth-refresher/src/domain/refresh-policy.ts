import type { LoginFailureReason, SessionRecord } from './session-record.js';

/** When to log in again and how to back off. */
export interface RefreshPolicy {
  /** Refresh a working session this long before it expires. */
  readonly refreshBeforeSeconds: number;
  /** Failed logins in a row before the site is blocked until the user acts. */
  readonly maxFailures: number;
  /** Wait after the first failure; doubles with each failure after it. */
  readonly backoffBaseSeconds: number;
  readonly backoffMaxSeconds: number;
}

/** What to do about a refresh request. */
export type RefreshDecision =
  | { readonly kind: 'login' }
  /** A login after the request already gave a session that is still good: report it again. */
  | { readonly kind: 'already-fresh'; readonly expiresAt: string }
  /** The last login failed and its backoff has not run out: the schedule retries later. */
  | { readonly kind: 'backing-off'; readonly nextAttemptAt: string }
  /** The site waits for the user (OTP, wrong password, too many failures): never log in now. */
  | { readonly kind: 'needs-user'; readonly record: SessionRecord };

const WAITS_FOR_USER = new Set<SessionRecord['status']>(['needs-otp', 'blocked']);

/** Decides what a `session.refresh-requested` leads to, given the site's current record. */
export function decideOnRequest(record: SessionRecord | undefined, requestedAt: Date, now: Date): RefreshDecision {
  if (!record) return { kind: 'login' };
  if (WAITS_FOR_USER.has(record.status)) return { kind: 'needs-user', record };
  if (
    record.status === 'ok' &&
    record.expiresAt &&
    Date.parse(record.expiresAt) > now.getTime() &&
    Date.parse(record.updatedAt) >= requestedAt.getTime()
  ) {
    return { kind: 'already-fresh', expiresAt: record.expiresAt };
  }
  if (record.status === 'failed' && record.nextAttemptAt && Date.parse(record.nextAttemptAt) > now.getTime()) {
    return { kind: 'backing-off', nextAttemptAt: record.nextAttemptAt };
  }
  return { kind: 'login' };
}

/** Whether the schedule should log in now: a session about to expire, or a failed one whose backoff ran out. */
export function isScheduledRefreshDue(record: SessionRecord | undefined, now: Date, policy: RefreshPolicy): boolean {
  if (!record) return false;
  if (record.status === 'ok')
    return record.expiresAt === null || Date.parse(record.expiresAt) - now.getTime() <= policy.refreshBeforeSeconds * 1000;
  if (record.status === 'failed') return record.nextAttemptAt === null || Date.parse(record.nextAttemptAt) <= now.getTime();
  return false;
}

/** Failures the user must fix: trying again cannot help and may lock the account. */
const USER_MUST_FIX = new Set<LoginFailureReason>(['wrong-credentials', 'missing-credentials', 'site-not-configured']);

/** The record after a failed login: back off, or stop until the user acts. */
export function recordAfterFailure(
  previous: SessionRecord | undefined,
  site: string,
  failure: { reason: LoginFailureReason; message: string; screenshotBlobKey: string | null },
  now: Date,
  policy: RefreshPolicy,
): SessionRecord {
  const failures = (previous?.failures ?? 0) + 1;
  const base = {
    site,
    expiresAt: null,
    failures,
    lastError: failure.message,
    screenshotBlobKey: failure.screenshotBlobKey,
    updatedAt: now.toISOString(),
  };
  if (failure.reason === 'otp-required') return { ...base, status: 'needs-otp', reason: failure.reason, nextAttemptAt: null };
  if (USER_MUST_FIX.has(failure.reason)) return { ...base, status: 'blocked', reason: failure.reason, nextAttemptAt: null };
  if (failures >= policy.maxFailures) return { ...base, status: 'blocked', reason: 'too-many-failures', nextAttemptAt: null };
  const waitSeconds = Math.min(policy.backoffMaxSeconds, policy.backoffBaseSeconds * 2 ** (failures - 1));
  return { ...base, status: 'failed', reason: failure.reason, nextAttemptAt: new Date(now.getTime() + waitSeconds * 1000).toISOString() };
}

/** The record after a login that gave a working session. */
export function recordAfterSuccess(site: string, expiresAt: Date, now: Date): SessionRecord {
  return {
    site,
    status: 'ok',
    expiresAt: expiresAt.toISOString(),
    failures: 0,
    lastError: null,
    reason: null,
    nextAttemptAt: null,
    screenshotBlobKey: null,
    updatedAt: now.toISOString(),
  };
}

/** The record after the user acted on a blocked site: the next request or schedule tick logs in again. */
export function recordAfterUnblock(previous: SessionRecord, now: Date): SessionRecord {
  return {
    ...previous,
    status: 'failed',
    failures: 0,
    reason: null,
    nextAttemptAt: null,
    lastError: 'unblocked by the user',
    updatedAt: now.toISOString(),
  };
}

/** The expiry of a captured session: the earliest expiring session cookie, or the fallback lifetime. */
export function sessionExpiry(cookieExpiries: readonly (number | undefined)[], now: Date, fallbackTtlSeconds: number): Date {
  const known = cookieExpiries.filter((expiry): expiry is number => typeof expiry === 'number');
  if (known.length === 0) return new Date(now.getTime() + fallbackTtlSeconds * 1000);
  return new Date(Math.min(...known) * 1000);
}
