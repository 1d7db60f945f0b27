import { USER_SECRET_NAMES } from '@jobpipe/contracts';
import { type Environment, type EnvSchema, type RuntimeConfig, readEnvConfig, readRuntimeConfig } from '@jobpipe/shared';

/** Settings of the sheets-bridge service. */
export interface SheetsBridgeConfig {
  readonly runtime: RuntimeConfig;
  /** The spreadsheet to keep in step; unset: the one stored by `jobpipe sheets connect` (none: nothing is synced). */
  readonly spreadsheetId: string | undefined;
  /** The tab holding one row per job. */
  readonly tab: string;
  /** Sheets API root (a local server in tests); unset = Google. */
  readonly rootUrl: string | undefined;
  /** Name of the secret holding the Google credentials JSON. */
  readonly credentialsSecret: string;
  /** Seconds between reads of the sheet for the user's edits. */
  readonly pollSeconds: number;
  /** Sheets API requests per minute. */
  readonly requestsPerMinute: number;
  /** Retries of a throttled request. */
  readonly maxRetries: number;
  /** Backoff base when the API gives no Retry-After. */
  readonly backoffMs: number;
  /** How long row updates wait to share one batch. */
  readonly flushMs: number;
  /** Scored jobs below this score get no row (CRM-tracked jobs always do). */
  readonly minScore: number;
  /** Seconds a read of the connected spreadsheet and its credentials is used before a sync reads them again. */
  readonly connectionCacheSeconds: number;
}

/** The bridge's own environment variables (JSON Schema; the table in docs/running.md comes from it). */
export const SHEETS_BRIDGE_ENV_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'sheets-bridge',
  type: 'object',
  properties: {
    JOBPIPE_SHEETS_SPREADSHEET_ID: {
      type: 'string',
      description:
        'the spreadsheet kept in step; unset: the one `jobpipe sheets connect` or the cockpit stored (none: the bridge syncs nothing)',
    },
    JOBPIPE_SHEETS_TAB: { type: 'string', default: 'Jobs', description: 'the tab holding one row per job' },
    JOBPIPE_SHEETS_ROOT_URL: {
      type: 'string',
      pattern: '^https?://\\S+/$',
      description: 'an http(s) URL ending in /: the Sheets API root (unset: Google)',
    },
    JOBPIPE_SHEETS_CREDENTIALS_SECRET: {
      type: 'string',
      default: USER_SECRET_NAMES.sheetsCredentials,
      description: 'name of the secret holding the Google credentials JSON',
    },
    JOBPIPE_SHEETS_POLL_SECONDS: {
      type: 'number',
      minimum: 1,
      maximum: 86_400,
      default: 60,
      description: 'seconds between reads of the sheet for the user edits',
    },
    JOBPIPE_SHEETS_REQUESTS_PER_MINUTE: {
      type: 'number',
      minimum: 1,
      maximum: 10_000,
      default: 60,
      description: 'Sheets API requests per minute',
    },
    JOBPIPE_SHEETS_MAX_RETRIES: { type: 'number', minimum: 0, maximum: 20, default: 5, description: 'retries of a throttled request' },
    JOBPIPE_SHEETS_BACKOFF_MS: {
      type: 'number',
      minimum: 0,
      maximum: 600_000,
      default: 1000,
      description: 'backoff base when the API gives no Retry-After',
    },
    JOBPIPE_SHEETS_FLUSH_MS: {
      type: 'number',
      minimum: 0,
      maximum: 60_000,
      default: 250,
      description: 'how long row updates wait to share one batch',
    },
    JOBPIPE_SHEETS_MIN_SCORE: {
      type: 'number',
      minimum: 0,
      maximum: 100,
      default: 0,
      description: 'scored jobs below this get no row (CRM-tracked jobs always do)',
    },
    JOBPIPE_SHEETS_CONNECTION_CACHE_SECONDS: {
      type: 'number',
      minimum: 0,
      maximum: 3600,
      default: 60,
      description: 'seconds a read of the connected spreadsheet and its credentials is used before a sync reads the secret store again',
    },
  },
} as const satisfies EnvSchema;

/** Reads and validates the sheets-bridge settings (`JOBPIPE_SHEETS_*`) plus the runtime ones. */
export function readSheetsBridgeConfig(env: Environment): SheetsBridgeConfig {
  const values = readEnvConfig(SHEETS_BRIDGE_ENV_SCHEMA, env);
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    spreadsheetId: values.JOBPIPE_SHEETS_SPREADSHEET_ID,
    tab: values.JOBPIPE_SHEETS_TAB,
    rootUrl: values.JOBPIPE_SHEETS_ROOT_URL,
    credentialsSecret: values.JOBPIPE_SHEETS_CREDENTIALS_SECRET,
    pollSeconds: values.JOBPIPE_SHEETS_POLL_SECONDS,
    requestsPerMinute: values.JOBPIPE_SHEETS_REQUESTS_PER_MINUTE,
    maxRetries: values.JOBPIPE_SHEETS_MAX_RETRIES,
    backoffMs: values.JOBPIPE_SHEETS_BACKOFF_MS,
    flushMs: values.JOBPIPE_SHEETS_FLUSH_MS,
    minScore: values.JOBPIPE_SHEETS_MIN_SCORE,
    connectionCacheSeconds: values.JOBPIPE_SHEETS_CONNECTION_CACHE_SECONDS,
  });
}
