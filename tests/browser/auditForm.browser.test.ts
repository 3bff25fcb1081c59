/**
 * Two auditors of different agencies and the lead auditor complete one child protection audit in
 * Chromium by keyboard, including an edit conflict, and axe finds no violation on the way.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { axeViolations } from '../support/axe.js';
import { type LocalApp, pickPerson, signIn, startLocalApp } from '../support/localApp.js';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp();
});
afterAll(async () => {
  await app?.close();
});

const violations = axeViolations;

async function openAudit(page: Page, name: string, caseReference: string): Promise<void> {
  await signIn(page, app.tab.url, name);
  const link = page.getByRole('link', { name: caseReference }).first();
  await link.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: `Audit ${caseReference}` }).waitFor();
  await page
    .getByText(/sections complete/)
    .first()
    .waitFor();
}

/** Local mode asks who you are again after a reload; the record in the URL is kept. */
async function reopen(page: Page, name: string): Promise<void> {
  await page.reload();
  await pickPerson(page, name);
  await page
    .getByText(/sections complete/)
    .first()
    .waitFor();
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).focus();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

/** Grades every graded section Good and writes its impact; writes the case profile's facts. */
async function completeByKeyboard(page: Page, prefix: string, words: string): Promise<void> {
  const ids = await page
    .locator(`section[id^="${prefix}-"][id$="-section"]`)
    .evaluateAll((els) => els.map((e) => e.id.replace(/-section$/, '')));
  for (const id of ids) {
    const good = page.locator(`#${id}-grade input[value="good"]`);
    if ((await good.count()) > 0) {
      await good.focus();
      await page.keyboard.press('Space');
      await typeInto(page, `#${id}-impact`, `${words}: the child is safer.`);
    } else {
      await typeInto(page, `#${id}-evidence`, `${words}: plan since March.`);
    }
  }
}

async function waitSaved(page: Page): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: /All changes saved/ })
    .waitFor({ timeout: 20_000 });
}

async function submit(page: Page, label: string): Promise<void> {
  await waitSaved(page);
  const button = page.getByRole('button', { name: `Submit ${label}` });
  await button.focus();
  await page.keyboard.press('Enter');
  await page
    .getByRole('status')
    .filter({ hasText: 'Submitted: read-only until a moderator returns it.' })
    .waitFor({ timeout: 20_000 });
}

