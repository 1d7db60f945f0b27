import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NodeProcessGroup } from '@jobpipe/test-kit';
import { cliEntryFile } from '../../src/build/stack-bundles.js';
import { REPO_ROOT } from '../../src/config.js';
import { STACK_NODE_FLAGS } from '../../src/stack/service-processes.js';

/** Node arguments that run the CLI (its arguments follow). */
export type CliCommand = readonly string[];

/** `jobpipe` from its sources through tsx, as `npm run jobpipe` runs it. */
export const SOURCE_CLI: CliCommand = ['--import', 'tsx', join(REPO_ROOT, 'cli', 'src', 'main.ts')];

/** `jobpipe` from its bundle, as `npm start` runs it (after `npm run build`). */
export const BUNDLED_CLI: CliCommand = [...STACK_NODE_FLAGS, cliEntryFile(REPO_ROOT)];

/**
 * `jobpipe <args>` run from the repository root as a child process in a process group of its own (so the
 * whole stack it supervises can be killed at once, as a power cut would), its output appended to `logFile`.
 */
export class CliProcess extends NodeProcessGroup {
  constructor(args: readonly string[], env: Readonly<Record<string, string>>, logFile: string, command: CliCommand = SOURCE_CLI) {
    super([...command, ...args], env, logFile, REPO_ROOT);
  }

  /** The last `lines` lines of what the command printed, to tell why it ended as it did. */
  outputTail(lines = 40): string {
    return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  }
}

/** Runs `jobpipe <args>` to its end, as a user would, on the embedded transport over `dataDir`; quiet logs. */
export function runJobpipe(dataDir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...SOURCE_CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, JOBPIPE_DATA_DIR: dataDir, JOBPIPE_TRANSPORT: 'embedded', JOBPIPE_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const execJobpipe = promisify(execFile);

/**
 * Runs `jobpipe <args>` like runJobpipe, without blocking the test's event loop and with no terminal
 * attached (stdin is a pipe); never rejects: returns the exit code and both streams.
 */
export async function runJobpipeAsync(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { NODE_TEST_CONTEXT: _subtest, ...env } = process.env;
  try {
    const { stdout, stderr } = await execJobpipe(process.execPath, [...SOURCE_CLI, ...args], {
      cwd: REPO_ROOT,
      env: { ...env, JOBPIPE_DATA_DIR: dataDir, JOBPIPE_TRANSPORT: 'embedded', JOBPIPE_LOG_LEVEL: 'silent' },
      timeout: 90_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
