/**
 * `jobpipe secret set <name>`: writes one value to the secret store (e.g. `site/<site>/totp`, or a
 * Google service-account key). The value comes from a hidden prompt or stdin, never the command line,
 * and is never printed.
 */
import { createRuntimePorts } from '@jobpipe/shared';
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';
import { readSecretLines } from '../terminal/secret-input.js';

const SECRET_NAME = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,199}$/;

/** Registers the `secret` command group. */
export function register(program: Command): void {
  const secret = program.command('secret').description('the secret store (credentials, keys)');
  secret
    .command('set <name>')
    .description('store a secret (its value from a hidden prompt or the first line of stdin)')
    .action(async (name: string) => {
      if (!SECRET_NAME.test(name)) throw new Error(`secret names are letters, digits and / _ . - (got '${name.slice(0, 60)}')`);
      const [value] = await readSecretLines([`value of ${name}`]);
      if (!value) throw new Error('no value given (type it at the prompt, or pipe it in)');
      const ports = await createRuntimePorts(readCliEnvironment().runtime, 'crm-api');
      try {
        await ports.secrets().put(name, value);
        console.log(`stored ${name} in the secret store`);
      } finally {
        await ports.close();
      }
    });
}
