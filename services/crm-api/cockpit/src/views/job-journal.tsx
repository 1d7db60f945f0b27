import { EMPLOYER_RESPONSE_KINDS } from '@jobpipe/contracts/vocabulary';
import { useState } from 'preact/hooks';
import { type Api, ApiFailure } from '../api.js';

/** One entry of a job's CRM history (`GET /jobs/{jobId}`'s `history`). */
export interface HistoryEntry {
  readonly changeId: string;
  readonly kind: 'stage' | 'note' | 'response';
  readonly from: string;
  readonly to: string;
  readonly closedReason: string | null;
  readonly note: string | null;
  readonly response: { readonly kind: string; readonly respondedAt: string; readonly interviewAt?: string | null } | null;
  readonly at: string;
  readonly by: string;
}

/** What an entry records, in words. */
function entryText(entry: HistoryEntry): string {
  const by = entry.by === 'user' ? '' : ` (by the ${entry.by})`;
  if (entry.kind === 'note') return `note${by}: ${entry.note ?? ''}`;
  if (entry.kind === 'response' && entry.response) {
    const interview = entry.response.interviewAt ? `, interview on ${new Date(entry.response.interviewAt).toLocaleString()}` : '';
    return `employer response: ${entry.response.kind}${interview}${by}${entry.note ? ` — ${entry.note}` : ''}`;
  }
  const reason = entry.closedReason ? ` as ${entry.closedReason}` : '';
  return `moved from ${entry.from} to ${entry.to}${reason}${by}${entry.note ? ` — ${entry.note}` : ''}`;
}

interface JobJournalProps {
  readonly api: Api;
  readonly jobId: string;
  readonly history: readonly HistoryEntry[];
  /** Called after a note or response was saved (the page reads the job again). */
  readonly onSaved: () => Promise<unknown>;
  readonly announce: (text: string) => void;
}

/** A job's history (stage moves, notes, employer responses), oldest first, and forms to add a note or a response. */
export function JobJournal({ api, jobId, history, onSaved, announce }: JobJournalProps) {
  const [note, setNote] = useState('');
  const [responseKind, setResponseKind] = useState<string>(EMPLOYER_RESPONSE_KINDS[0]);
  const [interviewAt, setInterviewAt] = useState('');
  const [problem, setProblem] = useState('');

  const save = async (path: string, body: unknown, done: string) => {
    setProblem('');
    try {
      await api.call(`/jobs/${encodeURIComponent(jobId)}/${path}`, { method: 'POST', body });
      announce(done);
      await onSaved();
      return true;
    } catch (failure) {
      setProblem(failure instanceof ApiFailure ? failure.message : String(failure));
      return false;
    }
  };

  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History, notes and responses</h2>
      {history.length === 0 ? (
        <p>Nothing yet.</p>
      ) : (
        <ol class="history">
          {history.map((entry) => (
            <li key={entry.changeId}>
              <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time> {entryText(entry)}
            </li>
          ))}
        </ol>
      )}
      <form
        class="journal-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (note.trim() && (await save('notes', { text: note.trim() }, 'Note added'))) setNote('');
        }}
      >
        <label>
          Note
          <textarea name="note" rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        </label>
        <button type="submit">Add note</button>
      </form>
      <form
        class="journal-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const body = {
            kind: responseKind,
            ...(responseKind === 'interview-scheduled' && interviewAt ? { interviewAt: new Date(interviewAt).toISOString() } : {}),
          };
          if (await save('responses', body, `Response recorded: ${responseKind}`)) setInterviewAt('');
        }}
      >
        <label>
          Employer response
          <select name="responseKind" value={responseKind} onChange={(event) => setResponseKind(event.currentTarget.value)}>
            {EMPLOYER_RESPONSE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </label>
        {responseKind === 'interview-scheduled' && (
          <label>
            Interview on
            <input
              type="datetime-local"
              name="interviewAt"
              value={interviewAt}
              onInput={(event) => setInterviewAt(event.currentTarget.value)}
            />
          </label>
        )}
        <button type="submit">Record response</button>
      </form>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
