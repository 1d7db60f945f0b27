import { USER_SECRET_NAMES } from '@jobpipe/contracts';
import { ConfigError, type Environment, type EnvSchema, type EnvVariableSchema, readEnvConfig, readRuntimeConfig } from '@jobpipe/shared';
import { HostAllowlist } from './domain/host-allowlist.js';
import { type SourcePolicy, withOverrides } from './domain/policy.js';
import { SOURCE_NAMES, type SourceName } from './domain/sources.js';
import { ANNOUNCEMENT_WINDOW_MS, type ScraperConfig } from './scraper-config.js';
import { DEFAULT_POLICIES, LIVE_BASE_URLS, SOURCE_MODULES } from './sources/registry.js';

export type { ScraperConfig } from './scraper-config.js';

type Env = Environment;

/** The scraper's environment variables that every source shares (JSON Schema). */
const SHARED_SCRAPER_VARIABLES = {
  JOBPIPE_SCRAPER_CONCURRENCY: {
    type: 'integer',
    minimum: 1,
    maximum: 32,
    default: 2,
    description: 'scrape requests handled at once (sources pace themselves)',
  },
  JOBPIPE_SCRAPER_POLICY: { type: 'string', description: 'JSON policy overrides for every source, e.g. {"requestsPerSecond":20}' },
  JOBPIPE_SCRAPER_USAJOBS_EMAIL: {
    type: 'string',
    pattern: '^[^\\s@]+@[^\\s@]+$',
    description: 'an email address, sent as User-Agent as USAJOBS asks',
  },
  JOBPIPE_SCRAPER_USAJOBS_API_KEY: { type: 'string', description: 'the USAJOBS key given directly (else read from the secret store)' },
  JOBPIPE_SCRAPER_USAJOBS_KEY_SECRET: {
    type: 'string',
    default: USER_SECRET_NAMES.usajobsApiKey,
    description: 'name of the secret holding the USAJOBS key',
  },
} as const;

/** The variables of one source: its API base URL (API sources), extra allowed hosts, policy overrides. */
function sourceVariables(source: SourceName): Record<string, EnvVariableSchema> {
  const prefix = `JOBPIPE_SCRAPER_${source.toUpperCase()}`;
  return {
    ...(source in LIVE_BASE_URLS
      ? { [`${prefix}_BASE_URL`]: { type: 'string', description: `${source}: API base URL, an http(s) URL (default the live API)` } }
      : {}),
    [`${prefix}_ALLOWED_HOSTS`]: {
      type: 'string',
      description: `${source}: comma-separated hosts it may fetch from besides its base URL's`,
    },
    [`${prefix}_POLICY`]: { type: 'string', description: `${source}: JSON policy overrides (over JOBPIPE_SCRAPER_POLICY)` },
  };
}

/** The scraper's own environment variables (JSON Schema; the table in docs/running.md comes from it). */
export const SCRAPER_ENV_SCHEMA: EnvSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'scraper',
  type: 'object',
  properties: { ...SHARED_SCRAPER_VARIABLES, ...Object.assign({}, ...SOURCE_NAMES.map(sourceVariables)) },
};

const POLICY_FIELDS = new Set(Object.keys(DEFAULT_POLICIES.mcf));

function policyOverrides(env: Env, name: string): Partial<SourcePolicy> {
  const text = env[name];
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`${name} is not JSON (expected e.g. {"concurrency":8,"requestsPerSecond":20})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(`${name} must be a JSON object`);
  for (const [field, value] of Object.entries(parsed)) {
    if (!POLICY_FIELDS.has(field))
      throw new ConfigError(`${name}: unknown policy field '${field}' (known: ${[...POLICY_FIELDS].join(', ')})`);
    if (typeof value !== typeof (DEFAULT_POLICIES.mcf as unknown as Record<string, unknown>)[field]) {
      throw new ConfigError(`${name}: '${field}' has the wrong type`);
    }
  }
  return parsed as Partial<SourcePolicy>;
}

function baseUrl(env: Env, source: SourceName, live: string): string {
  const name = `JOBPIPE_SCRAPER_${source.toUpperCase()}_BASE_URL`;
  const value = env[name] || live;
  if (!HostAllowlist.hostOf(value)) throw new ConfigError(`${name}='${value}' is not an http(s) URL`);
  return value.replace(/\/+$/, '');
}

function hostList(env: Env, source: SourceName): string[] {
  return (env[`JOBPIPE_SCRAPER_${source.toUpperCase()}_ALLOWED_HOSTS`] ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter(Boolean);
}

/** Reads and validates the scraper's settings from an environment (main.ts passes process.env). */
export function readScraperConfig(env: Env): ScraperConfig {
  const shared = readEnvConfig({ ...SCRAPER_ENV_SCHEMA, properties: SHARED_SCRAPER_VARIABLES }, env, {
    secret: ['JOBPIPE_SCRAPER_USAJOBS_API_KEY'],
  });
  const baseUrls: Partial<Record<SourceName, string>> = Object.fromEntries(
    Object.entries(LIVE_BASE_URLS).map(([source, live]) => [source, baseUrl(env, source as SourceName, live)]),
  );
  const allOverrides = policyOverrides(env, 'JOBPIPE_SCRAPER_POLICY');
  const policies = {} as Record<SourceName, SourcePolicy>;
  const allowedHosts = {} as Record<SourceName, readonly string[]>;
  for (const source of SOURCE_NAMES) {
    const name = `JOBPIPE_SCRAPER_${source.toUpperCase()}_POLICY`;
    try {
      policies[source] = withOverrides(DEFAULT_POLICIES[source], { ...allOverrides, ...policyOverrides(env, name) });
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(`${name}: ${(error as Error).message}`);
    }
    const own = baseUrls[source];
    const ownHost = own === undefined ? [] : [HostAllowlist.hostOf(own)!];
    allowedHosts[source] = Object.freeze([...ownHost, ...(SOURCE_MODULES[source].defaultHosts ?? []), ...hostList(env, source)]);
  }
  const runtime = readRuntimeConfig(env);
  return Object.freeze({
    runtime,
    concurrency: shared.JOBPIPE_SCRAPER_CONCURRENCY,
    announcementWindowMs: ANNOUNCEMENT_WINDOW_MS[runtime.transport],
    baseUrls: Object.freeze(baseUrls),
    allowedHosts: Object.freeze(allowedHosts),
    policies: Object.freeze(policies),
    usajobs: Object.freeze({
      email: shared.JOBPIPE_SCRAPER_USAJOBS_EMAIL,
      apiKey: shared.JOBPIPE_SCRAPER_USAJOBS_API_KEY,
      apiKeySecret: shared.JOBPIPE_SCRAPER_USAJOBS_KEY_SECRET,
    }),
  });
}
