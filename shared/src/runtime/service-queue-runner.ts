import { contracts, queueOf, type ServiceName } from '@jobpipe/contracts';
import type { Logger } from '../ports/logger.js';
import type { BuiltService } from './define-service.js';
import type { ServiceMetrics } from './metrics.js';
import { batchWindowMsOf, gathersTurnsOn, idlePauseMsOf, QueueRunner } from './queue-runner.js';
import type { RuntimePorts } from './runtime-ports.js';

/** What a service's queue runner takes beyond its ports and what it built. */
export interface ServiceQueueRunnerOptions {
  /** The transport the ports are on (picks the idle back-off, the batching window and gathering: `idlePauseMsOf`, `batchWindowMsOf`, `gathersTurnsOn`). */
  readonly transport: 'embedded' | 'aws';
  readonly logger: Logger;
  readonly metrics?: ServiceMetrics;
}

/**
 * The queue runner of a service as its process runs it, not started: its queue of the topology, its
 * handlers, a received batch's handlers as one turn (`eventsTogether`, and `GatheringTurn` where the transport gathers), the idle back-off and batching
 * window of the transport and the service's concurrency. Undefined for a service without a queue. Used by
 * `startService`, `jobpipe run --once` and the bench, so all three run a service the same way.
 */
export function serviceQueueRunner(
  name: ServiceName,
  ports: RuntimePorts,
  built: Pick<BuiltService, 'handlers' | 'concurrency'>,
  options: ServiceQueueRunnerOptions,
): QueueRunner | undefined {
  const queue = queueOf(name);
  if (!queue) return undefined;
  return new QueueRunner({
    queue,
    consumer: ports.consumer(queue.name),
    registry: contracts(),
    handlers: built.handlers,
    publisher: ports.publisher,
    eventsTogether: (work) => ports.eventsTogether(work),
    gatherTurns: gathersTurnsOn(options.transport),
    idlePauseMs: idlePauseMsOf(queue, options.transport),
    batchWindowMs: batchWindowMsOf(options.transport),
    logger: options.logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(built.concurrency ? { concurrency: built.concurrency } : {}),
  });
}
