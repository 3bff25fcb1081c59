/**
 * The business manager's overview and the audit register, in Chromium against the built tab and
 * the emulator with the demo data: each overview figure opens its filtered register; filters,
 * search and a link open the audits they should; a commissioning stopped part way is found and
 * finished; a case already under audit is refused with a link to its audit; no axe violation in
 * any theme.
 */
import type { Page } from 'playwright-core';
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

const table = (page: Page) => page.getByRole('table', { name: 'Audits' });

/** The case references the register shows, once it has loaded. */
async function shownRefs(page: Page): Promise<string[]> {
  await page.getByText(/^Showing \d+ audits?|^No audit matches/).waitFor();
  if ((await page.getByText('No audit matches these filters.').count()) > 0) return [];
  const links = table(page).locator('tbody tr td:first-child a').filter({ hasText: /^NSP-/ });
  return (await links.allInnerTexts()).sort();
}

/** Waits until the register shows exactly these references. */
async function expectRefs(page: Page, refs: string[]): Promise<void> {
  const end = Date.now() + 15_000;
  let last: string[] = [];
  while (Date.now() < end) {
    last = await shownRefs(page);
    if (JSON.stringify(last) === JSON.stringify([...refs].sort())) return;
    await page.waitForTimeout(200);
  }
  expect(last).toEqual([...refs].sort());
}

async function choosePerson(page: Page, label: RegExp, typed: string, name: RegExp): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  await box.focus();
  await page.keyboard.type(typed, { delay: 20 });
  await page.getByRole('option', { name }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(box.inputValue()).resolves.toMatch(name);
}

/** Fills the Commission page for one child-protection case audited by Health. */
async function commissionForm(page: Page, ref: string): Promise<void> {
  await page
    .getByRole('link', {
      name: 'Commission audits for Neglect: children on child protection plans for over a year',
    })
    .click();
  await page.getByRole('heading', { level: 1, name: /Commission audits/ }).waitFor();
  await page.getByLabel(/Case references/).fill(ref);
  await page.getByRole('checkbox', { name: 'Health' }).check();
  await choosePerson(page, /Auditor for Health/, 'Tom', /Tom Okafor/);
  await choosePerson(page, /Lead auditor/, 'Ruth', /Ruth Adeyemi/);
  await choosePerson(page, /Sign-off manager/, 'Helen', /Helen Brooks/);
}

describe('the overview of the year', () => {
  it('is the business manager’s first screen, and each figure opens its filtered register', async () => {
    const page = await app.newPage();
    await signIn(page, app.tab.url, 'Morgan Ellis');
    await page.getByRole('heading', { level: 1, name: /^How \d{4}-\d{2} is going$/ }).waitFor();
    await page.getByRole('progressbar', { name: '4 of 6 commissioned' }).waitFor();
    await page.getByRole('progressbar', { name: '2 of 6 submitted' }).first().waitFor();
    const figures: Array<[RegExp, string[], (p: Page) => Promise<void>]> = [
      [
        /^2 audits due this week$/,
        ['NSP-CIN-0202', 'NSP-CP-0102'],
        (p) =>
          expect(p.getByRole('checkbox', { name: 'Due this week' }).isChecked()).resolves.toBe(
            true,
          ),
      ],
      [
        /^1 audit overdue$/,
        ['NSP-CP-0103'],
        (p) => expect(p.getByRole('checkbox', { name: 'Overdue' }).isChecked()).resolves.toBe(true),
      ],
      [
        /^1 child flagged at risk now$/,
        ['NSP-CP-0103'],
        (p) =>
          expect(p.getByRole('checkbox', { name: 'Child at risk now' }).isChecked()).resolves.toBe(
            true,
          ),
      ],
      [
        /^1 sign-off waiting$/,
        ['NSP-CIN-0201'],
        (p) => expect(p.getByLabel('Status').inputValue()).resolves.toBe('awaitingSignOff'),
      ],
    ];
    for (const [name, refs, filterShown] of figures) {
      await page
        .getByRole('navigation', { name: 'Areas' })
        .getByRole('link', { name: 'Overview' })
        .click();
      await page.getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name: 'Audit register' }).waitFor();
      await expectRefs(page, refs);
      await filterShown(page);
    }
    // A theme opens the register of its audits.
    await page
      .getByRole('navigation', { name: 'Areas' })
      .getByRole('link', { name: 'Overview' })
      .click();
    await page.getByRole('link', { name: 'Child in need plans that drift' }).click();
    await expectRefs(page, ['NSP-CIN-0201', 'NSP-CIN-0202']);
  });
});

