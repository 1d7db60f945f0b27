/**
 * AWS Lambda entry of the sheets bridge: the SQS event source of its queue (partial batch response)
 * over the AWS ports. A Lambda has no timer between invocations, so reading the sheet for the user's
 * edits is its own invocation: any event that is not an SQS batch (an EventBridge Scheduler target
 * with input `{"kind":"sheets-poll"}`, say) runs one poll cycle.
 */
import { contracts } from '@jobpipe/contracts';
import { ConfigError, createLogger, createRuntimePorts } from '@jobpipe/shared';
import { createSqsLambdaHandler, type SqsBatchResponse, type SqsLambdaEvent } from '@jobpipe/shared/aws';
import { createSheetsBridgeHandlers } from './app.js';
import { readSheetsBridgeConfig } from './config.js';

/** What a poll invocation reports. */
export interface SheetPollResult {
  /** False when no spreadsheet is configured (the bridge is off). */
  readonly polled: boolean;
}

const config = readSheetsBridgeConfig(process.env);
if (config.runtime.transport !== 'aws') throw new ConfigError('the sheets-bridge Lambda needs JOBPIPE_TRANSPORT=aws');
const logger = createLogger('sheets-bridge', config.runtime.logLevel);
const ports = await createRuntimePorts(config.runtime, 'sheets-bridge');
const bridge = await createSheetsBridgeHandlers(ports, config, logger);
const handleBatch = createSqsLambdaHandler({
  handlers: bridge.handlers,
  publisher: ports.publisher,
  flushEvents: () => ports.flushEvents(),
  registry: contracts(),
  logger,
});

const isSqsEvent = (event: unknown): event is SqsLambdaEvent => Array.isArray((event as Partial<SqsLambdaEvent> | null)?.Records);

/** SQS batches of the sheets-bridge queue; any other invocation polls the sheet for edits once. */
export async function handler(event: SqsLambdaEvent): Promise<SqsBatchResponse>;
export async function handler(event: unknown): Promise<SqsBatchResponse | SheetPollResult>;
export async function handler(event: unknown): Promise<SqsBatchResponse | SheetPollResult> {
  if (isSqsEvent(event)) return handleBatch(event);
  if (!bridge.sync) return { polled: false };
  await bridge.sync.cycle();
  // The edits found are committed with their events; a failure here fails the poll, whose retry sends them.
  await ports.flushEvents();
  return { polled: true };
}
