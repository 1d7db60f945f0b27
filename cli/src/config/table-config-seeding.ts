import type { JobpipeConfig } from '@jobpipe/contracts';
import { type ConfigWritePorts, commitConfig, currentConfig } from '@jobpipe/crm-api';
import { fileShouldSeed, pipelineHash, type SeedRecord } from './config-seed.js';

/**
 * Seeds the config file's pipeline config straight into the `config` table (what `jobpipe run --once`
 * does, with no crm-api running), by the rule `npm start` follows: only into an empty store or when the
 * file itself changed since it was last seeded, so a config changed through the API survives. The write
 * is crm-api's own (`commitConfig`, what its PUT /config commits): a new version, conditional on the one
 * read, with `config.changed`. Returns whether the file was seeded, and the config in force (what the
 * pass runs).
 */
export async function seedConfigTable(
  ports: ConfigWritePorts,
  config: JobpipeConfig,
  record: SeedRecord,
): Promise<{ seeded: boolean; config: JobpipeConfig }> {
  const current = await currentConfig(ports);
  const fileHash = pipelineHash(config);
  if (!fileShouldSeed(fileHash, record.lastSeededHash(), current.version)) {
    return { seeded: false, config: current.config };
  }
  const result = await commitConfig(ports, current, config);
  if (result.outcome === 'conflict') throw new Error('the config was changed at the same time (is `jobpipe up` running?): try again');
  record.remember(fileHash, ports.clock.now());
  return result.outcome === 'saved' ? { seeded: true, config } : { seeded: false, config: current.config };
}
