/**
 * The event topology: which service produces which detail-types, and which queue subscribes to which.
 * This one table generates the embedded bus routing, the LocalStack bootstrap, the CDK stack, IAM
 * policies and the AsyncAPI document.
 */

/** Every service of jobpipe, plus the scheduler that fires timed requests. */
export const SERVICE_NAMES = [
  'scraper',
  'parser',
  'recommender',
  'crm-api',
  'applier',
  'auth-refresher',
  'etl',
  'sheets-bridge',
  'inbox',
  'notifier',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
export type ProducerName = ServiceName | 'scheduler';

/** Every detail-type that travels on the bus. */
export const DETAIL_TYPES = [
  'scrape.requested',
  'scrape.finished',
  'job.scraped',
  'job.parsed',
  'job.scored',
  'job.closed',
  'job.reopened',
  'job.flagged',
  'job.close-requested',
  'crm.stage-changed',
  'crm.flag-dismissals-changed',
  'application.requested',
  'application.submitted',
  'application.failed',
  'session.refresh-requested',
  'session.refreshed',
  'config.changed',
  'import.chunk',
  'import.chunk-loaded',
  'import.completed',
  'etl.requested',
  'etl.completed',
  'email.classified',
  'inbox.forget-requested',
  'wipe.requested',
  'wipe.completed',
  'notification.digest-requested',
  'notification.test-requested',
] as const;
export type DetailType = (typeof DETAIL_TYPES)[number];

/** Delivery settings of one queue (SQS semantics, also honoured by the embedded bus). */
export interface QueueDefinition {
  /** Queue name; its dead-letter queue is `${name}-dlq`. */
  readonly name: string;
  /** The one service that reads this queue. */
  readonly consumer: ServiceName;
  /** Detail-types routed to this queue. */
  readonly subscriptions: readonly DetailType[];
  /**
   * Seconds a received message stays invisible before it is redelivered. Container consumers renew it
   * every half timeout while the handler works (heartbeat), so it bounds how long a dead consumer's
   * message waits, not how long a handler may run; Lambda consumers get it as their function timeout.
   */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message is moved to the DLQ. */
  readonly maxReceiveCount: number;
  /** Messages handed to the handler loop per receive (1..10, the SQS limit). */
  readonly batchSize: number;
  /**
   * Seconds a container consumer rests after a long poll that found nothing, before it receives again
   * (idle back-off). Set on queues whose events are rare and not waited on by a user (background work),
   * so an idle stack sends fewer receives; a message arriving meanwhile waits at most this long. Unset:
   * the consumer long-polls without a rest.
   */
  readonly idlePauseSeconds?: number;
}

/** The queues, one per consuming service. */
export const QUEUES: readonly QueueDefinition[] = [
  {
    name: 'scraper',
    consumer: 'scraper',
    subscriptions: ['scrape.requested', 'wipe.requested'],
    visibilityTimeoutSeconds: 120,
    maxReceiveCount: 3,
    batchSize: 1,
  },
  {
    name: 'parser',
    consumer: 'parser',
    subscriptions: ['job.scraped', 'import.chunk', 'import.completed', 'scrape.finished', 'job.close-requested', 'wipe.requested'],
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    batchSize: 10,
  },
  {
    name: 'recommender',
    consumer: 'recommender',
    subscriptions: [
      'job.parsed',
      'crm.stage-changed',
      'config.changed',
      'job.closed',
      'job.reopened',
      'job.flagged',
      'crm.flag-dismissals-changed',
      'wipe.requested',
    ],
    visibilityTimeoutSeconds: 120,
    maxReceiveCount: 5,
    batchSize: 10,
  },
  {
    name: 'crm-api',
    consumer: 'crm-api',
    subscriptions: [
      'job.scored',
      'application.submitted',
      'application.failed',
      'session.refreshed',
      'etl.completed',
      'crm.stage-changed',
      'import.chunk-loaded',
      'scrape.finished',
      'job.closed',
      'job.reopened',
      'job.flagged',
      'email.classified',
      'wipe.requested',
      'wipe.completed',
    ],
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    batchSize: 10,
  },
  {
    name: 'applier',
    consumer: 'applier',
    subscriptions: ['application.requested', 'session.refreshed'],
    visibilityTimeoutSeconds: 120,
    maxReceiveCount: 3,
    batchSize: 1,
    idlePauseSeconds: 40,
  },
  {
    name: 'auth-refresher',
    consumer: 'auth-refresher',
    subscriptions: ['session.refresh-requested'],
    visibilityTimeoutSeconds: 120,
    maxReceiveCount: 3,
    batchSize: 1,
    idlePauseSeconds: 40,
  },
  {
    name: 'etl',
    consumer: 'etl',
    subscriptions: [
      'job.parsed',
      'job.scored',
      'crm.stage-changed',
      'application.submitted',
      'application.failed',
      'job.closed',
      'job.reopened',
      'job.flagged',
      'etl.requested',
      'wipe.completed',
    ],
    visibilityTimeoutSeconds: 900,
    maxReceiveCount: 5,
    batchSize: 10,
    idlePauseSeconds: 40,
  },
  {
    name: 'sheets-bridge',
    consumer: 'sheets-bridge',
    subscriptions: ['job.scored', 'crm.stage-changed', 'application.submitted', 'application.failed'],
    visibilityTimeoutSeconds: 120,
    maxReceiveCount: 5,
    batchSize: 10,
    idlePauseSeconds: 40,
  },
  {
    name: 'inbox',
    consumer: 'inbox',
    subscriptions: ['inbox.forget-requested'],
    visibilityTimeoutSeconds: 120,
    maxReceiveCount: 5,
    batchSize: 1,
    // A forget request is done in the background: nobody waits on it at a screen.
    idlePauseSeconds: 40,
  },
  {
    // Eight receives: with the runner's doubling backoff (1, 2, 4, … s) a target that is down keeps
    // being retried for about four minutes before the notification is dead-lettered with the reason.
    name: 'notifier',
    consumer: 'notifier',
    subscriptions: ['job.scored', 'job.closed', 'job.reopened', 'notification.digest-requested', 'notification.test-requested'],
    visibilityTimeoutSeconds: 120,
    maxReceiveCount: 8,
    batchSize: 10,
    // A notification reaches a phone or a mailbox, not a screen the user is watching: up to 40 s late is
    // still instant to its reader, and a busy queue never rests.
    idlePauseSeconds: 40,
  },
];

/** Which detail-types each producer may publish (drives IAM and publish-time checks). */
export const PRODUCERS: Readonly<Record<ProducerName, readonly DetailType[]>> = {
  scraper: ['job.scraped', 'scrape.finished', 'wipe.completed'],
  parser: ['job.parsed', 'import.chunk-loaded', 'job.closed', 'job.reopened', 'job.flagged', 'wipe.completed'],
  recommender: ['job.scored', 'wipe.completed'],
  'crm-api': [
    'crm.stage-changed',
    'crm.flag-dismissals-changed',
    'job.close-requested',
    'application.requested',
    'config.changed',
    'scrape.requested',
    'import.chunk',
    'import.completed',
    'etl.requested',
    'session.refresh-requested',
    'wipe.requested',
    'wipe.completed',
    'notification.test-requested',
  ],
  applier: ['application.submitted', 'application.failed', 'session.refresh-requested'],
  'auth-refresher': ['session.refreshed'],
  etl: ['etl.completed'],
  'sheets-bridge': ['crm.stage-changed'],
  inbox: ['email.classified'],
  notifier: [],
  scheduler: [
    'scrape.requested',
    'etl.requested',
    'session.refresh-requested',
    'config.changed',
    'inbox.forget-requested',
    'wipe.requested',
    'notification.digest-requested',
  ],
};

/** The EventBridge bus name used by every runtime. */
export const EVENT_BUS_NAME = 'jobpipe';

/** The dead-letter queue name of a queue. */
export function deadLetterQueueName(queue: string): string {
  return `${queue}-dlq`;
}

/**
 * The max receive count of an SQS queue's redrive policy: one more than the topology's, so the consumer
 * itself dead-letters a message on its last allowed receive and also one whose handler crashed on every
 * receive (with the reason, its original id and the time), and the policy only catches a consumer that
 * crashes on that extra receive too.
 */
export function redrivePolicyMaxReceives(queue: QueueDefinition): number {
  return queue.maxReceiveCount + 1;
}

/** The installation whose events carry `jobpipe.<producer>` sources: the embedded stack and the default prefix. */
export const DEFAULT_INSTALLATION = 'jobpipe';

/**
 * The EventBridge `source` of a producer in one installation: `<installation>.<producer>`, where the
 * installation is the AWS resource prefix. Rules match the `<installation>.` prefix, so installations
 * sharing a bus (the account's default bus, say) receive only their own events; a prefix holds no '.',
 * so no installation's prefix is the start of another's.
 */
export function eventSourceOf(producer: ProducerName, installation: string = DEFAULT_INSTALLATION): string {
  return `${installation}.${producer}`;
}

/** The EventBridge pattern of a queue's rule in one installation: its detail-types, from that installation's producers. */
export function ruleEventPattern(queue: QueueDefinition, installation: string = DEFAULT_INSTALLATION) {
  return { source: [{ prefix: `${installation}.` }], 'detail-type': [...queue.subscriptions] };
}

/** Queues subscribed to a detail-type. */
export function queuesFor(detailType: string): QueueDefinition[] {
  return QUEUES.filter((queue) => (queue.subscriptions as readonly string[]).includes(detailType));
}

/** The queue a service consumes, if any. */
export function queueOf(service: ServiceName): QueueDefinition | undefined {
  return QUEUES.find((queue) => queue.consumer === service);
}
