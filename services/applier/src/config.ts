import { ConfigError, type RuntimeConfig, readRuntimeConfig, readSitesFile } from '@jobpipe/shared';
import { type ApplySite, parseApplySites } from './domain/apply-site.js';
import type { ApplyGuards } from './domain/guards.js';

/** Settings of the applier. */
export interface ApplierConfig {
  readonly runtime: RuntimeConfig;
  /** Apply settings per site, from the sites file. */
  readonly sites: ReadonlyMap<string, ApplySite>;
  readonly guards: ApplyGuards;
  /** Fill and screenshot, never submit (a safety switch for the whole process). */
  readonly forceDryRun: boolean;
  /** Longest wait for one browser step (a page load, a redirect, an element). */
  readonly stepTimeoutMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function positiveNumber(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name}='${raw}' must be a positive number`);
  return value;
}

/** Reads and validates the applier's settings (the caller passes process.env). */
export function readApplierConfig(env: Env): ApplierConfig {
  const dryRun = env.JOBPIPE_APPLIER_DRY_RUN ?? 'false';
  if (!['true', 'false'].includes(dryRun)) throw new ConfigError(`JOBPIPE_APPLIER_DRY_RUN='${dryRun}' must be true or false`);
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    sites: readSitesFile('JOBPIPE_APPLIER_SITES_FILE', env.JOBPIPE_APPLIER_SITES_FILE, parseApplySites),
    guards: Object.freeze({
      dailyCap: positiveNumber(env, 'JOBPIPE_APPLIER_DAILY_CAP', 10),
      jobWindowDays: positiveNumber(env, 'JOBPIPE_APPLIER_JOB_WINDOW_DAYS', 365),
      companyWindowDays: positiveNumber(env, 'JOBPIPE_APPLIER_COMPANY_WINDOW_DAYS', 30),
    }),
    forceDryRun: dryRun === 'true',
    stepTimeoutMs: positiveNumber(env, 'JOBPIPE_APPLIER_STEP_TIMEOUT_MS', 15_000),
  });
}
