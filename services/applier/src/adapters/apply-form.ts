import { By, until, type WebDriver, type WebElement } from 'selenium-webdriver';
import type { ApplySite } from '../domain/apply-site.js';
import { type ApplicantProfile, findAnswer } from '../domain/profile.js';
import type { SessionCookie } from '../domain/stored-session.js';
import { ApplyStop } from './apply-stop.js';

/** What filling the form gave: the screening answers used. */
export interface FilledForm {
  readonly answers: { question: string; answer: string }[];
}

async function present(driver: WebDriver | WebElement, selector: string): Promise<boolean> {
  return (await driver.findElements(By.css(selector))).length > 0;
}

/** Waits for the first of several selectors to appear; returns its name, or undefined on timeout. */
async function firstPresent(
  driver: WebDriver,
  candidates: Record<string, string | undefined>,
  timeoutMs: number,
): Promise<string | undefined> {
  let found: string | undefined;
  await driver
    .wait(async () => {
      for (const [name, selector] of Object.entries(candidates)) {
        if (selector && (await present(driver, selector))) {
          found = name;
          return true;
        }
      }
      return false;
    }, timeoutMs)
    .catch(() => undefined);
  return found;
}

async function choose(select: WebElement, wanted: string): Promise<boolean> {
  for (const option of await select.findElements(By.css('option'))) {
    const label = (await option.getText()).trim();
    const value = (await option.getAttribute('value')) ?? '';
    if (label.toLowerCase() === wanted.trim().toLowerCase() || (value !== '' && value === wanted)) {
      await option.click();
      return true;
    }
  }
  return false;
}

async function fill(control: WebElement, value: string, what: string): Promise<void> {
  if ((await control.getTagName()).toLowerCase() === 'select') {
    if (!(await choose(control, value))) throw new ApplyStop('profile-incomplete', `the ${what} list has no option '${value}'`, true);
    return;
  }
  await control.clear();
  await control.sendKeys(value);
}

async function findOne(driver: WebDriver | WebElement, selector: string, what: string): Promise<WebElement> {
  const [element] = await driver.findElements(By.css(selector));
  if (!element) throw new ApplyStop('form-changed', `the form has no ${what} ('${selector}'): the site's form may have changed`, true);
  return element;
}

/**
 * Opens the apply page with the session cookies: clears the site's cookies, sets the stored ones on the
 * site's origin, loads the page, and tells the form apart from a login page or an error page.
 */
export async function openApplyPage(
  driver: WebDriver,
  site: ApplySite,
  applyUrl: string,
  cookies: readonly SessionCookie[],
  stepTimeoutMs: number,
): Promise<void> {
  await driver.manage().setTimeouts({ pageLoad: stepTimeoutMs, implicit: 0 });
  await driver.get(new URL('/', site.baseUrl).href);
  await driver.manage().deleteAllCookies();
  for (const cookie of cookies) {
    await driver.manage().addCookie({
      name: cookie.name,
      value: cookie.value,
      path: cookie.path ?? '/',
      ...(cookie.secure !== undefined ? { secure: cookie.secure } : {}),
      ...(cookie.httpOnly !== undefined ? { httpOnly: cookie.httpOnly } : {}),
      ...(cookie.expiry !== undefined ? { expiry: cookie.expiry } : {}),
    });
  }
  await driver.get(applyUrl);
  const pages = { form: site.formSelector, login: site.loginPageSelector, error: site.siteErrorSelector };
  let seen = await firstPresent(driver, { ...pages, link: site.applyLinkSelector }, stepTimeoutMs);
  if (seen === 'link' && site.applyLinkSelector) {
    // A posting page that links to its form: follow the link (its address, so no click lands elsewhere).
    const href = await driver.findElement(By.css(site.applyLinkSelector)).getAttribute('href');
    if (href && new URL(href, applyUrl).origin === new URL(site.baseUrl).origin) await driver.get(new URL(href, applyUrl).href);
    seen = await firstPresent(driver, pages, stepTimeoutMs);
  }
  if (seen === 'login') throw new ApplyStop('login-required', 'the site asked to sign in again', false);
  if (seen === 'error') throw new ApplyStop('site-error', 'the site showed its error page instead of the apply form', false);
  if (seen === undefined)
    throw new ApplyStop('form-changed', `no apply form ('${site.formSelector}') on ${applyUrl}: the site's form may have changed`, true);
}

