import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Api, failureMessage } from '../api.js';
import { Field } from '../components/field.js';
import { ageOf } from '../format.js';

/** A key as `GET /api-keys` lists it (never the key itself). */
interface ApiKeyView {
  readonly keyId: string;
  readonly name: string;
  readonly scope: 'read' | 'write';
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

interface ApiKeysPanelProps {
  readonly api: Api;
  readonly announce: (text: string) => void;
}

/** The id part of a key (`jp_<id>_<secret>`), to tell which listed key this page uses. */
const keyIdOf = (key: string) => /^jp_([A-Za-z0-9]{12})_/.exec(key)?.[1];

/**
 * API keys: each with its scope, age and last use (`GET /api-keys`), *Revoke* (`DELETE /api-keys/{id}`),
 * and a form that creates one (`POST /api-keys`) and shows it this once, to be copied; the page keeps
 * no copy of it after the panel is left.
 */
export function ApiKeysPanel({ api, announce }: ApiKeysPanelProps) {
  const [keys, setKeys] = useState<readonly ApiKeyView[]>([]);
  const [name, setName] = useState('');
  const [readOnly, setReadOnly] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [error, setError] = useState('');
  const reload = useCallback(
    () =>
      api
        .call<{ items: ApiKeyView[] }>('/api-keys')
        .then((answer) => setKeys(answer.items))
        .catch((failure: unknown) => setError(failureMessage(failure))),
    [api],
  );
  useEffect(() => void reload(), [reload]);
  const ownKeyId = keyIdOf(api.key);

  const create = async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      const answer = await api.call<ApiKeyView & { key: string }>('/api-keys', {
        method: 'POST',
        body: { name, scope: readOnly ? 'read' : 'write' },
      });
      setCreated({ name: answer.name, key: answer.key });
      setName('');
      announce(`Created the key ${answer.name}: copy it now, it is shown only once`);
      await reload();
    } catch (failure) {
      setError(failureMessage(failure));
    }
  };
  const revoke = async (key: ApiKeyView) => {
    if (key.keyId === ownKeyId && !window.confirm(`This page uses ${key.name}: revoke it and lose access from this page?`)) return;
    setError('');
    try {
      await api.call(`/api-keys/${key.keyId}`, { method: 'DELETE' });
      announce(`Revoked the key ${key.name}`);
      await reload();
    } catch (failure) {
      setError(failureMessage(failure));
    }
  };

  return (
    <section class="panel" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">API keys</h2>
      <p class="hint">
        Every client (this page, the CLI, scripts, the MCP server) sends one. Only a key's hash is stored: a new key is shown once, here.
      </p>
      <table class="fields key-list">
        <caption>Keys, active first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">May</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.keyId} class={key.revokedAt ? 'revoked' : undefined}>
              <td>
                {key.name} <code>{key.keyId}</code>
                {key.keyId === ownKeyId && <span class="badge">this page</span>}
              </td>
              <td>{key.scope === 'read' ? 'read' : 'read and change'}</td>
              <td>{ageOf(key.createdAt)}</td>
              <td>{key.lastUsedAt ? ageOf(key.lastUsedAt) : 'never'}</td>
              <td>
                {key.revokedAt ? (
                  `revoked ${ageOf(key.revokedAt)}`
                ) : (
                  <button type="button" class="secondary inline" onClick={() => void revoke(key)} aria-label={`Revoke ${key.name}`}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {created && (
        <div class="new-key" role="status">
          <label>
            The new key {created.name}, shown only now: copy it
            <input name="newKey" readOnly value={created.key} onFocus={(event) => event.currentTarget.select()} />
          </label>
          <button type="button" class="secondary" onClick={() => setCreated(null)}>
            I copied it
          </button>
        </div>
      )}
      <form class="stacked" aria-label="Create an API key" onSubmit={create}>
        <Field label="Name (who or what uses it)" name="keyName" required value={name} onValue={setName} />
        <label class="check">
          <input type="checkbox" name="readOnly" checked={readOnly} onChange={(event) => setReadOnly(event.currentTarget.checked)} /> Read
          only (GET requests)
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="submit">Create key</button>
        </div>
      </form>
    </section>
  );
}
