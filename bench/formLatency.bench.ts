import { pickPerson, startLocalApp } from '../tests/support/localApp.js';
import type { Figure } from './emulator.bench.js';

/**
 * Input latency of the audit form in Chromium with the CPU slowed four times: the lead auditor's
 * view of the largest tool (every section, with agency grades beside), typing into the last
 * section. Event Timing entries give each keystroke's interaction duration; the INP-style figure
 * is the 98th percentile over all keystrokes (those under 16 ms are not reported by the browser
 * and count as 16 ms).
 */
export async function benchFormLatency(keystrokes = 150): Promise<Figure[]> {
  const app = await startLocalApp();
  try {
    const page = await app.newPage();
    await page.goto(app.tab.url);
    await pickPerson(page, 'Ruth Adeyemi');
    await page.getByRole('link', { name: 'NSP-CP-0101' }).first().click();
    await page
      .getByText(/sections complete/)
      .first()
      .waitFor();
    const target = page.locator('#multiAgency-impactOutcomes-impact');
    await target.waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __interactions: Map<number, number> };
      w.__interactions = new Map();
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Array<
          PerformanceEventTiming & { interactionId?: number }
        >) {
          if (!e.interactionId) continue;
          w.__interactions.set(
            e.interactionId,
            Math.max(w.__interactions.get(e.interactionId) ?? 0, e.duration),
          );
        }
      }).observe({
        type: 'event',
        durationThreshold: 16,
        buffered: false,
      } as PerformanceObserverInit);
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await target.focus();
    const text = 'The child says the house is calmer and school is going better. '
      .repeat(4)
      .slice(0, keystrokes);
    await page.keyboard.type(text, { delay: 40 });
    await page.waitForTimeout(1000);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const reported = await page.evaluate(() => [
      ...(window as unknown as { __interactions: Map<number, number> }).__interactions.values(),
    ]);
    const all = [
      ...reported,
      ...Array.from({ length: Math.max(0, keystrokes - reported.length) }, () => 16),
    ].sort((a, b) => a - b);
    const at = (q: number) => all[Math.min(all.length - 1, Math.floor(q * all.length))] as number;
    const sections = await page.locator('section[id^="multiAgency-"][id$="-section"]').count();
    return [
      {
        name: `form input latency, ${sections} sections, 4x CPU slowdown: median keystroke`,
        value: Math.round(at(0.5)),
        unit: 'ms',
      },
      {
        name: 'form input latency: INP-style (98th percentile keystroke; aim at most 100 ms)',
        value: Math.round(at(0.98)),
        unit: 'ms',
      },
      {
        name: 'form input latency: slowest keystroke',
        value: Math.round(all[all.length - 1] as number),
        unit: 'ms',
      },
    ];
  } finally {
    await app.close();
  }
}
