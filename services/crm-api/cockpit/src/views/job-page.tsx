import { CLOSED_REASONS } from '@jobpipe/contracts/vocabulary';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Api, ApiFailure } from '../api.js';
import { ScoreReasons } from '../components/score-reasons.js';
import { ageOf, salaryOf, scoreOf } from '../format.js';
import { type JobSummary, jobLink, type ScoreReason } from '../jobs.js';
import type { LiveMessage } from '../live.js';
import { JobApplications } from './job-applications.js';
import { JobFields } from './job-fields.js';
import { type HistoryEntry, JobJournal } from './job-journal.js';
import { JobPosting, type PostingState } from './job-posting.js';

/** `GET /jobs/{jobId}` as the job page reads it. */
interface JobDetail {
  readonly jobId: string;
  readonly summary: (JobSummary & PostingState) | null;
  readonly details: Record<string, unknown> | null;
  readonly description: { readonly html: string; readonly text: string };
  readonly reasons: ScoreReason[];
  readonly crm: {
    readonly stage: string;
    readonly closedReason: string | null;
    readonly allowedNext: string[];
    readonly responses: number;
  };
  readonly history: HistoryEntry[];
  readonly duplicates: { readonly jobId: string; readonly title: string; readonly company: string; readonly url: string }[];
}

interface JobPageProps {
  readonly api: Api;
  readonly jobId: string;
  readonly onLive: (listener: (message: LiveMessage) => void) => () => void;
  readonly announce: (text: string) => void;
}

/** The description as the parser sanitized it (its HTML), or its text in paragraphs when there is no HTML. */
function Description({ description }: { readonly description: JobDetail['description'] }) {
  if (description.html.trim() !== '')
    // The parser keeps only harmless markup (sanitize-html), and the page's CSP runs no inline script.
    return <div class="description" dangerouslySetInnerHTML={{ __html: description.html }} />;
  return (
    <div class="description">
      {description.text.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </div>
  );
}

/**
 * One job: its facts, stage and the moves allowed from it, score reasons, applications (apply, dry run,
 * evidence), every field with its provenance, duplicates, the description, and its history with notes
 * and employer responses. Reads the job again when a live message about it arrives.
 */
export function JobPage({ api, jobId, onLive, announce }: JobPageProps) {
  const [job, setJob] = useState<JobDetail | undefined>();
  const [error, setError] = useState('');
  const [closedReason, setClosedReason] = useState<string>('not-interested');
  const [version, setVersion] = useState(0);

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
  useEffect(
    () =>
      onLive((message) => {
        if (message.data.jobId !== jobId) return;
        setVersion((current) => current + 1);
        void reload();
      }),
    [onLive, jobId, reload],
  );

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
  const provenance = (job.details?.provenance ?? {}) as Record<string, string>;
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
        {job.crm.responses > 0 && <p>{job.crm.responses} employer response(s) recorded</p>}
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
                {CLOSED_REASONS.map((reason) => (
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
          <ScoreReasons reasons={job.reasons} />
        </section>
      )}
      {summary && <JobPosting api={api} jobId={jobId} posting={summary} onChanged={reload} announce={announce} />}
      <JobApplications api={api} jobId={jobId} stage={job.crm.stage} version={version} announce={announce} />
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
        {provenance.description && (
          <p class="hint">
            From <code>{provenance.description}</code>, sanitized
          </p>
        )}
        <Description description={job.description} />
      </section>
      {job.details && (
        <section aria-labelledby="fields-title">
          <h2 id="fields-title">Fields</h2>
          <JobFields details={job.details} />
        </section>
      )}
      <JobJournal api={api} jobId={jobId} history={job.history} onSaved={reload} announce={announce} />
    </article>
  );
}
