/**
 * The walking skeleton in Chromium: sign in as a seeded person, open every area by keyboard, and
 * axe finds no WCAG 2.2 AA violation in the light, dark and high-contrast themes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { axeViolations } from '../support/axe.js';
import { type LocalApp, signIn, startLocalApp } from '../support/localApp.js';

let app: LocalApp;

beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.close();
});

const violations = axeViolations;

const AREAS = [
  { link: 'My audits', heading: 'My audits', content: /NSP-CP-0101/ },
  { link: 'Programme', heading: 'Audit programme', content: /Child in need plans that drift/ },
  {
    link: 'Reports',
    heading: 'Overview reports',
    content: /Early help: stepping up and stepping down/,
  },
  { link: 'Actions', heading: 'Action plan', content: /step-down plan template/ },
  // An auditor's feedback page lists the audits whose practitioners they write to.
  { link: 'Feedback', heading: 'Feedback', content: /Feedback for NSP-/ },
];

describe('the tab in local mode', () => {
  it('has an accessible sign-in picker that shows each person with their role', async () => {
    const page = await app.newPage();
    await page.goto(app.tab.url);
    await page
      .getByRole('radio', {
        name: 'Ruth Adeyemi: Lead auditor and moderator, Safeguarding partnership business unit',
      })
      .waitFor();
    await expect(page.getByRole('radio').count()).resolves.toBe(17);
    expect(await violations(page)).toEqual([]);
  });

  for (const theme of ['Light', 'Dark', 'High contrast'] as const) {
    it(`opens every area by keyboard with no axe violation in the ${theme} theme`, async () => {
      const page = await app.newPage();
      await signIn(page, app.tab.url, 'Priya Shah');
      await page.getByLabel('Theme').selectOption({ label: theme });
      for (const area of AREAS) {
        const link = page
          .getByRole('navigation', { name: 'Areas' })
          .getByRole('link', { name: area.link });
        await link.focus();
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: area.heading }).waitFor();
        await page.getByText(area.content).first().waitFor();
        await expect(link.getAttribute('aria-current')).resolves.toBe('page');
        // The page's heading takes focus, so a screen reader announces the new page.
        await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
        const where = `${area.link} in ${theme}`;
        expect({ where, violations: await violations(page) }).toEqual({ where, violations: [] });
      }
      await page.close();
    });
  }

  it('opens a record from a deep link in the URL, after sign-in', async () => {
    const page = await app.newPage();
    await signIn(page, app.tab.url, 'Ruth Adeyemi');
    const href = await page.getByRole('link', { name: 'NSP-CP-0101' }).first().getAttribute('href');
    expect(href).toMatch(/^#\/audits\/\d+$/);
    const fresh = await app.newPage();
    await signIn(fresh, app.tab.url, 'Ruth Adeyemi', href as string);
    await fresh.getByRole('heading', { level: 1, name: 'Audit NSP-CP-0101' }).waitFor();
    await fresh.getByText('Helen Brooks').waitFor();
    expect(await violations(fresh)).toEqual([]);
  });

  it('says plainly when Graph refuses, and offers a retry that works', async () => {
    const page = await app.newPage();
    await signIn(page, app.tab.url, 'Priya Shah');
    app.emulator.setFaults({ rate: 1, statuses: [503], retryAfterSeconds: 0 });
    try {
      await page.getByRole('link', { name: 'Programme' }).click();
      const alert = page.getByRole('alert');
      await alert
        .getByText(/^Could not load the audit programme because Microsoft 365 is not answering/)
        .waitFor({ timeout: 30_000 });
      expect(await violations(page)).toEqual([]);
    } finally {
      app.emulator.setFaults({ rate: 0 });
    }
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByText('Child in need plans that drift').waitFor();
  });

  it('shows a person without access to the site why the tab cannot open', async () => {
    const page = await app.newPage();
    await page.goto(app.tab.url);
    await page.getByRole('radio', { name: /^Vic Stone:/ }).check();
    await page.getByRole('button', { name: 'Sign in as Vic Stone' }).click();
    // Not an error: a plain page saying the site is not shared with them, and who can open it.
    await page.getByRole('heading', { level: 1, name: 'This is not shared with you' }).waitFor();
    await page.getByText(/The partnership's audit site is not shared with you/).waitFor();
    expect(await violations(page)).toEqual([]);
  });
});
