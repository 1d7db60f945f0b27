import { ConfigError, type SecretStore, siteSecretNames } from '@jobpipe/shared';
import { ApiError } from './api-error.js';

/** What a user sets for a site the applier and auth-refresher log in to. */
export interface SiteCredentials {
  readonly username: string;
  readonly password: string;
  /** Base32 TOTP secret of the site's one-time-code step; null removes a stored one, undefined keeps it. */
  readonly totpSecret?: string | null;
}

/** Which of a site's credentials the secret store holds (never their values). */
export interface SiteCredentialStatus {
  readonly site: string;
  readonly username: boolean;
  readonly password: boolean;
  readonly totp: boolean;
}

/** Site names as the sites file and the secret names use them. */
export const SITE_NAME_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$';

/** A TOTP secret as sites show it (groups of base32 letters, any case, spaces) in its stored form. */
export function normalizeTotpSecret(secret: string): string {
  const compact = secret.replace(/[\s-]/g, '').toUpperCase().replace(/=+$/, '');
  if (!/^[A-Z2-7]+$/.test(compact)) {
    throw new ApiError(
      400,
      'invalid_totp_secret',
      'the TOTP secret must be base32 (letters A–Z and digits 2–7), as the site shows it under "can\'t scan the code?"',
    );
  }
  if (compact.length < 16)
    throw new ApiError(400, 'invalid_totp_secret', `the TOTP secret is too short (${compact.length} characters; at least 16)`);
  return compact;
}

/**
 * Writes a site's credentials straight to the secret store. Nothing of them is returned, logged or
 * published: the answer says only which are stored.
 */
export async function storeSiteCredentials(
  secrets: SecretStore,
  site: string,
  credentials: SiteCredentials,
): Promise<SiteCredentialStatus> {
  if (!new RegExp(SITE_NAME_PATTERN).test(site))
    throw new ApiError(400, 'invalid_site', `site names are lower-case letters, digits and dashes (got '${site.slice(0, 64)}')`);
  const totp = credentials.totpSecret ? normalizeTotpSecret(credentials.totpSecret) : credentials.totpSecret;
  const names = siteSecretNames(site);
  await secrets.put(names.username, credentials.username);
  await secrets.put(names.password, credentials.password);
  if (totp) await secrets.put(names.totp, totp);
  else if (totp === null) await secrets.delete(names.totp);
  return siteCredentialStatus(secrets, site);
}

/** Which of a site's credentials are stored. */
export async function siteCredentialStatus(secrets: SecretStore, site: string): Promise<SiteCredentialStatus> {
  const names = siteSecretNames(site);
  const [username, password, totp] = await Promise.all([secrets.get(names.username), secrets.get(names.password), secrets.get(names.totp)]);
  return { site, username: username !== undefined, password: password !== undefined, totp: totp !== undefined };
}

/** The secret store, or a 503 saying how to configure one (a crm-api started without JOBPIPE_SECRET_KEY). */
export function secretStoreOf(context: { secrets(): SecretStore }): SecretStore {
  try {
    return context.secrets();
  } catch (error) {
    if (error instanceof ConfigError) throw new ApiError(503, 'secret_store_unavailable', `cannot store credentials: ${error.message}`);
    throw error;
  }
}
