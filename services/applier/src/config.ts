import { type Environment, type EnvSchema, type RuntimeConfig, readEnvConfig, readRuntimeConfig, readSitesFile } from '@jobpipe/shared';
import { type ApplySite, parseApplySites } from './domain/apply-site.js';
import type { ApplyGuards } from './domain/guards.js';

/** Settings of the applier. */
export interface ApplierConfig {
  readonly runtime: RuntimeConfig;
  /** Apply settings per site from the sites file; the stored config's `sites` join them per application. */
  readonly sites: ReadonlyMap<string, ApplySite>;
  readonly guards: ApplyGuards;
  /** Fill and screenshot, never submit (a safety switch for the whole process). */
  readonly forceDryRun: boolean;
  /** Longest wait for one browser step (a page load, a redirect, an element). */
  readonly stepTimeoutMs: number;
}

/** The applier's own environment variables (JSON Schema; the table in docs/running.md comes from it). */
export const APPLIER_ENV_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'applier',
  type: 'object',
  properties: {
    JOBPIPE_APPLIER_SITES_FILE: {
      type: 'string',
      description: "JSON file of apply settings per site, besides the config's sites (unset: the config's sites only)",
    },
    JOBPIPE_APPLIER_DRY_RUN: { type: 'boolean', default: false, description: 'fill and screenshot, never submit (the whole process)' },
    JOBPIPE_APPLIER_DAILY_CAP: { type: 'number', exclusiveMinimum: 0, default: 10, description: 'applications submitted per day at most' },
    JOBPIPE_APPLIER_JOB_WINDOW_DAYS: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 365,
      description: 'days before the same job may be applied to again',
    },
    JOBPIPE_APPLIER_COMPANY_WINDOW_DAYS: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 30,
      description: 'days between applications to one company',
    },
    JOBPIPE_APPLIER_STEP_TIMEOUT_MS: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 15_000,
      description: 'longest wait for one browser step',
    },
  },
} as const satisfies EnvSchema;

/** Reads and validates the applier's settings (the caller passes process.env). */
export function readApplierConfig(env: Environment): ApplierConfig {
  const values = readEnvConfig(APPLIER_ENV_SCHEMA, env);
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    sites: readSitesFile('JOBPIPE_APPLIER_SITES_FILE', values.JOBPIPE_APPLIER_SITES_FILE, parseApplySites),
    guards: Object.freeze({
      dailyCap: values.JOBPIPE_APPLIER_DAILY_CAP,
      jobWindowDays: values.JOBPIPE_APPLIER_JOB_WINDOW_DAYS,
      companyWindowDays: values.JOBPIPE_APPLIER_COMPANY_WINDOW_DAYS,
    }),
    forceDryRun: values.JOBPIPE_APPLIER_DRY_RUN,
    stepTimeoutMs: values.JOBPIPE_APPLIER_STEP_TIMEOUT_MS,
  });
}
