/**
 * Reflow (WCAG 2.2 SC 1.4.10) and zoom: every page at 320 CSS px wide (1280 px at 400% zoom, and
 * Teams on a phone) in the light, dark and high-contrast themes, with no sideways scrolling of the
 * page, Sign out in view, no axe violation; the areas' drawer opened and closed by keyboard with
 * every area reachable from it; and every page again at 640 CSS px (200% zoom).
 *
 * To check a new page, add one line to PAGES below.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { axeViolations } from '../support/axe.js';
import { type LocalApp, startLocalApp } from '../support/localApp.js';

let app: LocalApp;

beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.close();
});

type PageCase = {
  /** How the report names the page. */
  readonly name: string;
  /** Who signs in through local mode's picker; absent for the picker itself. */
  readonly person?: string;
  /** Where the page is, as the tab's hash route (`''` for the first page). */
  readonly hash: string;
  /** The page's level-one heading, which says it has opened. */
  readonly heading: string | RegExp;
  /** Text that shows the page's data has loaded, when it loads any. */
  readonly ready?: string | RegExp;
  /** False for the pages shown before or outside the tab's frame (no header, no areas). */
  readonly inShell?: boolean;
  /** False where no one is signed in yet (the picker). */
  readonly signsOut?: boolean;
};

/** Every page of the tab. One line each; the tests below run each in every theme and width. */
// prettier-ignore
const PAGES: readonly PageCase[] = [
  { name: 'sign-in picker', hash: '', heading: 'Case audit: sign in (local mode)', inShell: false, signsOut: false },
  { name: 'My audits', person: 'Priya Shah', hash: '#/my-audits', heading: 'My audits', ready: 'NSP-CP-0101' },
  { name: "an audit's form", person: 'Priya Shah', hash: '#/audits/1', heading: 'Audit NSP-CP-0101', ready: /sections complete/ },
  { name: 'Overview', person: 'Morgan Ellis', hash: '#/overview', heading: /^How .* is going$/, ready: 'Needs attention' },
  { name: 'Audit register', person: 'Morgan Ellis', hash: '#/register', heading: 'Audit register', ready: 'NSP-CP-0101' },
  { name: 'Programme', person: 'Morgan Ellis', hash: '#/programme', heading: 'Audit programme', ready: 'Child in need plans that drift' },
  { name: 'Commission', person: 'Morgan Ellis', hash: '#/programme/1/commission', heading: /^Commission audits: / },
  { name: 'Reports', person: 'Morgan Ellis', hash: '#/reports', heading: 'Overview reports', ready: 'Early help: stepping up and stepping down' },
  { name: 'Actions', person: 'Morgan Ellis', hash: '#/actions', heading: 'Action plan', ready: /step-down plan template/ },
  { name: 'Feedback', person: 'Morgan Ellis', hash: '#/feedback', heading: 'Feedback', ready: 'Jo Fenwick' },
  { name: 'My feedback (a practitioner)', person: 'Jo Fenwick', hash: '#/feedback', heading: 'Feedback', ready: 'Feedback on case NSP-EH-0301' },
  { name: 'a feedback item (its practitioner)', person: 'Jo Fenwick', hash: '#/feedback/1', heading: 'Feedback', ready: 'Feedback on case NSP-EH-0301' },
  { name: "an audit's feedback (an agency's auditor)", person: 'Ruth Adeyemi', hash: '#/audits/4/feedback', heading: 'Feedback to practitioners', ready: 'Case NSP-EH-0301' },
  { name: 'My sign-offs', person: 'Marcus Reid', hash: '#/sign-offs', heading: 'My sign-offs', ready: 'NSP-CIN-0201' },
  { name: 'Not found', person: 'Morgan Ellis', hash: '#/no-such-page', heading: 'Page not found' },
  { name: 'Not shared (an audit, for a practitioner)', person: 'Jo Fenwick', hash: '#/audits/1', heading: 'This is not shared with you' },
  { name: 'Not shared (the site, for an outsider)', person: 'Vic Stone', hash: '', heading: 'This is not shared with you', inShell: false },
];

/** A whole table of pages, each with axe, on two cores shared with other work: generous. */
const PAGE_TABLE_TIMEOUT = 300_000;

