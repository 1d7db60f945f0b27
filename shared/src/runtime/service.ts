import type { Server } from 'node:http';
import { queueOf } from '@jobpipe/contracts';
import type { Logger } from '../ports/logger.js';
import { createRuntimePorts } from './create-runtime-ports.js';
import type { BuiltService, ServiceConfig, ServiceDefinition, Stoppable } from './define-service.js';
import type { Environment } from './environment.js';
import { startHealthServer } from './health-server.js';
import { createLogger } from './logger.js';
import { ServiceMetrics } from './metrics.js';
import type { QueueRunner } from './queue-runner.js';
import type { RuntimePorts } from './runtime-ports.js';
import { serviceQueueRunner } from './service-queue-runner.js';

/** A started service: its ports, what it built, its queue runner and health endpoint. */
export interface RunningService<Config extends ServiceConfig = ServiceConfig, Built extends BuiltService = BuiltService> {
  readonly config: Config;
  readonly built: Built;
  readonly ports: RuntimePorts;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly runner: QueueRunner | undefined;
  readonly healthServer: Server | undefined;
  /** Stops the side jobs, then receiving (in-flight messages finish), then closes what was built and the ports. */
  stop(): Promise<void>;
}

/** How to start a service (all optional: the process entry passes nothing). */
export interface StartOptions<Config extends ServiceConfig> {
  /** Where the config is read from (default `process.env`). */
  readonly env?: Environment;
  /** A config already read (tests); `env` is then not read. */
  readonly config?: Config;
  readonly logger?: Logger;
}

/** Starts a service from its definition: ports, build, its queue runner, side jobs, the health/metrics endpoint. */
export async function startService<Config extends ServiceConfig, Built extends BuiltService>(
  definition: ServiceDefinition<Config, Built>,
  options: StartOptions<Config> = {},
): Promise<RunningService<Config, Built>> {
  const config = options.config ?? definition.readConfig(options.env ?? process.env);
  const logger = options.logger ?? createLogger(definition.name, config.runtime.logLevel);
  const metrics = new ServiceMetrics(definition.name);
  const ports = await createRuntimePorts(config.runtime, definition.name);
  const built = await definition.build(ports, config, logger);
  built.metrics?.registerInto(metrics.registry);
  const runner = serviceQueueRunner(definition.name, ports, built, { transport: config.runtime.transport, logger, metrics });
  runner?.start();
  const sideJobs: Stoppable[] = [];
  for (const [name, start] of Object.entries(built.sideJobs ?? {})) {
    const job = await start();
    if (job) sideJobs.unshift(job);
    logger.debug({ sideJob: name }, 'side job started');
  }
  const healthServer =
    config.runtime.healthPort === undefined
      ? undefined
      : await startHealthServer({
          port: config.runtime.healthPort,
          metrics,
          status: () => ({ service: definition.name, pid: process.pid, runner: runner?.status() }),
        });
  logger.info({ queue: queueOf(definition.name)?.name, transport: config.runtime.transport }, 'service started');
  return {
    config,
    built,
    ports,
    logger,
    metrics,
    runner,
    healthServer,
    async stop() {
      for (const job of sideJobs) await job.stop();
      await runner?.stop();
      await built.close?.();
      healthServer?.close();
      await ports.close();
      logger.info({}, 'service stopped');
    },
  };
}

/** Stops the services gracefully on SIGINT/SIGTERM (in-flight messages finish first), then exits. */
export function stopOnSignals(services: readonly Pick<RunningService, 'logger' | 'stop'>[]): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    for (const service of services) service.logger.info({ signal }, 'stopping');
    Promise.all(services.map((service) => service.stop())).then(
      () => process.exit(0),
      (error: unknown) => {
        services[0]?.logger.error({ err: String(error) }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** The process entry of a service (`main.ts`): starts it from `process.env` and stops it on signals. */
export async function runServiceProcess<Config extends ServiceConfig, Built extends BuiltService>(
  definition: ServiceDefinition<Config, Built>,
): Promise<void> {
  stopOnSignals([await startService(definition)]);
}

/** One service of a group, with the environment it would get as its own process. */
export interface GroupMember {
  readonly definition: ServiceDefinition<ServiceConfig, BuiltService>;
  readonly env: Environment;
}

/**
 * Runs several services in one process (the embedded stack's light services share one node: each
 * still has its own ports, queue runner, logger and health endpoint). They fail together: a crash of
 * one ends the process, and its supervisor restarts the group whole.
 */
export async function runServiceGroup(members: readonly GroupMember[]): Promise<void> {
  const running: RunningService[] = [];
  for (const member of members) running.push(await startService(member.definition, { env: member.env }));
  stopOnSignals(running);
}
