import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { type ServiceState, type SupervisorState, writeSupervisorState } from './supervisor-state.js';

/** How to start one service process. */
export interface ProcessSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** File the process's stdout and stderr are appended to. */
  readonly logFile: string;
}

/** Restart policy: exponential backoff from `initialMs` to `maxMs`, reset after a healthy run. */
export interface RestartPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly healthyAfterMs: number;
}

/** A service process that ended on its own, and when it starts again. */
export interface ServiceCrash {
  readonly service: string;
  /** `exit code N` or `signal S`. */
  readonly exit: string;
  /** The last error the process logged before it ended, if any. */
  readonly lastError: string | undefined;
  readonly restartInMs: number;
}

interface Supervised {
  spec: ProcessSpec;
  child: ChildProcess | undefined;
  state: ServiceState;
  failuresInARow: number;
  restartTimer: NodeJS.Timeout | undefined;
  log: WriteStream;
}

const LEVEL_ERROR = 50;

/** The message of a pino error line, or the line itself when it is not JSON. */
function errorMessageOf(line: string): string | undefined {
  try {
    const record = JSON.parse(line) as { level?: number; msg?: string; err?: unknown; reason?: string };
    if ((record.level ?? 0) < LEVEL_ERROR) return undefined;
    return [record.msg, record.reason ?? (record.err ? String((record.err as { message?: string }).message ?? record.err) : undefined)]
      .filter(Boolean)
      .join(': ');
  } catch {
    return line.trim() || undefined;
  }
}

/**
 * Runs each service as its own process, restarts a crashed one with backoff, and keeps a state file
 * that `jobpipe status` reads. Stop sends SIGTERM (services finish in-flight messages) then SIGKILL.
 */
export class Supervisor {
  private readonly services = new Map<string, Supervised>();
  private stopping = false;

  constructor(
    specs: readonly ProcessSpec[],
    private readonly options: {
      stateFile: string;
      policy: RestartPolicy;
      apiUrl?: string;
      onChange?: (state: SupervisorState) => void;
      /** Told of every crash, e.g. to show it in the console of `npm start`. */
      onCrash?: (crash: ServiceCrash) => void;
    },
  ) {
    for (const spec of specs) {
      mkdirSync(dirname(spec.logFile), { recursive: true });
      this.services.set(spec.name, {
        spec,
        child: undefined,
        failuresInARow: 0,
        restartTimer: undefined,
        log: createWriteStream(spec.logFile, { flags: 'a' }),
        state: {
          name: spec.name,
          status: 'starting',
          pid: undefined,
          restarts: 0,
          startedAt: undefined,
          lastExit: undefined,
          lastError: undefined,
        },
      });
    }
  }

  /** Starts every process. */
  start(): void {
    for (const supervised of this.services.values()) this.launch(supervised);
    this.persist();
  }

  /** The current state of every service. */
  state(): SupervisorState {
    return {
      supervisorPid: process.pid,
      updatedAt: new Date().toISOString(),
      apiUrl: this.options.apiUrl,
      services: [...this.services.values()].map((supervised) => supervised.state),
    };
  }

  /** The process id of a service, if it runs. */
  pidOf(name: string): number | undefined {
    return this.services.get(name)?.child?.pid;
  }

  /** Stops every process: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    const exits = [...this.services.values()].map((supervised) => {
      clearTimeout(supervised.restartTimer);
      const child = supervised.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    });
    await Promise.all(exits);
    for (const supervised of this.services.values()) {
      supervised.state = { ...supervised.state, status: 'stopped', pid: undefined };
      supervised.log.end();
    }
    this.persist();
  }

  private launch(supervised: Supervised): void {
    const { spec } = supervised;
    const child = spawn(spec.command, [...spec.args], { cwd: spec.cwd, env: { ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    supervised.child = child;
    supervised.state = { ...supervised.state, status: 'up', pid: child.pid, startedAt: new Date().toISOString() };
    const startedAt = Date.now();
    let lastErrorOfRun: string | undefined;
    const onOutput = (chunk: Buffer) => {
      supervised.log.write(chunk);
      for (const line of chunk.toString('utf8').split('\n')) {
        const message = line.includes('"level"') || /^\w*Error\b/.test(line) ? errorMessageOf(line) : undefined;
        if (!message) continue;
        lastErrorOfRun = message.slice(0, 500);
        supervised.state = { ...supervised.state, lastError: lastErrorOfRun };
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code, signal) => {
      supervised.child = undefined;
      const lastExit = signal ? `signal ${signal}` : `exit code ${code}`;
      if (this.stopping) {
        supervised.state = { ...supervised.state, status: 'stopped', pid: undefined, lastExit };
        return;
      }
      supervised.failuresInARow = Date.now() - startedAt >= this.options.policy.healthyAfterMs ? 1 : supervised.failuresInARow + 1;
      const delay = Math.min(this.options.policy.maxMs, this.options.policy.initialMs * 2 ** (supervised.failuresInARow - 1));
      supervised.state = { ...supervised.state, status: 'restarting', pid: undefined, lastExit, restarts: supervised.state.restarts + 1 };
      this.persist();
      this.options.onCrash?.({ service: spec.name, exit: lastExit, lastError: lastErrorOfRun, restartInMs: delay });
      supervised.restartTimer = setTimeout(() => {
        if (this.stopping) return;
        this.launch(supervised);
        this.persist();
      }, delay);
    });
  }

  private persist(): void {
    const state = this.state();
    writeSupervisorState(this.options.stateFile, state);
    this.options.onChange?.(state);
  }
}
