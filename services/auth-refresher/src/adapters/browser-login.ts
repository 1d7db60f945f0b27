import { By, error as seleniumErrors, until, type WebDriver } from 'selenium-webdriver';
import type { LoginSite } from '../domain/login-site.js';
import type { LoginFailureReason, SessionCookie } from '../domain/session-record.js';

/** Credentials read from the secret store for one login. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
  /** Base32 TOTP secret, when the user configured one. */
  readonly totpSecret: string | undefined;
}

/** What a browser login gave. */
export type LoginOutcome =
  | { readonly ok: true; readonly cookies: SessionCookie[] }
  | { readonly ok: false; readonly reason: LoginFailureReason; readonly message: string; readonly screenshot: Buffer | undefined };

/** Timing and the one-time-code source of a login. */
export interface LoginOptions {
  readonly stepTimeoutMs: number;
  readonly oneTimeCode: (totpSecret: string) => string;
}

class LoginFailure extends Error {
  constructor(
    readonly reason: LoginFailureReason,
    message: string,
  ) {
    super(message);
  }
}

type LoginStage = 'error' | 'otp' | 'signed-in';

/**
 * A condition for `driver.wait` that takes an error from a page being replaced (the browser navigating
 * while it is polled: a lost execution context, a stale document) as "not yet" instead of ending the wait
 * at once; the wait's timeout still bounds it. A browser that is gone (no session) still ends it.
 */
function whilePageSettles(check: () => Promise<boolean>): () => Promise<boolean> {
  return async () => {
    try {
      return await check();
    } catch (error) {
      if (error instanceof seleniumErrors.WebDriverError && !(error instanceof seleniumErrors.NoSuchSessionError)) return false;
      throw error;
    }
  };
}

async function present(driver: WebDriver, selector: string): Promise<boolean> {
  return (await driver.findElements(By.css(selector))).length > 0;
}

async function waitForSelector(driver: WebDriver, site: LoginSite, selector: string, timeoutMs: number, what: string): Promise<void> {
  const found = await driver
    .wait(
      whilePageSettles(
        async () =>
          (await present(driver, selector)) || (site.siteErrorSelector !== undefined && (await present(driver, site.siteErrorSelector))),
      ),
      timeoutMs,
    )
    .catch(() => false);
  if (!found)
    throw new LoginFailure('login-page-changed', `${what} not found: '${selector}' is missing on ${await driver.getCurrentUrl()}`);
  if (!(await present(driver, selector))) throw new LoginFailure('site-error', `the site showed its error page instead of ${what}`);
}

/** After a submit: the site's error message, the OTP step, or a redirect away from the login pages. */
async function nextStage(driver: WebDriver, site: LoginSite, timeoutMs: number): Promise<LoginStage> {
  const loginPath = new URL(site.loginUrl, site.baseUrl).pathname;
  let stage: LoginStage | undefined;
  await driver
    .wait(
      whilePageSettles(async () => {
        if (await present(driver, site.errorSelector)) stage = 'error';
        else if (site.otp && (await present(driver, site.otp.inputSelector))) stage = 'otp';
        else if (new URL(await driver.getCurrentUrl()).pathname !== loginPath && !(await present(driver, site.passwordSelector)))
          stage = 'signed-in';
        return stage !== undefined;
      }),
      timeoutMs,
    )
    .catch(() => undefined);
  if (!stage) throw new LoginFailure('timeout', `no answer from the site within ${timeoutMs} ms after signing in`);
  return stage;
}

async function typeInto(driver: WebDriver, selector: string, value: string): Promise<void> {
  const element = await driver.findElement(By.css(selector));
  await element.clear();
  await element.sendKeys(value);
}

/** Clicks a submit button and waits until the browser has left the page it was on. */
async function submit(driver: WebDriver, selector: string, timeoutMs: number): Promise<void> {
  const page = await driver.findElement(By.css('html'));
  await driver.findElement(By.css(selector)).click();
  const left = await driver.wait(until.stalenessOf(page), timeoutMs).catch(() => false);
  if (!left) throw new LoginFailure('timeout', `the site did not answer the form within ${timeoutMs} ms`);
}

async function screenshot(driver: WebDriver): Promise<Buffer | undefined> {
  try {
    return Buffer.from(await driver.takeScreenshot(), 'base64');
  } catch {
    return undefined;
  }
}