describe('completing a child protection audit', () => {
  it('two agencies and the lead auditor complete it, through a conflict, by keyboard', async () => {
    // Social care's auditor has the audit open in two windows.
    const care = await app.newPage();
    const careElsewhere = await app.newPage();
    await openAudit(care, 'Priya Shah', 'NSP-CP-0102');
    await openAudit(careElsewhere, 'Priya Shah', 'NSP-CP-0102');
    expect(await violations(care)).toEqual([]);

    await typeInto(care, '#socialCare-oversight-evidence', 'Supervision monthly.');
    await waitSaved(care);
    await typeInto(careElsewhere, '#socialCare-oversight-evidence', 'Chronology out of date.');
    const dialog = careElsewhere.getByRole('alertdialog');
    await dialog.waitFor({ timeout: 20_000 });
    // Both wrote into the empty field: one place both changed, both kept unless chosen (the
    // merge itself is tested in conflictMerge.browser.test.ts).
    await dialog.getByRole('radio', { name: 'Combine both changes (1 place to choose)' }).focus();
    await careElsewhere.keyboard.press('Space');
    expect(await violations(careElsewhere)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save my choices' }).focus();
    await careElsewhere.keyboard.press('Enter');
    await waitSaved(careElsewhere);
    await expect(
      careElsewhere.locator('#socialCare-oversight-evidence').inputValue(),
    ).resolves.toBe('Chronology out of date. Supervision monthly.');
    await careElsewhere.close();

    // The first window continues from the combined text after a reload.
    await reopen(care, 'Priya Shah');
    await expect(care.locator('#socialCare-oversight-evidence').inputValue()).resolves.toBe(
      'Chronology out of date. Supervision monthly.',
    );
    await completeByKeyboard(care, 'socialCare', 'Social care');
    await submit(care, "children's social care");
    await expect(
      care.locator('#socialCare-caseProfile-evidence').getAttribute('readonly'),
    ).resolves.not.toBeNull();

    const education = await app.newPage();
    await openAudit(education, 'Sam Carter', 'NSP-CP-0102');
    await expect(education.locator('#education-referralStrategy-section').count()).resolves.toBe(0);
    await completeByKeyboard(education, 'education', 'Education');
    await submit(education, 'education');
    expect(await violations(education)).toEqual([]);

    const lead = await app.newPage();
    await openAudit(lead, 'Ruth Adeyemi', 'NSP-CP-0102');
    const beside = lead.getByRole('list', {
      name: "Agency grades: The child's voice and lived experience",
    });
    await expect(beside.innerText()).resolves.toContain("Children's social care: Good");
    await expect(beside.innerText()).resolves.toContain('Education: Good');
    await completeByKeyboard(lead, 'multiAgency', 'Multi-agency');
    await submit(lead, 'multi-agency judgement');
    await reopen(lead, 'Ruth Adeyemi');
    const progress = lead.getByRole('table', { name: "Each contributor's progress" });
    await progress.waitFor();
    await expect(progress.innerText()).resolves.toMatch(/Multi-agency judgement[\s\S]*Submitted/);
    expect(await violations(lead)).toEqual([]);
    // Three people, four windows and a conflict by keyboard: longer than the default on a loaded machine.
  }, 600_000);

  it('raises a child at risk now with its reason, shown to everyone who opens the audit', async () => {
    const page = await app.newPage();
    await openAudit(page, 'Dana Whitfield', 'NSP-CP-0101');
    await page.getByRole('button', { name: 'Child at risk now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Raise: child at risk now' });
    await dialog.getByRole('button', { name: 'Raise now' }).click();
    await dialog.getByText('Give the reason: the people who act on it need it.').waitFor();
    await dialog
      .getByLabel(/Why the child is at risk now/)
      .fill('Recent police call-out: the plan is not protecting the child.');
    await dialog.getByRole('button', { name: 'Raise now' }).click();
    await page.getByText('Child at risk now: escalated.').waitFor();
    // The page behind the closed dialog is whole again for screen readers.
    await page.getByRole('heading', { level: 1, name: 'Audit NSP-CP-0101' }).waitFor();
    expect(await violations(page)).toEqual([]);
    const other = await app.newPage();
    await openAudit(other, 'Ruth Adeyemi', 'NSP-CP-0101');
    await other
      .getByText('Recent police call-out: the plan is not protecting the child.')
      .waitFor();
    expect(await violations(other)).toEqual([]);
  });
});

describe('moderation', () => {
  it('lets the lead auditor return a submitted contribution, which its auditor can then change again', async () => {
    const lead = await app.newPage();
    await openAudit(lead, 'Ruth Adeyemi', 'NSP-CP-0101');
    // Returning needs comments, which its auditor then reads (the lifecycle panel, issue 10).
    await lead.getByRole('button', { name: 'Return a contribution' }).click();
    const form = lead.getByRole('form', { name: 'Return a contribution' });
    await form.getByLabel(/Contribution to return/).selectOption({ label: 'Police' });
    await form.getByLabel(/Comments/).fill('Add the custody record.');
    await form.getByRole('button', { name: 'Return a contribution' }).click();
    await lead
      .getByRole('table', { name: "Each contributor's progress" })
      .getByText('Returned')
      .waitFor();
    const police = await app.newPage();
    await openAudit(police, 'Dana Whitfield', 'NSP-CP-0101');
    await expect(
      police.locator('#police-caseProfile-evidence').getAttribute('readonly'),
    ).resolves.toBeNull();
    await police.getByText('Returned by the lead auditor').waitFor();
    await typeInto(police, '#police-caseProfile-evidence', 'Corrected after moderation.');
    await waitSaved(police);
  });
});

describe('the audit form in every theme', () => {
  it('has no axe violation in the light, dark and high-contrast themes, with a field in error', async () => {
    const page = await app.newPage();
    await openAudit(page, 'Tom Okafor', 'NSP-CP-0101');
    for (const theme of ['Light', 'Dark', 'High contrast'] as const) {
      await page.getByLabel('Theme').selectOption({ label: theme });
      await page.locator('#health-childsVoice-grade input[value="requiresImprovement"]').focus();
      await page.keyboard.press('Space');
      await page
        .getByText('Describe the impact on the child: it is required once a grade is given.')
        .first()
        .waitFor();
      expect({ theme, violations: await violations(page) }).toEqual({ theme, violations: [] });
    }
  });
});
