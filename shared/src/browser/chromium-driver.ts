import { accessSync, constants } from 'node:fs';
import { Builder, type WebDriver } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import { ConfigError } from '../errors.js';

/** Where Debian's packages put the browser and its driver. */
export const SYSTEM_CHROMIUM = { browser: '/usr/bin/chromium', driver: '/usr/bin/chromedriver' } as const;

/** Options of a headless system Chromium session. */
export interface ChromiumOptions {
  readonly browserPath?: string;
  readonly driverPath?: string;
  /** Extra hosts (besides 127.0.0.1 and localhost) the browser may resolve. */
  readonly allowHosts?: readonly string[];
  readonly windowSize?: { width: number; height: number };
}

/**
 * Starts headless Chromium through the system chromedriver. Never lets Selenium download a driver or
 * a browser, and stops the browser's own background traffic and outside name lookups.
 */
export async function startChromium(options: ChromiumOptions = {}): Promise<WebDriver> {
  const browserPath = options.browserPath ?? SYSTEM_CHROMIUM.browser;
  const driverPath = options.driverPath ?? SYSTEM_CHROMIUM.driver;
  requireExecutable(browserPath, 'Chromium', 'chromium');
  requireExecutable(driverPath, 'ChromeDriver', 'chromium-driver');
  process.env.SE_OFFLINE = 'true';
  const size = options.windowSize ?? { width: 1280, height: 900 };
  const excludes = ['127.0.0.1', 'localhost', ...(options.allowHosts ?? [])].map((host) => `EXCLUDE ${host}`).join(', ');
  const chromeOptions = new chrome.Options();
  chromeOptions.setChromeBinaryPath(browserPath);
  chromeOptions.addArguments(
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    `--window-size=${size.width},${size.height}`,
    `--host-resolver-rules=MAP * ~NOTFOUND, ${excludes}`,
  );
  const service = new chrome.ServiceBuilder(driverPath);
  return new Builder().forBrowser('chrome').setChromeOptions(chromeOptions).setChromeService(service).build();
}

/** Refuses to start without the program, with one line naming the Debian package, instead of Selenium's stack trace. */
function requireExecutable(path: string, program: string, debianPackage: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new ConfigError(`no ${program} at ${path}: install Debian's ${debianPackage} package (apt-get install chromium chromium-driver)`);
  }
}
