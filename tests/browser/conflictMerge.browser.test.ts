/**
 * The edit conflict's "Combine both changes" in Chromium, by keyboard: one auditor with the same
 * audit open in two windows changes one field two ways from the same saved text. The combined
 * text takes each window's own change once, marks the place where both changed the same word,
 * and saves what is chosen there.
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

const FIELD = '#socialCare-oversight-evidence';

async function openAudit(page: Page, caseReference: string): Promise<void> {
  await signIn(page, app.tab.url, 'Priya Shah');
  const link = page.getByRole('link', { name: caseReference }).first();
  await link.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: `Audit ${caseReference}` }).waitFor();
  await page.locator(FIELD).waitFor();
}

async function waitSaved(page: Page): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: /All changes saved/ })
    .waitFor({ timeout: 30_000 });
}

/** Replaces the last word and its full stop ("monthly.") by keyboard. */
async function replaceLastWord(page: Page, word: string): Promise<void> {
  await page.locator(FIELD).focus();
  await page.keyboard.press('End');
  for (let i = 0; i < 'monthly.'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(word);
}

describe('combining two sets of changes after an edit conflict', () => {
  it('merges the changes word by word and lets the person choose where both changed the same words', async () => {
    const first = await app.newPage();
    await openAudit(first, 'NSP-CP-0101');
    await first.locator(FIELD).focus();
    await first.keyboard.press('Control+A');
    await first.keyboard.type('Supervision monthly.');
    await waitSaved(first);

    // The second window opens on the saved text: both start from "Supervision monthly."
    const second = await app.newPage();
    await openAudit(second, 'NSP-CP-0101');
    await expect(second.locator(FIELD).inputValue()).resolves.toBe('Supervision monthly.');

    await replaceLastWord(first, 'weekly.');
    await waitSaved(first);
    await second.locator(FIELD).focus();
    await second.keyboard.press('Home');
    await second.keyboard.type('Since March: ');
    await replaceLastWord(second, 'fortnightly.');

    const dialog = second.getByRole('alertdialog');
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole('radio', { name: 'Combine both changes (1 place to choose)' }).focus();
    await second.keyboard.press('Space');
    // "Since March: " (mine alone) is taken; the shared words appear once; the word both replaced
    // is marked [1], both kept until chosen.
    const combined = dialog.getByRole('group', { name: 'Evidence from the record, combined' });
    await expect(combined.locator('mark').innerText()).resolves.toBe('[1] fortnightly weekly');
    await expect(combined.innerText()).resolves.toContain(
      'Since March: Supervision [1] fortnightly weekly.',
    );
    expect(await axeViolations(second)).toEqual([]);

    const place = dialog.getByRole('radiogroup', {
      name: 'Evidence from the record, place 1 of 1: which to keep',
    });
    await place.getByRole('radio', { name: 'Theirs: weekly' }).focus();
    await second.keyboard.press('Space');
    await expect(combined.locator('mark').innerText()).resolves.toBe('[1] weekly');
    await dialog.getByRole('button', { name: 'Save my choices' }).focus();
    await second.keyboard.press('Enter');
    await waitSaved(second);
    await expect(second.locator(FIELD).inputValue()).resolves.toBe(
      'Since March: Supervision weekly.',
    );

    // The first window, reopened, has the combined text as saved.
    await first.reload();
    await pickPerson(first, 'Priya Shah');
    await first.locator(FIELD).waitFor();
    await expect(first.locator(FIELD).inputValue()).resolves.toBe(
      'Since March: Supervision weekly.',
    );
  });
});
