import './app.css';
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { apiWithKey } from './api.js';
import { initialApiKey, rememberApiKey } from './api-key.js';
import { followLive, type LiveMessage, type LiveState } from './live.js';
import { useRoute } from './router.js';
import { Board } from './views/board.js';
import { Inbox } from './views/inbox.js';
import { JobPage } from './views/job-page.js';
import { Settings } from './views/settings.js';

/** The cockpit: the key box and navigation, the view of the address, one live stream shared by the views. */
function App() {
  const [key, setKey] = useState(initialApiKey);
  const [draftKey, setDraftKey] = useState(key);
  const [tracks, setTracks] = useState<string[]>([]);
  const [liveState, setLiveState] = useState<LiveState>('closed');
  const [announcement, setAnnouncement] = useState('');
  const [keyError, setKeyError] = useState('');
  const listeners = useRef(new Set<(message: LiveMessage) => void>());
  const route = useRoute();
  const api = useMemo(() => apiWithKey(key), [key]);

  useEffect(() => {
    if (!key) return;
    setKeyError('');
    api
      .call<{ config: { tracks?: { name: string }[] } }>('/config')
      .then((answer) => setTracks((answer.config.tracks ?? []).map((track) => track.name)))
      .catch((failure: unknown) => setKeyError(failure instanceof Error ? failure.message : String(failure)));
    const deliver = (message: LiveMessage) => {
      for (const listener of listeners.current) listener(message);
    };
    return followLive(key, deliver, setLiveState);
  }, [api, key]);

  const onLive = useCallback((listener: (message: LiveMessage) => void) => {
    listeners.current.add(listener);
    return () => listeners.current.delete(listener);
  }, []);
  const announce = useCallback((text: string) => setAnnouncement(text), []);

  const useKey = (event: Event) => {
    event.preventDefault();
    rememberApiKey(draftKey.trim());
    setKey(draftKey.trim());
  };

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="#/inbox">
          jobpipe
        </a>
        <nav aria-label="Views">
          <a href="#/inbox" aria-current={route.view === 'inbox' ? 'page' : undefined}>
            Inbox
          </a>
          <a href="#/board" aria-current={route.view === 'board' ? 'page' : undefined}>
            Board
          </a>
          <a href="#/settings" aria-current={route.view === 'settings' ? 'page' : undefined}>
            Settings
          </a>
          <a href="/dashboard">Dashboard</a>
          <a href="/docs">API</a>
        </nav>
        <span class={`live live-${liveState}`} role="status" aria-label={`live updates ${liveState}`}>
          {liveState === 'open' ? 'live' : liveState}
        </span>
        <form class="key-form" onSubmit={useKey}>
          <label for="api-key">API key</label>
          <input
            id="api-key"
            name="api-key"
            type="password"
            autoComplete="off"
            value={draftKey}
            onInput={(event) => setDraftKey(event.currentTarget.value)}
          />
          <button type="submit">Use key</button>
        </form>
      </header>
      <main id="main" tabIndex={-1}>
        {keyError && (
          <p class="error" role="alert">
            {keyError}
          </p>
        )}
        {!key ? (
          <p class="empty">Paste an API key above (create one with `jobpipe apikey create`), or open the link `npm start` prints.</p>
        ) : route.view === 'board' ? (
          <Board api={api} onLive={onLive} announce={announce} />
        ) : route.view === 'settings' ? (
          <Settings api={api} announce={announce} />
        ) : route.view === 'job' ? (
          <JobPage api={api} jobId={route.jobId} onLive={onLive} announce={announce} />
        ) : (
          <Inbox api={api} tracks={tracks} onLive={onLive} announce={announce} />
        )}
      </main>
      <p class="announcer" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}

render(<App />, document.getElementById('root') as HTMLElement);
document.body.dataset.ready = 'true';
