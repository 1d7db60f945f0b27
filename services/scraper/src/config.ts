import { USER_SECRET_NAMES } from '@jobpipe/contracts';
import { ConfigError, type RuntimeConfig, readRuntimeConfig } from '@jobpipe/shared';
import { HostAllowlist } from './domain/host-allowlist.js';
import { DEFAULT_POLICIES, type SourcePolicy, withOverrides } from './domain/policy.js';
import { LIVE_BASE_URLS, SOURCE_NAMES, type SourceName } from './domain/sources.js';

/** Sources reached through one configurable API base URL. */
export type ApiSourceName = keyof typeof LIVE_BASE_URLS;

/** The scraper's settings, validated and frozen. */
export interface ScraperConfig {
  readonly runtime: RuntimeConfig;
  /** Scrape requests handled at once (`JOBPIPE_SCRAPER_CONCURRENCY`, default 2); sources pace themselves. */
  readonly concurrency: number;
  /** Base URL per API source (`JOBPIPE_SCRAPER_<SOURCE>_BASE_URL`, default the live API). */
  readonly baseUrls: Readonly<Record<ApiSourceName, string>>;
  /** Hosts each source may fetch from: its base URL's host plus `JOBPIPE_SCRAPER_<SOURCE>_ALLOWED_HOSTS`. */
  readonly allowedHosts: Readonly<Record<SourceName, readonly string[]>>;
  /** Policy per source: defaults, then `JOBPIPE_SCRAPER_POLICY` (all sources), then `JOBPIPE_SCRAPER_<SOURCE>_POLICY` (JSON). */
  readonly policies: Readonly<Record<SourceName, SourcePolicy>>;
  readonly usajobs: {
    /** Sent as User-Agent, as USAJOBS asks (`JOBPIPE_SCRAPER_USAJOBS_EMAIL`). */
    readonly email: string | undefined;
    /** The key given directly (`JOBPIPE_SCRAPER_USAJOBS_API_KEY`); else read from the secret store. */
    readonly apiKey: string | undefined;
    /** Name of the secret holding the key (`JOBPIPE_SCRAPER_USAJOBS_KEY_SECRET`, default `usajobs-api-key`). */
    readonly apiKeySecret: string;
  };
}

type Env = Readonly<Record<string, string | undefined>>;

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

function baseUrl(env: Env, source: ApiSourceName): string {
  const name = `JOBPIPE_SCRAPER_${source.toUpperCase()}_BASE_URL`;
  const value = env[name] || LIVE_BASE_URLS[source];
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
  const baseUrls = Object.fromEntries(
    (Object.keys(LIVE_BASE_URLS) as ApiSourceName[]).map((source) => [source, baseUrl(env, source)]),
  ) as Record<ApiSourceName, string>;
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
    const ownHost = source === 'jsonld' ? [] : [HostAllowlist.hostOf(baseUrls[source])!];
    allowedHosts[source] = Object.freeze([...ownHost, ...hostList(env, source)]);
  }
  const email = env.JOBPIPE_SCRAPER_USAJOBS_EMAIL;
  if (email !== undefined && email !== '' && !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new ConfigError(`JOBPIPE_SCRAPER_USAJOBS_EMAIL='${email}' is not an email address`);
  }
  const concurrency = Number(env.JOBPIPE_SCRAPER_CONCURRENCY || 2);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    throw new ConfigError(`JOBPIPE_SCRAPER_CONCURRENCY='${env.JOBPIPE_SCRAPER_CONCURRENCY}' is not a whole number from 1 to 32`);
  }
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    concurrency,
    baseUrls: Object.freeze(baseUrls),
    allowedHosts: Object.freeze(allowedHosts),
    policies: Object.freeze(policies),
    usajobs: Object.freeze({
      email: email || undefined,
      apiKey: env.JOBPIPE_SCRAPER_USAJOBS_API_KEY || undefined,
      apiKeySecret: env.JOBPIPE_SCRAPER_USAJOBS_KEY_SECRET || USER_SECRET_NAMES.usajobsApiKey,
    }),
  });
}
