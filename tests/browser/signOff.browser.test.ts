/**
 * Moderation and sign-off in Chromium, by keyboard. The demo audit NSP-CP-0104 is in moderation;
 * its two agencies' grades and the lead auditor's multi-agency grades are (re)written through Graph
 * first (as each of those people), and its commissioning card is posted, so that the sign-off can
 * reply in its thread. Then: the lead auditor overrules Police's grade with a reason and sends
 * for sign-off; the sign-off manager finds it in My sign-offs and returns it (the guard refuses
 * a date of birth first, without repeating it, and keeps the text); the lead auditor reads the
 * comments and sends it again; the sign-off manager signs it off; the trail shows every move; the
 * cards are on the emulator's page; axe finds nothing in the light, dark and high-contrast themes.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PEOPLE } from '../../src/cli/demoData.js';
import { type ContributorId, MULTI_AGENCY } from '../../src/domain/agencies.js';
import { EMPTY_ANSWER, type SectionAnswer } from '../../src/domain/answers.js';
import { sectionsFor, latestTool } from '../../src/domain/tools/index.js';
import { AUDIT_CHANNEL_ID, SEED_USERS, TEAM_ID } from '../../src/emulator/tenant.js';
import { createAuditWorkspace } from '../../src/graph/auditWorkspace.js';
import { findSiteLists, readItems, type SiteLists } from '../../src/graph/listItems.js';
import { createOutbox, idempotencyKey } from '../../src/graph/outbox.js';
import { resolveSiteId } from '../../src/graph/provision.js';
import { LIST_NAMES } from '../../src/graph/schema.js';
import { PARTNERSHIP_SITE_PATH, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
import { axeViolations } from '../support/axe.js';
import { clientFor } from '../support/emulator.js';
import { type LocalApp, pickPerson, signIn, startLocalApp } from '../support/localApp.js';

const CASE = 'NSP-CP-0104';
const LEAD = 'Ruth Adeyemi';
const SIGN_OFF = 'Marcus Reid';
const tool = latestTool('childProtection');

let app: LocalApp;
let auditId: string;
let lists: SiteLists;

type Feed = {
  channels: Array<{
    displayName: string;
    messages: Array<{
      id: string;
      attachments: Array<{ content: string }>;
      replies: Array<{ replyToId: string; attachments: Array<{ content: string }> }>;
    }>;
  }>;
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

const personOf = (upn: string) => {
  const u = SEED_USERS.find((x) => x.userPrincipalName === upn)!;
  return { id: u.id, displayName: u.displayName };
};

/** One contributor grades every graded section of theirs, through Graph as themselves. */
async function grade(upn: string, contributor: ContributorId, g: 'good' | 'requiresImprovement') {
  const ws = createAuditWorkspace(clientFor(app.emulator, upn), lists);
  const current = await ws.load(auditId);
  const answer = (title: string): SectionAnswer => ({
    ...(EMPTY_ANSWER as Extract<SectionAnswer, { kind: 'answered' }>),
    grade: g,
    evidence: `Seen in the record for ${title}.`,
    impact: 'The child is safer.',
  });
  const outcomes = await ws.saveSections(
    auditId,
    contributor,
    sectionsFor(tool, contributor)
      .filter((s) => s.graded)
      .map((s) => ({
        sectionId: s.id,
        answer: answer(s.title),
        // The demo's own answers are there already: change them from the version stored.
        base: current.answers.find((a) => a.contributor === contributor && a.sectionId === s.id),
      })),
  );
  expect(outcomes.map((o) => o.kind)).toEqual(outcomes.map(() => 'saved'));
}

beforeAll(async () => {
  app = await startLocalApp();
  const manager = clientFor(app.emulator, PEOPLE.businessManager);
  const siteId = await resolveSiteId(manager, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  lists = await findSiteLists(manager, siteId, LIST_NAMES);
  const audit = (
    await readItems(manager, lists, 'Audits', { filter: `fields/CaseReference eq '${CASE}'` })
  )[0]!;
  auditId = audit.id;
  await grade(PEOPLE.auditorCare, 'socialCare', 'good');
  await grade(PEOPLE.auditorPolice, 'police', 'good');
  await grade(PEOPLE.lead, MULTI_AGENCY, 'good');
  // The commissioning card of this demo audit, as commissioning would have posted it.
  const me = personOf(PEOPLE.businessManager);
  const cards = {
    links: { mode: 'local' as const, tabUrl: app.tab.url },
    caseReference: /\bNSP-[A-Z]{2,4}-\d{3,6}\b/,
  };
  const outbox = createOutbox(manager, lists, { me, cards });
  const entry = {
    recordId: 'commission:demo-signoff-test',
    event: 'auditsCommissioned',
    recipient: { kind: 'channel' as const, teamId: TEAM_ID, channelId: AUDIT_CHANNEL_ID },
    card: {
      kind: 'auditsCommissioned' as const,
      data: {
        themeTitle: 'Neglect',
        audits: [{ id: auditId, caseReference: CASE, category: 'childProtection' as const }],
        due: undefined,
      },
    },
  };
  await outbox.enqueue([entry]);
  expect((await outbox.drain()).sent).toBe(1);
  await manager
    .api(
      `/sites/${encodeURIComponent(siteId)}/lists/${lists.listIds.Audits}/items/${auditId}/fields`,
    )
    .patch({ CommissioningCard: idempotencyKey(entry) });
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

const status = (page: Page) =>
  page.getByRole('region', { name: 'Moderation and sign-off' }).locator('p').first();

describe('moderation and sign-off', () => {
  it('goes from moderation to signed off, by keyboard, with the cards and the trail', async () => {
    const lead = await app.newPage();
    // A step that cannot happen fails naming what it waited for, well inside the test's time.
    lead.setDefaultTimeout(60_000);
    await openAudit(lead, LEAD);
    const area = sectionsFor(tool, 'police').find((s) => s.graded)!;
    const form = lead.getByRole('form', { name: `Moderate Police's grade for ${area.title}` });
    await form.getByLabel('Moderated grade for Police').focus();
    await form.getByLabel('Moderated grade for Police').selectOption('inadequate');
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
    await expect(status(lead).textContent()).resolves.toBeTruthy();
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
    await returning.getByLabel(/Comments/).fill('');
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

    // The cards, sent from each person's own tab: a chat to the sign-off manager, a chat to the
    // lead auditor, and the sign-off as a reply in the commissioning card's thread.
    const chatsWith = async (text: string) =>
      (await feed()).chats.filter((c) =>
        c.messages.some((m) => m.attachments[0]?.content.includes(text)),
      );
    await until('the ready-for-sign-off card', async () =>
      (await chatsWith(`Ready for sign-off: ${CASE}`)).find((c) => c.members.includes(SIGN_OFF)),
    );
    await until('the returned card', async () =>
      (await chatsWith(`Returned for changes: ${CASE}`)).find((c) => c.members.includes(LEAD)),
    );
    await until('the signed-off chat cards', async () => {
      const chats = await chatsWith(`Signed off: ${CASE}`);
      return chats.length >= 2 ? chats : undefined;
    });
    const thread = await until('the reply in the commissioning thread', async () =>
      (await feed()).channels
        .flatMap((c) => c.messages)
        .find(
          (m) =>
            m.attachments[0]?.content.includes(CASE) &&
            m.replies.some((r) => r.attachments[0]?.content.includes(`Signed off: ${CASE}`)),
        ),
    );
    expect(thread.replies[0]!.replyToId).toBe(thread.id);
    // Twelve axe runs and four people's tabs: longer than the browser tests' usual budget.
  }, 480_000);
});