const THEMES = [
  { label: 'Light', stored: 'light' },
  { label: 'Dark', stored: 'dark' },
  { label: 'High contrast', stored: 'highContrast' },
] as const;
type Theme = (typeof THEMES)[number];

/**
 * 1280 × 1024 px at 400% zoom is 320 × 256 CSS px; at 200%, 640 × 512. Layout depends on CSS
 * pixels only, so the device pixel ratio stays 1 (four times the pixels would only slow Chromium).
 */
const ZOOM_400 = { viewport: { width: 320, height: 256 } };
const ZOOM_200 = { viewport: { width: 640, height: 512 } };

/** A browser context at that size, in that theme from the first paint (local mode keeps it). */
async function contextFor(size: typeof ZOOM_400, theme: Theme): Promise<BrowserContext> {
  const context = await app.browser.newContext(size);
  await context.addInitScript((stored) => {
    localStorage.setItem('caseAudit.theme', stored);
  }, theme.stored);
  return context;
}

/** The page last opened in the tab's frame, and who is signed in there. */
let signedIn: { readonly page: Page; readonly person: string } | undefined;

/**
 * Opens a page as its person and waits for its content. The first page of a person signs in by
 * keyboard through the picker; the next pages of the same person follow the hash in that tab, as
 * a link would, which spares a sign-in each.
 */
async function open(context: BrowserContext, target: PageCase): Promise<Page> {
  if (target.person && target.inShell !== false && signedIn?.person === target.person) {
    const { page } = signedIn;
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, target.hash);
    await page.getByRole('heading', { level: 1, name: target.heading }).waitFor();
    if (target.ready) await page.getByText(target.ready).first().waitFor();
    return page;
  }
  await signedIn?.page.close();
  signedIn = undefined;
  const page = await context.newPage();
  await page.goto(`${app.tab.url}/${target.hash}`);
  if (target.person) {
    const option = page.getByRole('radio', { name: new RegExp(`^${target.person}:`) });
    await option.focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: `Sign in as ${target.person}` }).press('Enter');
  }
  await page.getByRole('heading', { level: 1, name: target.heading }).waitFor();
  if (target.ready) await page.getByText(target.ready).first().waitFor();
  if (target.person && target.inShell !== false) signedIn = { page, person: target.person };
  return page;
}

/** Closes a page unless the next page of its person will reuse it. */
async function done(page: Page): Promise<void> {
  if (signedIn?.page !== page) await page.close();
}

/** Ends a context and forgets its signed-in page. */
async function finish(context: BrowserContext): Promise<void> {
  signedIn = undefined;
  await context.close();
}

