import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Api, ApiFailure } from '../api.js';
import { Field } from '../components/field.js';

/** A weighted keyword of a track. */
interface Keyword {
  readonly term: string;
  readonly weight: number;
}

/** A track of the config (`GET /config/tracks`); fields the panel does not edit are kept as they are. */
interface Track {
  readonly name: string;
  readonly titleKeywords: readonly Keyword[];
  readonly bodyKeywords: readonly Keyword[];
  readonly [field: string]: unknown;
}

type Place = 'titleKeywords' | 'bodyKeywords';

/** One list of a track's keywords, each removable. */
function KeywordList({ track, place, onRemove }: { track: Track; place: Place; onRemove: (term: string) => void }) {
  const where = place === 'titleKeywords' ? 'title' : 'body';
  return (
    <p>
      In the {where}:{' '}
      {track[place].length === 0
        ? 'none'
        : track[place].map((keyword) => (
            <span key={keyword.term} class="keyword">
              {keyword.term} <span class="points plus">+{keyword.weight}</span>
              <button
                type="button"
                class="secondary inline"
                aria-label={`Remove ${keyword.term} from the ${where} keywords of ${track.name}`}
                onClick={() => onRemove(keyword.term)}
              >
                ×
              </button>
            </span>
          ))}
    </p>
  );
}

interface TracksPanelProps {
  readonly api: Api;
  readonly announce: (text: string) => void;
  /** Changes whenever a panel saved the config: read this section (and the config's version) again. */
  readonly epoch: number;
  /** Tells the other panels the config changed. */
  readonly onSaved: () => void;
}

/** The config's tracks with their title and body keywords and weights; keywords added and removed here. */
export function TracksPanel({ api, announce, epoch, onSaved }: TracksPanelProps) {
  const [tracks, setTracks] = useState<readonly Track[]>([]);
  const [version, setVersion] = useState(0);
  const [draft, setDraft] = useState({ track: '', place: 'titleKeywords' as Place, term: '', weight: '10' });
  const [problem, setProblem] = useState('');
  const reload = useCallback(
    () =>
      api.call<{ version: number; value: Track[] | null }>('/config/tracks').then((answer) => {
        setTracks(answer.value ?? []);
        setVersion(answer.version);
      }),
    [api],
  );
  useEffect(() => void reload().catch((failure: unknown) => setProblem(String(failure))), [reload, epoch]);

  const saveAll = async (next: readonly Track[], done: string) => {
    setProblem('');
    try {
      await api.call('/config/tracks', { method: 'PUT', body: { value: next, expectedVersion: version } });
      announce(done);
      onSaved();
      return true;
    } catch (failure) {
      const errors = failure instanceof ApiFailure ? (failure.details as { errors?: string[] } | null)?.errors : undefined;
      setProblem(errors?.length ? `${(failure as Error).message}: ${errors.join('; ')}` : String((failure as Error).message ?? failure));
      return false;
    }
  };
  const change = (name: string, place: Place, keywords: (list: readonly Keyword[]) => readonly Keyword[]) =>
    tracks.map((track) => (track.name === name ? { ...track, [place]: keywords(track[place]) } : track));
  const add = async (event: Event) => {
    event.preventDefault();
    const name = draft.track || tracks[0]?.name || '';
    const keyword = { term: draft.term.trim().toLowerCase(), weight: Number(draft.weight) };
    const next = change(name, draft.place, (list) => [...list.filter((other) => other.term !== keyword.term), keyword]);
    if (await saveAll(next, `Added ${keyword.term} to ${name}`)) setDraft({ ...draft, term: '' });
  };

  return (
    <section class="panel" aria-labelledby="tracks-title">
      <h2 id="tracks-title">Tracks and keywords</h2>
      {tracks.map((track) => (
        <div key={track.name} class="track">
          <h3>{track.name}</h3>
          {(['titleKeywords', 'bodyKeywords'] as const).map((place) => (
            <KeywordList
              key={place}
              track={track}
              place={place}
              onRemove={(term) =>
                void saveAll(
                  change(track.name, place, (list) => list.filter((keyword) => keyword.term !== term)),
                  `Removed ${term}`,
                )
              }
            />
          ))}
        </div>
      ))}
      <form class="journal-form" onSubmit={add} aria-label="Add a keyword">
        <label>
          Track
          <select name="track" value={draft.track} onChange={(event) => setDraft({ ...draft, track: event.currentTarget.value })}>
            {tracks.map((track) => (
              <option key={track.name} value={track.name}>
                {track.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Where
          <select name="place" value={draft.place} onChange={(event) => setDraft({ ...draft, place: event.currentTarget.value as Place })}>
            <option value="titleKeywords">title</option>
            <option value="bodyKeywords">body</option>
          </select>
        </label>
        <Field label="Keyword" name="term" required value={draft.term} onValue={(term) => setDraft({ ...draft, term })} />
        <Field
          label="Weight"
          name="weight"
          type="number"
          required
          value={draft.weight}
          onValue={(weight) => setDraft({ ...draft, weight })}
        />
        <button type="submit">Add keyword</button>
      </form>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
