import { useState } from 'preact/hooks';
import { type Api, failureMessage } from '../api.js';

/** A ghost-risk flag as `GET /jobs/{jobId}` shows it: dismissed ones carry when. */
export interface ShownGhostFlag {
  readonly kind: string;
  readonly detail: string;
  readonly since: string;
  readonly dismissedAt?: string;
}

/** The posting's lifecycle as `GET /jobs/{jobId}` gives it (closedAt and closeReason only on a closed one). */
export interface PostingState {
  readonly closedAt?: string;
  readonly closeReason?: string;
  readonly ghostFlags?: readonly ShownGhostFlag[];
}

/** Why a posting closed, in words. */
const CLOSE_REASONS: Readonly<Record<string, string>> = {
  'missing-from-complete-reads': 'it was missing from two complete reads of its searches',
  expired: 'its closing date passed',
  'source-says-closed': 'its source says it is closed',
  user: 'you closed it',
  'left-out-of-full-import': 'a full import left it out',
};

interface JobPostingProps {
  readonly api: Api;
  readonly jobId: string;
  readonly posting: PostingState;
  /** Reads the job again after a change. */
  readonly onChanged: () => Promise<void>;
  readonly announce: (text: string) => void;
}

const day = (iso: string) => new Date(iso).toLocaleDateString();

/**
 * The posting's state: open, or closed and why, with a button to close it as the user's decision or to
 * take a close back (the parser applies both: the API answers 202 and the page says so until it has);
 * and its ghost-risk flags, each with the figures that made it fire and a button to dismiss it (still
 * shown, marked dismissed, costing no points) or restore it. A refused request is said in the API's words.
 */
export function JobPosting({ api, jobId, posting, onChanged, announce }: JobPostingProps) {
  const [error, setError] = useState('');
  const [requested, setRequested] = useState('');
  const closed = posting.closedAt !== undefined;
  const flags = posting.ghostFlags ?? [];

  const post = async (path: string, done: string, waiting?: string) => {
    setError('');
    try {
      await api.call(`/jobs/${encodeURIComponent(jobId)}${path}`, { method: 'POST' });
      announce(done);
      setRequested(waiting ?? '');
      await onChanged();
    } catch (failure) {
      setError(failureMessage(failure));
    }
  };

  return (
    <section aria-labelledby="posting-title" class="job-posting">
      <h2 id="posting-title">Posting: {closed ? 'closed' : 'open'}</h2>
      {closed && (
        <p class="closure">
          Closed on {day(posting.closedAt as string)}: {CLOSE_REASONS[posting.closeReason ?? ''] ?? posting.closeReason}
        </p>
      )}
      <div class="actions">
        {closed ? (
          <button
            type="button"
            class="secondary"
            onClick={() => void post('/reopen', 'Reopen requested', 'Reopen requested: the posting opens again once it is recorded.')}
          >
            Reopen the posting
          </button>
        ) : (
          <button
            type="button"
            class="secondary"
            onClick={() => void post('/close', 'Close requested', 'Close requested: the posting closes once it is recorded.')}
          >
            Close the posting
          </button>
        )}
      </div>
      {requested && (
        <p class="requested" role="status">
          {requested}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {flags.length > 0 && (
        <>
          <h3>Ghost-risk flags</h3>
          <ul class="ghost-flags">
            {flags.map((flag) => {
              const action = flag.dismissedAt ? 'restore' : 'dismiss';
              const done = flag.dismissedAt ? 'restored' : 'dismissed';
              return (
                <li key={flag.kind} class={flag.dismissedAt ? 'flag dismissed' : 'flag'}>
                  <strong>{flag.kind}</strong>: {flag.detail} (since {day(flag.since)}){' '}
                  {flag.dismissedAt && <span class="hint">dismissed on {day(flag.dismissedAt)}, costs no points </span>}
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => void post(`/flags/${encodeURIComponent(flag.kind)}/${action}`, `Flag ${flag.kind} ${done}`)}
                  >
                    {flag.dismissedAt ? 'Restore' : 'Dismiss'} {flag.kind}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
