import type { ProducerName } from '@jobpipe/contracts';
import type { BlobStore } from '../ports/blobs.js';
import type { Clock, IdGenerator } from '../ports/clock.js';
import type { DeadLetterAdmin, EventPublisher, QueueConsumer } from '../ports/events.js';
import type { SecretStore } from '../ports/secrets.js';
import type { TableStore } from '../ports/tables.js';
import type { RuntimeConfig } from './runtime-config.js';

/** The adapters one service process works with, picked by the transport setting. */
export interface RuntimePorts {
  readonly publisher: EventPublisher;
  /** A consumer of a queue of the topology. */
  consumer(queue: string): QueueConsumer;
  readonly tables: TableStore;
  readonly blobs: BlobStore;
  /** The secret store; throws a ConfigError when it is not configured (no key). */
  secrets(): SecretStore;
  readonly deadLetters: DeadLetterAdmin;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  close(): Promise<void>;
}

/**
 * Builds the ports for a producer. The AWS adapters are loaded only when asked for, so the embedded
 * runtime never loads the AWS SDK.
 */
export async function createRuntimePorts(config: RuntimeConfig, producer: ProducerName): Promise<RuntimePorts> {
  if (config.transport === 'aws') {
    const { createAwsPorts } = await import('../aws/aws-ports.js');
    return createAwsPorts(config, producer);
  }
  const { createEmbeddedPorts } = await import('../embedded/embedded-ports.js');
  return createEmbeddedPorts(config, producer);
}
