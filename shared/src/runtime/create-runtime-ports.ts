import type { ProducerName } from '@jobpipe/contracts';
import type { RuntimeConfig } from './runtime-config.js';
import type { RuntimePorts } from './runtime-ports.js';

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
  return createEmbeddedPorts(config, producer, { checkTableWrites: false });
}
