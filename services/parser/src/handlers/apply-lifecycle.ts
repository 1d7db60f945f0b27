import type { HandlerContext, OutgoingEvent } from '@jobpipe/shared';
import { TransientError } from '@jobpipe/shared';
import type { JobItem, JobsRepository } from '../adapters/jobs-repository.js';
import type { LifecycleChange } from '../domain/lifecycle.js';

/** What a lifecycle pass over jobs changed. */
export interface LifecycleCounts {
  readonly jobs: number;
  readonly closed: number;
  readonly reopened: number;
  readonly updated: number;
}

/** The `job.closed` / `job.reopened` a lifecycle change announces. */
export function eventsOf(change: LifecycleChange): OutgoingEvent[] {
  if (change.kind === 'close') return [{ detailType: 'job.closed', data: change.event }];
  if (change.kind === 'reopen') return [{ detailType: 'job.reopened', data: change.event }];
  return [];
}

/** The job item as a close or reopen leaves it (a reopen drops the close); the item itself for any other change. */
export function itemAfter(current: JobItem, change: LifecycleChange): JobItem {
  if (change.kind === 'none') return current;
  const { closedAt: _closedAt, closeReason: _closeReason, ...open } = current;
  return { ...(change.kind === 'reopen' ? open : current), ...change.lifecycle } as JobItem;
}

/**
 * Applies a lifecycle decision to each job (a full import; a scrape run's sweep also decides ghost
 * flags, so it has a loop of its own): each change is
 * decided again on the job as it is now, in turn with any new version of it being stored, and written
 * with its `job.closed` / `job.reopened` in one commit. A job written meanwhile fails the commit's
 * condition; the sweep then ends with a TransientError, so the redelivery decides those jobs again
 * (a decision already applied decides `none` the second time).
 */
export async function applyLifecycle(
  repository: JobsRepository,
  jobs: readonly JobItem[],
  decide: (job: JobItem) => LifecycleChange,
  caused: HandlerContext['caused'],
): Promise<LifecycleCounts> {
  const counts = { jobs: jobs.length, closed: 0, reopened: 0, updated: 0 };
  let conflicts = 0;
  for (const job of jobs) {
    if (decide(job).kind === 'none') continue;
    const turn = { jobId: job.jobId, dedupeKey: job.dedupeKey, textFingerprint: job.textFingerprint ?? null };
    const outcome = await repository.inTurn(turn, async () => {
      const current = await repository.get(job.jobId);
      if (!current) return 'none';
      const change = decide(current);
      if (change.kind === 'none') return 'none';
      return (await repository.storeLifecycle(itemAfter(current, change), caused(eventsOf(change)))) ? change.kind : 'conflict';
    });
    if (outcome === 'conflict') conflicts++;
    else if (outcome === 'close') counts.closed++;
    else if (outcome === 'reopen') counts.reopened++;
    else if (outcome === 'update') counts.updated++;
  }
  if (conflicts > 0)
    throw new TransientError('JOB_WRITE_CONFLICT', `${conflicts} job(s) changed during the lifecycle sweep; sweeping again`);
  return counts;
}
