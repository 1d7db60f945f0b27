import { type Clock, collect, type OutgoingEvent, type ServiceOutbox, type ServiceTables, TransientError } from '@jobpipe/shared';
import { type ApplicationRecord, type ApplicationRequest, newApplicationRecord } from '../domain/application-record.js';

const TABLE = 'applierState' as const;

/** The applier's records in its `applierState` table; every write is conditional. */
export class ApplicationStore {
  constructor(
    private readonly tables: ServiceTables<'applier'>,
    private readonly outbox: ServiceOutbox<'applier'>,
    private readonly clock: Clock,
  ) {}

  /** The record of a request, created on first sight. */
  async recordFor(request: ApplicationRequest): Promise<ApplicationRecord> {
    const existing = await this.tables.get(TABLE, { applicationId: request.applicationId });
    if (existing) return existing;
    const fresh = newApplicationRecord(request, this.clock.now());
    const created = { ...fresh, version: fresh.version + 1 };
    if (!(await this.tables.put(TABLE, created, { kind: 'notExists' }))) {
      throw new TransientError('APPLICATION_RACE', `application ${request.applicationId} was written at the same time; retrying`);
    }
    return created;
  }

  /**
   * Writes changes, with the events that announce them in the same transaction (the outbox), if nobody
   * else wrote the record since it was read; returns the new record, or undefined (nothing written).
   */
  async save(
    record: ApplicationRecord,
    changes: Partial<ApplicationRecord>,
    events: readonly OutgoingEvent[] = [],
  ): Promise<ApplicationRecord | undefined> {
    const next: ApplicationRecord = { ...record, ...changes, version: record.version + 1, updatedAt: this.clock.now().toISOString() };
    const result = await this.outbox.commit({
      writes: [
        {
          table: TABLE,
          item: next,
          condition: { kind: 'compare', attribute: 'version', op: 'eq', value: record.version, orNotExists: false },
        },
      ],
      events,
    });
    return result.committed ? next : undefined;
  }

  /** Every record the applier has handled. */
  all(): Promise<ApplicationRecord[]> {
    return collect(this.tables.scanAll(TABLE, { pageSize: 500 }));
  }
}
