import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';

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

type Env = Readonly<Record<string, string | undefined>>;

/** A setting's value; an empty value (`NAME=` in an env file or compose file) counts as not set. */
function setting(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = setting(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(`${name}='${value}' is not valid: use one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function optionalPort(env: Env, name: string): number | undefined {
  const value = setting(env, name);
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${name}='${value}' is not a port number (0-65535)`);
  return port;
}

/** Reads and validates the runtime settings from an environment (the caller passes process.env). */
export function readRuntimeConfig(env: Env): RuntimeConfig {
  const endpoint = setting(env, 'AWS_ENDPOINT_URL');
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) {
    throw new ConfigError(`AWS_ENDPOINT_URL='${endpoint}' is not an http(s) URL`);
  }
  const secretKey = setting(env, 'JOBPIPE_SECRET_KEY');
  // The value itself is never echoed: it is a secret.
  if (secretKey !== undefined && secretKey.length < 16) throw new ConfigError('JOBPIPE_SECRET_KEY must be at least 16 characters');
  return Object.freeze({
    transport: oneOf(env, 'JOBPIPE_TRANSPORT', ['embedded', 'aws'] as const, 'embedded'),
    dataDir: resolve(setting(env, 'JOBPIPE_DATA_DIR') ?? 'data'),
    logLevel: oneOf(env, 'JOBPIPE_LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    healthPort: optionalPort(env, 'JOBPIPE_HEALTH_PORT'),
    secretKey,
    aws: Object.freeze({
      region: setting(env, 'AWS_REGION') ?? setting(env, 'AWS_DEFAULT_REGION') ?? 'us-east-1',
      endpoint,
      eventBusName: setting(env, 'JOBPIPE_EVENT_BUS') ?? 'jobpipe',
      resourcePrefix: setting(env, 'JOBPIPE_RESOURCE_PREFIX') ?? 'jobpipe',
      bucket: setting(env, 'JOBPIPE_BUCKET') ?? 'jobpipe-blobs',
    }),
  });
}
