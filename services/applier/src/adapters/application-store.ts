import { type Clock, type TableStore, TransientError } from '@jobpipe/shared';
import { type ApplicationRecord, type ApplicationRequest, newApplicationRecord } from '../domain/application-record.js';

/** The applier's records in the `applications` table; every write is conditional. */
export class ApplicationStore {
  constructor(
    private readonly tables: TableStore,
    private readonly clock: Clock,
  ) {}

  /** The record of a request, created (or completed over crm-api's `requested` item) on first sight. */
  async recordFor(request: ApplicationRequest): Promise<ApplicationRecord> {
    const existing = await this.tables.get<ApplicationRecord>('applications', { applicationId: request.applicationId });
    if (existing && typeof existing.sessionWaits === 'number') return existing;
    const fresh = newApplicationRecord(request, existing, this.clock.now());
    const created = { ...fresh, version: fresh.version + 1 };
    const condition = existing
      ? ({ kind: 'compare', attribute: 'status', op: 'eq', value: String(existing.status), orNotExists: false } as const)
      : ({ kind: 'notExists' } as const);
    if (!(await this.tables.put('applications', created, condition))) {
      throw new TransientError('APPLICATION_RACE', `application ${request.applicationId} was written at the same time; retrying`);
    }
    return created;
  }

  /** Writes changes if nobody else wrote the record since it was read; returns the new record, or undefined. */
  async save(record: ApplicationRecord, changes: Partial<ApplicationRecord>): Promise<ApplicationRecord | undefined> {
    const next: ApplicationRecord = { ...record, ...changes, version: record.version + 1, updatedAt: this.clock.now().toISOString() };
    const written = await this.tables.put('applications', next, {
      kind: 'compare',
      attribute: 'version',
      op: 'eq',
      value: record.version,
      orNotExists: false,
    });
    return written ? next : undefined;
  }

  /** Every record the applier has handled (items crm-api created but the applier never saw are left out). */
  async all(): Promise<ApplicationRecord[]> {
    const records: ApplicationRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.tables.scan<ApplicationRecord>('applications', { limit: 500, ...(cursor ? { cursor } : {}) });
      records.push(...page.items.filter((item) => typeof item.sessionWaits === 'number'));
      cursor = page.cursor;
    } while (cursor);
    return records;
  }
}
