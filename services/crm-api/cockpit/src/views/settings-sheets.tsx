import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Api, failureMessage } from '../api.js';
import { Field } from '../components/field.js';
import { ageOf } from '../format.js';

/** The connection as `GET /sheets/connection` shows it (never the key), with the bridge's last sync. */
interface SheetsConnection {
  readonly configured: boolean;
  readonly credentialsStored: boolean;
  readonly serviceAccount: string | null;
  readonly spreadsheetId: string | null;
  readonly lastSync: {
    readonly spreadsheetId: string;
    readonly syncedAt: string;
    readonly outcome: 'ok' | 'failed';
    readonly rowsWritten: number;
    readonly editsRead: number;
    readonly error: string | null;
    readonly lastSucceededAt: string | null;
    readonly failuresInRow: number;
  } | null;
}

interface SheetsPanelProps {
  readonly api: Api;
  readonly announce: (text: string) => void;
}

/** The connection's state in words. */
function connectionWords(connection: SheetsConnection | null): string {
  if (!connection) return 'Reading…';
  if (!connection.configured) {
    return connection.credentialsStored ? 'Not connected: no spreadsheet is stored.' : 'Not connected: no service-account key is stored.';
  }
  return `Connected to spreadsheet ${connection.spreadsheetId}${connection.serviceAccount ? ` as ${connection.serviceAccount}` : ''}.`;
}

/** How the bridge's last sync went, in words. */
function lastSyncWords(connection: SheetsConnection | null): string {
  const last = connection?.lastSync;
  if (!connection?.configured) return '';
  if (!last) return 'No sync yet: the bridge syncs when a job is scored or moved, and reads the sheet every minute.';
  const other = last.spreadsheetId === connection.spreadsheetId ? '' : ` with spreadsheet ${last.spreadsheetId}`;
  if (last.outcome === 'ok')
    return `Last sync${other} ${ageOf(last.syncedAt)}: ${last.rowsWritten} rows written, ${last.editsRead} edits read from the sheet.`;
  const success = last.lastSucceededAt ? `last success ${ageOf(last.lastSucceededAt)}` : 'no sync has succeeded yet';
  return `Last sync${other} failed ${ageOf(last.syncedAt)} (${last.failuresInRow} in a row; ${success}): ${last.error ?? 'no reason recorded'}`;
}

/**
 * The Google Sheets connection: whether the sheets bridge has a service account's key and a spreadsheet
 * (`GET /sheets/connection`) and how its last sync went, and the form that stores them (`PUT /sheets/connection`): the key file is
 * read in the page and sent once, never shown; the API checks it has what the bridge signs in with.
 */
export function SheetsPanel({ api, announce }: SheetsPanelProps) {
  const [connection, setConnection] = useState<SheetsConnection | null>(null);
  const [spreadsheet, setSpreadsheet] = useState('');
  const [keyFile, setKeyFile] = useState<File | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [error, setError] = useState('');
  const reload = useCallback(
    () =>
      api
        .call<SheetsConnection>('/sheets/connection')
        .then(setConnection)
        .catch((failure: unknown) => setError(failureMessage(failure))),
    [api],
  );
  useEffect(() => void reload(), [reload]);

  const save = async (event: Event) => {
    event.preventDefault();
    setError('');
    if (!keyFile) return setError('choose the JSON key file of the service account');
    try {
      const saved = await api.call<SheetsConnection>('/sheets/connection', {
        method: 'PUT',
        body: { credentials: await keyFile.text(), spreadsheet },
      });
      setConnection(saved);
      setKeyFile(null);
      setFormKey((current) => current + 1); // a new file input: the chosen file is forgotten
      announce(`Google Sheets: ${connectionWords(saved)}`);
    } catch (failure) {
      setError(failureMessage(failure));
    }
  };

  return (
    <section class="panel" aria-labelledby="sheets-title">
      <h2 id="sheets-title">Google Sheets</h2>
      <p class="status-line sheets-status">{connectionWords(connection)}</p>
      {lastSyncWords(connection) && <p class="status-line sheets-last-sync">{lastSyncWords(connection)}</p>}
      <p class="hint">
        The sheets bridge keeps a tab named <code>Jobs</code> of the spreadsheet in step with the CRM, and turns stage edits made there into
        stage changes. Create a service account in the Google Cloud console with the Sheets API enabled, download its JSON key, and share
        the spreadsheet with the service account's address as an editor. The key goes straight to the secret store and is never shown back;
        the bridge uses it from its next sync, within a minute (no restart needed).
      </p>
      <form class="stacked" aria-label="Connect a spreadsheet" onSubmit={save}>
        <Field
          label="Spreadsheet (its id or address)"
          name="spreadsheet"
          required
          placeholder="docs.google.com/spreadsheets/d/…"
          value={spreadsheet}
          onValue={setSpreadsheet}
        />
        <label>
          Service-account key (JSON file)
          <input
            key={formKey}
            name="keyFile"
            type="file"
            accept="application/json,.json"
            required
            onChange={(event) => setKeyFile(event.currentTarget.files?.[0] ?? null)}
          />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="submit">Connect</button>
        </div>
      </form>
    </section>
  );
}
