/**
 * Feedback to practitioners in Chromium, by keyboard. The demo audit NSP-CIN-0201 awaits sign-off,
 * so moderation has agreed its grades: Priya Shah, its social care auditor, names two
 * practitioners and writes to each; the first is refused by the identifying-detail guard (which
 * names the kind of detail and the word, never the detail, and keeps the text), corrected and
 * sent; the second is sent. Jo Fenwick reads hers in full and acknowledges it with a reflection;
 * Alex Kim cannot open Jo's (SharePoint answers 404); Fatima Noor, social care's agency lead, sees
 * where each stands. The cards are on the emulator's page; axe finds nothing in the light, dark
 * and high-contrast themes. Then, on NSP-CIN-0202 (in moderation), feedback goes before sign-off:
 * refused until the lead auditor agrees social care's grades in the moderation view (refused
 * first, naming the areas still without a multi-agency grade), sent at once after, the audit
 * still in moderation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_AUDITS, DEMO_THEMES, PEOPLE } from '../../src/cli/demoData.js';
import { PARTNERSHIP_SITE_PATH, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
import { findSiteLists, readItems, type SiteLists } from '../../src/graph/listItems.js';
import { resolveSiteId } from '../../src/graph/provision.js';
import { LIST_NAMES } from '../../src/graph/schema.js';
import { axeViolations } from '../support/axe.js';
import { clientFor } from '../support/emulator.js';
import { type LocalApp, pickPerson, signIn, startLocalApp } from '../support/localApp.js';

const CASE = 'NSP-CIN-0201';
const AUDITOR = 'Priya Shah';
const JO = 'Jo Fenwick';
const ALEX = 'Alex Kim';
const AGENCY_LEAD = 'Fatima Noor';
const GOOD = {
  'What worked well': 'Visits were regular and the record shows what the child said each time.',
  'What to do differently': 'Escalate sooner when two health visits in a row are missed.',
  'The difference it made, or could make, to the child':
    'The plan would have changed when things got worse at home.',
};

let app: LocalApp;
let auditId: string;
let lists: SiteLists;

type Feed = {
  chats: Array<{ members: string[]; messages: Array<{ attachments: Array<{ content: string }> }> }>;
};
const feed = async (): Promise<Feed> =>
  (await fetch(`${app.emulator.url}/_emulator/api/feed`)).json() as Promise<Feed>;

async function until<T>(what: string, read: () => Promise<T | undefined>, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  app = await startLocalApp();
  const manager = clientFor(app.emulator, PEOPLE.businessManager);
  const siteId = await resolveSiteId(manager, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  lists = await findSiteLists(manager, siteId, LIST_NAMES);
  auditId = (
    await readItems(manager, lists, 'Audits', { filter: `fields/CaseReference eq '${CASE}'` })
  )[0]!.id;
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

async function press(page: Page, scope: ReturnType<Page['getByRole']> | Page, name: string) {
  await scope.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

async function name(page: Page, person: string, typed: string): Promise<void> {
  const box = page.getByRole('combobox', { name: /A Children's social care practitioner/ });
  await box.focus();
  await page.keyboard.type(typed, { delay: 20 });
  await page.getByRole('option', { name: new RegExp(person) }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(box.inputValue()).resolves.toBe(person);
  await press(page, page, 'Name practitioner');
  await page.getByRole('region', { name: `Feedback to ${person}` }).waitFor();
}

async function write(page: Page, person: string, parts: Record<string, string>): Promise<void> {
  const region = page.getByRole('region', { name: `Feedback to ${person}` });
  for (const [label, text] of Object.entries(parts)) {
    const box = region.getByLabel(label);
    await box.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(text);
  }
  await region.getByText(/All changes saved at/).waitFor();
}

/** Fills in the lead auditor's multi-agency form by keyboard: a grade, evidence and impact. */
async function fillIn(page: Page, prefix: string, grade: string, words: string): Promise<void> {
  const typeInto = async (selector: string, text: string) => {
    await page.locator(selector).focus();
    await page.keyboard.press('End');
    await page.keyboard.type(text);
  };
  const ids = await page
    .locator(`section[id^="${prefix}-"][id$="-section"]`)
    .evaluateAll((els) => els.map((e) => e.id.replace(/-section$/, '')));
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) {
    const radio = page.locator(`#${id}-grade input[value="${grade}"]`);
    if ((await radio.count()) > 0) {
      await radio.focus();
      await page.keyboard.press('Space');
      await typeInto(`#${id}-evidence`, ` ${words}: seen in the record.`);
      await typeInto(`#${id}-impact`, ` ${words}: the child is safer.`);
    } else {
      await typeInto(`#${id}-evidence`, ` ${words}: on a plan since March.`);
    }
  }
}

