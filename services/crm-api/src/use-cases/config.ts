import { CONFIG_SECTIONS, type ConfigSection, type JobpipeConfig } from '@jobpipe/contracts';
import type { CrmApiContext } from '../context.js';
import { unsafeSearchUrls } from '../domain/url-safety.js';
import { ApiError } from './api-error.js';

/** The stored config (`config` table, key `current`). */
export interface StoredConfig {
  readonly key: 'current';
  readonly version: number;
  readonly updatedAt: string;
  readonly config: JobpipeConfig;
}

/** The config of a fresh install: no tracks or searches yet. */
export const EMPTY_CONFIG: JobpipeConfig = { tracks: [], searches: [] };

/** The current config and its version (version 0 before the first save). */
export async function currentConfig(
  context: Pick<CrmApiContext, 'tables'>,
): Promise<{ version: number; updatedAt: string | null; config: JobpipeConfig }> {
  const stored = await context.tables.get('config', { key: 'current' });
  return stored
    ? { version: stored.version, updatedAt: stored.updatedAt, config: stored.config }
    : { version: 0, updatedAt: null, config: EMPTY_CONFIG };
}

function changedSections(before: JobpipeConfig, after: JobpipeConfig): ConfigSection[] {
  return CONFIG_SECTIONS.filter((section) => JSON.stringify(before[section] ?? null) !== JSON.stringify(after[section] ?? null));
}

/**
 * Saves a new config: validates it against the contracts' `config` definition, refuses search URLs
 * that are not http(s) or point at loopback, link-local or private hosts the search does not allow, bumps the version
 * (refusing with 409 when `expectedVersion` is stale) and commits it with the `config.changed` event
 * naming the sections that changed. Saving an identical config changes nothing.
 */
export async function saveConfig(
  context: CrmApiContext,
  config: unknown,
  expectedVersion: number | undefined,
): Promise<{ version: number; changed: ConfigSection[] }> {
  const validation = context.registry.validateDefinition('config', config);
  if (!validation.ok) throw new ApiError(400, 'invalid_config', 'the config is not valid', { errors: validation.errors });
  const next = config as JobpipeConfig;
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
  const changed = current.version === 0 ? [...CONFIG_SECTIONS] : changedSections(current.config, next);
  if (changed.length === 0) return { version: current.version, changed };
  const version = current.version + 1;
  const changedAt = context.clock.now().toISOString();
  const { committed } = await context.outbox.commit({
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
    events: [
      {
        detailType: 'config.changed',
        data: { version, changedAt, sections: changed as [ConfigSection, ...ConfigSection[]], config: next },
      },
    ],
  });
  if (!committed) throw new ApiError(409, 'config_version_conflict', 'the config was changed at the same time: reload and retry');
  return { version, changed };
}
