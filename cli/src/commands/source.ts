/**
 * `jobpipe source add <url>`: finds the job source behind a careers page, job page or application URL
 * (crm-api's discovery, as `POST /sources/resolve` answers it) and shows the search it would add; with
 * `--yes` it adds that search to the stored config through crm-api's config write (validated, versioned,
 * announced with `config.changed`, so a running stack schedules it).
 */
import { contracts } from '@jobpipe/contracts';
import { addSearch, HttpPageFetcher, resolveSource, type SourceResolution } from '@jobpipe/crm-api';
import { createRuntimePorts } from '@jobpipe/shared';
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';

type Recognized = Extract<SourceResolution, { status: 'recognized' }>;

interface AddOptions {
  readonly yes?: boolean;
  readonly allowPrivateHost: string[];
  readonly json?: boolean;
}

/** The search to add, one field a line, as it will stand in the config. */
function describeSearch(search: Recognized['search']): string {
  return Object.entries(search)
    .map(([field, value]) => `  ${field}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('\n');
}

function describeFound(answer: Recognized): string {
  const what = answer.board ? `${answer.source} board '${answer.board}'` : answer.source;
  return `${what} (found by ${answer.evidence})`;
}

/** Registers the `source` command group. */
export function register(program: Command): void {
  const source = program.command('source').description('job sources: find the one behind a URL and add its search');
  source
    .command('add <url>')
    .description(
      'find the ATS and board (or job portal, or JSON-LD page) behind a careers page, job page or apply URL and offer its search',
    )
    .option('--yes', 'add the offered search to the stored config')
    .option(
      '--allow-private-host <host>',
      'a loopback, link-local or private host the page may be read from (an intranet careers page); repeatable',
      (host: string, hosts: string[]) => [...hosts, host],
      [],
    )
    .option('--json', 'print the answer as JSON')
    .action(async (url: string, options: AddOptions) => {
      const ports = await createRuntimePorts(readCliEnvironment().runtime, 'crm-api');
      try {
        const answer = await resolveSource(
          { tables: ports.tables, pages: new HttpPageFetcher() },
          { url, allowPrivateHosts: options.allowPrivateHost },
        );
        if (options.json) console.log(JSON.stringify(answer, null, 2));
        if (answer.status === 'not-recognized') throw new Error(`not recognized: ${answer.reason}`);
        if (answer.status === 'unsupported') throw new Error(answer.reason);
        if (!options.json) console.log(`${describeFound(answer)}\nsearch to add:\n${describeSearch(answer.search)}`);
        if (answer.existingSearchId) {
          console.log(`search '${answer.existingSearchId}' reads it already: nothing to add`);
          return;
        }
        if (!options.yes) {
          console.log('run again with --yes to add it');
          return;
        }
        const saved = await addSearch({ ...ports, registry: contracts() }, answer.search);
        console.log(`added search '${answer.search.id}' (config version ${saved.version})`);
      } finally {
        await ports.close();
      }
    });
}
