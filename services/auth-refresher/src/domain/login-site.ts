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

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${where} must be a non-empty string`);
  return value;
}

function optionalText(value: unknown, where: string): string | undefined {
  return value === undefined ? undefined : text(value, where);
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} must be an object`);
  return value as Record<string, unknown>;
}

/**
 * Reads the `login` part of every site of a sites document (`{ sites: { <site>: { baseUrl, login } } }`).
 * Sites without a `login` part are skipped (they need no session). Throws with the path of a bad value.
 */
export function parseLoginSites(document: unknown): Map<string, LoginSite> {
  const sites = record(record(document, 'sites document').sites, 'sites');
  const result = new Map<string, LoginSite>();
  for (const [site, raw] of Object.entries(sites)) {
    const entry = record(raw, `sites.${site}`);
    if (entry.login === undefined) continue;
    const login = record(entry.login, `sites.${site}.login`);
    const at = (name: string) => `sites.${site}.login.${name}`;
    const otp = login.otp === undefined ? undefined : record(login.otp, at('otp'));
    const cookies = login.sessionCookies;
    if (!Array.isArray(cookies) || cookies.length === 0) throw new Error(`${at('sessionCookies')} must list at least one cookie name`);
    const ttl = login.fallbackTtlSeconds ?? 3600;
    if (typeof ttl !== 'number' || ttl <= 0) throw new Error(`${at('fallbackTtlSeconds')} must be a positive number`);
    result.set(site, {
      site,
      baseUrl: text(entry.baseUrl, `sites.${site}.baseUrl`),
      loginUrl: text(login.url, at('url')),
      usernameSelector: text(login.usernameSelector, at('usernameSelector')),
      passwordSelector: text(login.passwordSelector, at('passwordSelector')),
      submitSelector: text(login.submitSelector, at('submitSelector')),
      errorSelector: text(login.errorSelector, at('errorSelector')),
      otp: otp && {
        inputSelector: text(otp.inputSelector, at('otp.inputSelector')),
        submitSelector: text(otp.submitSelector, at('otp.submitSelector')),
      },
      siteErrorSelector: optionalText(login.siteErrorSelector, at('siteErrorSelector')),
      checkUrl: text(login.checkUrl, at('checkUrl')),
      checkSelector: text(login.checkSelector, at('checkSelector')),
      sessionCookies: cookies.map((name, i) => text(name, `${at('sessionCookies')}[${i}]`)),
      fallbackTtlSeconds: ttl,
    });
  }
  return result;
}
