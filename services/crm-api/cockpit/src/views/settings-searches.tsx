import { SCRAPE_SOURCES } from '@jobpipe/contracts/vocabulary';
import cronstrue from 'cronstrue';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Api, ApiFailure } from '../api.js';
import { Field } from '../components/field.js';

/** A search of the config (`GET /config/searches`); the fields the panel shows, the rest kept as they are. */
interface Search {
  readonly id: string;
  readonly source: string;
  readonly keywords?: string;
  readonly location?: string;
  readonly boards?: readonly string[];
  readonly urls?: readonly string[];
  readonly schedule?: string;
  readonly [field: string]: unknown;
}

/** A cron schedule in words ("At 07:00 AM"), or why it cannot be read. */
export function scheduleInWords(schedule: string | undefined): string {
  if (!schedule) return 'not scheduled (run it from the API or the CLI)';
  try {
    return cronstrue.toString(schedule, { use24HourTimeFormat: true, verbose: true });
  } catch (error) {
    return `not a schedule: ${String(error)}`;
  }
}

/** What a search reads, in words. */
function targetOf(search: Search): string {
  const parts = [
    search.keywords && `"${search.keywords}"`,
    search.location && `in ${search.location}`,
    search.boards?.length && `boards ${search.boards.join(', ')}`,
    search.urls?.length && `pages ${search.urls.join(', ')}`,
  ].filter(Boolean);
  return parts.join(' ') || 'everything';
}

/** A list typed as words separated by commas or spaces. */
const listOf = (text: string) => text.split(/[\s,]+/).filter(Boolean);

interface SearchesPanelProps {
  readonly api: Api;
  readonly announce: (text: string) => void;
  /** Changes whenever a panel saved the config: read this section (and the config's version) again. */
  readonly epoch: number;
  /** Tells the other panels the config changed. */
  readonly onSaved: () => void;
}

/**
 * The config's searches with their schedule in words (cronstrue), a form to add one (the API validates
 * the whole config and its refusal is shown as it words it) and a way to remove one.
 */
export function SearchesPanel({ api, announce, epoch, onSaved }: SearchesPanelProps) {
  const [searches, setSearches] = useState<readonly Search[]>([]);
  const [version, setVersion] = useState(0);
  const [draft, setDraft] = useState({ id: '', source: 'greenhouse', keywords: '', boards: '', urls: '', schedule: '0 8 * * *' });
  const [problem, setProblem] = useState('');
  const reload = useCallback(
    () =>
      api.call<{ version: number; value: Search[] | null }>('/config/searches').then((answer) => {
        setSearches(answer.value ?? []);
        setVersion(answer.version);
      }),
    [api],
  );
  useEffect(() => void reload().catch((failure: unknown) => setProblem(String(failure))), [reload, epoch]);

  const saveAll = async (next: readonly Search[], done: string) => {
    setProblem('');
    try {
      await api.call('/config/searches', { method: 'PUT', body: { value: next, expectedVersion: version } });
      announce(done);
      onSaved();
      return true;
    } catch (failure) {
      if (failure instanceof ApiFailure) {
        const errors = (failure.details as { errors?: string[] } | null)?.errors;
        setProblem(errors?.length ? `${failure.message}: ${errors.join('; ')}` : failure.message);
      } else setProblem(String(failure));
      return false;
    }
  };
  const add = async (event: Event) => {
    event.preventDefault();
    const search: Search = {
      id: draft.id.trim(),
      source: draft.source,
      ...(draft.keywords.trim() ? { keywords: draft.keywords.trim() } : {}),
      ...(listOf(draft.boards).length ? { boards: listOf(draft.boards) } : {}),
      ...(listOf(draft.urls).length ? { urls: listOf(draft.urls) } : {}),
      ...(draft.schedule.trim() ? { schedule: draft.schedule.trim() } : {}),
    };
    if (await saveAll([...searches, search], `Search ${search.id} added`))
      setDraft({ ...draft, id: '', keywords: '', boards: '', urls: '' });
  };
  const set = (field: keyof typeof draft) => (value: string) => setDraft({ ...draft, [field]: value });

  return (
    <section class="panel" aria-labelledby="searches-title">
      <h2 id="searches-title">Searches</h2>
      <table class="fields">
        <caption>What is scraped, and when</caption>
        <thead>
          <tr>
            <th scope="col">Search</th>
            <th scope="col">Source</th>
            <th scope="col">Reads</th>
            <th scope="col">When</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {searches.map((search) => (
            <tr key={search.id}>
              <th scope="row">{search.id}</th>
              <td>{search.source}</td>
              <td>{targetOf(search)}</td>
              <td class="schedule">
                {scheduleInWords(search.schedule)} {search.schedule && <code>{search.schedule}</code>}
              </td>
              <td>
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Remove search ${search.id}`}
                  onClick={() =>
                    void saveAll(
                      searches.filter((other) => other.id !== search.id),
                      `Search ${search.id} removed`,
                    )
                  }
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="stacked" onSubmit={add} aria-label="Add a search">
        <Field label="Search id" name="searchId" required pattern="[a-z0-9\-]{1,64}" value={draft.id} onValue={set('id')} />
        <label>
          Source
          <select name="searchSource" value={draft.source} onChange={(event) => set('source')(event.currentTarget.value)}>
            {SCRAPE_SOURCES.map((source) => (
              <option key={source} value={source}>
                {source}
              </option>
            ))}
          </select>
        </label>
        <Field label="Keywords" name="keywords" value={draft.keywords} onValue={set('keywords')} />
        <Field label="Boards (comma separated)" name="boards" value={draft.boards} onValue={set('boards')} />
        <Field label="Pages (addresses, comma separated)" name="urls" value={draft.urls} onValue={set('urls')} />
        <Field label="Schedule (cron)" name="schedule" describedBy="schedule-words" value={draft.schedule} onValue={set('schedule')} />
        <p id="schedule-words" class="hint" aria-live="polite">
          {scheduleInWords(draft.schedule.trim() || undefined)}
        </p>
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
        <div class="actions">
          <button type="submit">Add search</button>
        </div>
      </form>
    </section>
  );
}
