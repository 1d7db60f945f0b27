import { defaultParserConfig, RAW_FORMATS, type RawFormat, reparseStoredBodies } from '@jobpipe/parser';
import { createRuntimePorts, type RuntimePorts } from '@jobpipe/shared';
import { type Command, Option } from 'commander';
import { readCliEnvironment } from '../config.js';
import { fieldChangesTable } from './field-changes-table.js';

function isoDate(value: string): string {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(time)) throw new Error(`--since '${value}' is not a date (use YYYY-MM-DD or an ISO date-time)`);
  return new Date(time).toISOString();
}

function exampleCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new Error(`--examples '${value}' is not a whole number of 0 or more`);
  return count;
}

/**
 * `jobpipe reparse`: re-parses stored raw bodies through the parser's upsert path, without re-scraping;
 * with --dry-run it only reports what would change.
 */
export function register(program: Command): void {
  program
    .command('reparse')
    .description(
      're-parse stored raw bodies (blob store raw/) without re-scraping; changed jobs are updated and published, and the fields that changed are counted per field with examples',
    )
    .addOption(new Option('--source <source>', 'only this source').choices([...RAW_FORMATS]))
    .option('--since <date>', 'only postings last fetched on or after this date (bodies that never became a job are always tried)')
    .option('--examples <count>', 'examples shown per changed field', '3')
    .option('--dry-run', 'only print which jobs and fields would change; nothing is written or published')
    .action(async (options: { source?: RawFormat; since?: string; examples: string; dryRun?: boolean }) => {
      let ports: RuntimePorts | undefined;
      try {
        const since = options.since ? isoDate(options.since) : undefined;
        const examplesPerField = exampleCount(options.examples);
        const env = readCliEnvironment();
        ports = await createRuntimePorts(env.runtime, 'parser');
        const report = await reparseStoredBodies(ports, defaultParserConfig(env.runtime), {
          ...(options.source ? { source: options.source } : {}),
          ...(since ? { since } : {}),
          now: new Date().toISOString(),
          examplesPerField,
          dryRun: options.dryRun ?? false,
        });
        const { new: created, updated, unchanged, stale } = report.outcomes;
        const counts = `${created} new, ${updated} updated, ${unchanged} unchanged, ${stale} stale, ${report.rejected.length} rejected`;
        console.log(
          report.dryRun
            ? `dry run, nothing written: re-parsing ${report.bodies} raw bodies would give ${counts}`
            : `re-parsed ${report.bodies} raw bodies: ${counts}`,
        );
        if (updated > 0) console.log(fieldChangesTable(report.fieldChanges));
        for (const { blobKey, reason } of report.rejected) console.error(`rejected ${blobKey}: ${reason}`);
      } catch (error) {
        console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      } finally {
        await ports?.close();
      }
    });
}
