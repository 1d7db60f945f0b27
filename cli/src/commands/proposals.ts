/**
 * `jobpipe proposals list|accept|reject|undo`: the changes the user's assistant (MCP) or the inbox proposed,
 * and the user's decision on each. Nothing in the CRM changes until a proposal is accepted.
 */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';
import { CrmApiClient } from '../stack/api-client.js';
import { cliApiKey, cliApiUrl } from '../stack/cli-api-client.js';
import { cliTableStyle } from '../stack/table-style.js';

interface ProposalView {
  readonly proposalId: string;
  readonly jobId: string;
  readonly change: { kind: string; to?: string; note?: string | null; dryRun?: boolean };
  readonly proposedBy: string;
  readonly rationale: string | null;
  readonly status: string;
  readonly createdAt: string;
}

async function client(api: string | undefined): Promise<CrmApiClient> {
  const env = readCliEnvironment();
  return new CrmApiClient(cliApiUrl(env, api), await cliApiKey(env));
}

/** What a proposal would do, in words. */
function changeInWords(change: ProposalView['change']): string {
  if (change.kind === 'stage-change') return `move to ${change.to}${change.note ? ` (note: ${change.note})` : ''}`;
  if (change.kind === 'application') return change.dryRun === false ? 'apply (submit)' : 'apply (dry run)';
  return `note: ${change.note ?? ''}`;
}

/** Registers the `proposals` command group. */
export function register(program: Command): void {
  const proposals = program.command('proposals').description('changes proposed by your assistant or the inbox, waiting for your yes');
  const apiOption = ['--api <url>', "crm-api's base URL (default: the config file's API port on 127.0.0.1)"] as const;
  proposals
    .command('list')
    .description('list proposals (pending by default)')
    .option('--status <status>', 'pending, accepted, rejected or undone', 'pending')
    .option(...apiOption)
    .action(async (options: { status: string; api?: string }) => {
      const { items } = await (await client(options.api)).request<{ items: ProposalView[] }>(
        'GET',
        `/proposals?status=${encodeURIComponent(options.status)}`,
      );
      if (items.length === 0) {
        console.log(`no ${options.status} proposals`);
        return;
      }
      const table = new Table({ head: ['id', 'job', 'change', 'by', 'why', 'proposed'], ...cliTableStyle() });
      for (const item of items)
        table.push([item.proposalId, item.jobId, changeInWords(item.change), item.proposedBy, item.rationale ?? '', item.createdAt]);
      console.log(table.toString());
    });
  const decisions = {
    accept: ['make the proposed change (as yours, with its normal events)', 'accepted'],
    reject: ['drop the proposal; nothing changes', 'rejected'],
    undo: ['take back an accepted stage change: the job returns to the stage it left', 'undid'],
  } as const;
  for (const [decision, [description, done]] of Object.entries(decisions)) {
    proposals
      .command(`${decision} <proposalId>`)
      .description(description)
      .option(...apiOption)
      .action(async (proposalId: string, options: { api?: string }) => {
        await (await client(options.api)).request('POST', `/proposals/${encodeURIComponent(proposalId)}/${decision}`);
        console.log(`${done} ${proposalId}`);
      });
  }
}
