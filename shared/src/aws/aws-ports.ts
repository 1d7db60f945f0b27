import type { ProducerName } from '@jobpipe/contracts';
import { ConfigError } from '../errors.js';
import type { RuntimeConfig } from '../runtime/runtime-config.js';
import type { RuntimePorts } from '../runtime/runtime-ports.js';

/** Ports over the AWS adapters (EventBridge, SQS, DynamoDB, S3, Secrets Manager). */
export async function createAwsPorts(_config: RuntimeConfig, _producer: ProducerName): Promise<RuntimePorts> {
  throw new ConfigError('the aws transport is being built (issue 2); use JOBPIPE_TRANSPORT=embedded');
}
