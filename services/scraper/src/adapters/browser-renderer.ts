import { startChromium } from '@jobpipe/shared/browser';
import { By, until } from 'selenium-webdriver';
import type { PageRenderer, RenderedPage } from '../sources/jsonld/jsonld-source.js';

/**
 * Renders pages in headless system Chromium (the Selenium fallback for pages that build their content
 * with scripts). The browser may resolve only the allowed hosts; the caller checks where it ended up.
 */
export async function openChromiumRenderer(options: { allowHosts: readonly string[]; timeoutMs: number }): Promise<PageRenderer> {
  const hostnames = options.allowHosts.filter((host) => !host.startsWith('*.')).map((host) => host.replace(/:\d+$/, ''));
  const driver = await startChromium({ allowHosts: hostnames });
  await driver.manage().setTimeouts({ pageLoad: options.timeoutMs, script: options.timeoutMs });
  return {
    async render(url: string): Promise<RenderedPage> {
      await driver.get(url);
      try {
        // Pages that inject their JSON-LD with scripts need a moment after the load event.
        await driver.wait(until.elementLocated(By.css('script[type="application/ld+json"]')), Math.min(2000, options.timeoutMs));
      } catch {
        // No JSON-LD appeared: the page is stored as it is and the parser decides.
      }
      return { url: await driver.getCurrentUrl(), html: await driver.getPageSource() };
    },
    async close() {
      await driver.quit();
    },
  };
}
