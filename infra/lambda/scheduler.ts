/**
 * Lambda behind EventBridge Scheduler: turns a timed request into a validated, fully-formed event
 * (fresh eventId and meta) published by the `scheduler` producer.
 */
import { randomUUID } from 'node:crypto';
import { createRuntimePorts, eventForScheduledRequest, readRuntimeConfig, type ScheduledRequest } from '@jobpipe/shared';

const portsPromise = createRuntimePorts(readRuntimeConfig(process.env), 'scheduler');

/** Publishes the event of one scheduled request. */
export async function handler(request: ScheduledRequest): Promise<{ eventIds: string[] }> {
  const ports = await portsPromise;
  return { eventIds: await ports.publisher.publish([eventForScheduledRequest(request, `sched-${randomUUID()}`, new Date())]) };
}
