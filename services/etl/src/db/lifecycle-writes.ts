import { sql } from 'kysely';
import type { FlagSetFact, LifecycleFact } from '../domain/analytics-rows.js';
import { chunked, type Db, executeRows } from './warehouse-writes.js';

/**
 * Upserts jobs' open/closed state: a change replaces the stored one only when it happened later (at the
 * same time, a reopening wins), so a duplicated or late `job.closed` never closes a reopened job again.
 */
export async function upsertLifecycle(db: Db, facts: readonly LifecycleFact[]): Promise<void> {
  for (const chunk of chunked(facts, 10)) {
    await executeRows(db, 'upsert lifecycle', chunk, (rows) =>
      db
        .insertInto('job_lifecycle')
        .values([...rows])
        .onConflict((conflict) =>
          conflict
            .column('job_id')
            .doUpdateSet((eb) => ({
              status: eb.ref('excluded.status'),
              status_at: eb.ref('excluded.status_at'),
              first_seen_at: sql<string | null>`COALESCE(excluded.first_seen_at, job_lifecycle.first_seen_at)`,
              first_seen_days: sql<number | null>`COALESCE(excluded.first_seen_days, job_lifecycle.first_seen_days)`,
              closed_at: eb.ref('excluded.closed_at'),
              closed_at_days: eb.ref('excluded.closed_at_days'),
              close_reason: eb.ref('excluded.close_reason'),
              days_to_close: eb.ref('excluded.days_to_close'),
            }))
            .where((eb) =>
              eb.or([
                eb('excluded.status_at', '>', eb.ref('job_lifecycle.status_at')),
                eb.and([eb('excluded.status_at', '=', eb.ref('job_lifecycle.status_at')), eb('excluded.status', '=', sql.lit('open'))]),
              ]),
            ),
        ),
    );
  }
}

/**
 * Replaces jobs' ghost-flag sets with sets decided at the same time or later (an older `job.flagged`
 * arriving late changes nothing). A set holds each criterion once.
 */
export async function replaceFlagSets(db: Db, sets: readonly FlagSetFact[]): Promise<void> {
  if (sets.length === 0) return;
  const stored = new Map<string, string>();
  for (const chunk of chunked(sets, 1)) {
    const rows = await db
      .selectFrom('job_flag_sets')
      .select(['job_id', 'flagged_at'])
      .where(
        'job_id',
        'in',
        chunk.map((set) => set.job_id),
      )
      .execute();
    for (const row of rows) stored.set(row.job_id, row.flagged_at);
  }
  const latest = new Map<string, FlagSetFact>();
  for (const set of sets) {
    const known = latest.get(set.job_id)?.flagged_at ?? stored.get(set.job_id);
    if (known === undefined || set.flagged_at >= known) latest.set(set.job_id, set);
  }
  const newer = [...latest.values()];
  if (newer.length === 0) return;
  for (const chunk of chunked(newer, 1)) {
    const jobIds = chunk.map((set) => set.job_id);
    await db.deleteFrom('job_ghost_flags').where('job_id', 'in', jobIds).execute();
    await db.deleteFrom('job_flag_sets').where('job_id', 'in', jobIds).execute();
  }
  const flagRows = newer.flatMap((set) => {
    const byKind = new Map<string, string>();
    for (const flag of set.flags) {
      const earlier = byKind.get(flag.kind);
      if (earlier === undefined || flag.since < earlier) byKind.set(flag.kind, flag.since);
    }
    return [...byKind].map(([kind, since]) => ({ job_id: set.job_id, kind, since }));
  });
  const setRows = newer.map((set) => ({ job_id: set.job_id, flagged_at: set.flagged_at }));
  for (const chunk of chunked(setRows, 2))
    await executeRows(db, 'insert flag sets', chunk, (rows) => db.insertInto('job_flag_sets').values([...rows]));
  for (const chunk of chunked(flagRows, 3))
    await executeRows(db, 'insert ghost flags', chunk, (rows) => db.insertInto('job_ghost_flags').values([...rows]));
}
