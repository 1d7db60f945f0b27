import type { Clock, Logger, ServiceOutbox, ServiceTables } from '@jobpipe/shared';
import type { LoadedEmailModel } from '../domain/email-model.js';

/** What the inbox's use-cases work with: its ports and the trained classifier. */
export interface InboxContext {
  readonly tables: ServiceTables<'inbox'>;
  readonly outbox: ServiceOutbox<'inbox'>;
  readonly clock: Clock;
  readonly model: LoadedEmailModel;
  readonly logger: Logger;
}
