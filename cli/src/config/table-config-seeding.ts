import { CONFIG_SECTIONS, type EventDataMap, type JobpipeConfig } from '@jobpipe/contracts';
import type { Item, RuntimePorts } from '@jobpipe/shared';
import { fileShouldSeed, pipelineHash, type SeedRecord } from './config-seed.js';

/**
 * Seeds the config file's pipeline config straight into the `config` table (what `jobpipe run --once`
 * does, with no crm-api running), by the rule `npm start` follows: only into an empty store or when the
 * file itself changed since it was last seeded, so a config changed through the API survives. A seed
 * is what crm-api's PUT /config does: a new version (conditional on the one read) committed with
 * `config.changed`. Returns whether the file was seeded, and the config in force (what the pass runs).
 */
export async function seedConfigTable(
  ports: Pick<RuntimePorts, 'tables' | 'outbox' | 'clock'>,
  config: JobpipeConfig,
  record: SeedRecord,
): Promise<{ seeded: boolean; config: JobpipeConfig }> {
  const stored = await ports.tables.get<Item & { version: number; config: JobpipeConfig }>('config', { key: 'current' });
  const fileHash = pipelineHash(config);
  if (stored && !fileShouldSeed(fileHash, record.lastSeededHash(), stored.version)) return { seeded: false, config: stored.config };
  if (stored && JSON.stringify(stored.config) === JSON.stringify(config)) {
    record.remember(fileHash, ports.clock.now());
    return { seeded: false, config: stored.config };
  }
  const version = (stored?.version ?? 0) + 1;
  const changedAt = ports.clock.now().toISOString();
  const sections = CONFIG_SECTIONS.filter(
    (section) => !stored || JSON.stringify(stored.config[section] ?? null) !== JSON.stringify(config[section] ?? null),
  ) as EventDataMap['config.changed']['sections'];
  const { committed } = await ports.outbox.commit({
    writes: [
      {
        table: 'config',
        item: { key: 'current', version, updatedAt: changedAt, config },
        condition: stored
          ? { kind: 'compare', attribute: 'version', op: 'eq', value: stored.version, orNotExists: false }
          : { kind: 'notExists' },
      },
    ],
    events: [{ detailType: 'config.changed', data: { version, changedAt, sections, config } }],
  });
  if (!committed) throw new Error('the config was changed at the same time (is `jobpipe up` running?): try again');
  record.remember(fileHash, ports.clock.now());
  return { seeded: true, config };
}
