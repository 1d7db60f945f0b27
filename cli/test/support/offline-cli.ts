import { spawnSync } from 'node:child_process';
import { createEmbeddedPorts } from '@jobpipe/shared';
import { REPO_ROOT } from '../../src/config.js';
import { SOURCE_CLI } from './cli-process.js';

/**
 * The CLI on an embedded data folder with no stack running, as a script uses it: `run` is
 * `jobpipe <args>` with `input` on its stdin (a pipe); `secret` reads what it stored in the secret store.
 */
export function offlineCli(dataDir: string, secretKey: string) {
  return {
    run(input: string, ...args: string[]) {
      const result = spawnSync(process.execPath, [...SOURCE_CLI, ...args], {
        cwd: REPO_ROOT,
        input,
        env: {
          ...process.env,
          JOBPIPE_DATA_DIR: dataDir,
          JOBPIPE_TRANSPORT: 'embedded',
          JOBPIPE_LOG_LEVEL: 'silent',
          JOBPIPE_SECRET_KEY: secretKey,
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      return { code: result.status, output: `${result.stdout}${result.stderr}` };
    },
    async secret(name: string): Promise<string | undefined> {
      const ports = createEmbeddedPorts({ dataDir, secretKey }, 'crm-api');
      try {
        return await ports.secrets().get(name);
      } finally {
        await ports.close();
      }
    },
  };
}
