import { useState } from 'preact/hooks';
import type { Api } from '../api.js';
import { ApiKeysPanel } from './settings-api-keys.js';
import { NotificationsPanel } from './settings-notifications.js';
import { SearchesPanel } from './settings-searches.js';
import { SheetsPanel } from './settings-sheets.js';
import { SitesPanel } from './settings-sites.js';
import { SourcesPanel } from './settings-sources.js';
import { TracksPanel } from './settings-tracks.js';

interface SettingsProps {
  readonly api: Api;
  readonly announce: (text: string) => void;
}

/**
 * Settings, one panel each: sites for auto-apply (credentials straight to the secret store, session
 * state, log in again), searches (schedule in words), sources (last run coverage, add from a URL), tracks
 * and keywords, notification targets, the Google Sheets connection and API keys. Each panel reads and
 * saves its own config section or route.
 */
export function Settings({ api, announce }: SettingsProps) {
  // Every panel saves the whole config's next version: after one saves, the others read theirs again.
  const [epoch, setEpoch] = useState(0);
  const onSaved = () => setEpoch((current) => current + 1);
  return (
    <section class="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <SitesPanel api={api} announce={announce} />
      <SearchesPanel api={api} announce={announce} epoch={epoch} onSaved={onSaved} />
      <SourcesPanel api={api} announce={announce} epoch={epoch} onSaved={onSaved} />
      <TracksPanel api={api} announce={announce} epoch={epoch} onSaved={onSaved} />
      <NotificationsPanel api={api} announce={announce} epoch={epoch} onSaved={onSaved} />
      <SheetsPanel api={api} announce={announce} />
      <ApiKeysPanel api={api} announce={announce} />
    </section>
  );
}
