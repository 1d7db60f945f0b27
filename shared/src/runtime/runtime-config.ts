import { resolve } from 'node:path';
import { type EnvSchema, readEnvConfig } from './env-config.js';
import type { Environment } from './environment.js';

/** Settings every service shares: which transport, where its data lives, logging and health. */
export interface RuntimeConfig {
  readonly transport: 'embedded' | 'aws';
  /** Embedded: folder of the bus, tables, blobs and secrets files. */
  readonly dataDir: string;
  readonly logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Port of /health and /metrics; 0 picks a free port, undefined turns it off. */
  readonly healthPort: number | undefined;
  /** Passphrase of the embedded secret store (never logged). */
  readonly secretKey: string | undefined;
  readonly aws: {
    readonly region: string;
    readonly endpoint: string | undefined;
    readonly eventBusName: string;
    readonly resourcePrefix: string;
    readonly bucket: string;
  };
}

/** The settings every service reads (JSON Schema; the table in docs/running.md is generated from it). */
export const RUNTIME_ENV_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'runtime',
  type: 'object',
  properties: {
    JOBPIPE_TRANSPORT: {
      type: 'string',
      enum: ['embedded', 'aws'],
      default: 'embedded',
      description: 'where events, tables, blobs and secrets live',
    },
    JOBPIPE_DATA_DIR: { type: 'string', default: 'data', description: 'embedded: the folder of the bus, tables, blobs and secrets files' },
    JOBPIPE_LOG_LEVEL: {
      type: 'string',
      enum: ['trace', 'debug', 'info', 'warn', 'error', 'silent'],
      default: 'info',
      description: 'lowest level logged',
    },
    JOBPIPE_HEALTH_PORT: {
      type: 'integer',
      minimum: 0,
      maximum: 65535,
      description: 'port of /health and /metrics (0 picks one); unset: none',
    },
    JOBPIPE_SECRET_KEY: {
      type: 'string',
      pattern: '^.{16,}$',
      description: 'passphrase of the embedded secret store, at least 16 characters (never logged)',
    },
    AWS_ENDPOINT_URL: { type: 'string', pattern: '^https?://\\S+$', description: 'an http(s) URL of the AWS endpoints (LocalStack)' },
    AWS_REGION: { type: 'string', description: 'AWS region (else AWS_DEFAULT_REGION, else us-east-1)' },
    AWS_DEFAULT_REGION: { type: 'string', description: 'AWS region when AWS_REGION is unset' },
    JOBPIPE_EVENT_BUS: { type: 'string', default: 'jobpipe', description: 'aws: the EventBridge bus' },
    JOBPIPE_RESOURCE_PREFIX: { type: 'string', default: 'jobpipe', description: 'aws: prefix of the queue and table names' },
    JOBPIPE_BUCKET: { type: 'string', default: 'jobpipe-blobs', description: 'aws: the S3 bucket of blobs' },
  },
} as const satisfies EnvSchema;

/** Reads and validates the runtime settings from an environment (the caller passes process.env). */
export function readRuntimeConfig(env: Environment): RuntimeConfig {
  const values = readEnvConfig(RUNTIME_ENV_SCHEMA, env, { secret: ['JOBPIPE_SECRET_KEY'] });
  return Object.freeze({
    transport: values.JOBPIPE_TRANSPORT,
    dataDir: resolve(values.JOBPIPE_DATA_DIR),
    logLevel: values.JOBPIPE_LOG_LEVEL,
    healthPort: values.JOBPIPE_HEALTH_PORT,
    secretKey: values.JOBPIPE_SECRET_KEY,
    aws: Object.freeze({
      region: values.AWS_REGION ?? values.AWS_DEFAULT_REGION ?? 'us-east-1',
      endpoint: values.AWS_ENDPOINT_URL,
      eventBusName: values.JOBPIPE_EVENT_BUS,
      resourcePrefix: values.JOBPIPE_RESOURCE_PREFIX,
      bucket: values.JOBPIPE_BUCKET,
    }),
  });
}
