import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (the OS picks it; the listener is closed before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a process id is alive (a zombie counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** A `<field>: <n> kB` line of a /proc file of a process, in MB; 0 when the process is gone. */
function procMemoryMb(pid: number, file: 'status' | 'smaps_rollup', field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of a process in MB (VmRSS from /proc), or 0 when it is gone. */
export function residentMb(pid: number): number {
  return procMemoryMb(pid, 'status', 'VmRSS');
}

/**
 * Proportional set size of a process in MB (Pss from /proc/<pid>/smaps_rollup): its private resident
 * memory plus its share of pages it shares with other processes (the node binary, libraries), so the
 * sum over several processes counts each shared page once. 0 when it is gone.
 */
export function proportionalMb(pid: number): number {
  return procMemoryMb(pid, 'smaps_rollup', 'Pss');
}

/** Sends SIGKILL to each process that is still alive (ignoring those already gone). */
export function killAll(pids: Iterable<number>): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Polls `condition` every `intervalMs` until it holds; throws `what` (with the last detail) after `timeoutMs`. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; detail?: () => string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${options.timeoutMs / 1000} s waiting for ${what}${options.detail ? ` (${options.detail()})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
