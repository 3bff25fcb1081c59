/**
 * The whole of issue 10's story in Chromium, by keyboard. The business manager commissions a child
 * protection audit of two agencies (through Graph, as commissioning does; its card goes to the
 * channel). Then: each agency's auditor signs in, fills in their contribution and submits it in the
 * audit form; the lead auditor sends the audit to moderation, gives the multi-agency grades,
 * overrules Police's grade with a reason and sends for sign-off; the sign-off manager finds it in My
 * sign-offs and returns it (the guard refuses a date of birth first, without repeating it, and
 * keeps the text); the lead auditor reads the comments and sends it again; the sign-off manager
 * signs it off; the trail shows every move; the cards are read on the emulator's own page, drawn
 * by the official renderer; the grading-consistency panel on the Programme page counts the audit;
 * axe finds nothing in the light, dark and high-contrast themes.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PEOPLE } from '../../src/cli/demoData.js';
import { gradeKappa } from '../../src/domain/consistency.js';
import { latestTool, sectionsFor } from '../../src/domain/tools/index.js';
import { AUDIT_CHANNEL_ID, SEED_USERS, TEAM_ID } from '../../src/emulator/tenant.js';
import { findSiteLists, type SiteLists } from '../../src/graph/listItems.js';
import { createOutbox } from '../../src/graph/outbox.js';
import { createItemPermissions } from '../../src/graph/permissions.js';
import { createProgrammeService } from '../../src/graph/programme.js';
import { resolveSiteId } from '../../src/graph/provision.js';
import { userPrincipalNameOf } from '../../src/graph/people.js';
import { createRepositories } from '../../src/graph/repositories.js';
import { LIST_NAMES } from '../../src/graph/schema.js';
import { PARTNERSHIP_SITE_PATH, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
import { axeViolations } from '../support/axe.js';
import { clientFor, restFor } from '../support/emulator.js';
import { type LocalApp, pickPerson, signIn, startLocalApp } from '../support/localApp.js';

const CASE = 'NSP-CP-0150';
const LEAD = 'Ruth Adeyemi';
const SIGN_OFF = 'Marcus Reid';
const CARE = 'Priya Shah';
const POLICE = 'Dana Whitfield';
const tool = latestTool('childProtection');

let app: LocalApp;
let auditId: string;
let lists: SiteLists;

const personOf = (upn: string) => {
  const u = SEED_USERS.find((x) => x.userPrincipalName === upn)!;
  return { id: u.id, displayName: u.displayName };
};

beforeAll(async () => {
  app = await startLocalApp();
  const manager = clientFor(app.emulator, PEOPLE.businessManager);
  const siteId = await resolveSiteId(manager, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  lists = await findSiteLists(manager, siteId, LIST_NAMES);
  // Commissioned as the Commission page does it (its own browser test drives that page): the
  // audit, its contributions with their item permissions, and the card in the channel, whose
  // thread the sign-off later replies in.
  const me = personOf(PEOPLE.businessManager);
  const cards = {
    links: { mode: 'local' as const, tabUrl: app.tab.url },
    caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
  };
  const outbox = createOutbox(manager, lists, { me, cards });
  const programme = createProgrammeService(manager, lists, {
    outbox,
    me,
    now: () => new Date(),
    channel: { teamId: TEAM_ID, channelId: AUDIT_CHANNEL_ID },
    cards,
    itemPermissions: createItemPermissions(
      restFor(app.emulator, PEOPLE.businessManager),
      lists.listIds,
      userPrincipalNameOf(manager),
    ),
  });
  const theme = (await createRepositories(manager, lists).programme.list())[0]!;
  const today = new Date().toISOString().slice(0, 10);
  [auditId] = (await programme.commission(
    {
      themeId: theme.id,
      themeTitle: theme.title,
      caseReferences: [CASE],
      category: 'childProtection',
      periodStart: `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`,
      periodEnd: today,
      agencies: ['socialCare', 'police'],
      auditors: {
        socialCare: personOf(PEOPLE.auditorCare),
        police: personOf(PEOPLE.auditorPolice),
      },
      leadAuditor: personOf(PEOPLE.lead),
      signOffManager: personOf(PEOPLE.signOffHealth),
      dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    },
    'commission-signoff-browser-test',
  )) as [string];
  expect((await outbox.drain()).sent).toBeGreaterThan(0);
});
afterAll(async () => {
  await app?.close();
});

async function openAudit(page: Page, name: string): Promise<void> {
  await signIn(page, app.tab.url, name, `#/audits/${auditId}`);
  await page.getByRole('heading', { level: 1, name: `Audit ${CASE}` }).waitFor();
  await page.getByRole('region', { name: 'Moderation and sign-off' }).waitFor();
}

async function reopen(page: Page, name: string): Promise<void> {
  await page.reload();
  await pickPerson(page, name);
  await page.getByRole('region', { name: 'Moderation and sign-off' }).waitFor();
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).focus();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

/**
 * Fills in one contributor's form by keyboard: each graded area gets the grade given and its
 * evidence and impact; the case profile its facts.
 */
