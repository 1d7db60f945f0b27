import { type Environment, type EnvSchema, type RuntimeConfig, readEnvConfig, readRuntimeConfig } from '@jobpipe/shared';
import { DEFAULT_MAX_BODY_BYTES } from './domain/parse-raw-body.js';

/** Settings of the parser service. */
export interface ParserConfig {
  readonly runtime: RuntimeConfig;
  /** Largest raw body the parser reads; bigger ones are dead-lettered (BODY_TOO_LARGE). */
  readonly maxBodyBytes: number;
  /** Lowest confidence at which a posting is linked to another as its duplicate. */
  readonly duplicateMinConfidence: number;
}

/** The parser's own environment variables (JSON Schema; the table in docs/running.md comes from it). */
export const PARSER_ENV_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'parser',
  type: 'object',
  properties: {
    JOBPIPE_PARSER_MAX_BODY_BYTES: {
      type: 'integer',
      minimum: 1,
      default: DEFAULT_MAX_BODY_BYTES,
      description: 'largest raw body read; bigger ones are dead-lettered (BODY_TOO_LARGE)',
    },
    JOBPIPE_PARSER_DUPLICATE_MIN_CONFIDENCE: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0.75,
      description: 'lowest confidence at which a posting is linked to another as its duplicate',
    },
  },
} as const satisfies EnvSchema;

/** Parser settings with their defaults, for tests and the CLI (no environment read). */
export function defaultParserConfig(runtime: RuntimeConfig): ParserConfig {
  return Object.freeze({ ...readParserConfig({}), runtime });
}

/** Reads and validates the parser's settings (the caller passes process.env). */
export function readParserConfig(env: Environment): ParserConfig {
  const values = readEnvConfig(PARSER_ENV_SCHEMA, env);
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    maxBodyBytes: values.JOBPIPE_PARSER_MAX_BODY_BYTES,
    duplicateMinConfidence: values.JOBPIPE_PARSER_DUPLICATE_MIN_CONFIDENCE,
  });
}