/**
 * Fills the form from the profile: mapped fields, the resume upload, and every screening question from
 * the answer bank. An unknown question stops everything (never guessed).
 */
export async function fillApplyForm(
  driver: WebDriver,
  site: ApplySite,
  profile: ApplicantProfile,
  resumePath: string,
): Promise<FilledForm> {
  const form = await findOne(driver, site.formSelector, 'apply form');
  if (site.questions) {
    for (const container of await form.findElements(By.css(site.questions.containerSelector))) {
      const question = (await (await findOne(container, site.questions.labelSelector, 'question label')).getText()).trim();
      if (findAnswer(profile.answers, question) === undefined) {
        throw new ApplyStop('unknown-question', `the answer bank has no answer to "${question}": add one and ask again`, true, question);
      }
    }
  }
  for (const field of site.fields) {
    const control = await findOne(form, field.selector, `field for ${field.profileField}`);
    const value = profile.fields[field.profileField];
    if (value === undefined || value === '') {
      if (field.optional) continue;
      throw new ApplyStop('profile-incomplete', `the profile has no '${field.profileField}' for the form`, true);
    }
    await fill(control, value, field.profileField);
  }
  await (await findOne(form, site.resumeSelector, 'resume upload')).sendKeys(resumePath);
  const answers: { question: string; answer: string }[] = [];
  if (site.questions) {
    for (const container of await form.findElements(By.css(site.questions.containerSelector))) {
      const question = (await (await findOne(container, site.questions.labelSelector, 'question label')).getText()).trim();
      const answer = findAnswer(profile.answers, question)!;
      await fill(
        await findOne(container, site.questions.inputSelector, `answer control of "${question}"`),
        answer,
        `answer to "${question}"`,
      );
      answers.push({ question, answer });
    }
  }
  return { answers };
}

/** Clicks submit and waits for the confirmation, the site's refusal, or its error page. */
export async function submitApplyForm(driver: WebDriver, site: ApplySite, stepTimeoutMs: number): Promise<void> {
  const page = await driver.findElement(By.css('html'));
  await (await findOne(driver, site.submitSelector, 'submit button')).click();
  await driver.wait(until.stalenessOf(page), stepTimeoutMs).catch(() => undefined);
  const seen = await firstPresent(
    driver,
    { confirmed: site.confirmationSelector, refused: site.formErrorSelector, error: site.siteErrorSelector, login: site.loginPageSelector },
    stepTimeoutMs,
  );
  if (seen === 'confirmed') return;
  if (seen === 'refused')
    throw new ApplyStop(
      'form-changed',
      `the site refused the form: ${(await driver.findElement(By.css(site.formErrorSelector!)).getText()).slice(0, 300)}`,
      true,
    );
  if (seen === 'error') throw new ApplyStop('site-error', 'the site answered the submit with its error page; nothing was confirmed', true);
  if (seen === 'login')
    throw new ApplyStop('session-unavailable', 'the site asked to sign in again after the submit; nothing was confirmed', true);
  throw new ApplyStop('timeout', `no confirmation within ${stepTimeoutMs} ms after the submit`, true);
}

/** A PNG of the current viewport, or undefined when the browser cannot take one. */
export async function screenshotOf(driver: WebDriver): Promise<Buffer | undefined> {
  try {
    return Buffer.from(await driver.takeScreenshot(), 'base64');
  } catch {
    return undefined;
  }
}
