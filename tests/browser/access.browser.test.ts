/**
 * Roles in the tab, and its Content-Security-Policy: an auditor of one agency, a practitioner and
 * a person outside the partnership each try what is not theirs and are told plainly, keeping what
 * they typed; a full journey raises no CSP violation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pickPerson, type LocalApp, signIn, startLocalApp } from '../support/localApp.js';
import { restFor } from '../support/emulator.js';

let app: LocalApp;

beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.close();
});

/** Every CSP violation the page reports, as events and as console messages. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return async () => [
    ...console,
    ...(await page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    )),
  ];
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

describe('roles in the tab', () => {
  it('sends a Content-Security-Policy, and a full journey raises no violation of it', async () => {
    const page = await app.newPage();
    const violations = await watchCsp(page);
    const res = await page.goto(app.tab.url);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ${app.emulator.url}`);
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
    await pickPerson(page, 'Morgan Ellis');
    for (const [link, heading] of [
      ['My audits', 'My audits'],
      ['Programme', 'Audit programme'],
      ['Reports', 'Overview reports'],
      ['Actions', 'Action plan'],
      ['Feedback', 'Feedback'],
    ] as const) {
      await page
        .getByRole('navigation', { name: 'Areas' })
        .getByRole('link', { name: link })
        .click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    }
    await go(page, '#/programme');
    await page.getByRole('heading', { level: 1, name: 'Audit programme' }).waitFor();
    await page
      .getByRole('link', { name: /Commission audits for/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: /Commission/ }).waitFor();
    await go(page, '#/audits/1');
    await page.getByRole('heading', { level: 1, name: 'Audit NSP-CP-0101' }).waitFor();
    await page
      .getByText(/Children's social care/)
      .first()
      .waitFor();
    expect(await violations()).toEqual([]);
  });

  it('an auditor of one agency may not commission or plan, and is told who can', async () => {
    const page = await app.newPage();
    await signIn(page, app.tab.url, 'Tom Okafor');
    await page
      .getByRole('navigation', { name: 'Areas' })
      .getByRole('link', { name: 'Programme' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Audit programme' }).waitFor();
    await page
      .getByText(
        "You may not change the audit programme: only the partnership's business managers can.",
      )
      .waitFor();
    await expect(page.getByRole('button', { name: 'Add a theme' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: /Commission audits for/ }).count()).resolves.toBe(
      0,
    );
    await go(page, '#/programme/1/commission');
    await page.getByRole('heading', { level: 1, name: 'This is not shared with you' }).waitFor();
    await page
      .getByText("You may not commission audits: only the partnership's business managers can.")
      .waitFor();
  });

  it('an auditor whose change SharePoint refuses is told why, and keeps what they typed', async () => {
    const page = await app.newPage();
    await signIn(page, app.tab.url, 'Priya Shah');
    await page.getByRole('link', { name: 'NSP-CP-0101' }).first().click();
    await page
      .getByText(/sections complete/)
      .first()
      .waitFor();
    // The business manager closes the section answers to changes while Priya works.
    const rest = restFor(app.emulator, 'morgan.ellis@northshire.example');
    const { Id: listId } = await rest.call<{ Id: string }>(
      'GET',
      "web/lists/getbytitle('SectionAnswers')",
    );
    await rest.call('MERGE', `web/lists(guid'${listId}')`, { WriteSecurity: 4 });
    const field = page.locator('textarea[id$="-evidence"]').first();
    await field.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' Typed before the refusal.');
    await page
      .getByText(
        /you may not change this contribution: only its named auditor and the audit’s lead auditor can/i,
      )
      .first()
      .waitFor({ timeout: 30_000 });
    await expect(field.inputValue()).resolves.toContain('Typed before the refusal.');
    await rest.call('MERGE', `web/lists(guid'${listId}')`, { WriteSecurity: 2 });
  });

  it('a practitioner sees only feedback, and an audit is not shared with them', async () => {
    const page = await app.newPage();
    await page.goto(app.tab.url);
    await pickPerson(page, 'Jo Fenwick');
    const areas = page.getByRole('navigation', { name: 'Areas' }).getByRole('link');
    await expect(areas.allInnerTexts()).resolves.toEqual(['Feedback']);
    await go(page, '#/feedback');
    await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
    await page.getByText('Jo Fenwick').first().waitFor();
    await expect(page.getByText('Alex Kim').count()).resolves.toBe(0);
    await go(page, '#/audits/1');
    await page.getByRole('heading', { level: 1, name: 'This is not shared with you' }).waitFor();
    await page
      .getByText(
        /This audit is not shared with you\. Only the partnership’s business managers and the audit team can open audits/,
      )
      .waitFor();
  });

  it('a person outside the partnership is told plainly that nothing here is shared with them', async () => {
    const page = await app.newPage();
    await page.goto(app.tab.url);
    const option = page.getByRole('radio', { name: /^Vic Stone:/ });
    await option.focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Sign in as Vic Stone' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'This is not shared with you' }).waitFor();
    await page.getByText(/The partnership's audit site is not shared with you/).waitFor();
    await expect(page.getByRole('navigation', { name: 'Areas' }).count()).resolves.toBe(0);
    await expect(page.getByText(/could not start/).count()).resolves.toBe(0);
  });
});