async function signIn(driver: WebDriver, site: LoginSite, credentials: Credentials, options: LoginOptions): Promise<SessionCookie[]> {
  await driver.manage().setTimeouts({ pageLoad: options.stepTimeoutMs, implicit: 0 });
  await driver.manage().deleteAllCookies();
  await driver.get(new URL(site.loginUrl, site.baseUrl).href);
  await waitForSelector(driver, site, site.usernameSelector, options.stepTimeoutMs, 'the username field');
  if (!(await present(driver, site.passwordSelector)))
    throw new LoginFailure('login-page-changed', `the password field '${site.passwordSelector}' is missing`);
  await typeInto(driver, site.usernameSelector, credentials.username);
  await typeInto(driver, site.passwordSelector, credentials.password);
  await submit(driver, site.submitSelector, options.stepTimeoutMs);

  let stage = await nextStage(driver, site, options.stepTimeoutMs);
  if (stage === 'error') throw new LoginFailure('wrong-credentials', 'the site rejected the username or password');
  if (stage === 'otp') {
    if (!credentials.totpSecret || !site.otp)
      throw new LoginFailure('otp-required', 'the site asks for a one-time code and no TOTP secret is configured');
    await typeInto(driver, site.otp.inputSelector, options.oneTimeCode(credentials.totpSecret));
    await submit(driver, site.otp.submitSelector, options.stepTimeoutMs);
    stage = await nextStage(driver, site, options.stepTimeoutMs);
    if (stage !== 'signed-in')
      throw new LoginFailure('wrong-credentials', 'the site rejected the one-time code (is the TOTP secret right?)');
  }

  await driver.get(new URL(site.checkUrl, site.baseUrl).href);
  const works = await driver
    .wait(
      whilePageSettles(() => present(driver, site.checkSelector)),
      options.stepTimeoutMs,
    )
    .catch(() => false);
  if (!works) throw new LoginFailure('site-error', `the new session does not open ${site.checkUrl} ('${site.checkSelector}' is missing)`);

  const wanted = new Set(site.sessionCookies);
  const cookies = (await driver.manage().getCookies()).filter((cookie) => wanted.has(cookie.name));
  const missing = site.sessionCookies.filter((name) => !cookies.some((cookie) => cookie.name === name));
  if (missing.length > 0)
    throw new LoginFailure('login-page-changed', `signed in, but the session cookie(s) ${missing.join(', ')} were not set`);
  return cookies.map((cookie) => ({
    name: cookie.name,
    value: cookie.value,
    ...(cookie.domain ? { domain: cookie.domain } : {}),
    ...(cookie.path ? { path: cookie.path } : {}),
    ...(cookie.secure !== undefined ? { secure: cookie.secure } : {}),
    ...(cookie.httpOnly !== undefined ? { httpOnly: cookie.httpOnly } : {}),
    ...(typeof cookie.expiry === 'number' ? { expiry: cookie.expiry } : {}),
  }));
}

/**
 * Logs in to a site in the given browser: fills the credentials, answers the one-time-code step when a
 * TOTP secret is configured, follows the post-login redirect, checks the session opens a page that
 * needs it, and returns the session cookies. Failures come back with a reason and a screenshot; error
 * messages never contain the credentials.
 */
export async function loginWithBrowser(
  driver: WebDriver,
  site: LoginSite,
  credentials: Credentials,
  options: LoginOptions,
): Promise<LoginOutcome> {
  try {
    // The whole login gets a deadline too, so a browser that stops answering cannot hold the worker.
    let timer: NodeJS.Timeout | undefined;
    const limitMs = options.stepTimeoutMs * 6;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LoginFailure('timeout', `the login took longer than ${limitMs} ms`)), limitMs);
    });
    try {
      return { ok: true, cookies: await Promise.race([signIn(driver, site, credentials, options), deadline]) };
    } finally {
      clearTimeout(timer);
    }
  } catch (error) {
    const shot = await screenshot(driver);
    if (error instanceof LoginFailure) return { ok: false, reason: error.reason, message: error.message, screenshot: shot };
    if (error instanceof seleniumErrors.TimeoutError)
      return { ok: false, reason: 'timeout', message: `the page did not load within ${options.stepTimeoutMs} ms`, screenshot: shot };
    if (error instanceof seleniumErrors.NoSuchElementError)
      return { ok: false, reason: 'login-page-changed', message: 'a login control is missing from the page', screenshot: shot };
    throw error;
  }
}
