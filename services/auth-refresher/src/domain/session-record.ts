import { siteSecretNames } from '@jobpipe/shared';
/** Why a login did not give a working session. */
export type LoginFailureReason =
  | 'otp-required'
  | 'wrong-credentials'
  | 'login-page-changed'
  | 'timeout'
  | 'site-error'
  | 'missing-credentials'
  | 'site-not-configured';

/** A site's session status in the `sessions` table (never the cookie: that is in the secret store). */
export type SessionRecord = {
  readonly site: string;
  /** `ok`; `needs-otp` and `blocked` wait for the user; `failed` retries after `nextAttemptAt`. */
  readonly status: 'ok' | 'needs-otp' | 'failed' | 'blocked';
  readonly expiresAt: string | null;
  /** Failed logins in a row. */
  readonly failures: number;
  readonly lastError: string | null;
  readonly reason: LoginFailureReason | 'too-many-failures' | null;
  readonly nextAttemptAt: string | null;
  readonly screenshotBlobKey: string | null;
  readonly updatedAt: string;
};

/** One cookie of a captured session. */
export interface SessionCookie {
  readonly name: string;
  readonly value: string;
  readonly domain?: string;
  readonly path?: string;
  readonly secure?: boolean;
  readonly httpOnly?: boolean;
  /** Seconds since the epoch, when the cookie has an expiry. */
  readonly expiry?: number;
}

/** What the secret store keeps under `site/<site>/session` (JSON). */
export interface StoredSession {
  readonly site: string;
  readonly cookies: readonly SessionCookie[];
  readonly expiresAt: string;
  readonly capturedAt: string;
}

/** Secret-store names of a site's credentials and session (one naming for every reader and writer). */
export const secretNames = siteSecretNames;
