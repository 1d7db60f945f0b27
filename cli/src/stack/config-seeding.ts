import type { JobpipeConfig } from '@jobpipe/contracts';
import { fileShouldSeed, pipelineHash, type SeedRecord } from '../config/config-seed.js';
import type { CrmApiClient } from './api-client.js';

/** The stored config as `GET /config` answers it. */
export interface StoredConfig {
  readonly version: number;
  readonly config: JobpipeConfig;
}

/**
 * Seeds the config file's pipeline config through the API when the store is empty or the file changed
 * since it was last seeded, and returns the config the stack runs with: the stored one, which keeps
 * what the user changed through the API while the file stayed the same.
 */
export async function seedConfigFromFile(api: CrmApiClient, pipeline: JobpipeConfig, record: SeedRecord): Promise<StoredConfig> {
  const stored = await api.request<StoredConfig>('GET', '/config');
  const fileHash = pipelineHash(pipeline);
  if (!fileShouldSeed(fileHash, record.lastSeededHash(), stored.version)) return stored;
  const saved = await api.request<{ version: number }>('PUT', '/config', { config: pipeline, expectedVersion: stored.version });
  record.remember(fileHash, new Date());
  return { version: saved.version, config: pipeline };
}
