/**
 * `jobpipe sheets connect --spreadsheet <id or address> [--key-file <path>]`: stores a Google service
 * account's JSON key and the spreadsheet in the secret store, under the names the sheets bridge reads,
 * as the cockpit's settings do (the same use-case and checks). The key comes from a file or stdin,
 * never the command line, and is never printed. `jobpipe sheets status` says what is stored.
 */
import { readFile } from 'node:fs/promises';
import { connectSheets, type SheetsConnectionStatus, sheetsConnectionStatus } from '@jobpipe/crm-api';
import { createRuntimePorts, type SecretStore } from '@jobpipe/shared';
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';

async function withSecrets<T>(work: (secrets: SecretStore) => Promise<T>): Promise<T> {
  const ports = await createRuntimePorts(readCliEnvironment().runtime, 'crm-api');
  try {
    return await work(ports.secrets());
  } finally {
    await ports.close();
  }
}

/** The whole of stdin (a key file piped in: `jobpipe sheets connect … < key.json`). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new Error('give the key file with --key-file <path>, or pipe it in (< key.json)');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The status in words, one line each. */
function describe(status: SheetsConnectionStatus): string {
  if (!status.configured) {
    const missing = [!status.credentialsStored && 'the service-account key', !status.spreadsheetId && 'a spreadsheet'].filter(Boolean);
    return `not connected: ${missing.join(' and ')} missing (jobpipe sheets connect)`;
  }
  return [
    `connected: spreadsheet ${status.spreadsheetId}`,
    `service account ${status.serviceAccount ?? '(not a service account)'}: share the spreadsheet with it as an editor`,
    'the sheets bridge reads this when it starts: restart a running stack',
  ].join('\n');
}

/** Registers the `sheets` command group. */
export function register(program: Command): void {
  const sheets = program.command('sheets').description('the Google Sheets connection of the sheets bridge');
  sheets
    .command('connect')
    .description("store a service account's JSON key and the spreadsheet the sheets bridge keeps in step")
    .requiredOption('--spreadsheet <id or address>', "the spreadsheet's id or its https://docs.google.com/spreadsheets/d/… address")
    .option('--key-file <path>', "the service account's JSON key file (default: read from stdin)")
    .action(async (options: { spreadsheet: string; keyFile?: string }) => {
      const credentials = options.keyFile ? await readFile(options.keyFile, 'utf8') : await readStdin();
      console.log(describe(await withSecrets((secrets) => connectSheets(secrets, { credentials, spreadsheet: options.spreadsheet }))));
    });
  sheets
    .command('status')
    .description('whether a spreadsheet is connected, and with which service account (never the key)')
    .action(async () => {
      console.log(describe(await withSecrets(sheetsConnectionStatus)));
    });
}
