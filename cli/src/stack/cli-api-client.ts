import { createRuntimePorts } from '@jobpipe/shared';
import { loadConfigFile } from '../config/config-file.js';
import type { CliEnvironment } from '../config.js';
import { stackApiKey } from './stack-api-key.js';

/** The key the CLI calls crm-api with: JOBPIPE_API_KEY, else this installation's own key from the secret store. */
export async function cliApiKey(env: CliEnvironment): Promise<string> {
  if (env.passThrough.JOBPIPE_API_KEY) return env.passThrough.JOBPIPE_API_KEY;
  const ports = await createRuntimePorts(env.runtime, 'scheduler');
  try {
    return await stackApiKey(ports, 'jobpipe up (local)');
  } finally {
    await ports.close();
  }
}

/** crm-api's base URL for the CLI: the option given, else the config file's API port on 127.0.0.1. */
export function cliApiUrl(env: CliEnvironment, option: string | undefined): string {
  return option ?? `http://127.0.0.1:${env.apiPort ?? loadConfigFile(env.configPath).api.port}`;
}
