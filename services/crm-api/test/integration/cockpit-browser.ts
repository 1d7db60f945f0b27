import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startChromium } from '@jobpipe/shared/browser';
import { By, error, until, type WebDriver } from 'selenium-webdriver';
import { buildCockpit } from '../../cockpit/build.js';
import type { TestApi } from '../helpers.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');

/** One axe-core finding, shortened to what a failing assertion should show. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/** Builds the cockpit bundle (as `npm run build` does) and starts headless Chromium. */
export async function cockpitBrowser(): Promise<WebDriver> {
  await buildCockpit();
  return startChromium({ windowSize: { width: 1400, height: 1000 } });
}

/** A test API listening on a local port, and a browser to show its cockpit. */
export interface CockpitSession {
  readonly driver: WebDriver;
  readonly address: string;
}

/**
 * Starts the API listening and a browser for its cockpit. With `readyCss`, opens the cockpit with the API's
 * key in the link and waits until that element shows.
 */
export async function openCockpit(api: TestApi, readyCss?: string): Promise<CockpitSession> {
  const address = await api.app.listen({ port: 0, host: '127.0.0.1' });
  const driver = await cockpitBrowser();
  if (readyCss !== undefined) {
    await driver.get(`${address}/app#key=${api.key}`);
    await shown(driver, readyCss);
  }
  return { driver, address };
}

/** Quits the browser and closes the API; either may be missing when the set-up failed before it. */
export async function closeCockpit(driver: WebDriver | undefined, api: TestApi | undefined): Promise<void> {
  await driver?.quit();
  await api?.close();
}

/** Waits until an element shows, and returns it. */
export async function shown(driver: WebDriver, css: string, timeoutMs = 5000) {
  const element = await driver.wait(until.elementLocated(By.css(css)), timeoutMs, `no ${css} on the page`);
  await driver.wait(until.elementIsVisible(element), timeoutMs, `${css} is not visible`);
  return element;
}

/**
 * Waits until an element shows text matching `pattern`, and returns that text. The element is looked up
 * afresh on every try, so a view that re-renders it meanwhile (a stale element) is simply read again.
 */
export async function shownText(driver: WebDriver, css: string, pattern: RegExp, timeoutMs = 5000): Promise<string> {
  let last = '(not shown)';
  const read = async () => {
    try {
      const element = await driver.findElement(By.css(css));
      if (!(await element.isDisplayed())) return undefined;
      last = await element.getText();
      return pattern.test(last) ? { text: last } : undefined;
    } catch (failure) {
      if (failure instanceof error.StaleElementReferenceError || failure instanceof error.NoSuchElementError) return undefined;
      throw failure;
    }
  };
  const found = await driver.wait(read, timeoutMs).catch((failure: unknown) => {
    throw new Error(`${css} never showed ${pattern} (last: ${JSON.stringify(last)})`, { cause: failure });
  });
  return found!.text;
}

/** Waits until a condition on the page (a script returning a truthy value) holds. */
export async function pageHolds(driver: WebDriver, script: string, message: string, timeoutMs = 5000): Promise<unknown> {
  return driver.wait(async () => driver.executeScript(`return ${script}`), timeoutMs, message);
}

/** Runs axe-core in the page and returns its serious and critical violations. */
export async function seriousAccessibilityViolations(driver: WebDriver): Promise<AxeViolation[]> {
  await driver.executeScript(AXE_SOURCE);
  const violations = (await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    window.axe.run(document, { resultTypes: ['violations'] }).then(
      (results) => results.passes.length === 0
        ? done([{ id: 'axe-checked-nothing', impact: 'critical', help: 'axe found nothing to check', targets: [] }])
        : done(results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }))),
      (error) => done([{ id: 'axe-error', impact: 'critical', help: String(error), targets: [] }]),
    );
  `)) as AxeViolation[];
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Saves a screenshot of the page under the package's test-artifacts folder. */
export async function screenshot(driver: WebDriver, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${name}.png`), await driver.takeScreenshot(), 'base64');
}
