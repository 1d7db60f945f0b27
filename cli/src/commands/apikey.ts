/**
 * `jobpipe apikey create|list|revoke`: API keys of the crm-api. A key is printed once at creation;
 * only its scrypt hash is stored (table `apiKeys`).
 */
import { createApiKey, listApiKeys, revokeApiKey } from '@jobpipe/crm-api';
import { createRuntimePorts, type RuntimePorts, readRuntimeConfig } from '@jobpipe/shared';
import type { Command } from 'commander';

async function withPorts<T>(work: (ports: RuntimePorts) => Promise<T>): Promise<T> {
  const ports = await createRuntimePorts(readRuntimeConfig(process.env), 'crm-api');
  try {
    return await work(ports);
  } finally {
    await ports.close();
  }
}

/** Registers the `apikey` command group. */
export function register(program: Command): void {
  const apikey = program.command('apikey').description('manage crm-api API keys');
  apikey
    .command('create')
    .description('create an API key and print it once')
    .option('--name <name>', 'who or what uses the key', 'default')
    .option('--read-only', 'the key may only read (GET)')
    .action(async (options: { name: string; readOnly?: boolean }) => {
      const created = await withPorts((ports) =>
        createApiKey(ports.tables, ports.clock, { name: options.name, scope: options.readOnly ? 'read' : 'write' }),
      );
      console.log(created.key);
      console.error(
        `created ${created.record.scope} key '${created.record.name}' (id ${created.record.keyId}); it is shown only now — keep it safe`,
      );
    });
  apikey
    .command('list')
    .description('list API keys: id, scope, created, last used, state and name (never the keys)')
    .action(async () => {
      const records = await withPorts((ports) => listApiKeys(ports.tables));
      for (const record of records.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
        console.log(
          `${record.keyId}  ${record.scope.padEnd(5)}  ${record.createdAt}  used ${record.lastUsedAt ?? 'never'}  ${record.revokedAt ? `revoked ${record.revokedAt}` : 'active'}  ${record.name}`,
        );
      }
    });
  apikey
    .command('revoke <keyId>')
    .description('revoke an API key by its id (the part after jp_)')
    .action(async (keyId: string) => {
      const revoked = await withPorts((ports) => revokeApiKey(ports.tables, ports.clock, keyId));
      if (!revoked) {
        console.error(`no API key with id '${keyId}' (see jobpipe apikey list)`);
        process.exitCode = 1;
        return;
      }
      console.log(`revoked ${keyId} (a running crm-api forgets cached keys within a minute)`);
    });
}
