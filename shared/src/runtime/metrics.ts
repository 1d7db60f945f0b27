import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one service process. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly handled: Counter<'queue' | 'detail_type'>;
  readonly failed: Counter<'queue' | 'detail_type'>;
  readonly deadLettered: Counter<'queue' | 'detail_type'>;
  readonly handlerSeconds: Histogram<'queue' | 'detail_type'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const labelNames = ['queue', 'detail_type'] as const;
    this.handled = new Counter({
      name: 'jobpipe_messages_handled_total',
      help: 'Messages handled successfully',
      labelNames,
      registers: [this.registry],
    });
    this.failed = new Counter({
      name: 'jobpipe_messages_failed_total',
      help: 'Handler failures that will be retried',
      labelNames,
      registers: [this.registry],
    });
    this.deadLettered = new Counter({
      name: 'jobpipe_messages_dead_lettered_total',
      help: 'Messages moved to the DLQ',
      labelNames,
      registers: [this.registry],
    });
    this.handlerSeconds = new Histogram({
      name: 'jobpipe_handler_duration_seconds',
      help: 'Handler latency',
      labelNames,
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers: [this.registry],
    });
  }
}
