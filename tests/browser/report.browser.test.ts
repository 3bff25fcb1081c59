/**
 * The overview report in Chromium against the built tab and the emulator with the demo data (its
 * signed-off audit has its digest): the business manager, by keyboard, builds the year's report,
 * sees its figures as tables with charts beside them, writes the narrative and a recommendation,
 * saves the draft, publishes it (then it is fixed), and exports it as Word, Excel and CSV, each
 * file read back by an independent reader; axe finds nothing in the light, dark and high-contrast
 * themes. Then the business manager turns the recommendation into an action for Health owned by
 * Health's agency lead, who signs in and updates it (In progress, with evidence); axe again.
 * The plan filtered by owner and recommendation; the demo's overdue action's card to its owner,
 * seen on the emulator's page and followed to the action; and a re-audit due commissioned from
 * the Programme page with its case filled in, after which it is no longer due.
 */
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mammoth from 'mammoth';
import type { Locator, Page } from 'playwright-core';
import { decodeDigest } from '../../src/domain/report/digest.js';
import { digestFields } from '../../src/graph/digests.js';
import { findSiteLists, itemsPath, readItems } from '../../src/graph/listItems.js';
import { resolveSiteId } from '../../src/graph/provision.js';
import { LIST_NAMES } from '../../src/graph/schema.js';
import { PARTNERSHIP_SITE_PATH, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
import { clientFor } from '../support/emulator.js';
import { axeViolations } from '../support/axe.js';
import { type LocalApp, pickPerson, signIn, startLocalApp } from '../support/localApp.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.close();
});

async function press(page: Page, name: string | RegExp): Promise<void> {
  const button = page.getByRole('button', { name, exact: typeof name === 'string' });
  await button.focus();
  await page.keyboard.press('Enter');
}

async function type(page: Page, label: string, text: string): Promise<void> {
  await page.getByRole('textbox', { name: label, exact: true }).focus();
  await page.keyboard.type(text, { delay: 5 });
}

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

/** Presses an export button and returns the file the browser downloaded. */
async function exported(page: Page, name: string): Promise<{ file: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await press(page, name);
  const d = await download;
  const path = await d.path();
  return { file: d.suggestedFilename(), bytes: readFileSync(path) };
}