async function fillIn(page: Page, prefix: string, grade: string, words: string): Promise<void> {
  const ids = await page
    .locator(`section[id^="${prefix}-"][id$="-section"]`)
    .evaluateAll((els) => els.map((e) => e.id.replace(/-section$/, '')));
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) {
    const radio = page.locator(`#${id}-grade input[value="${grade}"]`);
    if ((await radio.count()) > 0) {
      await radio.focus();
      await page.keyboard.press('Space');
      await typeInto(page, `#${id}-evidence`, `${words}: seen in the record.`);
      await typeInto(page, `#${id}-impact`, `${words}: the child is safer.`);
    } else {
      await typeInto(page, `#${id}-evidence`, `${words}: on a plan since March.`);
    }
  }
}

async function waitSaved(page: Page): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: /All changes saved/ })
    .waitFor();
}

/** One agency's auditor fills in and submits their contribution, by keyboard. */
async function contribute(name: string, prefix: string, label: string, words: string) {
  const page = await app.newPage();
  page.setDefaultTimeout(60_000);
  await openAudit(page, name);
  await page
    .getByText(/sections complete/)
    .first()
    .waitFor();
  await fillIn(page, prefix, 'good', words);
  await waitSaved(page);
  await page.getByRole('button', { name: `Submit ${label}` }).focus();
  await page.keyboard.press('Enter');
  await page
    .getByRole('status')
    .filter({ hasText: 'Submitted: read-only until a moderator returns it.' })
    .waitFor();
  await page.close();
}

