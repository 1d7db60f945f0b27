import { type Environment, type EnvSchema, type RuntimeConfig, readEnvConfig, readRuntimeConfig } from '@jobpipe/shared';

/** Settings of the notifier service (the targets themselves are the user's config, `notifications`). */
export interface NotifierConfig {
  readonly runtime: RuntimeConfig;
  /** The cockpit's address; a job's link is `<cockpitUrl>#/jobs/<job id>`. */
  readonly cockpitUrl: string;
  /** How long one webhook request or SMTP conversation may take. */
  readonly sendTimeoutMs: number;
  /** Jobs a digest lists one by one (best first); the rest are counted and linked to the cockpit. */
  readonly digestListed: number;
}

/** The notifier's own environment variables (JSON Schema; the table in docs/running.md comes from it). */
export const NOTIFIER_ENV_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'notifier',
  type: 'object',
  properties: {
    JOBPIPE_NOTIFY_COCKPIT_URL: {
      type: 'string',
      pattern: '^https?://',
      default: 'http://127.0.0.1:3000/app',
      description: "the cockpit's address as the reader opens it; notifications link to <this>#/jobs/<job id>",
    },
    JOBPIPE_NOTIFY_TIMEOUT_MS: {
      type: 'integer',
      minimum: 1000,
      maximum: 60000,
      default: 10000,
      description: 'how long one webhook request or SMTP conversation may take before it counts as failed (and is retried)',
    },
    JOBPIPE_NOTIFY_DIGEST_LISTED: {
      type: 'integer',
      minimum: 1,
      maximum: 200,
      default: 50,
      description: 'jobs a digest lists one by one, best first; the others are counted with a link to the cockpit',
    },
  },
} as const satisfies EnvSchema;

/** Reads and validates the notifier settings (`JOBPIPE_NOTIFY_*`) plus the runtime ones. */
export function readNotifierConfig(env: Environment): NotifierConfig {
  const values = readEnvConfig(NOTIFIER_ENV_SCHEMA, env);
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    cockpitUrl: values.JOBPIPE_NOTIFY_COCKPIT_URL,
    sendTimeoutMs: values.JOBPIPE_NOTIFY_TIMEOUT_MS,
    digestListed: values.JOBPIPE_NOTIFY_DIGEST_LISTED,
  });
}
