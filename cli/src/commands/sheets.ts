/**
 * `jobpipe sheets connect --spreadsheet <id or address> [--key-file <path>]`: stores a Google service
 * account's JSON key and the spreadsheet in the secret store, under the names the sheets bridge reads,
 * as the cockpit's settings do (the same use-case and checks). The key comes from a file or stdin,
 * never the command line, and is never printed. The bridge picks them up at its next sync, no restart
 * needed. `jobpipe sheets status` says what is stored and how the bridge's last sync went.
 */
import { readFile } from 'node:fs/promises';
import { connectSheets, type SheetsConnectionReport, type SheetsConnectionStatus, sheetsConnectionReport } from '@jobpipe/crm-api';
import { createRuntimePorts, type RuntimePorts } from '@jobpipe/shared';
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';

async function withPorts<T>(work: (ports: RuntimePorts) => Promise<T>): Promise<T> {
  const ports = await createRuntimePorts(readCliEnvironment().runtime, 'crm-api');
  try {
    return await work(ports);
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
    'the sheets bridge uses it from its next sync (within a minute; no restart needed)',
  ].join('\n');
}

/** How the bridge's last sync went, in one line. */
function describeLastSync({ lastSync, spreadsheetId }: SheetsConnectionReport): string {
  if (!lastSync) return 'last sync: none yet';
  const other = lastSync.spreadsheetId === spreadsheetId ? '' : ` (with spreadsheet ${lastSync.spreadsheetId})`;
  if (lastSync.outcome === 'ok')
    return `last sync ${lastSync.syncedAt}${other}: ok, ${lastSync.rowsWritten} rows written, ${lastSync.editsRead} edits read from the sheet`;
  return `last sync ${lastSync.syncedAt}${other} failed (${lastSync.failuresInRow} in a row; last success ${lastSync.lastSucceededAt ?? 'never'}): ${lastSync.error ?? 'no reason recorded'}`;
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
      console.log(describe(await withPorts((ports) => connectSheets(ports.secrets(), { credentials, spreadsheet: options.spreadsheet }))));
    });
  sheets
    .command('status')
    .description('whether a spreadsheet is connected, with which service account (never the key), and how the last sync went')
    .action(async () => {
      const report = await withPorts((ports) => sheetsConnectionReport(ports.secrets(), ports));
      console.log(`${describe(report)}\n${describeLastSync(report)}`);
    });
}