async function press(page: Page, name: string | RegExp): Promise<void> {
  const button = page.getByRole('button', { name, exact: typeof name === 'string' });
  await button.focus();
  await page.keyboard.press('Enter');
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

describe('moderation and sign-off', () => {
  it('goes from two agencies submitting to signed off, by keyboard, with the cards and the trail', async () => {
    await contribute(CARE, 'socialCare', "children's social care", 'Social care');
    await contribute(POLICE, 'police', 'police', 'Police');

    const lead = await app.newPage();
    // A step that cannot happen fails naming what it waited for, well inside the test's time.
    lead.setDefaultTimeout(60_000);
    await openAudit(lead, LEAD);
    await press(lead, 'Send to moderation');
    await lead.getByText(/Status: In moderation/).waitFor();
    await lead
      .getByRole('region', { name: 'Moderate each area' })
      .getByText(/^Multi-agency grade: not given yet/)
      .first()
      .waitFor();
    await fillIn(lead, 'multiAgency', 'good', 'Multi-agency');
    await waitSaved(lead);
    await reopen(lead, LEAD);
    const area = sectionsFor(tool, 'police').find((s) => s.graded)!;
    const form = lead.getByRole('form', { name: `Moderate Police's grade for ${area.title}` });
    // A closed native select takes arrow keys: End chooses its last grade, Inadequate.
    await form.getByLabel('Moderated grade for Police').focus();
    await lead.keyboard.press('End');
    await expect(form.getByLabel('Moderated grade for Police').inputValue()).resolves.toBe(
      'inadequate',
    );
    await form.getByRole('button', { name: "Save Police's grade" }).focus();
    await lead.keyboard.press('Enter');
    await form.getByText(/a changed grade needs a reason/).waitFor();
    await axeInEveryTheme(lead, 'moderation with a refused change');
    await form.getByLabel("Reason for changing Police's grade").focus();
    await lead.keyboard.type('No sign that the child was seen alone.');
    await form.getByRole('button', { name: "Save Police's grade" }).focus();
    await lead.keyboard.press('Enter');
    await lead
      .getByRole('table', { name: 'Grades changed in moderation (findings)' })
      .getByText('No sign that the child was seen alone.')
      .waitFor();
    await press(lead, 'Send for sign-off');
    await lead.getByText(/Status: Awaiting sign-off/).waitFor();

    const signer = await app.newPage();
    signer.setDefaultTimeout(60_000);
    await signIn(signer, app.tab.url, SIGN_OFF, '#/sign-offs');
    const table = signer.getByRole('table', { name: 'Audits awaiting your sign-off' });
    await table.getByRole('link', { name: CASE }).waitFor();
    await axeInEveryTheme(signer, 'My sign-offs');
    await table.getByRole('link', { name: CASE }).focus();
    await signer.keyboard.press('Enter');
    await signer.getByRole('region', { name: 'Moderation and sign-off' }).waitFor();
    await signer.getByRole('table', { name: 'Grades changed in moderation (findings)' }).waitFor();
    await axeInEveryTheme(signer, 'the sign-off view');

    await press(signer, 'Return with comments');
    const returning = signer.getByRole('form', { name: 'Return with comments' });
    await returning.getByLabel(/Comments/).focus();
    await signer.keyboard.type('Born 14/03/2015: check the health notes.');
    await returning.getByRole('button', { name: 'Return with comments' }).focus();
    await signer.keyboard.press('Enter');
    const refusal = signer.getByRole('alert').filter({ hasText: 'The comments cannot be sent' });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.not.toContain('14/03/2015');
    await expect(returning.getByLabel(/Comments/).inputValue()).resolves.toBe(
      'Born 14/03/2015: check the health notes.',
    );
    await returning.getByLabel(/Comments/).focus();
    await signer.keyboard.press('Control+A');
    await signer.keyboard.press('Delete');
    await signer.keyboard.type('Say more about the police evidence for this area.');
    await returning.getByRole('button', { name: 'Return with comments' }).focus();
    await signer.keyboard.press('Enter');
    await signer.getByText(/Status: Returned for changes/).waitFor();

    await reopen(lead, LEAD);
    const comments = lead
      .locator('.fui-MessageBarBody')
      .filter({ hasText: 'Returned with comments by the sign-off manager' });
    await comments.waitFor();
    await expect(comments.textContent()).resolves.toContain(
      'Say more about the police evidence for this area.',
    );
    await press(lead, 'Send for sign-off');
    await lead.getByText(/Status: Awaiting sign-off/).waitFor();

    await reopen(signer, SIGN_OFF);
    await press(signer, 'Sign off');
    const signing = signer.getByRole('form', { name: 'Sign off' });
    await signing.getByLabel('Note (optional)').focus();
    await signer.keyboard.type('Thorough moderation.');
    await signing.getByRole('button', { name: 'Sign off' }).focus();
    await signer.keyboard.press('Enter');
    await signer.getByText(/Status: Signed off/).waitFor();
    const trail = signer.getByRole('table', { name: 'Every event of this audit, oldest first' });
    await trail
      .getByText(/^Sent for sign-off to Marcus Reid/)
      .first()
      .waitFor();
    await trail.getByText(/^Returned to moderation by Marcus Reid/).waitFor();
    await trail.getByText('Signed off by Marcus Reid: Thorough moderation.').waitFor();

    // The cards, sent from each person's own tab, as the emulator's page shows them (drawn by the
    // official Adaptive Cards renderer; the page reloads what was posted every five seconds).
    const posted = await app.newPage();
    posted.setDefaultTimeout(90_000);
    await posted.goto(`${app.emulator.url}/_emulator/`);
    const chatWith = (member: string) =>
      posted.locator('section').filter({
        has: posted.getByRole('heading', { level: 3, name: new RegExp(`^Chat: .*${member}`) }),
      });
    const card = (where: Locator, from: string, text: string) =>
      where
        .getByRole('article', { name: `Message from ${from}` })
        .locator('.ac-adaptiveCard')
        .filter({ hasText: text });
    // Ready for sign-off, in a chat with the sign-off manager: twice, since it was sent twice.
    await card(chatWith(SIGN_OFF), LEAD, `Ready for sign-off: ${CASE}`).nth(1).waitFor();
    // Returned, in a chat with the lead auditor.
    await card(chatWith(LEAD), SIGN_OFF, `Returned for changes: ${CASE}`).waitFor();
    // Signed off, in a chat with each agency's auditor.
    await card(chatWith(CARE), SIGN_OFF, `Signed off: ${CASE}`).waitFor();
    await card(chatWith(POLICE), SIGN_OFF, `Signed off: ${CASE}`).waitFor();
    // Signed off, as a reply in the thread of the audit's commissioning card in the channel.
    const replies = posted.getByRole('group', { name: 'Replies' });
    const thread = posted
      .getByRole('article', { name: 'Message from Morgan Ellis' })
      .filter({ has: card(replies, SIGN_OFF, `Signed off: ${CASE}`) });
    await thread
      .locator(':scope > .card .ac-adaptiveCard')
      .filter({ hasText: 'Audit commissioned' })
      .filter({ hasText: CASE })
      .waitFor();
    await posted.close();

    // Grading consistency on the Programme page counts the signed-off audit: Police's grades
    // against the moderated ones, one of them lowered to Inadequate.
    const policeAreas = sectionsFor(tool, 'police').filter((s) => s.graded);
    const police = gradeKappa(
      policeAreas.map((s) => ({
        auditId,
        sectionId: s.id,
        areaTitle: s.title,
        agency: 'police' as const,
        auditorId: undefined,
        auditorName: undefined,
        agencyGrade: 'good' as const,
        moderatedGrade: s.id === area.id ? ('inadequate' as const) : ('good' as const),
      })),
    );
    expect(police.kind).toBe('estimate');
    const manager = await app.newPage();
    manager.setDefaultTimeout(60_000);
    await signIn(manager, app.tab.url, 'Morgan Ellis', '#/programme');
    const byAgency = manager.getByRole('table', { name: 'Grading consistency by agency' });
    const row = byAgency.getByRole('row').filter({ hasText: 'Police' });
    await row.waitFor();
    await expect(row.locator('th, td').allInnerTexts()).resolves.toEqual([
      'Police',
      police.kind === 'estimate' ? police.kappa.toFixed(2) : '',
      police.kind === 'estimate' ? `${police.lower.toFixed(2)} to ${police.upper.toFixed(2)}` : '',
      String(policeAreas.length),
      police.words,
    ]);
    await manager
      .getByRole('table', { name: 'Grading consistency by auditor' })
      .getByRole('row')
      .filter({ hasText: POLICE })
      .filter({ hasText: police.words })
      .waitFor();
    await axeInEveryTheme(manager, 'the Programme page with grading consistency');
    // Fifteen axe runs, six people's tabs and three contributions typed: longer than the
    // browser tests' usual budget.
  }, 900_000);
});
