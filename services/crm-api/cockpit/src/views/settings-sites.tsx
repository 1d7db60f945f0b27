import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Api, ApiFailure } from '../api.js';
import { Field } from '../components/field.js';

/** A site as `GET /sites` lists it. */
interface SiteView {
  readonly site: string;
  readonly baseUrl: string | null;
  readonly login: boolean;
  readonly apply: boolean;
  readonly credentials: { readonly username: boolean; readonly password: boolean; readonly totp: boolean };
  readonly session: { readonly status: string; readonly reason: string | null; readonly lastError: string | null } | null;
}

/** Which credentials are stored, in words. */
const storedWords = (credentials: SiteView['credentials']) =>
  [credentials.username && 'username', credentials.password && 'password', credentials.totp && 'TOTP secret'].filter(Boolean).join(', ') ||
  'nothing';

/** The session's state in words. */
function sessionWords(session: SiteView['session']): string {
  if (!session) return 'not logged in yet';
  if (session.status === 'ok') return 'logged in';
  return `${session.status}${session.reason ? ` (${session.reason})` : ''}${session.lastError ? `: ${session.lastError}` : ''}`;
}

interface SitesPanelProps {
  readonly api: Api;
  readonly announce: (text: string) => void;
}

/**
 * Sites for auto-apply: each configured site with the credentials stored for it (never their values)
 * and its session's state, *Log in again* for a blocked one (`POST /sites/{site}/unblock`), and the
 * form that writes a site's username, password and TOTP secret straight to the secret store (emptied
 * after saving; nothing is ever shown back).
 */
export function SitesPanel({ api, announce }: SitesPanelProps) {
  const [sites, setSites] = useState<readonly SiteView[]>([]);
  const [site, setSite] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totpSecret, setTotpSecret] = useState('');
  const [error, setError] = useState('');
  const reload = useCallback(
    () =>
      api
        .call<{ items: SiteView[] }>('/sites')
        .then((answer) => setSites(answer.items))
        .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure))),
    [api],
  );
  useEffect(() => void reload(), [reload]);

  const save = async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      const status = await api.call<SiteView['credentials'] & { site: string }>(`/sites/${encodeURIComponent(site.trim())}/credentials`, {
        method: 'PUT',
        body: { username, password, ...(totpSecret.trim() ? { totpSecret } : {}) },
      });
      setPassword('');
      setTotpSecret('');
      announce(`Stored for ${status.site}: ${storedWords(status)}`);
      await reload();
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : String(failure));
    }
  };
  const unblock = async (name: string) => {
    try {
      await api.call(`/sites/${encodeURIComponent(name)}/unblock`, { method: 'POST' });
      announce(`Asked to log in to ${name} again`);
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : String(failure));
    }
  };

  return (
    <section class="panel" aria-labelledby="sites-title">
      <h2 id="sites-title">Sites for auto-apply</h2>
      <p class="hint">
        How to log in and fill each site's form is the config's <code>sites</code> section (docs/browser-automation.md); the credentials
        below are written straight to the secret store and never shown back; saving again replaces them.
      </p>
      {sites.length > 0 && (
        <ul class="site-status" aria-label="Sites">
          {sites.map((known) => (
            <li key={known.site}>
              <strong>{known.site}</strong>
              {known.baseUrl ? ` (${known.baseUrl})` : ''}: {storedWords(known.credentials)} stored; {sessionWords(known.session)}
              {known.session && known.session.status !== 'ok' && (
                <button type="button" class="secondary inline" onClick={() => void unblock(known.site)}>
                  Log in to {known.site} again
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form class="stacked" onSubmit={save}>
        <Field label="Site name" name="site" required pattern="[a-z0-9][a-z0-9\-]{0,62}" value={site} onValue={setSite} />
        <Field label="Username" name="username" required value={username} onValue={setUsername} />
        <Field
          label="Password"
          name="password"
          type="password"
          required
          autoComplete="new-password"
          value={password}
          onValue={setPassword}
        />
        <Field
          label="TOTP secret (optional)"
          name="totpSecret"
          type="password"
          describedBy="totp-hint"
          value={totpSecret}
          onValue={setTotpSecret}
        />
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
    </section>
  );
}
