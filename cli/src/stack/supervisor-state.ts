import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What `jobpipe status` shows of one supervised service. */
export interface ServiceState {
  readonly name: string;
  readonly status: 'starting' | 'up' | 'restarting' | 'stopped';
  readonly pid: number | undefined;
  readonly restarts: number;
  readonly startedAt: string | undefined;
  readonly lastExit: string | undefined;
  readonly lastError: string | undefined;
  /** The process the service shares with others (`etl+applier+…`), when it is in a group. */
  readonly process?: string;
}

/** The supervisor's state file. */
export interface SupervisorState {
  readonly supervisorPid: number;
  readonly updatedAt: string;
  readonly apiUrl: string | undefined;
  readonly services: readonly ServiceState[];
}

/** Writes the state file atomically (temp file + rename), so readers never see half a file. */
export function writeSupervisorState(path: string, state: SupervisorState): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, path);
}

/** Reads the state file, or undefined when no stack has run in this data folder. */
export function readSupervisorState(path: string): SupervisorState | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as SupervisorState;
  } catch {
    return undefined;
  }
}

/** Whether a process id is alive. */
export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
