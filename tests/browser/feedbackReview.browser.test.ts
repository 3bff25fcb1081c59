/**
 * The lead auditor's review of feedback, in Chromium, by keyboard, when the partnership asks for
 * it (feedbackReviewFirst). On the demo audit NSP-CIN-0201 (awaiting sign-off, so moderation has
 * agreed its grades) Priya Shah, its social care auditor, writes to Jo Fenwick and asks for a
 * review; Ruth Adeyemi, the lead auditor, opens the return form, is told that comments are needed,
 * and returns it with comments; Priya sees them beside the editor, revises and asks again; Ruth
 * approves and sends it. Fatima Noor, social care's agency lead, sees that it was sent but not its
 * words, until Morgan Ellis, the business manager, switches the partnership's setting on; then
 * SharePoint gives her the words. axe finds nothing in the light, dark and high-contrast themes.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PEOPLE } from '../../src/cli/demoData.js';
import { PARTNERSHIP_SITE_PATH, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
import { REVIEW_FIRST_SETTING } from '../../src/graph/feedback.js';
import { findSiteLists, itemsPath, readItems, type SiteLists } from '../../src/graph/listItems.js';
import { resolveSiteId } from '../../src/graph/provision.js';
import { LIST_NAMES } from '../../src/graph/schema.js';
import { axeViolations } from '../support/axe.js';
import { clientFor } from '../support/emulator.js';
import { type LocalApp, signIn, startLocalApp } from '../support/localApp.js';

const CASE = 'NSP-CIN-0201';
const AUDITOR = 'Priya Shah';
const LEAD = 'Ruth Adeyemi';
const JO = 'Jo Fenwick';
const AGENCY_LEAD = 'Fatima Noor';
const MANAGER = 'Morgan Ellis';
const GOOD = {
  'What worked well': 'Visits were regular and the record shows what the child said each time.',
  'What to do differently': 'Escalate sooner when two health visits in a row are missed.',
  'The difference it made, or could make, to the child':
    'The plan would have changed when things got worse at home.',
};
const COMMENTS = 'Say which visits were missed and what escalating sooner would have looked like.';
const REVISED =
  'Escalate to your manager after the second missed health visit, and record the reason.';

let app: LocalApp;
let auditId: string;
let lists: SiteLists;

beforeAll(async () => {
  app = await startLocalApp();
  const manager = clientFor(app.emulator, PEOPLE.businessManager);
  const siteId = await resolveSiteId(manager, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  lists = await findSiteLists(manager, siteId, LIST_NAMES);
  auditId = (
    await readItems(manager, lists, 'Audits', { filter: `fields/CaseReference eq '${CASE}'` })
  )[0]!.id;
  // The partnership asks the lead auditor to review feedback first: a business manager's setting.
  await manager.api(itemsPath(lists, 'PartnershipSettings')).post({
    fields: { Title: REVIEW_FIRST_SETTING, Key: REVIEW_FIRST_SETTING, Value: 'true' },
  });
});
afterAll(async () => {
  await app?.close();
});

async function axeInEveryTheme(page: Page, where: string): Promise<void> {
  for (const theme of ['Light', 'Dark', 'High contrast'] as const) {
    await page.getByLabel('Theme').selectOption({ label: theme });
    expect({ where, theme, violations: await axeViolations(page) }).toEqual({
      where,
      theme,
      violations: [],
    });
  }
  await page.getByLabel('Theme').selectOption({ label: 'Light' });
}

async function press(page: Page, scope: Locator | Page, name: string) {
  await scope.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

async function type(page: Page, box: Locator, text: string) {
  await box.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** Opens the audit's feedback afresh (by way of the Feedback page), as its writer comes back to it. */
async function reopen(page: Page) {
  await page.goto(`${app.tab.url}/#/feedback`);
  await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
  await page.goto(`${app.tab.url}/#/audits/${auditId}/feedback`);
}

const stage = (region: Locator, label: string) =>
  region.getByRole('heading', { name: new RegExp(`^${JO}: ${label}`) }).waitFor();