describe('feedback to practitioners', () => {
  it('is written, refused by the guard and corrected, sent, read, acknowledged and seen by the agency lead', async () => {
    const auditor = await app.newPage();
    auditor.setDefaultTimeout(60_000);
    await signIn(auditor, app.tab.url, AUDITOR, `#/audits/${auditId}/feedback`);
    await auditor.getByRole('heading', { level: 1, name: 'Feedback to practitioners' }).waitFor();
    // That agency's grades and evidence beside the editor.
    await auditor
      .getByRole('region', { name: "Children's social care: grades and evidence" })
      .waitFor();
    await name(auditor, JO, 'Jo Fen');
    await name(auditor, ALEX, 'Alex K');

    const jo = auditor.getByRole('region', { name: `Feedback to ${JO}` });
    await write(auditor, JO, {
      ...GOOD,
      'What worked well': 'Visits to 12 Acacia Road were regular and well recorded.',
    });
    await press(auditor, jo, `Send to ${JO}`);
    const refusal = jo.getByRole('alert');
    await refusal.getByText(/^The feedback cannot go yet\. What worked well: .*word \d/).waitFor();
    await expect(refusal.textContent()).resolves.not.toContain('Acacia');
    await expect(jo.getByLabel('What worked well').inputValue()).resolves.toBe(
      'Visits to 12 Acacia Road were regular and well recorded.',
    );
    await axeInEveryTheme(auditor, 'the editor with a refusal');
    await write(auditor, JO, GOOD);
    await press(auditor, jo, `Send to ${JO}`);
    await jo.getByRole('heading', { name: new RegExp(`^${JO}: Sent`) }).waitFor();

    await write(auditor, ALEX, GOOD);
    // Alex's goes with the rest of the theme's finished feedback, from the Feedback page.
    await auditor.goto(`${app.tab.url}/#/feedback`);
    const theme = DEMO_THEMES[DEMO_AUDITS.find((x) => x.caseReference === CASE)!.theme]!.title;
    await press(auditor, auditor, `Send every finished feedback for ${theme}`);
    await auditor.getByText(`Feedback sent to 1 practitioner for ${theme}.`).waitFor();
    await auditor.getByRole('progressbar').first().waitFor();
    await axeInEveryTheme(auditor, 'a theme sent');
    await auditor.goto(`${app.tab.url}/#/audits/${auditId}/feedback`);
    const alex = auditor.getByRole('region', { name: `Feedback to ${ALEX}` });
    await alex.getByRole('heading', { name: new RegExp(`^${ALEX}: Sent`) }).waitFor();

    // Each practitioner's card goes 1:1 from the auditor, with the case reference and no words.
    for (const person of [JO, ALEX]) {
      const chat = await until(`the card to ${person}`, async () =>
        (await feed()).chats.find(
          (c) =>
            c.members.includes(person) &&
            c.members.includes(AUDITOR) &&
            c.messages.some((m) => m.attachments[0]?.content.includes(`Feedback on case ${CASE}`)),
        ),
      );
      expect(JSON.stringify(chat)).not.toContain('Escalate sooner');
    }

    const joFeedbackId = (
      await readItems(clientFor(app.emulator, PEOPLE.businessManager), lists, 'Feedback', {
        filter: `fields/AuditId eq ${Number(auditId)}`,
      })
    ).find((i) => i.fields['PractitionerName'] === JO)!.id;

    // Jo reads hers in full from My feedback and acknowledges it with a reflection.
    const practitioner = await app.newPage();
    practitioner.setDefaultTimeout(60_000);
    await signIn(practitioner, app.tab.url, JO, '#/feedback');
    const link = practitioner
      .getByRole('table', { name: 'Feedback to you' })
      .getByRole('link', { name: `Feedback on case ${CASE}` });
    await link.focus();
    await practitioner.keyboard.press('Enter');
    await practitioner
      .getByRole('region', { name: 'What to do differently' })
      .getByText(GOOD['What to do differently'])
      .waitFor();
    const reflection = practitioner.getByLabel(/Your reflection/);
    await reflection.focus();
    await practitioner.keyboard.type('I will escalate sooner and write down why.');
    await axeInEveryTheme(practitioner, 'the practitioner’s feedback');
    await press(practitioner, practitioner, 'Acknowledge');
    await practitioner.getByText('Acknowledged. Thank you.').waitFor();
    await practitioner
      .getByRole('region', { name: 'Your reflection' })
      .getByText('I will escalate sooner and write down why.')
      .waitFor();

    // Alex cannot open Jo's: SharePoint answers 404, and the page says so plainly.
    const other = await app.newPage();
    other.setDefaultTimeout(60_000);
    await signIn(other, app.tab.url, ALEX, `#/feedback/${joFeedbackId}`);
    await other.getByText('This feedback is not shared with you, or no longer exists.').waitFor();
    await expect(other.getByText(GOOD['What to do differently']).count()).resolves.toBe(0);

    // The agency lead sees where social care's feedback stands, not its words.
    const lead = await app.newPage();
    lead.setDefaultTimeout(60_000);
    await signIn(lead, app.tab.url, AGENCY_LEAD, '#/feedback');
    const table = lead.getByRole('table', { name: "Where Children's social care feedback stands" });
    const row = (person: string) =>
      table.getByRole('row').filter({ hasText: person }).filter({ hasText: CASE });
    await row(JO).getByText('Acknowledged').waitFor();
    await row(ALEX).getByText('Sent').waitFor();
    await expect(lead.getByText(GOOD['What worked well']).count()).resolves.toBe(0);
    await axeInEveryTheme(lead, 'the agency lead’s view');

    // The Programme page shows how swiftly feedback went, against the partnership's targets.
    await lead.goto(`${app.tab.url}/#/programme`);
    const timeliness = lead.getByRole('region', { name: 'Feedback timeliness' });
    await timeliness
      .getByText(
        /^From moderation agreeing an agency's grades to feedback sent: \d+ of \d+ sent within 10 working days/,
      )
      .waitFor();
    await timeliness
      .getByRole('table', { name: 'Feedback timeliness by audit' })
      .getByRole('row')
      .filter({ hasText: CASE })
      .getByText(/^\d of 2 sent within 10 working days \(median \d+ working days?\)/)
      .waitFor();
  }, 480_000);
  it("goes as soon as moderation has agreed that agency's grades, before the audit is sent for sign-off", async () => {
    // NSP-CIN-0202 is in moderation: the lead auditor has given only some multi-agency grades.
    const inModeration = 'NSP-CIN-0202';
    const manager = clientFor(app.emulator, PEOPLE.businessManager);
    const id = (
      await readItems(manager, lists, 'Audits', {
        filter: `fields/CaseReference eq '${inModeration}'`,
      })
    )[0]!.id;
    const CHRIS = 'Chris Doyle';
    const auditor = await app.newPage();
    auditor.setDefaultTimeout(60_000);
    await signIn(auditor, app.tab.url, AUDITOR, `#/audits/${id}/feedback`);
    await auditor.getByRole('heading', { level: 1, name: 'Feedback to practitioners' }).waitFor();
    await name(auditor, CHRIS, 'Chris D');
    await write(auditor, CHRIS, GOOD);
    const chris = auditor.getByRole('region', { name: `Feedback to ${CHRIS}` });
    await press(auditor, chris, `Send to ${CHRIS}`);
    await chris
      .getByRole('alert')
      .getByText(
        "Moderation has not yet agreed Children's social care's grades: feedback can be sent once the lead auditor agrees them in moderation.",
      )
      .waitFor();

    // The lead auditor agrees social care's grades in the moderation view, by keyboard: refused
    // first, naming the areas with no multi-agency grade, then agreed once they are given.
    const lead = await app.newPage();
    lead.setDefaultTimeout(60_000);
    await signIn(lead, app.tab.url, 'Ruth Adeyemi', `#/audits/${id}`);
    const agreement = lead.getByRole('region', { name: 'Agreed grades by agency' });
    await agreement.getByText("Children's social care: not agreed yet").waitFor();
    await press(lead, agreement, "Agree Children's social care's grades");
    await agreement
      .getByRole('alert')
      .getByText(
        /^Give the multi-agency grade for .+ and .+ before agreeing Children's social care's grades\.$/,
      )
      .waitFor();
    await axeInEveryTheme(lead, 'moderation with a refused agreement');
    await fillIn(lead, 'multiAgency', 'good', 'Multi-agency');
    await lead
      .getByRole('status')
      .filter({ hasText: /All changes saved/ })
      .waitFor();
    await lead.reload();
    await pickPerson(lead, 'Ruth Adeyemi');
    await press(lead, agreement, "Agree Children's social care's grades");
    await agreement
      .getByText(/^Children's social care: grades agreed on \d+ \w+ \d{4} by Ruth Adeyemi$/)
      .waitFor();
    await agreement.getByText('Police: not agreed yet').waitFor();
    await agreement
      .getByRole('button', { name: "Undo the agreement of Children's social care's grades" })
      .waitFor();
    await lead.getByText(/Status: In moderation/).waitFor();
    await axeInEveryTheme(lead, 'moderation with an agency agreed');

    // Social care's auditor sends at once; the audit has not gone for sign-off.
    await auditor.reload();
    await pickPerson(auditor, AUDITOR);
    await press(auditor, chris, `Send to ${CHRIS}`);
    await chris.getByRole('heading', { name: new RegExp(`^${CHRIS}: Sent`) }).waitFor();
    await lead.reload();
    await pickPerson(lead, 'Ruth Adeyemi');
    await lead.getByText(/Status: In moderation/).waitFor();
    await lead
      .getByRole('table', { name: 'Every event of this audit, oldest first' })
      .getByText("Children's social care's grades agreed in moderation", { exact: false })
      .waitFor();
    await until(`the card to ${CHRIS}`, async () =>
      (await feed()).chats.find(
        (c) =>
          c.members.includes(CHRIS) &&
          c.messages.some((m) =>
            m.attachments[0]?.content.includes(`Feedback on case ${inModeration}`),
          ),
      ),
    );
    // Its timeliness counts from social care's agreement: sent, within the target, although the
    // audit has not gone for sign-off (before, it would not have started counting at all).
    await lead.goto(`${app.tab.url}/#/programme`);
    await lead
      .getByRole('region', { name: 'Feedback timeliness' })
      .getByRole('table', { name: 'Feedback timeliness by audit' })
      .getByRole('row')
      .filter({ hasText: inModeration })
      .getByText(/^1 of 1 sent within 10 working days \(median \d+ working days?\)/)
      .waitFor();
  }, 480_000);
});
