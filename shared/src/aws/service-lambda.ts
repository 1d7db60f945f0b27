import { contracts } from '@jobpipe/contracts';
import { ConfigError } from '../errors.js';
import type { Logger } from '../ports/logger.js';
import { createRuntimePorts } from '../runtime/create-runtime-ports.js';
import type { BuiltService, ServiceConfig, ServiceDefinition } from '../runtime/define-service.js';
import type { Environment } from '../runtime/environment.js';
import { createLogger } from '../runtime/logger.js';
import type { RuntimePorts } from '../runtime/runtime-ports.js';
import { createSqsLambdaHandler, type SqsBatchResponse, type SqsLambdaEvent } from './sqs-lambda-handler.js';

/** Where a service's files go on Lambda when JOBPIPE_DATA_DIR is not set: the code folder is read-only. */
export const LAMBDA_DATA_DIR = '/tmp/jobpipe';

/** A service built for a Lambda execution environment: what it built, and its SQS batch handler. */
export interface ServiceLambda<Config extends ServiceConfig, Built extends BuiltService> {
  readonly config: Config;
  readonly built: Built;
  readonly ports: RuntimePorts;
  readonly logger: Logger;
  /** Handles one SQS batch of the service's queue (partial batch response). */
  handleBatch(event: SqsLambdaEvent): Promise<SqsBatchResponse>;
}

/**
 * The Lambda entry of a service (`lambda.ts`), from the same definition as its process: reads the
 * config (files under /tmp unless set), checks the transport is aws, builds over the AWS ports. Side
 * jobs are not started: a Lambda has no life between invocations.
 */
export async function startServiceLambda<Config extends ServiceConfig, Built extends BuiltService>(
  definition: ServiceDefinition<Config, Built>,
  env: Environment = process.env,
): Promise<ServiceLambda<Config, Built>> {
  const config = definition.readConfig({ JOBPIPE_DATA_DIR: LAMBDA_DATA_DIR, ...env });
  if (config.runtime.transport !== 'aws') throw new ConfigError(`the ${definition.name} Lambda needs JOBPIPE_TRANSPORT=aws`);
  const logger = createLogger(definition.name, config.runtime.logLevel);
  const ports = await createRuntimePorts(config.runtime, definition.name);
  const built = await definition.build(ports, config, logger);
  return {
    config,
    built,
    ports,
    logger,
    handleBatch: createSqsLambdaHandler({
      handlers: built.handlers,
      publisher: ports.publisher,
      flushEvents: () => ports.flushEvents(),
      eventsTogether: (work) => ports.eventsTogether(work),
      registry: contracts(),
      logger,
    }),
  };
}
