import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Api, ApiFailure } from '../api.js';
import { ageOf, salaryOf, scoreOf } from '../format.js';
import { type JobSummary, jobLink, type ScoreReason } from '../jobs.js';
import type { LiveMessage } from '../live.js';

/** `GET /jobs/{jobId}` as the job page reads it. */
interface JobDetail {
  readonly jobId: string;
  readonly summary: JobSummary | null;
  readonly details: Record<string, unknown> | null;
  readonly description: { readonly html: string; readonly text: string };
  readonly reasons: ScoreReason[];
  readonly crm: { readonly stage: string; readonly closedReason: string | null; readonly allowedNext: string[] };
  readonly history: {
    readonly changeId: string;
    readonly kind: string;
    readonly to: string;
    readonly at: string;
    readonly text?: string;
  }[];
  readonly duplicates: { readonly jobId: string; readonly title: string; readonly company: string; readonly url: string }[];
}

const CLOSING_REASONS = ['not-interested', 'rejected', 'withdrawn', 'expired', 'hired'];

interface JobPageProps {
  readonly api: Api;
  readonly jobId: string;
  readonly onLive: (listener: (message: LiveMessage) => void) => () => void;
  readonly announce: (text: string) => void;
}

/** One job: its score and reasons, stage and the moves allowed from it, description, duplicates, history. */
export function JobPage({ api, jobId, onLive, announce }: JobPageProps) {
  const [job, setJob] = useState<JobDetail | undefined>();
  const [error, setError] = useState('');
  const [closedReason, setClosedReason] = useState(CLOSING_REASONS[0] as string);

  const reload = useCallback(
    () =>
      api
        .call<JobDetail>(`/jobs/${encodeURIComponent(jobId)}`)
        .then(setJob)
        .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure))),
    [api, jobId],
  );
  useEffect(() => {
    setJob(undefined);
    setError('');
    void reload();
  }, [reload]);
  useEffect(() => onLive((message) => message.data.jobId === jobId && void reload()), [onLive, jobId, reload]);

  const move = async (to: string) => {
    try {
      await api.call(`/jobs/${encodeURIComponent(jobId)}/stage`, {
        method: 'POST',
        body: to === 'closed' ? { to, closedReason } : { to },
      });
      announce(`Moved to ${to}`);
      await reload();
    } catch (failure) {
      announce(failure instanceof ApiFailure ? failure.message : String(failure));
    }
  };

  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!job) return <p aria-busy="true">Loading…</p>;
  const summary = job.summary;
  return (
    <article class="job-page" aria-labelledby="job-title">
      <p>
        <a href="#/inbox">← Inbox</a>
      </p>
      <h1 id="job-title">{summary?.title ?? String(job.details?.title ?? job.jobId)}</h1>
      {summary && (
        <p class="job-facts">
          {summary.company} · {summary.locations.join(', ') || 'location not given'}
          {summary.remote ? ' · remote' : ''} · {salaryOf(summary.annualSalaryMax, summary.salaryCurrency)} · {summary.source} · posted{' '}
          {ageOf(summary.postedAt)} ·{' '}
          <a href={summary.url} rel="noopener noreferrer" target="_blank">
            the posting
          </a>
        </p>
      )}
      <section aria-labelledby="stage-title">
        <h2 id="stage-title">Stage: {job.crm.stage}</h2>
        {job.crm.closedReason && <p>Closed as {job.crm.closedReason}</p>}
        <div class="actions">
          {job.crm.allowedNext.map((stage) => (
            <button key={stage} type="button" class={stage === 'closed' ? 'secondary' : ''} onClick={() => void move(stage)}>
              Move to {stage}
            </button>
          ))}
          {job.crm.allowedNext.includes('closed') && (
            <label>
              Closing reason
              <select value={closedReason} onChange={(event) => setClosedReason(event.currentTarget.value)}>
                {CLOSING_REASONS.map((reason) => (
                  <option key={reason} value={reason}>
                    {reason}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      </section>
      {summary && (
        <section aria-labelledby="score-title">
          <h2 id="score-title">
            Score {scoreOf(summary.score)} ({summary.track ?? 'no track'})
          </h2>
          <ul class="reasons">
            {job.reasons.map((reason) => (
              <li key={reason.text}>
                <span class={reason.points >= 0 ? 'points plus' : 'points minus'}>
                  {reason.points >= 0 ? '+' : ''}
                  {scoreOf(reason.points)}
                </span>{' '}
                {reason.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      {job.duplicates.length > 0 && (
        <section aria-labelledby="duplicates-title">
          <h2 id="duplicates-title">Also on</h2>
          <ul>
            {job.duplicates.map((duplicate) => (
              <li key={duplicate.jobId}>
                <a href={jobLink(duplicate.jobId)}>
                  {duplicate.jobId.split(':')[0]}: {duplicate.title} at {duplicate.company}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="description-title">
        <h2 id="description-title">Description</h2>
        <div class="description">
          {job.description.text.split(/\n{2,}/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {job.history.length === 0 ? (
          <p>Nothing yet.</p>
        ) : (
          <ol class="history">
            {job.history.map((entry) => (
              <li key={entry.changeId}>
                {new Date(entry.at).toLocaleString()}:{' '}
                {entry.kind === 'stage' ? `moved to ${entry.to}` : `${entry.kind} ${entry.text ?? entry.to}`}
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
