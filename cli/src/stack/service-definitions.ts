import type { ServiceName } from '@jobpipe/contracts';
import type { BuiltService, ServiceConfig, ServiceDefinition } from '@jobpipe/shared';

/** The variable of a group process that carries each member's own settings (JSON keyed by service name). */
export const GROUP_SERVICE_ENV = 'JOBPIPE_GROUP_SERVICE_ENV';

type AnyService = ServiceDefinition<ServiceConfig, BuiltService>;

/**
 * Every service's definition, loaded on demand: a process running some of them loads only their code
 * (the bundle keeps each behind its own dynamic import).
 */
export const SERVICE_DEFINITIONS: Readonly<Record<ServiceName, () => Promise<AnyService>>> = {
  scraper: async () => (await import('@jobpipe/scraper')).scraperService,
  parser: async () => (await import('@jobpipe/parser')).parserService,
  recommender: async () => (await import('@jobpipe/recommender')).recommenderService,
  'crm-api': async () => (await import('@jobpipe/crm-api')).crmApiService,
  etl: async () => (await import('@jobpipe/etl')).etlService,
  applier: async () => (await import('@jobpipe/applier')).applierService,
  'auth-refresher': async () => (await import('@jobpipe/auth-refresher')).authRefresherService,
  'sheets-bridge': async () => (await import('@jobpipe/sheets-bridge')).sheetsBridgeService,
  inbox: async () => (await import('@jobpipe/inbox')).inboxService,
  notifier: async () => (await import('@jobpipe/notifier')).notifierService,
};
