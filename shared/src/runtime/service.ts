import type { Server } from 'node:http';
import { contracts, queueOf, type ServiceName } from '@jobpipe/contracts';
import type { Logger } from '../ports/logger.js';
import type { HandlerTable } from './handlers.js';
import { startHealthServer } from './health-server.js';
import { createLogger } from './logger.js';
import { ServiceMetrics } from './metrics.js';
import { QueueRunner } from './queue-runner.js';
import type { RuntimeConfig } from './runtime-config.js';
import { createRuntimePorts, type RuntimePorts } from './runtime-ports.js';

/** A started service process. */
export interface RunningService {
  readonly ports: RuntimePorts;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly runner: QueueRunner | undefined;
  readonly healthServer: Server | undefined;
  /** Stops receiving, finishes in-flight messages, closes the ports. */
  stop(): Promise<void>;
}

/** How a service's composition root plugs into the runtime. */
export interface ServiceDefinition {
  readonly service: ServiceName;
  readonly runtime: RuntimeConfig;
  /** Builds the handler table from the ports (the composition root's job). */
  readonly handlers: (ports: RuntimePorts, logger: Logger) => HandlerTable | Promise<HandlerTable>;
  /** Extra work the service runs beside its queue (an HTTP API, a schedule); stopped on shutdown. */
  readonly sideJobs?: (ports: RuntimePorts, logger: Logger) => Promise<{ stop(): Promise<void> } | undefined>;
  /** Batches handled at once. */
  readonly concurrency?: number;
  readonly logger?: Logger;
}

/** Starts a service: ports, its queue runner, the health/metrics endpoint and side jobs. */
export async function startService(definition: ServiceDefinition): Promise<RunningService> {
  const logger = definition.logger ?? createLogger(definition.service, definition.runtime.logLevel);
  const metrics = new ServiceMetrics(definition.service);
  const ports = await createRuntimePorts(definition.runtime, definition.service);
  const handlers = await definition.handlers(ports, logger);
  const queue = queueOf(definition.service);
  const runner = queue
    ? new QueueRunner({
        queue,
        consumer: ports.consumer(queue.name),
        registry: contracts(),
        handlers,
        publisher: ports.publisher,
        logger,
        metrics,
        ...(definition.concurrency ? { concurrency: definition.concurrency } : {}),
      })
    : undefined;
  runner?.start();
  const side = await definition.sideJobs?.(ports, logger);
  const healthServer =
    definition.runtime.healthPort === undefined
      ? undefined
      : await startHealthServer({
          port: definition.runtime.healthPort,
          metrics,
          status: () => ({ service: definition.service, pid: process.pid, runner: runner?.status() }),
        });
  logger.info({ queue: queue?.name, transport: definition.runtime.transport }, 'service started');
  return {
    ports,
    logger,
    metrics,
    runner,
    healthServer,
    async stop() {
      await side?.stop();
      await runner?.stop();
      healthServer?.close();
      await ports.close();
      logger.info({}, 'service stopped');
    },
  };
}

/** Stops the service gracefully on SIGINT/SIGTERM (in-flight messages finish first). */
export function stopOnSignals(service: RunningService): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.logger.info({ signal }, 'stopping');
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        service.logger.error({ err: String(error) }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
