import type { AnalyticsDatabase } from '@jobpipe/shared';
import type { Kysely } from 'kysely';

/** A SQLite analytics file being built; `close()` leaves the finished file at `path`. */
export interface SqliteBuild {
  readonly path: string;
  readonly db: Kysely<AnalyticsDatabase>;
  close(): Promise<void>;
  discard(): Promise<void>;
}

/** An analytics database built beside the live one by a full rebuild. */
export interface RebuildSlot {
  readonly db: Kysely<AnalyticsDatabase>;
  /** Present when the slot is itself a SQLite file (then it is also the snapshot to publish). */
  readonly sqliteBuild?: SqliteBuild;
  /** Replaces the live database with this one, atomically for readers. */
  swapIn(): Promise<void>;
  /** Throws the half-built database away. */
  discard(): Promise<void>;
}

/** Where the analytics schema lives: a SQLite file (default) or a PostgreSQL schema. */
export interface AnalyticsTarget {
  readonly kind: 'sqlite' | 'postgres';
  /** The live database, opened and migrated on first use. */
  live(): Promise<Kysely<AnalyticsDatabase>>;
  /** An empty, migrated database beside the live one, for a full rebuild. */
  prepareRebuild(): Promise<RebuildSlot>;
  close(): Promise<void>;
}
