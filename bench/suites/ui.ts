/**
 * The cockpit's inbox over 100,000 scored jobs in headless Chromium: the time from navigation start to
 * the first rows of the inbox on screen (the page, its bundle, the config and the first /inbox page
 * fetched, the virtual list drawn), median of several loads after a warm-up.
 * Figures: ui.inboxFirstPaintMs (goal < 500 ms), ui.inboxRowsDrawn (rows in the DOM: stays small however
 * many jobs there are, which is what keeps scrolling smooth).
 */
import { buildCockpit } from '@jobpipe/crm-api/cockpit-build';
import { startChromium } from '@jobpipe/shared/browser';
import { startBenchCrmApi } from '../support/crm-api.js';

const LOADS = 7;
const MARK = 'jobpipe:inbox-first-rows';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export default async function uiBench(): Promise<Record<string, number>> {
  await buildCockpit();
  const api = await startBenchCrmApi();
  const driver = await startChromium({ windowSize: { width: 1400, height: 1000 } });
  try {
    await driver.get(`${api.address}/app#key=${api.key}`);
    const firstPaints: number[] = [];
    let rowsDrawn = 0;
    for (let load = 0; load <= LOADS; load++) {
      await driver.navigate().refresh();
      const startTime = (await driver.wait(
        () => driver.executeScript(`return performance.getEntriesByName('${MARK}')[0]?.startTime`),
        10_000,
        'the inbox shows no rows',
      )) as number;
      rowsDrawn = (await driver.executeScript("return document.querySelectorAll('[role=option]').length")) as number;
      if (load > 0) firstPaints.push(startTime); // the first load warms the caches
    }
    return { 'ui.inboxFirstPaintMs': median(firstPaints), 'ui.inboxRowsDrawn': rowsDrawn };
  } finally {
    await driver.quit();
    await api.close();
  }
}
