/**
 * `jobpipe inbox forget [--mailbox <name>]`: asks the inbox to delete the messages it stored (bodies,
 * subjects, senders) of one mailbox or of all. Published as `inbox.forget-requested` (the CLI publishes
 * as the scheduler), so the inbox, the one writer of its table, does the deleting wherever it runs.
 * What was classified stays in the CRM's proposals; the mailbox is not read again.
 */
import { createRuntimePorts } from '@jobpipe/shared';
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';

const MAILBOX_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Registers the `inbox` command group. */
export function register(program: Command): void {
  const inbox = program.command('inbox').description('the inbox watcher: what it keeps of your mail');
  inbox
    .command('forget')
    .description('delete the messages the inbox stored (of one mailbox, or all); they are not read again')
    .option('--mailbox <name>', 'only this mailbox (its name in JOBPIPE_INBOX_MAILBOXES)')
    .action(async (options: { mailbox?: string }) => {
      if (options.mailbox !== undefined && !MAILBOX_NAME.test(options.mailbox)) {
        console.error(`--mailbox '${options.mailbox}' is no mailbox name (lower-case letters, digits and '-', up to 40)`);
        process.exitCode = 2;
        return;
      }
      const env = readCliEnvironment();
      const ports = await createRuntimePorts(env.runtime, 'scheduler');
      try {
        const now = ports.clock.now().toISOString();
        await ports.publisher.publish([
          { detailType: 'inbox.forget-requested', data: { requestedAt: now, mailbox: options.mailbox ?? null } },
        ]);
        await ports.flushEvents();
        console.log(
          `asked the inbox to forget the stored messages of ${options.mailbox ? `mailbox '${options.mailbox}'` : 'every mailbox'}`,
        );
      } finally {
        await ports.close();
      }
    });
}
