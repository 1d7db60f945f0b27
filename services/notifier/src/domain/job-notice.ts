import type { EventDataMap } from '@jobpipe/contracts';

/** What a notification shows of one job. */
export interface JobNotice {
  readonly jobId: string;
  readonly title: string;
  readonly company: string;
  /** The posting on its job board. */
  readonly canonicalUrl: string;
  readonly score: number;
  readonly scoredAt: string;
  readonly locations: readonly string[];
  readonly remote: boolean | null;
  /** The reasons that raised the score most, best first. */
  readonly reasons: readonly string[];
}

/** Reasons a notice carries: enough to say why, short enough for a chat line. */
const NOTICE_REASONS = 3;

/** The notice of a scored job: its posting and the reasons that added the most points. */
export function noticeOfScoredJob(scored: EventDataMap['job.scored']): JobNotice {
  const reasons = scored.reasons
    .filter((reason) => reason.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, NOTICE_REASONS)
    .map((reason) => reason.text);
  return {
    jobId: scored.jobId,
    title: scored.job.title,
    company: scored.job.company,
    canonicalUrl: scored.job.canonicalUrl,
    score: scored.score,
    scoredAt: scored.scoredAt,
    locations: scored.job.locations ?? [],
    remote: scored.job.remote ?? null,
    reasons,
  };
}

/** The job's page in the cockpit (`#/jobs/<id>`, the cockpit's own route). */
export function cockpitJobLink(cockpitUrl: string, jobId: string): string {
  return `${cockpitUrl.replace(/#.*$/, '')}#/jobs/${encodeURIComponent(jobId)}`;
}

/** Where a job is, in words: its places and whether it is remote. */
export function placeOf(notice: JobNotice): string {
  const places = notice.locations.slice(0, 3).join(', ');
  if (notice.remote) return places ? `${places} · remote` : 'remote';
  return places;
}