describe('the audit register', () => {
  it('filters, sorts and searches, keeps the filters in its link, and opens an audit', async () => {
    const page = await app.newPage();
    await signIn(page, app.tab.url, 'Ruth Adeyemi', '#/register');
    await page.getByRole('heading', { level: 1, name: 'Audit register' }).waitFor();
    await expectRefs(page, [
      'NSP-CIN-0201',
      'NSP-CIN-0202',
      'NSP-CP-0101',
      'NSP-CP-0102',
      'NSP-CP-0103',
      'NSP-CP-0104',
      'NSP-EH-0301',
    ]);
    // Status shown as a badge, progress as a bar with its words.
    const row = table(page).getByRole('row', { name: /NSP-CIN-0201/ });
    await expect(row.innerText()).resolves.toMatch(
      /Awaiting sign-off[\s\S]*2 of 2 agencies submitted/,
    );
    await row.getByRole('progressbar', { name: '2 of 2 agencies submitted' }).waitFor();

    await page.getByLabel('Status').selectOption({ label: 'In progress' });
    await expectRefs(page, ['NSP-CP-0101', 'NSP-CP-0103']);
    expect(page.url()).toContain('#/register?status=inProgress');
    await page.getByLabel('Agency').selectOption({ label: 'Police' });
    await expectRefs(page, ['NSP-CP-0101']);
    await page.getByLabel('Status').selectOption({ label: 'Any status' });
    await expectRefs(page, ['NSP-CIN-0202', 'NSP-CP-0101', 'NSP-CP-0104']);
    await page.getByLabel('Agency').selectOption({ label: 'Any agency' });
    await page.getByLabel('Category').selectOption({ label: 'Child protection' });
    await page.getByLabel('Sort by').selectOption({ label: 'Case reference' });
    await page.getByLabel('Order').selectOption({ label: 'Last to first' });
    await page.getByText(/^Showing 4 audits/).waitFor();
    await expect(
      table(page).locator('tbody tr td:first-child a').filter({ hasText: /^NSP-/ }).allInnerTexts(),
    ).resolves.toEqual(['NSP-CP-0104', 'NSP-CP-0103', 'NSP-CP-0102', 'NSP-CP-0101']);
    await page.getByLabel('Category').selectOption({ label: 'Any category' });

    // Search by the start of a reference, by keyboard.
    await page.getByLabel('Case reference starts with').fill('nsp-cin');
    await page.keyboard.press('Enter');
    await expectRefs(page, ['NSP-CIN-0201', 'NSP-CIN-0202']);
    expect(page.url()).toContain('ref=NSP-CIN');

    // The link opens the same register elsewhere.
    const other = await app.newPage();
    await signIn(other, app.tab.url, 'Morgan Ellis', new URL(page.url()).hash);
    await other.getByRole('heading', { level: 1, name: 'Audit register' }).waitFor();
    await expectRefs(other, ['NSP-CIN-0201', 'NSP-CIN-0202']);
    await expect(other.getByLabel('Case reference starts with').inputValue()).resolves.toBe(
      'NSP-CIN',
    );

    // A row opens its audit.
    await table(page).getByRole('link', { name: 'NSP-CIN-0202' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit NSP-CIN-0202' }).waitFor();
  });

  it('shows a commissioning stopped part way, with what is missing, and finishes it', async () => {
    const page = await app.newPage();
    await signIn(page, app.tab.url, 'Morgan Ellis', '#/programme');
    await commissionForm(page, 'NSP-CP-1023');
    // SharePoint refuses the batch that makes the contributions and the trail: the audit alone is made.
    await page.route('**/$batch', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/json',
        headers: { 'Access-Control-Allow-Origin': '*' },
        body: JSON.stringify({ error: { code: 'accessDenied', message: 'Access denied.' } }),
      }),
    );
    await page.getByRole('button', { name: /Commission 1 audit/ }).click();
    await page.getByText(/^Commissioning did not finish/).waitFor();
    await page.unroute('**/$batch');
    await page.getByRole('link', { name: 'Find NSP-CP-1023 in the register' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit register' }).waitFor();
    await expectRefs(page, ['NSP-CP-1023']);
    const row = table(page).getByRole('row', { name: /NSP-CP-1023/ });
    await expect(row.innerText()).resolves.toMatch(
      /Incomplete[\s\S]*the Health contribution, the Multi-agency judgement contribution and the trail’s “commissioned” entry were not made/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await row.getByRole('button', { name: 'Finish commissioning NSP-CP-1023' }).click();
    await page
      .getByText(
        'The commissioning of NSP-CP-1023 is finished: 3 missing records were made, and its auditors are being told.',
      )
      .waitFor({ timeout: 30_000 });
    await expect(row.getByText('Incomplete').count()).resolves.toBe(0);
    await row.getByRole('progressbar', { name: '0 of 1 agency submitted' }).waitFor();
    await row.getByRole('link', { name: 'NSP-CP-1023' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit NSP-CP-1023' }).waitFor();
  });

  it('refuses a case already under audit, with a link to its audit', async () => {
    const page = await app.newPage();
    await signIn(page, app.tab.url, 'Morgan Ellis', '#/programme');
    await commissionForm(page, 'NSP-CP-0101');
    await page.getByRole('button', { name: /Commission 1 audit/ }).click();
    await page
      .getByText(/Nothing was commissioned: NSP-CP-0101 is already being audited/)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Open the existing audit of NSP-CP-0101' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit NSP-CP-0101' }).waitFor();
  });

  for (const theme of ['Light', 'Dark', 'High contrast'] as const) {
    it(`has no axe violation on the overview and the register in the ${theme} theme`, async () => {
      const page = await app.newPage();
      await signIn(page, app.tab.url, 'Morgan Ellis', '#/overview');
      await page.getByLabel('Theme').selectOption({ label: theme });
      await page.getByRole('link', { name: /overdue$/ }).waitFor();
      expect({ theme, page: 'overview', violations: await axeViolations(page) }).toEqual({
        theme,
        page: 'overview',
        violations: [],
      });
      await page
        .getByRole('navigation', { name: 'Areas' })
        .getByRole('link', { name: 'Register' })
        .click();
      await page.getByText(/^Showing \d+ audits/).waitFor();
      expect({ theme, page: 'register', violations: await axeViolations(page) }).toEqual({
        theme,
        page: 'register',
        violations: [],
      });
      await page.close();
    });
  }
});
