import { SERVICE_NAMES } from '@jobpipe/contracts';
import { silentLogger } from '@jobpipe/shared';
import { freePort, isRunning, killAll, serviceEnvironment, tempDir, testSecretKey, waitFor } from '@jobpipe/test-kit';
import type { ConfigFile } from '../../src/config/config-file.js';
import { REPO_ROOT } from '../../src/config.js';
import { type EmbeddedStack, startEmbeddedStack } from '../../src/stack/embedded-stack.js';
import { PipelineInspector } from './pipeline-inspector.js';

/** An embedded stack of real service processes in a temp data folder, and how to look inside it. */
export interface TestStack {
  readonly stack: EmbeddedStack;
  readonly dataDir: string;
  readonly apiPort: number;
  readonly inspector: PipelineInspector;
  /** Process ids of the service processes running now. */
  servicePids(): number[];
  /** Stops the stack, kills any process left behind, and removes the data folder. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `startEmbeddedStack` in a temp data folder with a free API port and free health ports;
 * `configFor` builds the config from the chosen API port. Every process is stopped by `stop()`, also
 * when starting fails halfway.
 */
export async function startTestStack(options: {
  configFor: (apiPort: number) => ConfigFile;
  env?: Readonly<Record<string, string>>;
}): Promise<TestStack> {
  const dir = tempDir('jobpipe-stack-');
  const apiPort = await freePort();
  let stack: EmbeddedStack;
  try {
    stack = await startEmbeddedStack({
      repoRoot: REPO_ROOT,
      dataDir: dir.path,
      secretKey: testSecretKey(),
      apiPort,
      config: options.configFor(apiPort),
      env: serviceEnvironment(options.env),
      logger: silentLogger,
      // Fast restarts, so a killed service is back within a second.
      restartPolicy: { initialMs: 200, maxMs: 2_000, healthyAfterMs: 10_000 },
      healthPortBase: 0,
    });
  } catch (error) {
    dir.remove();
    throw error;
  }
  const inspector = new PipelineInspector(dir.path);
  const seen = new Set<number>();
  const servicePids = () => {
    const pids = SERVICE_NAMES.map((name) => stack.supervisor.pidOf(name)).filter((pid): pid is number => pid !== undefined);
    for (const pid of pids) seen.add(pid);
    return pids;
  };
  servicePids();
  let stopped: Promise<void> | undefined;
  return {
    stack,
    dataDir: dir.path,
    apiPort,
    inspector,
    servicePids,
    stop() {
      stopped ??= (async () => {
        servicePids();
        try {
          await stack.stop();
        } finally {
          killAll(seen);
          await waitFor('every service process to exit', () => [...seen].every((pid) => !isRunning(pid)), { timeoutMs: 10_000 });
          inspector.close();
          dir.remove();
        }
      })();
      return stopped;
    },
  };
}