describe('the overview report', () => {
  it('the business manager builds, publishes and exports the year’s report, by keyboard', async () => {
    const page = await app.newPage();
    await signIn(page, app.tab.url, 'Morgan Ellis');
    // The first screen (the overview of the year) is ready before the person moves on.
    await page.getByRole('heading', { level: 1, name: /^How \d{4}-\d{2} is going$/ }).waitFor();
    const reports = page.getByRole('navigation', { name: 'Areas' }).getByRole('link', {
      name: 'Reports',
    });
    await reports.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Overview reports' }).waitFor();
    await press(page, 'New report');
    await page.getByRole('heading', { level: 1, name: 'New overview report' }).waitFor();
    const title = await page.getByLabel('Title').inputValue();
    expect(title).toMatch(/^Overview of the \d{4}-\d{2} programme$/);
    await press(page, 'Build the report');

    await page.getByRole('heading', { level: 1, name: `${title}, version 1` }).waitFor();
    await page.getByText('The draft is saved.').waitFor();
    // The figures: the demo's signed-off audit, its areas as a table with a chart beside it.
    const byArea = page.getByRole('table', { name: 'Multi-agency grades by area' });
    await byArea.waitFor();
    expect(await byArea.locator('tbody tr').count()).toBeGreaterThan(0);
    await page.getByText(/^1 audit: 1 early/).waitFor();
    await page.locator('figure svg').first().waitFor();
    // The sections in words, from the words kept when the demo's audit was signed off.
    const practice = page.getByRole('region', { name: 'Good practice and areas to improve' });
    await practice
      .getByText(/\(NSP-EH-0301; graded [^)]+\): Fictional demo: visits were regular/)
      .first()
      .waitFor();
    await practice
      .getByText(/\(NSP-EH-0301; graded [^)]+\): Fictional demo: record the reasons/)
      .first()
      .waitFor();
    await page
      .getByRole('region', { name: 'The difference practice made to children' })
      .getByText(/\(NSP-EH-0301; graded [^)]+\): Fictional demo: the child is safer at home/)
      .first()
      .waitFor();
    const timeliness = page.getByRole('region', { name: 'Timeliness of sign-off and feedback' });
    await timeliness
      .getByText(/^From commissioning to sign-off: a median of \d+ working days? \(1 audit\)\.$/)
      .waitFor();
    await timeliness
      .getByText(
        /^From moderation sending the audit for sign-off to sign-off: a median of \d+ working days? \(1 audit\)\.$/,
      )
      .waitFor();
    await timeliness.getByText("1 of 1 audit signed off by the audit's due date.").waitFor();
    // The demo's two feedback on NSP-EH-0301, read from the practitioners' dates items: both
    // sent, one acknowledged two days later, the other still waiting.
    await timeliness
      .getByText(
        /^From moderation agreeing an agency's grades to feedback sent: \d of 2 sent within 10 working days \(median \d+ working days?\)\.$/,
      )
      .waitFor();
    await timeliness
      .getByText(
        /^From sent to acknowledged by the practitioner: 1 of 1 acknowledged within 10 working days \(median \d working days?\); 1 waiting/,
      )
      .waitFor();

    // Publishing too soon names what is missing, and nothing is lost.
    await press(page, 'Publish');
    await page.getByText(/Write the narrative/).waitFor();

    await type(page, 'Narrative', 'Early help plans were clearer where agencies met together.');
    await press(page, 'Add a recommendation');
    await type(page, 'Recommendation 1', 'Hold a joint planning meeting within ten working days.');
    await type(
      page,
      'The difference it should make for children',
      'Children get help sooner, with one plan.',
    );
    await press(page, 'Save draft');
    await page.getByText('The draft is saved.').waitFor();
    await expect(page.getByLabel('Narrative', { exact: true }).inputValue()).resolves.toBe(
      'Early help plans were clearer where agencies met together.',
    );
    await axeInEveryTheme(page, 'the draft report');

    await press(page, 'Publish');
    await page.getByText('Published. This version is now fixed.').waitFor();
    // Fixed: no field to change, only a new version.
    expect(await page.getByLabel('Narrative', { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Make a new version' }).waitFor();

    const word = await exported(page, 'Word document');
    expect(word.file).toBe(`${title} v1.docx`);
    const { value: text } = await mammoth.extractRawText({ buffer: word.bytes });
    expect(text).toContain(title);
    expect(text).toContain('Hold a joint planning meeting within ten working days.');
    expect(text.indexOf('Method')).toBeLessThan(text.indexOf('Recommendations'));
    // The sections in words, in the board paper's order.
    const inOrder = [
      'Good practice and areas to improve',
      'Fictional demo: visits were regular and the plan was reviewed on time.',
      'Fictional demo: record the reasons for decisions more fully.',
      'The difference practice made to children',
      'Fictional demo: the child is safer at home and attends school more often.',
      'Moderation findings and grading consistency',
      'Timeliness of sign-off and feedback',
      'From commissioning to sign-off: a median of',
      'Recommendations',
    ];
    let from = text.indexOf('Early help plans were clearer');
    expect(from).toBeGreaterThan(0);
    for (const s of inOrder) {
      const i = text.indexOf(s, from);
      expect([s, i > from]).toEqual([s, true]);
      from = i;
    }

    const excel = await exported(page, 'Excel workbook');
    const book = XLSX.read(excel.bytes);
    expect(book.SheetNames[0]).toBe('Report');
    expect(XLSX.utils.sheet_to_csv(book.Sheets['Report']!)).toContain(title);

    const csv = await exported(page, 'CSV');
    expect(csv.file).toBe(`${title} v1.csv`);
    expect(csv.bytes.toString('utf8')).toContain('Multi-agency grades by area');

    await axeInEveryTheme(page, 'the published report');

    // Back on the list, the published version is there.
    await press(page, 'Back to the reports');
    const list = page.getByRole('table', { name: 'Overview reports' });
    await list.getByRole('button', { name: `${title}, version 1` }).waitFor();
    await expect(list.locator('tbody tr').first().innerText()).resolves.toContain('Published');

    // The recommendation becomes an action for Health, owned by Health's agency lead.
    const actions = page.getByRole('navigation', { name: 'Areas' }).getByRole('link', {
      name: 'Actions',
    });
    await actions.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Action plan' }).waitFor();
    await page
      .getByLabel('Recommendation', { exact: true })
      .first()
      .selectOption({
        label: `Hold a joint planning meeting within ten working days. (${title}, version 1)`,
      });
    await type(page, 'What will be done', 'Book joint planning meetings for every new plan');
    await page.getByLabel('Owning agency').selectOption({ label: 'Health' });
    const owner = page.getByRole('combobox', { name: /^Owner \(the agency/ });
    await owner.focus();
    await page.keyboard.type('Grace', { delay: 20 });
    await page.getByRole('option', { name: /^Grace Lin \(/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const due = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Due', { exact: true }).fill(due);
    await press(page, 'Add the action');
    await page
      .getByText('Action added: Book joint planning meetings for every new plan.')
      .waitFor();
    const plan = page.getByRole('table', { name: 'Actions' });
    const row = plan.locator('tbody tr', { hasText: 'Book joint planning meetings' });
    await expect(row.innerText()).resolves.toMatch(/Health[\s\S]*Grace Lin[\s\S]*Not started/);
    await expect(row.innerText()).resolves.toContain(`${title}, version 1`);

    // Health's agency lead updates it.
    const lead = await app.newPage();
    await signIn(lead, app.tab.url, 'Grace Lin', '#/actions');
    await lead.getByRole('heading', { level: 1, name: 'Action plan' }).waitFor();
    await press(lead, 'Update Book joint planning meetings for every new plan');
    await lead.getByLabel('Status', { exact: true }).last().selectOption({ label: 'In progress' });
    await type(lead, 'Evidence of progress or completion', 'Meetings booked for 4 of 6 new plans.');
    await press(lead, 'Save the update');
    await lead
      .getByText('Action updated: Book joint planning meetings for every new plan.')
      .waitFor();
    const updated = lead
      .getByRole('table', { name: 'Actions' })
      .locator('tbody tr', { hasText: 'Book joint planning meetings' });
    await expect(updated.innerText()).resolves.toMatch(
      /In progress[\s\S]*Meetings booked for 4 of 6 new plans\./,
    );
    await axeInEveryTheme(lead, 'the action plan, as an agency lead');
  });

  it('the business manager filters the plan by owner and recommendation, and exports what is shown', async () => {
    // The action added above, beside the demo's three.
    const page = await app.newPage();
    await signIn(page, app.tab.url, 'Morgan Ellis', '#/actions');
    await page.getByRole('heading', { level: 1, name: 'Action plan' }).waitFor();
    const plan = page.getByRole('table', { name: 'Actions' });
    await plan.locator('tbody tr', { hasText: 'Book joint planning meetings' }).waitFor();
    await page.getByText('Showing all 4 actions.').waitFor();
    // The plan filtered by owner, then by recommendation: each filter a labelled select.
    const rows = () => plan.locator('tbody tr').allInnerTexts();
    const filters = page.getByRole('group', { name: 'Filter the plan' });
    const ownerFilter = filters.getByRole('combobox', { name: 'Owner', exact: true });
    await ownerFilter.focus();
    await ownerFilter.selectOption({ label: 'Grace Lin' });
    await page.getByText(/^Showing 2 of 4 actions: owned by Grace Lin\.$/).waitFor();
    expect((await rows()).every((r) => r.includes('Grace Lin'))).toBe(true);
    await filters
      .getByRole('combobox', { name: 'Recommendation', exact: true })
      .selectOption({ label: 'Hold a joint planning meeting within ten working days.' });
    await page.getByText(/^Showing 1 of 4 actions: owned by Grace Lin, answering/).waitFor();
    expect(await rows()).toHaveLength(1);
    expect((await rows())[0]).toContain('Book joint planning meetings for every new plan');
    const filtered = await exported(page, 'Export the actions shown (CSV)');
    const lines = filtered.bytes.toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Book joint planning meetings for every new plan');
    await axeInEveryTheme(page, 'the action plan, filtered');
  });

  it("an overdue action's owner gets its card, once, and it opens the action", async () => {
    // The business manager's tab queues the action plan's cards as it opens (the demo's police
    // action is five days overdue).
    const page = await app.newPage();
    await signIn(page, app.tab.url, 'Morgan Ellis');
    await page.getByRole('heading', { level: 1, name: /^How \d{4}-\d{2} is going$/ }).waitFor();
    const posted = await app.newPage();
    posted.setDefaultTimeout(60_000);
    await posted.goto(`${app.emulator.url}/_emulator/`);
    const chat = posted.locator('section').filter({
      has: posted.getByRole('heading', { level: 3, name: /^Chat: .*Owen Price/ }),
    });
    const card: Locator = chat
      .getByRole('article', { name: 'Message from Morgan Ellis' })
      .locator('.ac-adaptiveCard')
      .filter({ hasText: 'Action overdue' });
    await card.waitFor();
    await expect(card.innerText()).resolves.toContain(
      'Share police notifications with the lead professional within 24 hours',
    );
    await posted.close();
    // Once, however often the business manager's tab has opened (the first test opened it too).
    const feed = (await (await fetch(`${app.emulator.url}/_emulator/api/feed`)).json()) as {
      chats: Array<{
        members: string[];
        messages: Array<{ attachments: Array<{ content: string }> }>;
      }>;
    };
    const cards = feed.chats
      .filter((c) => c.members.includes('Owen Price') && c.members.includes('Morgan Ellis'))
      .flatMap((c) => c.messages)
      .map(
        (m) =>
          JSON.parse(m.attachments[0]?.content ?? '{}') as { actions?: Array<{ url: string }> },
      )
      .filter((c) => JSON.stringify(c).includes('Action overdue'));
    expect(cards).toHaveLength(1);
    const url = cards[0]!.actions![0]!.url;
    expect(url).toMatch(/\/index\.html#\/actions\/\d+$/);
    // The owner follows it: the action opens, ready to update.
    const owner = await app.newPage();
    await owner.goto(url);
    await pickPerson(owner, 'Owen Price');
    await owner
      .getByRole('heading', {
        name: 'Update: Share police notifications with the lead professional within 24 hours',
      })
      .waitFor();
    await axeInEveryTheme(owner, 'an action opened from its card');
  });

  it('the business manager commissions a re-audit due from the Programme page, its case filled in', async () => {
    // The demo's signed-off audit, made due for re-audit: signed off seven months ago, graded
    // inadequate in one area (its digest changed as a later sign-off would have written it).
    const client = clientFor(app.emulator, 'morgan.ellis@northshire.example');
    const siteId = await resolveSiteId(client, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
    const lists = await findSiteLists(client, siteId, LIST_NAMES);
    const [item] = await readItems(client, lists, 'Digests');
    const before = decodeDigest(String(item!.fields['Digest']));
    const signedOffAt = new Date(Date.now() - 213 * 86_400_000).toISOString();
    const [first, ...rest] = before.areas;
    const changed = {
      ...before,
      signedOffAt,
      areas: [{ ...first!, multiAgency: 'inadequate' as const }, ...rest],
    };
    await client
      .api(`${itemsPath(lists, 'Digests')}/${item!.id}/fields`)
      .patch(digestFields(changed));

    const page = await app.newPage();
    await signIn(page, app.tab.url, 'Morgan Ellis', '#/programme');
    const due = page.getByRole('table', { name: 'Re-audits due' });
    await due.waitFor();
    const link = due.getByRole('link', {
      name: `Commission the re-audit of ${before.caseReference}`,
    });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Commission audits: / }).waitFor();
    // Only the original audit's id travels in the address, never the case reference.
    expect(page.url()).toMatch(
      new RegExp(`#/programme/\\d+/commission\\?reauditOf=${before.auditId}$`),
    );
    expect(page.url()).not.toContain(before.caseReference);
    await page.getByText(`Re-audit of ${before.caseReference}`).waitFor();
    await expect(page.getByLabel(/Case references/).inputValue()).resolves.toBe(
      before.caseReference,
    );
    await expect(page.getByLabel('Category of case').inputValue()).resolves.toBe(before.category);
    await expect(
      page.getByRole('checkbox', { name: /This is a re-audit/ }).isChecked(),
    ).resolves.toBe(true);
    for (const agency of before.agencies)
      expect(await page.getByRole('checkbox', { name: agencyName(agency) }).isChecked()).toBe(true);
    await axeInEveryTheme(page, 'commissioning a re-audit');
    await choosePerson(page, /Auditor for Early help/, 'Lee', /Lee Marsh/);
    await choosePerson(page, /Auditor for Education/, 'Sam', /Sam Carter/);
    await choosePerson(page, /Lead auditor/, 'Ruth', /Ruth Adeyemi/);
    await choosePerson(page, /Sign-off manager/, 'Helen', /Helen Brooks/);
    await press(page, 'Commission 1 audit');
    await page.getByText('1 audit commissioned.').waitFor();

    // Linked to its original, as stored; and no longer due.
    const audits = await readItems(client, lists, 'Audits', {
      filter: `fields/ReauditOfId eq ${Number(before.auditId)}`,
    });
    expect(audits.map((a) => a.fields['CaseReference'])).toEqual([before.caseReference]);
    const programme = page.getByRole('navigation', { name: 'Areas' }).getByRole('link', {
      name: 'Programme',
    });
    await programme.focus();
    await page.keyboard.press('Enter');
    await page.getByText('No re-audit is due in the next 60 days.').waitFor();
  });
});

const agencyName = (id: string): string =>
  ({ earlyHelp: 'Early help', education: 'Education' })[id] ?? id;

async function choosePerson(page: Page, label: RegExp, typed: string, name: RegExp): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  await box.focus();
  await page.keyboard.type(typed, { delay: 20 });
  await page.getByRole('option', { name }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(box.inputValue()).resolves.toMatch(name);
}
