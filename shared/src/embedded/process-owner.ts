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

/** The fields of /proc/<pid>/stat from the state on (field 3), or undefined when there is none. */
function statFields(pid: number): string[] | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing ')'.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or '' when unknown. */
const startTimeOf = (pid: number): string => statFields(pid)?.[19] ?? '';

/** The owner id of a process (this one by default). */
export function processOwner(pid: number = process.pid): ProcessOwner {
  return `${bootId()}/${pid}/${startTimeOf(pid)}`;
}

/**
 * Whether the process that made a claim still runs: same boot, pid alive and not a zombie (a killed
 * process whose parent died too may stay one), same start time.
 */
export function isOwnerAlive(owner: ProcessOwner): boolean {
  const [claimBoot, pidText, claimStart] = owner.split('/');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (claimBoot && claimBoot !== bootId()) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the pid exists but belongs to another user; the start time below tells whether it is ours.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const fields = statFields(pid);
  if (!fields) return !claimStart;
  const [state] = fields;
  if (state === 'Z' || state === 'X') return false;
  return !claimStart || claimStart === fields[19];
}