describe('the review of feedback by the lead auditor', () => {
  it('is asked for, returned with comments through a form, revised, approved and sent', async () => {
    const auditor = await app.newPage();
    auditor.setDefaultTimeout(60_000);
    await signIn(auditor, app.tab.url, AUDITOR, `#/audits/${auditId}/feedback`);
    await auditor.getByRole('heading', { level: 1, name: 'Feedback to practitioners' }).waitFor();
    const picker = auditor.getByRole('combobox', { name: /A Children's social care practitioner/ });
    await picker.focus();
    await auditor.keyboard.type('Jo Fen', { delay: 20 });
    await auditor.getByRole('option', { name: new RegExp(JO) }).waitFor();
    await auditor.keyboard.press('ArrowDown');
    await auditor.keyboard.press('Enter');
    await press(auditor, auditor, 'Name practitioner');
    const jo = auditor.getByRole('region', { name: `Feedback to ${JO}` });
    await jo.waitFor();
    for (const [label, text] of Object.entries(GOOD))
      await type(auditor, jo.getByLabel(label), text);
    await jo.getByText(/All changes saved at/).waitFor();
    // With review first, the writer cannot send: only ask for a review.
    await expect(jo.getByRole('button', { name: `Send to ${JO}` }).count()).resolves.toBe(0);
    await press(auditor, jo, 'Ask for a review');
    await stage(jo, 'Waiting for review');

    // The lead auditor returns it: the form says comments are needed, then takes them.
    const lead = await app.newPage();
    lead.setDefaultTimeout(60_000);
    await signIn(lead, app.tab.url, LEAD, `#/audits/${auditId}/feedback`);
    const review = lead.getByRole('region', { name: `Feedback to ${JO}` });
    await stage(review, 'Waiting for review');
    await press(lead, review, 'Return to the writer');
    const form = review.getByRole('form', { name: /Return the feedback to Jo Fenwick/ });
    const comments = form.getByLabel(/What should change/);
    // The form opens with the focus in its comments box.
    await expect(comments.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await press(lead, form, 'Return with comments');
    await form.getByText('Say what should change: returning feedback needs comments.').waitFor();
    // The focus goes back to the box the refusal is about.
    await expect(comments.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await axeInEveryTheme(lead, 'the return form, refused without comments');
    await comments.focus();
    await lead.keyboard.type(COMMENTS);
    await lead.keyboard.press('Tab');
    await expect(lead.evaluate(() => document.activeElement?.textContent ?? '')).resolves.toBe(
      'Return with comments',
    );
    await lead.keyboard.press('Enter');
    await stage(review, 'Draft');
    await expect(review.getByRole('form').count()).resolves.toBe(0);

    // The writer sees the comments beside the editor, revises and asks again.
    await reopen(auditor);
    const returned = auditor.getByRole('region', { name: `Feedback to ${JO}` });
    await stage(returned, 'Draft');
    await returned.getByText('Returned with comments from the review').waitFor();
    await returned.getByText(COMMENTS).waitFor();
    await axeInEveryTheme(auditor, 'the editor with the review comments');
    await type(auditor, returned.getByLabel('What to do differently'), REVISED);
    await returned.getByText(/All changes saved at/).waitFor();
    await press(auditor, returned, 'Ask for a review');
    await stage(returned, 'Waiting for review');
    await expect(returned.getByText(COMMENTS).count()).resolves.toBe(0);

    // The lead auditor reads the revision, approves and sends it.
    await reopen(lead);
    const approved = lead.getByRole('region', { name: `Feedback to ${JO}` });
    await stage(approved, 'Waiting for review');
    // The stage shows as soon as the feedback's state is read; its texts may come a moment later.
    await expect(
      valueOnceLoaded(approved.getByLabel('What to do differently'), REVISED),
    ).resolves.toBe(REVISED);
    await press(lead, approved, 'Approve');
    await stage(approved, 'Ready to send');
    await axeInEveryTheme(lead, 'approved feedback');
    await press(lead, approved, `Send to ${JO}`);
    await stage(approved, 'Sent');

    // It went as revised, to Jo alone, and the trail has each step of the review.
    const manager = clientFor(app.emulator, PEOPLE.businessManager);
    const events = (
      await readItems(manager, lists, 'AuditEvents', {
        filter: `fields/AuditId eq ${Number(auditId)}`,
      })
    ).map((i) => String(i.fields['EventType']));
    expect(events).toEqual(
      expect.arrayContaining([
        'feedbackSubmittedForReview',
        'feedbackReturnedToWriter',
        'feedbackApproved',
        'feedbackSent',
      ]),
    );
    expect(events.filter((e) => e === 'feedbackSubmittedForReview')).toHaveLength(2);

    // Social care's agency lead sees where it stands, but not its words: SharePoint keeps them.
    const agencyLead = await app.newPage();
    agencyLead.setDefaultTimeout(60_000);
    await signIn(agencyLead, app.tab.url, AGENCY_LEAD, '#/feedback');
    const states = agencyLead.getByRole('table', {
      name: "Where Children's social care feedback stands",
    });
    const row = states.getByRole('row').filter({ hasText: JO }).filter({ hasText: CASE });
    await row.getByText('Sent').waitFor();
    await expect(row.getByRole('link', { name: JO }).count()).resolves.toBe(0);

    // The business manager lets agency leads read their agency's feedback, by keyboard.
    const managerPage = await app.newPage();
    managerPage.setDefaultTimeout(60_000);
    await signIn(managerPage, app.tab.url, MANAGER, '#/feedback');
    const setting = managerPage.getByRole('switch', { name: /Agency leads may read the words/ });
    await setting.focus();
    await managerPage.keyboard.press('Space');
    await managerPage
      .getByText(/^Agency leads now read their agency's sent feedback: \d+ items? shared\.$/)
      .waitFor();
    await expect(setting.isChecked()).resolves.toBe(true);
    await axeInEveryTheme(managerPage, 'the agency-lead setting switched on');

    // Now SharePoint gives the agency lead the words: the row links to them.
    await agencyLead.goto(`${app.tab.url}/#/programme`);
    await agencyLead.goto(`${app.tab.url}/#/feedback`);
    const link = row.getByRole('link', { name: JO });
    await link.focus();
    await agencyLead.keyboard.press('Enter');
    await agencyLead
      .getByRole('region', { name: 'What to do differently' })
      .getByText(REVISED)
      .waitFor();
    await axeInEveryTheme(agencyLead, 'the agency lead reading feedback');
  }, 480_000);
});

/** A field's value once it holds `expected`, or what it holds after 10 s (then the test says so). */
async function valueOnceLoaded(field: Locator, expected: string): Promise<string> {
  const until = Date.now() + 10_000;
  let value = await field.inputValue();
  while (value !== expected && Date.now() < until) {
    await field.page().waitForTimeout(100);
    value = await field.inputValue();
  }
  return value;
}
