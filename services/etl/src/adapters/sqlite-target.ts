import { rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { AnalyticsDatabase } from '@jobpipe/shared';
import { type Kysely, sql } from 'kysely';
import { openSqliteAnalytics } from '../db/connections.js';
import { migrateToLatest } from '../db/migrations.js';
import type { AnalyticsTarget, RebuildSlot, SqliteBuild } from './analytics-target.js';

/** Starts a fresh, migrated SQLite analytics file at `path` (any leftover file there is removed). */
export async function startSqliteBuild(path: string): Promise<SqliteBuild> {
  rmSync(path, { force: true });
  const db = openSqliteAnalytics(path, { bulk: true });
  await migrateToLatest(db);
  let open = true;
  const close = async () => {
    if (open) await db.destroy();
    open = false;
  };
  return {
    path,
    db,
    close,
    async discard() {
      await close();
      await rm(path, { force: true });
    },
  };
}

/**
 * The analytics store in one SQLite file. A rebuild writes `<file>.rebuild` and renames it over the
 * live file: readers that already have the old file open keep reading it, new readers get the new one.
 */
export class SqliteAnalyticsTarget implements AnalyticsTarget {
  readonly kind = 'sqlite' as const;
  private current: Kysely<AnalyticsDatabase> | undefined;

  constructor(readonly path: string) {}

  async live(): Promise<Kysely<AnalyticsDatabase>> {
    if (!this.current) {
      const db = openSqliteAnalytics(this.path);
      await migrateToLatest(db);
      this.current = db;
    }
    return this.current;
  }

  async prepareRebuild(): Promise<RebuildSlot> {
    const build = await startSqliteBuild(`${this.path}.rebuild`);
    return {
      db: build.db,
      sqliteBuild: build,
      swapIn: async () => {
        await build.close();
        await this.current?.destroy();
        this.current = undefined;
        // Closing the live file checkpoints its WAL into it. A WAL or journal a crashed writer left
        // beside it would be replayed into the new file: drop them.
        await Promise.all(['-wal', '-shm', '-journal'].map((suffix) => rm(`${this.path}${suffix}`, { force: true })));
        await rename(build.path, this.path);
      },
      discard: () => build.discard(),
    };
  }

  /** Writes a consistent copy of the live file to `path` (VACUUM INTO: SQLite only). */
  async exportCopy(path: string): Promise<void> {
    await rm(path, { force: true });
    await sql`VACUUM INTO ${path}`.execute(await this.live());
  }

  async close(): Promise<void> {
    await this.current?.destroy();
    this.current = undefined;
  }
}
