import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { isRunning, waitFor } from './processes.js';

/** Process ids whose process group is `pgid` (read from /proc). */
export function processGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(entry));
    } catch {
      // the process ended while listing
    }
  }
  return members;
}

/**
 * `node <nodeArgs>` run as a child process in a process group of its own (so everything it starts can be
 * killed at once, as a power cut would), its output appended to `logFile`.
 */
export class NodeProcessGroup {
  readonly pgid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(
    nodeArgs: readonly string[],
    env: Readonly<Record<string, string>>,
    readonly logFile: string,
    cwd: string,
  ) {
    const output = openSync(logFile, 'a');
    this.child = spawn(process.execPath, [...nodeArgs], { cwd, env: { ...env }, detached: true, stdio: ['ignore', output, output] });
    closeSync(output);
    if (this.child.pid === undefined) throw new Error(`could not start node ${nodeArgs.join(' ')}`);
    this.pgid = this.child.pid;
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Every process of the group still running: the child and the processes it started. */
  members(): number[] {
    return processGroupMembers(this.pgid);
  }

  /** SIGKILL to the whole group at once; resolves when none of its processes runs. */
  async killGroup(): Promise<void> {
    try {
      process.kill(-this.pgid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
    await waitFor('every process of the group to die', () => this.members().every((pid) => !isRunning(pid)), { timeoutMs: 15_000 });
  }

  /** SIGTERM to the child (it stops what it started gracefully); after `graceMs`, SIGKILL to what is left. */
  async stop(graceMs = 20_000): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
    }
    await this.killGroup();
  }
}
