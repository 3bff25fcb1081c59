import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { pickPerson, startLocalApp } from '../tests/support/localApp.js';
import type { Figure } from './emulator.bench.js';

/**
 * The first view as Chromium loads it: the JavaScript whose download had ended (resource timing)
 * when the first screen (local mode's sign-in picker) entered the document, gzipped as a host
 * would serve it; then all of it by the time My audits shows its first row (the services chunk,
 * fetched while the person picks, and the page itself).
 */
export async function benchFirstView(): Promise<Figure[]> {
  const app = await startLocalApp();
  try {
    const page = await app.newPage();
    // The page notes, in its own clock, when the picker's first option is in the document.
    await page.addInitScript(() => {
      const w = window as unknown as { __firstScreenAt?: number };
      new MutationObserver((_, observer) => {
        if (!document.querySelector('input[type="radio"], [role="radio"]')) return;
        w.__firstScreenAt = performance.now();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    const sizes = scriptSizes(page);
    await page.goto(app.tab.url);
    await page.getByRole('radio').first().waitFor();
    await pickPerson(page, 'Priya Shah');
    await page.getByRole('link', { name: 'NSP-CP-0101' }).first().waitFor();
    const timing = await page.evaluate(() => ({
      firstScreenAt: (window as unknown as { __firstScreenAt: number }).__firstScreenAt,
      scripts: performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js'))
        .map((e) => ({ url: e.name, end: (e as PerformanceResourceTiming).responseEnd })),
    }));
    const gzipOf = async (urls: string[]) => {
      const all = await Promise.all(urls.map((u) => sizes.get(u) ?? Promise.resolve(0)));
      return all.reduce((a, b) => a + b, 0);
    };
    const before = timing.scripts.filter((s) => s.end <= timing.firstScreenAt).map((s) => s.url);
    const all = timing.scripts.map((s) => s.url);
    const kib = (n: number) => Math.round((n / 1024) * 10) / 10;
    return [
      {
        name: 'first view in Chromium: JavaScript loaded before the first screen (sign-in), gzip',
        value: kib(await gzipOf(before)),
        unit: `KiB in ${before.length} file(s)`,
      },
      {
        name: 'first view in Chromium: time to the first screen (sign-in picker)',
        value: Math.round(timing.firstScreenAt),
        unit: 'ms',
      },
      {
        name: 'first view in Chromium: all JavaScript by My audits with its first row, gzip',
        value: kib(await gzipOf(all)),
        unit: `KiB in ${all.length} file(s)`,
      },
    ];
  } finally {
    await app.close();
  }
}

/** Each script's size, gzipped as a host would serve it, by its address. */
function scriptSizes(page: Page): Map<string, Promise<number>> {
  const sizes = new Map<string, Promise<number>>();
  page.on('response', (response) => {
    if (!response.url().endsWith('.js')) return;
    sizes.set(
      response.url(),
      response.body().then((body) => gzipSync(body, { level: 9 }).length),
    );
  });
  return sizes;
}
