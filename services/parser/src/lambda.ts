/**
 * AWS Lambda entry of the parser: the SQS event source of its queue (partial batch response) over the
 * AWS ports. Deployed by `infra/` (NodejsFunction, handler `handler`).
 */
import { contracts } from '@jobpipe/contracts';
import { ConfigError, createLogger, createRuntimePorts } from '@jobpipe/shared';
import { createSqsLambdaHandler } from '@jobpipe/shared/aws';
import { createParserHandlers } from './app.js';
import { readParserConfig } from './config.js';

const config = readParserConfig(process.env);
if (config.runtime.transport !== 'aws') throw new ConfigError('the parser Lambda needs JOBPIPE_TRANSPORT=aws');
const logger = createLogger('parser', config.runtime.logLevel);
const ports = await createRuntimePorts(config.runtime, 'parser');

/** Handles one SQS batch of the parser queue; failed records are reported for another try. */
export const handler = createSqsLambdaHandler({
  handlers: createParserHandlers(ports, config, logger),
  publisher: ports.publisher,
  flushEvents: () => ports.flushEvents(),
  registry: contracts(),
  logger,
});
