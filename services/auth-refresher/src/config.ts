import { ConfigError, type RuntimeConfig, readRuntimeConfig, readSitesFile } from '@jobpipe/shared';
import { type LoginSite, parseLoginSites } from './domain/login-site.js';
import type { RefreshPolicy } from './domain/refresh-policy.js';

/** Settings of the auth-refresher. */
export interface AuthRefresherConfig {
  readonly runtime: RuntimeConfig;
  /** Login settings per site, from the sites file. */
  readonly sites: ReadonlyMap<string, LoginSite>;
  readonly policy: RefreshPolicy;
  /** How often the schedule looks for sessions about to expire; 0 turns the schedule off. */
  readonly checkIntervalSeconds: number;
  /** Longest wait for one browser step (a page load, a redirect, an element). */
  readonly stepTimeoutMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function positiveNumber(env: Env, name: string, fallback: number, allowZero = false): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    throw new ConfigError(`${name}='${raw}' must be a ${allowZero ? 'non-negative' : 'positive'} number`);
  return value;
}

/** Reads and validates the auth-refresher's settings (the caller passes process.env). */
export function readAuthRefresherConfig(env: Env): AuthRefresherConfig {
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    sites: readSitesFile('JOBPIPE_AUTH_REFRESHER_SITES_FILE', env.JOBPIPE_AUTH_REFRESHER_SITES_FILE, parseLoginSites),
    policy: Object.freeze({
      refreshBeforeSeconds: positiveNumber(env, 'JOBPIPE_AUTH_REFRESHER_REFRESH_BEFORE_SECONDS', 1800),
      maxFailures: positiveNumber(env, 'JOBPIPE_AUTH_REFRESHER_MAX_FAILURES', 3),
      backoffBaseSeconds: positiveNumber(env, 'JOBPIPE_AUTH_REFRESHER_BACKOFF_SECONDS', 300),
      backoffMaxSeconds: positiveNumber(env, 'JOBPIPE_AUTH_REFRESHER_BACKOFF_MAX_SECONDS', 6 * 3600),
    }),
    checkIntervalSeconds: positiveNumber(env, 'JOBPIPE_AUTH_REFRESHER_CHECK_INTERVAL_SECONDS', 60, true),
    stepTimeoutMs: positiveNumber(env, 'JOBPIPE_AUTH_REFRESHER_STEP_TIMEOUT_MS', 15_000),
  });
}
