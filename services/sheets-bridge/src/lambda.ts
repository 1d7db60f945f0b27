/**
 * AWS Lambda entry of the sheets bridge: the SQS event source of its queue (partial batch response)
 * over the AWS ports. A Lambda has no timer between invocations, so reading the sheet for the user's
 * edits is its own invocation: any event that is not an SQS batch (an EventBridge Scheduler target
 * with input `{"kind":"sheets-poll"}`, say) runs one poll cycle.
 */
import { type SqsBatchResponse, type SqsLambdaEvent, startServiceLambda } from '@jobpipe/shared/aws';
import { sheetsBridgeService } from './app.js';

/** What a poll invocation reports. */
export interface SheetPollResult {
  /** False when no spreadsheet is connected (nothing to poll). */
  readonly polled: boolean;
}

const { built: bridge, ports, handleBatch } = await startServiceLambda(sheetsBridgeService);

const isSqsEvent = (event: unknown): event is SqsLambdaEvent => Array.isArray((event as Partial<SqsLambdaEvent> | null)?.Records);

/** SQS batches of the sheets-bridge queue; any other invocation polls the sheet for edits once. */
export async function handler(event: SqsLambdaEvent): Promise<SqsBatchResponse>;
export async function handler(event: unknown): Promise<SqsBatchResponse | SheetPollResult>;
export async function handler(event: unknown): Promise<SqsBatchResponse | SheetPollResult> {
  if (isSqsEvent(event)) return handleBatch(event);
  if (!(await bridge.sync.cycle())) return { polled: false };
  // The edits found are committed with their events; a failure here fails the poll, whose retry sends them.
  await ports.flushEvents();
  return { polled: true };
}
