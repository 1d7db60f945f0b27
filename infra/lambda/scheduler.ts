/**
 * Lambda behind EventBridge Scheduler: turns a timed request into a validated, fully-formed event
 * (fresh eventId and meta) published by the `scheduler` producer. A scrape runs the search as the
 * stored config states it now (changes saved through the API included), and not at all once the
 * search was removed from it.
 */
import { randomUUID } from 'node:crypto';
import { createRuntimePorts, eventForScheduledRequest, readRuntimeConfig, type ScheduledRequest, withStoredSearch } from '@jobpipe/shared';

const portsPromise = createRuntimePorts(readRuntimeConfig(process.env), 'scheduler');

/** Publishes the event of one scheduled request. */
export async function handler(request: ScheduledRequest): Promise<{ eventIds: string[] }> {
  const ports = await portsPromise;
  const stored = await ports.tables.get('config', { key: 'current' });
  const current = withStoredSearch(request, stored?.config);
  if (!current) return { eventIds: [] };
  return { eventIds: await ports.publisher.publish([eventForScheduledRequest(current, `sched-${randomUUID()}`, new Date())]) };
}
