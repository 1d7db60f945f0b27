import { type Environment, type EnvSchema, type RuntimeConfig, readEnvConfig, readRuntimeConfig, readSitesFile } from '@jobpipe/shared';
import { type LoginSite, parseLoginSites } from './domain/login-site.js';
import type { RefreshPolicy } from './domain/refresh-policy.js';

/** Settings of the auth-refresher. */
export interface AuthRefresherConfig {
  readonly runtime: RuntimeConfig;
  /** Login settings per site from the sites file; the stored config's `sites` join them per login. */
  readonly sites: ReadonlyMap<string, LoginSite>;
  readonly policy: RefreshPolicy;
  /** How often the schedule looks for sessions about to expire; 0 turns the schedule off. */
  readonly checkIntervalSeconds: number;
  /** Longest wait for one browser step (a page load, a redirect, an element). */
  readonly stepTimeoutMs: number;
}

/** The auth-refresher's own environment variables (JSON Schema; the table in docs/running.md comes from it). */
export const AUTH_REFRESHER_ENV_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'auth-refresher',
  type: 'object',
  properties: {
    JOBPIPE_AUTH_REFRESHER_SITES_FILE: {
      type: 'string',
      description: "JSON file of login settings per site, besides the config's sites (unset: the config's sites only)",
    },
    JOBPIPE_AUTH_REFRESHER_REFRESH_BEFORE_SECONDS: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 1800,
      description: 'refresh a session this long before it expires',
    },
    JOBPIPE_AUTH_REFRESHER_MAX_FAILURES: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 3,
      description: 'failed logins in a row before a site needs the user',
    },
    JOBPIPE_AUTH_REFRESHER_BACKOFF_SECONDS: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 300,
      description: 'first wait after a failed login (doubles)',
    },
    JOBPIPE_AUTH_REFRESHER_BACKOFF_MAX_SECONDS: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 6 * 3600,
      description: 'longest wait after failed logins',
    },
    JOBPIPE_AUTH_REFRESHER_CHECK_INTERVAL_SECONDS: {
      type: 'number',
      minimum: 0,
      default: 60,
      description: 'how often the schedule looks for sessions about to expire; 0 turns it off',
    },
    JOBPIPE_AUTH_REFRESHER_STEP_TIMEOUT_MS: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 15_000,
      description: 'longest wait for one browser step',
    },
  },
} as const satisfies EnvSchema;

/** Reads and validates the auth-refresher's settings (the caller passes process.env). */
export function readAuthRefresherConfig(env: Environment): AuthRefresherConfig {
  const values = readEnvConfig(AUTH_REFRESHER_ENV_SCHEMA, env);
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    sites: readSitesFile('JOBPIPE_AUTH_REFRESHER_SITES_FILE', values.JOBPIPE_AUTH_REFRESHER_SITES_FILE, parseLoginSites),
    policy: Object.freeze({
      refreshBeforeSeconds: values.JOBPIPE_AUTH_REFRESHER_REFRESH_BEFORE_SECONDS,
      maxFailures: values.JOBPIPE_AUTH_REFRESHER_MAX_FAILURES,
      backoffBaseSeconds: values.JOBPIPE_AUTH_REFRESHER_BACKOFF_SECONDS,
      backoffMaxSeconds: values.JOBPIPE_AUTH_REFRESHER_BACKOFF_MAX_SECONDS,
    }),
    checkIntervalSeconds: values.JOBPIPE_AUTH_REFRESHER_CHECK_INTERVAL_SECONDS,
    stepTimeoutMs: values.JOBPIPE_AUTH_REFRESHER_STEP_TIMEOUT_MS,
  });
}
