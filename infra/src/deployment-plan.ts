import { PRODUCERS, QUEUES, SERVICE_NAMES, type ServiceName } from '@jobpipe/contracts';

/** How a service runs on AWS. */
export type ComputeKind = 'lambda' | 'fargate';

/** One service's deployment: where it runs and what it may touch. */
export interface ServicePlan {
  readonly service: ServiceName;
  readonly compute: ComputeKind;
  /** Detail-types it may publish (its IAM policy allows exactly these). */
  readonly publishes: readonly string[];
  /** Its queue, if it consumes one. */
  readonly queue: (typeof QUEUES)[number] | undefined;
  /** Whether it reads or writes secrets (session cookies, credentials, API keys). */
  readonly usesSecrets: boolean;
  /** Whether it serves HTTP (crm-api: a Function URL). */
  readonly servesHttp: boolean;
}

/**
 * Browser-driven services, the long-running scraper and the inbox (it holds IMAP connections open in IDLE)
 * run on Fargate; the rest are Lambda functions.
 */
const FARGATE_SERVICES: readonly ServiceName[] = ['scraper', 'applier', 'auth-refresher', 'inbox'];
const SECRET_USERS: readonly ServiceName[] = ['scraper', 'applier', 'auth-refresher', 'sheets-bridge', 'crm-api', 'inbox', 'notifier'];

/** The deployment plan of every service, derived from the contracts topology. */
export function deploymentPlan(): ServicePlan[] {
  return SERVICE_NAMES.map((service) => ({
    service,
    compute: FARGATE_SERVICES.includes(service) ? 'fargate' : 'lambda',
    publishes: PRODUCERS[service],
    queue: QUEUES.find((queue) => queue.consumer === service),
    usesSecrets: SECRET_USERS.includes(service),
    servesHttp: service === 'crm-api',
  }));
}
