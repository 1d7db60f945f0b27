import { siteSections } from '@jobpipe/shared';

/** How to log in to one site: URLs and selectors as data, so a site redesign is a config change. */
export interface LoginSite {
  readonly site: string;
  /** Origin the relative URLs below resolve against. */
  readonly baseUrl: string;
  /** The login page. */
  readonly loginUrl: string;
  readonly usernameSelector: string;
  readonly passwordSelector: string;
  readonly submitSelector: string;
  /** Shown when the site rejects the credentials or the one-time code. */
  readonly errorSelector: string;
  /** The one-time-code step, when the site has one. */
  readonly otp: { readonly inputSelector: string; readonly submitSelector: string } | undefined;
  /** Shown by the site's own error page (an outage), to tell it apart from a changed login page. */
  readonly siteErrorSelector: string | undefined;
  /** A page that needs the session, and an element only a signed-in user sees there. */
  readonly checkUrl: string;
  readonly checkSelector: string;
  /** Names of the cookies that make up the session. */
  readonly sessionCookies: readonly string[];
  /** Lifetime assumed when the session cookies carry no expiry. */
  readonly fallbackTtlSeconds: number;
}

/**
 * Reads the `login` part of every site of a sites document (`{ sites: { <site>: { baseUrl, login } } }`).
 * Sites without a `login` part are skipped (they need no session). Throws with the path of a bad value.
 */
export function parseLoginSites(document: unknown): Map<string, LoginSite> {
  const result = new Map<string, LoginSite>();
  for (const { site, baseUrl, section: login } of siteSections(document, 'login')) {
    const cookies = login.list('sessionCookies');
    if (cookies.length === 0) throw new Error(`${login.path}.sessionCookies must list at least one cookie name`);
    const ttl = login.fields().fallbackTtlSeconds ?? 3600;
    if (typeof ttl !== 'number' || ttl <= 0) throw new Error(`${login.path}.fallbackTtlSeconds must be a positive number`);
    const otp = login.optionalObject('otp');
    result.set(site, {
      site,
      baseUrl,
      loginUrl: login.text('url'),
      usernameSelector: login.text('usernameSelector'),
      passwordSelector: login.text('passwordSelector'),
      submitSelector: login.text('submitSelector'),
      errorSelector: login.text('errorSelector'),
      otp: otp && { inputSelector: otp.text('inputSelector'), submitSelector: otp.text('submitSelector') },
      siteErrorSelector: login.optionalText('siteErrorSelector'),
      checkUrl: login.text('checkUrl'),
      checkSelector: login.text('checkSelector'),
      sessionCookies: cookies.map((cookie) => cookie.asText()),
      fallbackTtlSeconds: ttl,
    });
  }
  return result;
}