/** How far the page's content runs past the viewport's right edge (0 when nothing does). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() =>
    Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth),
  );

/** Sign out is on screen (in the header, in the tab's frame) and wholly inside the viewport's width. */
async function expectSignOutInView(page: Page, target: PageCase, width: number): Promise<void> {
  if (target.signsOut === false) return;
  const signOut = (target.inShell === false ? page : page.getByRole('banner')).getByRole('button', {
    name: 'Sign out',
  });
  await signOut.scrollIntoViewIfNeeded();
  const box = await signOut.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
  // And reachable: it takes keyboard focus.
  await signOut.focus();
  await expect(signOut.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
}

describe('reflow at 320 CSS px (400% zoom)', () => {
  for (const theme of THEMES) {
    it(
      `every page fits 320 px with Sign out in view and no axe violation, ${theme.label} theme`,
      async () => {
        const context = await contextFor(ZOOM_400, theme);
        for (const target of PAGES) {
          const page = await open(context, target);
          const where = `${target.name} in ${theme.label}`;
          expect({ where, overflow: await sidewaysOverflow(page) }).toEqual({ where, overflow: 0 });
          await expectSignOutInView(page, target, 320);
          if (target.inShell !== false) {
            // The areas are behind the drawer's button, not stacked above the content.
            await expect(page.getByRole('navigation', { name: 'Areas' }).count()).resolves.toBe(0);
            await page.getByRole('button', { name: 'Areas' }).waitFor();
          }
          expect({ where, violations: await axeViolations(page) }).toEqual({
            where,
            violations: [],
          });
          await done(page);
        }
        await finish(context);
      },
      PAGE_TABLE_TIMEOUT,
    );

    it(`the areas' drawer opens and closes by keyboard and reaches every area, ${theme.label} theme`, async () => {
      const context = await contextFor(ZOOM_400, theme);
      const page = await open(
        context,
        PAGES.find((p) => p.name === 'Feedback')!,
      );
      const button = page.getByRole('banner').getByRole('button', { name: 'Areas' });
      const drawer = page.getByRole('dialog', { name: 'Areas' });

      // Opened by keyboard, focus moves into it; Escape closes it and focus returns.
      await button.focus();
      await page.keyboard.press('Enter');
      await drawer.waitFor();
      await expect(drawer.evaluate((el) => el.contains(document.activeElement))).resolves.toBe(
        true,
      );
      expect(await sidewaysOverflow(page)).toBe(0);
      const where = `the open drawer in ${theme.label}`;
      expect({ where, violations: await axeViolations(page) }).toEqual({ where, violations: [] });
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
      await expect(button.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

      // Its Close button, by keyboard, closes it too.
      await page.keyboard.press('Enter');
      await drawer.waitFor();
      await drawer.getByRole('button', { name: 'Close' }).focus();
      await page.keyboard.press('Enter');
      await drawer.waitFor({ state: 'detached' });

      // Every area of the business manager's, from the drawer, by keyboard.
      for (const [link, heading] of [
        ['Overview', /^How .* is going$/],
        ['My audits', 'My audits'],
        ['Register', 'Audit register'],
        ['Programme', 'Audit programme'],
        ['Reports', 'Overview reports'],
        ['Actions', 'Action plan'],
        ['Feedback', 'Feedback'],
      ] as const) {
        await button.focus();
        await page.keyboard.press('Enter');
        const areas = drawer.getByRole('navigation', { name: 'Areas' });
        await expect(areas.getByRole('link').allInnerTexts()).resolves.toEqual([
          'Overview',
          'My audits',
          'Register',
          'Programme',
          'Reports',
          'Actions',
          'Feedback',
        ]);
        await areas.getByRole('link', { name: link }).focus();
        await page.keyboard.press('Enter');
        await drawer.waitFor({ state: 'detached' });
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        // The new page's heading has focus, so a screen reader announces where the person is.
        await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
        // And the drawer marks it as the current area.
        // The drawer's closing motion may end after the heading took focus; once it has, the
        // button takes focus and keeps it.
        for (let i = 0; i < 20; i++) {
          await button.focus();
          if (await button.evaluate((el) => el === document.activeElement)) break;
          await page.waitForTimeout(100);
        }
        await expect(button.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
        await page.keyboard.press('Enter');
        await drawer.waitFor();
        await expect(
          areas.getByRole('link', { name: link }).getAttribute('aria-current'),
        ).resolves.toBe('page');
        await page.keyboard.press('Escape');
        await drawer.waitFor({ state: 'detached' });
      }
      await finish(context);
    });
  }
});

describe("a page's dialog at 320 CSS px", () => {
  it('the programme\'s "Add a theme" dialog fits, with no axe violation', async () => {
    const context = await contextFor(ZOOM_400, THEMES[0]);
    const page = await open(
      context,
      PAGES.find((p) => p.name === 'Programme')!,
    );
    await page.getByRole('button', { name: 'Add a theme' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add a theme' });
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await finish(context);
  });
});

describe('reflow at 640 CSS px (200% zoom)', () => {
  it(
    'every page fits 640 px, with the areas in the drawer and Sign out in view',
    async () => {
      const context = await contextFor(ZOOM_200, THEMES[0]);
      for (const target of PAGES) {
        const page = await open(context, target);
        const where = `${target.name} at 640 px`;
        expect({ where, overflow: await sidewaysOverflow(page) }).toEqual({ where, overflow: 0 });
        await expectSignOutInView(page, target, 640);
        if (target.inShell !== false) {
          await page.getByRole('button', { name: 'Areas' }).waitFor();
        }
        expect({ where, violations: await axeViolations(page) }).toEqual({ where, violations: [] });
        await done(page);
      }
      await finish(context);
    },
    PAGE_TABLE_TIMEOUT,
  );
});
