import type { BusEvent } from '@jobpipe/contracts';

/** Sends built, validated bus events as they are (the outbox relay's side of a transport). */
export interface BusSender {
  /** Most events one send takes at once (PutEvents: 10); the relay marks entries sent per send. Unset: any number. */
  readonly maxEventsPerSend?: number;
  /** Sends every event, in order, or throws (some may have been sent: the relay sends them again). */
  send(events: readonly BusEvent[]): Promise<void>;
}
