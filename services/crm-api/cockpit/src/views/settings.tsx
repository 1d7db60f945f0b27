import { useState } from 'preact/hooks';
import { type Api, ApiFailure } from '../api.js';

/** `PUT|GET /sites/{site}/credentials`: which credentials the secret store holds. */
interface CredentialStatus {
  readonly site: string;
  readonly username: boolean;
  readonly password: boolean;
  readonly totp: boolean;
}

interface SettingsProps {
  readonly api: Api;
  readonly announce: (text: string) => void;
}

const stored = (status: CredentialStatus) =>
  [status.username && 'username', status.password && 'password', status.totp && 'TOTP secret'].filter(Boolean).join(', ') || 'nothing';

/**
 * Settings: the sites the applier and auth-refresher log in to. Credentials go straight to the
 * secret store; the form is emptied after saving and nothing of them is ever shown back.
 */
export function Settings({ api, announce }: SettingsProps) {
  const [site, setSite] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totpSecret, setTotpSecret] = useState('');
  const [error, setError] = useState('');
  const [saved, setSaved] = useState<CredentialStatus[]>([]);

  const save = async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      const status = await api.call<CredentialStatus>(`/sites/${encodeURIComponent(site.trim())}/credentials`, {
        method: 'PUT',
        body: { username, password, ...(totpSecret.trim() ? { totpSecret } : {}) },
      });
      setPassword('');
      setTotpSecret('');
      setSaved((known) => [status, ...known.filter((other) => other.site !== status.site)]);
      announce(`Stored for ${status.site}: ${stored(status)}`);
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : String(failure));
    }
  };

  return (
    <section class="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <section class="panel" aria-labelledby="sites-title">
        <h2 id="sites-title">Sites for auto-apply</h2>
        <p class="hint">
          The applier and the auth-refresher log in with these. They are written straight to the secret store and never shown back; saving
          again replaces them. The site's pages and form fields are described in the sites file (docs/browser-automation.md).
        </p>
        <form class="stacked" onSubmit={save}>
          <label>
            Site name
            <input
              name="site"
              required
              pattern="[a-z0-9][a-z0-9\-]{0,62}"
              value={site}
              onInput={(event) => setSite(event.currentTarget.value)}
            />
          </label>
          <label>
            Username
            <input
              name="username"
              required
              autoComplete="off"
              value={username}
              onInput={(event) => setUsername(event.currentTarget.value)}
            />
          </label>
          <label>
            Password
            <input
              name="password"
              type="password"
              required
              autoComplete="new-password"
              value={password}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
          </label>
          <label>
            TOTP secret (optional)
            <input
              name="totpSecret"
              type="password"
              autoComplete="off"
              aria-describedby="totp-hint"
              value={totpSecret}
              onInput={(event) => setTotpSecret(event.currentTarget.value)}
            />
          </label>
          <p id="totp-hint" class="hint">
            The base32 key the site shows under "can't scan the code?" when you set up two-factor sign-in. Leave empty to keep a stored one.
          </p>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="submit">Store credentials</button>
          </div>
        </form>
        {saved.length > 0 && (
          <ul class="site-status" aria-label="Stored credentials">
            {saved.map((status) => (
              <li key={status.site}>
                <strong>{status.site}</strong>: {stored(status)} stored
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
