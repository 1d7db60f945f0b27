import { randomUUID } from 'node:crypto';
import {
  type BusEvent,
  CURRENT_SCHEMA_VERSION,
  type DetailType,
  type EventDataMap,
  eventSourceOf,
  type ProducerName,
} from '@jobpipe/contracts';

/** Builds a valid bus event for tests, as a publisher would. */
export function busEvent<T extends DetailType>(detailType: T, data: EventDataMap[T], producer: ProducerName = 'crm-api'): BusEvent<T> {
  const eventId = randomUUID();
  const time = new Date().toISOString();
  return {
    version: '0',
    id: eventId,
    'detail-type': detailType,
    source: eventSourceOf(producer),
    account: '000000000000',
    time,
    region: 'local',
    resources: [],
    detail: { meta: { eventId, schemaVersion: CURRENT_SCHEMA_VERSION[detailType], occurredAt: time, correlationId: eventId }, data },
  };
}
