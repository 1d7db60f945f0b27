import type { Logger } from '@jobpipe/shared';
import type { WebDriver } from 'selenium-webdriver';

/**
 * The one browser of a worker process: started on first use, reused across applications, and started
 * again when it stopped answering (a crashed renderer, a killed chromedriver) or when a site's host it
 * may not resolve is needed (sites come from the stored config and may be added while it runs).
 */
export class BrowserHolder {
  private current: WebDriver | undefined;
  private readonly hosts = new Set<string>();

  constructor(
    /** Starts a browser that may resolve these hosts (besides 127.0.0.1 and localhost). */
    private readonly start: (allowHosts: readonly string[]) => Promise<WebDriver>,
    private readonly logger: Logger,
  ) {}

  /** A browser that answers and may resolve `host`: the running one, or a new one. */
  async driver(host?: string): Promise<WebDriver> {
    if (this.current && !(await this.answers(this.current))) {
      this.logger.warn({}, 'browser stopped answering; starting a new one');
      await this.discard();
    }
    if (host !== undefined && !this.hosts.has(host)) {
      this.hosts.add(host);
      if (this.current) {
        this.logger.info({ host }, 'a newly configured site: starting a browser that may resolve its host');
        await this.discard();
      }
    }
    this.current ??= await this.start([...this.hosts]);
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
