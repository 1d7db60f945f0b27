import { join } from 'node:path';
import { QUEUES } from '@jobpipe/contracts';
import { latestRunPerSearch, listSourceRuns } from '@jobpipe/crm-api';
import { createRuntimePorts } from '@jobpipe/shared';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { readCliEnvironment } from '../config.js';
import { sourceRunsTable } from '../stack/source-runs-table.js';
import { isAlive, readSupervisorState } from '../stack/supervisor-state.js';
import { cliTableStyle } from '../stack/table-style.js';

/** Runs read to find each search's last one. */
const RECENT_RUNS = 200;

/**
 * `jobpipe status`: per service — up, restarts, queue depth, DLQ depth, last error; per search — how
 * much of it the last scrape run read (crm-api's `sourceRuns`, which it keeps from `scrape.finished`).
 */
export function register(program: Command): void {
  program
    .command('status')
    .description(
      'show each service of the local stack (up, restarts, queue and DLQ depth, last error) and the last scrape run of each search',
    )
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const env = readCliEnvironment();
      const state = readSupervisorState(join(env.runtime.dataDir, 'supervisor.json'));
      const ports = await createRuntimePorts(env.runtime, 'scheduler');
      const supervisorUp = isAlive(state?.supervisorPid);
      const rows = [];
      for (const queue of QUEUES) {
        const service = state?.services.find((candidate) => candidate.name === queue.consumer);
        const depth = await ports.deadLetters.depth(queue.name);
        rows.push({
          service: queue.consumer,
          process: service?.process ?? queue.consumer,
          status: supervisorUp && service && isAlive(service.pid) ? service.status : 'down',
          restarts: service?.restarts ?? 0,
          queued: depth.ready + depth.inFlight,
          heldByDeadProcesses: depth.heldByDeadProcesses ?? 0,
          deadLettered: depth.deadLettered,
          lastError: service?.lastError ?? '',
        });
      }
      const sources = latestRunPerSearch(await listSourceRuns(ports, { limit: RECENT_RUNS }));
      await ports.close();
      if (options.json) {
        console.log(JSON.stringify({ supervisor: supervisorUp ? 'up' : 'down', services: rows, sources }, null, 2));
        return;
      }
      console.log(
        `supervisor: ${supervisorUp ? `up (pid ${state?.supervisorPid})` : 'not running'}${state?.apiUrl ? ` · API ${state.apiUrl}` : ''}`,
      );
      const table = new Table({
        head: ['service', 'status', 'restarts', 'queued', 'DLQ', 'last error'],
        colWidths: [16, 12, 10, 14, 6, 54],
        wordWrap: true,
        ...cliTableStyle(),
      });
      for (const row of rows) {
        const queued = row.heldByDeadProcesses > 0 ? `${row.queued} (${row.heldByDeadProcesses} held by dead processes)` : row.queued;
        table.push([row.service, row.status, row.restarts, queued, row.deadLettered, row.lastError]);
      }
      console.log(table.toString());
      console.log(sources.length ? `last scrape run of each search:\n${sourceRunsTable(sources)}` : 'no scrape run finished yet');
    });
}
