import { USER_SECRET_NAMES } from '@jobpipe/contracts';
import { ConfigError, type RuntimeConfig, readRuntimeConfig } from '@jobpipe/shared';

/** Settings of the sheets-bridge service. */
export interface SheetsBridgeConfig {
  readonly runtime: RuntimeConfig;
  /** The spreadsheet to keep in step; unset turns the bridge off (events are acknowledged, nothing synced). */
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
}

type Env = Readonly<Record<string, string | undefined>>;

function numberSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new ConfigError(`${name}='${raw}' is not a number between ${min} and ${max}`);
  return value;
}

/** Reads and validates the sheets-bridge settings (`JOBPIPE_SHEETS_*`) plus the runtime ones. */
export function readSheetsBridgeConfig(env: Env): SheetsBridgeConfig {
  const rootUrl = env.JOBPIPE_SHEETS_ROOT_URL || undefined;
  if (rootUrl !== undefined && !/^https?:\/\/\S+\/$/.test(rootUrl))
    throw new ConfigError(`JOBPIPE_SHEETS_ROOT_URL='${rootUrl}' must be an http(s) URL ending in /`);
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    spreadsheetId: env.JOBPIPE_SHEETS_SPREADSHEET_ID || undefined,
    tab: env.JOBPIPE_SHEETS_TAB || 'Jobs',
    rootUrl,
    credentialsSecret: env.JOBPIPE_SHEETS_CREDENTIALS_SECRET || USER_SECRET_NAMES.sheetsCredentials,
    pollSeconds: numberSetting(env, 'JOBPIPE_SHEETS_POLL_SECONDS', 60, 1, 86_400),
    requestsPerMinute: numberSetting(env, 'JOBPIPE_SHEETS_REQUESTS_PER_MINUTE', 60, 1, 10_000),
    maxRetries: numberSetting(env, 'JOBPIPE_SHEETS_MAX_RETRIES', 5, 0, 20),
    backoffMs: numberSetting(env, 'JOBPIPE_SHEETS_BACKOFF_MS', 1000, 0, 600_000),
    flushMs: numberSetting(env, 'JOBPIPE_SHEETS_FLUSH_MS', 250, 0, 60_000),
    minScore: numberSetting(env, 'JOBPIPE_SHEETS_MIN_SCORE', 0, 0, 100),
  });
}
