import { ConfigError, type RuntimeConfig, readRuntimeConfig } from '@jobpipe/shared';
import { DEFAULT_MAX_BODY_BYTES } from './domain/parse-raw-body.js';

/** Settings of the parser service. */
export interface ParserConfig {
  readonly runtime: RuntimeConfig;
  /** Largest raw body the parser reads; bigger ones are dead-lettered (BODY_TOO_LARGE). */
  readonly maxBodyBytes: number;
  /** Lowest confidence at which a posting is linked to another as its duplicate. */
  readonly duplicateMinConfidence: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function positiveInteger(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new ConfigError(`${name}='${value}' is not a positive whole number`);
  return number;
}

function fraction(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 1) throw new ConfigError(`${name}='${value}' is not a number between 0 and 1`);
  return number;
}

/** Parser settings with their defaults, for tests and the CLI (no environment read). */
export function defaultParserConfig(runtime: RuntimeConfig): ParserConfig {
  return Object.freeze({ runtime, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, duplicateMinConfidence: 0.75 });
}

/** Reads and validates the parser's settings (the caller passes process.env). */
export function readParserConfig(env: Env): ParserConfig {
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    maxBodyBytes: positiveInteger(env, 'JOBPIPE_PARSER_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES),
    duplicateMinConfidence: fraction(env, 'JOBPIPE_PARSER_DUPLICATE_MIN_CONFIDENCE', 0.75),
  });
}
