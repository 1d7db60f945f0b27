import type { AnalyticsDatabase } from '@jobpipe/shared';
import { type Kysely, sql } from 'kysely';
import { openPostgresAnalytics } from '../db/connections.js';
import { migrateToLatest } from '../db/migrations.js';
import type { AnalyticsTarget, RebuildSlot } from './analytics-target.js';

/**
 * The analytics store as a PostgreSQL schema. A rebuild fills `<schema>_rebuild`, then one transaction
 * renames the live schema away, renames the rebuild schema to the live name and drops the old one;
 * readers resolve names through their search path, so their next query sees the new data.
 */
export class PostgresAnalyticsTarget implements AnalyticsTarget {
  readonly kind = 'postgres' as const;
  private current: Kysely<AnalyticsDatabase> | undefined;

  constructor(
    private readonly connectionString: string,
    readonly schema: string,
  ) {}

  async live(): Promise<Kysely<AnalyticsDatabase>> {
    if (!this.current) {
      const db = openPostgresAnalytics(this.connectionString, this.schema);
      await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(this.schema)}`.execute(db);
      await migrateToLatest(db, this.schema);
      this.current = db;
    }
    return this.current;
  }

  async prepareRebuild(): Promise<RebuildSlot> {
    const live = await this.live();
    const rebuildSchema = `${this.schema}_rebuild`;
    const oldSchema = `${this.schema}_old`;
    await sql`DROP SCHEMA IF EXISTS ${sql.id(rebuildSchema)} CASCADE`.execute(live);
    await sql`CREATE SCHEMA ${sql.id(rebuildSchema)}`.execute(live);
    const db = openPostgresAnalytics(this.connectionString, rebuildSchema);
    let open = true;
    const close = async () => {
      if (open) await db.destroy();
      open = false;
    };
    try {
      await migrateToLatest(db, rebuildSchema);
    } catch (error) {
      await close();
      throw error;
    }
    return {
      db,
      swapIn: async () => {
        await close();
        await live.transaction().execute(async (trx) => {
          await sql`DROP SCHEMA IF EXISTS ${sql.id(oldSchema)} CASCADE`.execute(trx);
          await sql`ALTER SCHEMA ${sql.id(this.schema)} RENAME TO ${sql.id(oldSchema)}`.execute(trx);
          await sql`ALTER SCHEMA ${sql.id(rebuildSchema)} RENAME TO ${sql.id(this.schema)}`.execute(trx);
          await sql`DROP SCHEMA ${sql.id(oldSchema)} CASCADE`.execute(trx);
        });
      },
      discard: async () => {
        await close();
        await sql`DROP SCHEMA IF EXISTS ${sql.id(rebuildSchema)} CASCADE`.execute(live);
      },
    };
  }

  async close(): Promise<void> {
    await this.current?.destroy();
    this.current = undefined;
  }
}
