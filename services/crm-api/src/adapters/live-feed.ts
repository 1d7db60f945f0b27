import { EventEmitter } from 'node:events';

/** A message for the live stream (Server-Sent Events): its event name and JSON data. */
export interface LiveMessage {
  readonly event:
    | 'job.scored'
    | 'job.closed'
    | 'job.reopened'
    | 'job.flagged'
    | 'crm.stage-changed'
    | 'application.submitted'
    | 'application.failed'
    | 'session.refreshed'
    | 'analytics.updated';
  readonly data: Record<string, unknown>;
  /** For job.scored: the score, so each listener applies its own threshold. */
  readonly score?: number;
}

/** In-process fan-out of live messages from the event handlers to the open SSE streams. */
export class LiveFeed {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(message: LiveMessage): void {
    this.emitter.emit('message', message);
  }

  /** Calls the listener for every message until the returned function is called. */
  subscribe(listener: (message: LiveMessage) => void): () => void {
    this.emitter.on('message', listener);
    return () => this.emitter.off('message', listener);
  }

  /** Open subscriptions (for /health). */
  get listeners(): number {
    return this.emitter.listenerCount('message');
  }
}
