import type { Logger } from '@jobpipe/shared';
import type { WebDriver } from 'selenium-webdriver';

/**
 * The one browser of a worker process: started on first use, reused across applications, and started
 * again when it stopped answering (a crashed renderer, a killed chromedriver).
 */
export class BrowserHolder {
  private current: WebDriver | undefined;

  constructor(
    private readonly start: () => Promise<WebDriver>,
    private readonly logger: Logger,
  ) {}

  /** A browser that answers: the running one, or a new one if it crashed. */
  async driver(): Promise<WebDriver> {
    if (this.current && !(await this.answers(this.current))) {
      this.logger.warn({}, 'browser stopped answering; starting a new one');
      await this.discard();
    }
    this.current ??= await this.start();
    return this.current;
  }

  /** Drops the browser after a failure that may have left it broken; the next use starts a new one. */
  async discard(): Promise<void> {
    const driver = this.current;
    this.current = undefined;
    // A stuck browser may not answer quit either: give it a few seconds, then let it go.
    await Promise.race([driver?.quit().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  }

  async close(): Promise<void> {
    await this.discard();
  }

  private async answers(driver: WebDriver): Promise<boolean> {
    try {
      await Promise.race([
        driver.getCurrentUrl(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), 5000).unref()),
      ]);
      return true;
    } catch {
      return false;
    }
  }
}
