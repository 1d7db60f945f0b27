import { auth } from '@googleapis/sheets';
import { ConfigError } from '@jobpipe/shared';

const SCOPES = ['https://www.googleapis.com/auth/spreadsheets'];

/** An authenticated Google client for the Sheets API. */
export type SheetsAuth = InstanceType<typeof auth.OAuth2> | InstanceType<typeof auth.JWT>;

/**
 * The Google client for credentials kept in the secret store, as JSON: a service-account key
 * (`type: service_account`), an OAuth user with a refresh token (`type: authorized_user`), or a bare
 * `access_token` (sent as a Bearer header, never refreshed: for short sessions and local servers).
 * Errors never include the credential itself.
 */
export function sheetsAuthFrom(secretJson: string): SheetsAuth {
  let credentials: Record<string, unknown>;
  try {
    credentials = JSON.parse(secretJson) as Record<string, unknown>;
  } catch {
    throw new ConfigError('the Google credentials secret is not JSON');
  }
  const text = (key: string) => (typeof credentials[key] === 'string' ? (credentials[key] as string) : undefined);
  if (credentials.type === 'service_account') {
    const email = text('client_email');
    const key = text('private_key');
    if (!email || !key) throw new ConfigError('the service-account credentials lack client_email or private_key');
    return new auth.JWT({ email, key, scopes: SCOPES });
  }
  if (credentials.type === 'authorized_user') {
    const clientId = text('client_id');
    const clientSecret = text('client_secret');
    const refreshToken = text('refresh_token');
    if (!clientId || !clientSecret || !refreshToken)
      throw new ConfigError('the OAuth credentials lack client_id, client_secret or refresh_token');
    const client = new auth.OAuth2(clientId, clientSecret);
    client.setCredentials({ refresh_token: refreshToken });
    return client;
  }
  const accessToken = text('access_token');
  if (accessToken) {
    const client = new auth.OAuth2();
    client.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 365 * 86_400_000 });
    return client;
  }
  throw new ConfigError('the Google credentials secret is neither a service account, an OAuth user nor an access token');
}
