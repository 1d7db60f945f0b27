import { readFileSync } from 'node:fs';

/**
 * Who holds a claim on an embedded message: `<boot id>/<pid>/<process start time>`. The boot id tells
 * a claim made before a reboot; the start time (clock ticks since boot, from /proc) tells a reused pid
 * from the process that claimed. Where /proc is missing (not Linux) both parts are empty and only the
 * pid is checked.
 */
export type ProcessOwner = string;

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

const bootId = (): string => readProc('/proc/sys/kernel/random/boot_id')?.trim() ?? '';

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or '' when unknown. */
function startTimeOf(pid: number): string {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return '';
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? '';
}

/** The owner id of a process (this one by default). */
export function processOwner(pid: number = process.pid): ProcessOwner {
  return `${bootId()}/${pid}/${startTimeOf(pid)}`;
}

/** Whether the process that made a claim still runs (same boot, pid alive, same start time). */
export function isOwnerAlive(owner: ProcessOwner): boolean {
  const [claimBoot, pidText, claimStart] = owner.split('/');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (claimBoot && claimBoot !== bootId()) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the pid exists but belongs to another user, so it is not ours any more either way below.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !claimStart || claimStart === startTimeOf(pid);
}
