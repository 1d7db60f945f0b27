import { CONFIG_SECTIONS, type ConfigSection, type JobpipeConfig } from '@jobpipe/contracts';
import type { CrmApiContext, CrmApiPorts } from '../context.js';
import { invalidSchedules } from '../domain/search-schedules.js';
import { unsafeSearchUrls } from '../domain/url-safety.js';
import { ApiError } from './api-error.js';

/** The config of a fresh install: no tracks or searches yet. */
export const EMPTY_CONFIG: JobpipeConfig = { tracks: [], searches: [] };

/** The config in force and its version (version 0 and no `updatedAt` before the first save). */
export interface CurrentConfig {
  readonly version: number;
  readonly updatedAt: string | null;
  readonly config: JobpipeConfig;
}

/** The ports a config write needs: the `config` table, the outbox that commits it with its event, the clock. */
export type ConfigWritePorts = Pick<CrmApiPorts, 'tables' | 'outbox' | 'clock'>;

/** What saving a config someone sent needs: the write's ports and the contracts to validate it against. */
export type ConfigSaveContext = ConfigWritePorts & Pick<CrmApiContext, 'registry'>;

/** What {@link commitConfig} did: saved a new version, found nothing changed, or lost to a concurrent write. */
export type ConfigCommit =
  | { readonly outcome: 'saved'; readonly version: number; readonly changed: ConfigSection[] }
  | { readonly outcome: 'unchanged'; readonly version: number; readonly changed: [] }
  | { readonly outcome: 'conflict' };

/** The current config and its version (version 0 before the first save). */
export async function currentConfig(ports: Pick<CrmApiPorts, 'tables'>): Promise<CurrentConfig> {
  const stored = await ports.tables.get('config', { key: 'current' });
  return stored
    ? { version: stored.version, updatedAt: stored.updatedAt, config: stored.config }
    : { version: 0, updatedAt: null, config: EMPTY_CONFIG };
}

function changedSections(before: JobpipeConfig, after: JobpipeConfig): ConfigSection[] {
  return CONFIG_SECTIONS.filter((section) => JSON.stringify(before[section] ?? null) !== JSON.stringify(after[section] ?? null));
}

/**
 * The one write of the config, for crm-api's PUT /config and the CLI's seeding from the config file:
 * `next` becomes the version after `current` (every section counts as changed over an empty store),
 * written only while the stored version is still `current`'s and committed with the `config.changed`
 * event naming the sections that changed. Writes nothing when no section changed. Validation is the
 * caller's: it knows where the config came from.
 */
export async function commitConfig(ports: ConfigWritePorts, current: CurrentConfig, next: JobpipeConfig): Promise<ConfigCommit> {
  const changed = current.version === 0 ? [...CONFIG_SECTIONS] : changedSections(current.config, next);
  const [first, ...rest] = changed;
  if (first === undefined) return { outcome: 'unchanged', version: current.version, changed: [] };
  const version = current.version + 1;
  const changedAt = ports.clock.now().toISOString();
  const { committed } = await ports.outbox.commit({
    writes: [
      {
        table: 'config',
        item: { key: 'current', version, updatedAt: changedAt, config: next },
        condition:
          current.version === 0
            ? { kind: 'notExists' }
            : { kind: 'compare', attribute: 'version', op: 'eq', value: current.version, orNotExists: false },
      },
    ],
    events: [{ detailType: 'config.changed', data: { version, changedAt, sections: [first, ...rest], config: next } }],
  });
  return committed ? { outcome: 'saved', version, changed } : { outcome: 'conflict' };
}

/**
 * Saves a new config: validates it against the contracts' `config` definition and each search's
 * schedule as a cron expression, refuses search URLs
 * that are not http(s) or point at loopback, link-local or private hosts the search does not allow, bumps the version
 * (refusing with 409 when `expectedVersion` is stale) and commits it with the `config.changed` event
 * naming the sections that changed. Saving an identical config changes nothing.
 */
export async function saveConfig(
  context: ConfigSaveContext,
  config: unknown,
  expectedVersion: number | undefined,
): Promise<{ version: number; changed: ConfigSection[] }> {
  const validation = context.registry.validateDefinition('config', config);
  if (!validation.ok) throw new ApiError(400, 'invalid_config', 'the config is not valid', { errors: validation.errors });
  const next = config as JobpipeConfig;
  const badSchedules = invalidSchedules(next);
  if (badSchedules.length) throw new ApiError(400, 'invalid_config', 'the config is not valid', { errors: badSchedules });
  const unsafeUrls = unsafeSearchUrls(next);
  if (unsafeUrls.length)
    throw new ApiError(400, 'unsafe_url', `the config names URLs that must not be fetched: ${unsafeUrls.join('; ')}`, {
      errors: unsafeUrls,
    });
  const current = await currentConfig(context);
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new ApiError(
      409,
      'config_version_conflict',
      `the config is at version ${current.version}, not ${expectedVersion}: reload and retry`,
      {
        currentVersion: current.version,
      },
    );
  }
  const result = await commitConfig(context, current, next);
  if (result.outcome === 'conflict')
    throw new ApiError(409, 'config_version_conflict', 'the config was changed at the same time: reload and retry');
  return { version: result.version, changed: result.changed };
}

/**
 * Adds one search to the stored config through {@link saveConfig} (validated, SSRF-checked, versioned,
 * announced with `config.changed`); 409 `search_exists` when a search of that id is there already.
 */
export async function addSearch(
  context: ConfigSaveContext,
  search: JobpipeConfig['searches'][number],
): Promise<{ version: number; changed: ConfigSection[] }> {
  const current = await currentConfig(context);
  if (current.config.searches.some((existing) => existing.id === search.id))
    throw new ApiError(409, 'search_exists', `the config has a search named '${search.id}' already`);
  return saveConfig(context, { ...current.config, searches: [...current.config.searches, search] }, current.version);
}
