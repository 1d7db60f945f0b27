/**
 * `jobpipe wipe --scope postings|all [--yes]`: asks every owner of stored postings (and, for `all`, of
 * what the user did with them) to delete its own, as `POST /wipe` does. Published as `wipe.requested`
 * (the CLI publishes as the scheduler), so each service deletes its own tables wherever it runs and
 * announces it with `wipe.completed`. Without `--yes` the user types the scope's words at the terminal;
 * with neither a terminal nor `--yes` nothing is wiped.
 */
import { createInterface } from 'node:readline/promises';
import { isWipeScope, WIPE_SCOPES, type WipeScope } from '@jobpipe/contracts';
import { createRuntimePorts } from '@jobpipe/shared';
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';

/** What each scope deletes, as the prompt and the help say it. */
const WHAT_GOES: Readonly<Record<WipeScope, string>> = {
  postings: 'every scraped and imported posting, its parsed job, score, listing and analytics (CRM stages stay)',
  all: 'the postings and also the CRM (stages, history, notes), applications, proposals, imports, scrape runs and the recommender model',
};

/** True when the user typed the scope's words at the terminal. */
async function confirmedAtTerminal(scope: WipeScope): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await terminal.question(`This deletes ${WHAT_GOES[scope]}.\nType 'wipe ${scope}' to go on: `);
    return answer.trim() === `wipe ${scope}`;
  } finally {
    terminal.close();
  }
}

/** Registers the `wipe` command. */
export function register(program: Command): void {
  program
    .command('wipe')
    .description('delete the stored postings (--scope postings) or everything but the config and credentials (--scope all)')
    .requiredOption('--scope <scope>', `what to delete: ${WIPE_SCOPES.join(' or ')}`)
    .option('--yes', 'do not ask (needed when no terminal is attached)')
    .action(async (options: { scope: string; yes?: boolean }) => {
      const { scope } = options;
      if (!isWipeScope(scope)) {
        console.error(`--scope '${scope}' is no wipe scope (${WIPE_SCOPES.join(' or ')})`);
        process.exitCode = 2;
        return;
      }
      if (!options.yes) {
        if (!process.stdin.isTTY) {
          console.error(`jobpipe wipe needs --yes when no terminal is attached (it deletes ${WHAT_GOES[scope]})`);
          process.exitCode = 2;
          return;
        }
        if (!(await confirmedAtTerminal(scope))) {
          console.error('not confirmed: nothing wiped');
          process.exitCode = 1;
          return;
        }
      }
      const env = readCliEnvironment();
      const ports = await createRuntimePorts(env.runtime, 'scheduler');
      try {
        const wipeId = ports.ids.uuid();
        await ports.publisher.publish([
          { detailType: 'wipe.requested', data: { wipeId, scope, requestedAt: ports.clock.now().toISOString(), requestedBy: 'cli' } },
        ]);
        await ports.flushEvents();
        console.log(`asked every service to wipe ${scope} (wipe ${wipeId}); each announces what it removed with wipe.completed`);
      } finally {
        await ports.close();
      }
    });
}
