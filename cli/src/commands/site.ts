/**
 * `jobpipe site add <site>`: stores the credentials the applier and auth-refresher log in to a site
 * with (username, password, optional TOTP secret) in the secret store, as the cockpit's settings do.
 * The password and TOTP secret are read from a hidden prompt or stdin, never from the command line.
 * `jobpipe site unblock <site>`: after fixing them, asks the running stack to log in to the site again now.
 */
import { storeSiteCredentials } from '@jobpipe/crm-api';
import { createRuntimePorts } from '@jobpipe/shared';
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';
import { CrmApiClient } from '../stack/api-client.js';
import { cliApiKey, cliApiUrl } from '../stack/cli-api-client.js';
import { readSecretLines } from '../terminal/secret-input.js';

/** Registers the `site` command group. */
export function register(program: Command): void {
  const site = program.command('site').description('sites the applier and auth-refresher log in to');
  site
    .command('add <site>')
    .description("store a site's username, password and (with --totp) TOTP secret in the secret store")
    .requiredOption('--username <username>', 'the login name on the site')
    .option('--totp', "also ask for the base32 TOTP secret of the site's one-time-code step")
    .action(async (name: string, options: { username: string; totp?: boolean }) => {
      const [password, totpSecret] = await readSecretLines(options.totp ? ['password', 'TOTP secret'] : ['password']);
      if (!password) throw new Error('no password given (type it at the prompt, or pipe it in as the first line)');
      if (options.totp && !totpSecret) throw new Error('no TOTP secret given (the second line)');
      const ports = await createRuntimePorts(readCliEnvironment().runtime, 'crm-api');
      try {
        const status = await storeSiteCredentials(ports.secrets(), name, {
          username: options.username,
          password,
          ...(totpSecret ? { totpSecret } : {}),
        });
        const stored = [status.username && 'username', status.password && 'password', status.totp && 'TOTP secret'].filter(Boolean);
        console.log(`${status.site}: ${stored.join(', ')} stored in the secret store`);
      } finally {
        await ports.close();
      }
    });
  site
    .command('unblock <site>')
    .description('after fixing its credentials or TOTP secret: lift the block on a site and log in to it again now')
    .option('--api <url>', "crm-api's base URL (default: the config file's API port on 127.0.0.1)")
    .action(async (name: string, options: { api?: string }) => {
      const env = readCliEnvironment();
      const api = new CrmApiClient(cliApiUrl(env, options.api), await cliApiKey(env));
      await api.request('POST', `/sites/${encodeURIComponent(name)}/unblock`);
      console.log(`${name}: asked to log in again now (the cockpit's settings, or GET /sites, show how it went)`);
    });
}
