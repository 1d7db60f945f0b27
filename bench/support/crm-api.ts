/** crm-api as the crm-api and cockpit benches serve it: started from its service definition, like every entry. */
import { type CrmApiApp, createApiKey, crmApiService } from '@jobpipe/crm-api';
import { createRuntimePorts, silentLogger } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { loadSyntheticJobs } from './synthetic-jobs.js';

/** A crm-api listening on 127.0.0.1 over the synthetic jobs, with a write key. */
export interface BenchCrmApi {
  /** Base URL of the API (http://127.0.0.1:<port>). */
  readonly address: string;
  /** An API key to send as X-API-Key. */
  readonly key: string;
  /** What the service definition built (its context holds the read model). */
  readonly built: CrmApiApp;
  close(): Promise<void>;
}

/**
 * Builds crm-api through `crmApiService` (config read from environment variables, the runtime's own
 * embedded ports in a temp folder), loads the synthetic jobs, and serves its HTTP app on a free port.
 * The rate limit is raised out of the way: the benches measure serving, not refusing.
 */
export async function startBenchCrmApi(): Promise<BenchCrmApi> {
  const dir = tempDir('bench-crm-api-');
  const config = crmApiService.readConfig({ JOBPIPE_DATA_DIR: dir.path, JOBPIPE_API_PORT: '0', JOBPIPE_API_RATE_LIMIT: '10000000' });
  const ports = await createRuntimePorts(config.runtime, 'crm-api');
  const built = await crmApiService.build(ports, config, silentLogger);
  await loadSyntheticJobs(built.context.readModel);
  const { key } = await createApiKey(built.context.tables, built.context.clock, { name: 'bench' });
  const app = await built.httpApi();
  const address = await app.listen({ port: config.port, host: config.host });
  return {
    address,
    key,
    built,
    async close() {
      await app.close();
      await built.close();
      await ports.close();
      dir.remove();
    },
  };
}
