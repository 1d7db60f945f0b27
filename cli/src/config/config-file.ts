import { readFileSync } from 'node:fs';
import { CONFIG_SECTIONS, contracts, type JobpipeConfig } from '@jobpipe/contracts';
import { ConfigError } from '@jobpipe/shared';
import { parse } from 'yaml';

/** The user's configuration file: the pipeline config plus how the local stack runs. */
export interface ConfigFile {
  readonly pipeline: JobpipeConfig;
  readonly api: { readonly port: number };
  /** The offline replay source (the default for `npm start`). */
  readonly replay: { readonly enabled: boolean; readonly port: number; readonly postings: number; readonly faultRate: number };
  /** The local test job site of the offline demo (its own port), known to the config's `sites` as `site`. */
  readonly jobSite: { readonly enabled: boolean; readonly port: number; readonly site: string };
}

function number(value: unknown, where: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
    throw new ConfigError(`${where} must be a number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  }
  return value;
}

/** Parses and validates a configuration file's text; errors name the file and the field. */
export function parseConfigFile(text: string, path: string): ConfigFile {
  let raw: Record<string, unknown> | null | undefined;
  try {
    raw = parse(text) as Record<string, unknown> | null | undefined;
  } catch (error) {
    throw new ConfigError(`${path}: not valid YAML/JSON: ${(error as Error).message}`);
  }
  if (raw === null || raw === undefined) {
    throw new ConfigError(`${path}: the configuration file is empty (copy jobpipe.config.yaml from the repository root and edit it)`);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${path}: must hold a mapping at the top level`);
  const pipeline = Object.fromEntries(CONFIG_SECTIONS.filter((key) => raw[key] !== undefined).map((key) => [key, raw[key]]));
  const result = contracts().validateDefinition('config', { tracks: [], searches: [], ...pipeline });
  if (!result.ok) throw new ConfigError(`${path}: ${result.errors.join('; ')}`);
  const api = (raw.api ?? {}) as Record<string, unknown>;
  const replay = (raw.replay ?? {}) as Record<string, unknown>;
  const jobSite = (raw.jobSite ?? {}) as Record<string, unknown>;
  const jobSiteEnabled = jobSite.enabled === true;
  const jobSiteName = typeof jobSite.site === 'string' ? jobSite.site : 'jobboard';
  const sites = (pipeline as JobpipeConfig).sites ?? {};
  if (jobSiteEnabled && sites[jobSiteName] === undefined)
    throw new ConfigError(
      `${path}: /jobSite/site is '${jobSiteName}', but /sites has no site of that name (add it, or set /jobSite/enabled: false)`,
    );
  return {
    pipeline: { tracks: [], searches: [], ...pipeline } as JobpipeConfig,
    api: { port: number(api.port, `${path}: /api/port`, 3000, 0, 65535) },
    replay: {
      enabled: replay.enabled === undefined ? true : replay.enabled === true,
      port: number(replay.port, `${path}: /replay/port`, 4010, 0, 65535),
      postings: number(replay.postings, `${path}: /replay/postings`, 200, 0, 100000),
      faultRate: number(replay.faultRate, `${path}: /replay/faultRate`, 0, 0, 0.9),
    },
    jobSite: { enabled: jobSiteEnabled, port: number(jobSite.port, `${path}: /jobSite/port`, 4020, 0, 65535), site: jobSiteName },
  };
}

/** Reads and validates the configuration file at `path`. */
export function loadConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`${path}: configuration file not found (copy jobpipe.config.yaml from the repository root)`);
  }
  return parseConfigFile(text, path);
}
