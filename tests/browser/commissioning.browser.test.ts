/**
 * The business manager plans and commissions in the tab; the auditor, signed in separately, finds
 * the audit through the card's link and in My audits; the emulator's page shows the cards.
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

type Feed = {
  channels: Array<{
    displayName: string;
    messages: Array<{ attachments: Array<{ content: string }> }>;
  }>;
  chats: Array<{ members: string[]; messages: Array<{ attachments: Array<{ content: string }> }> }>;
};
const feed = async (): Promise<Feed> =>
  (await fetch(`${app.emulator.url}/_emulator/api/feed`)).json() as Promise<Feed>;

async function until<T>(
  what: string,
  read: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
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

describe('programme and commissioning', () => {
  it('adds a theme and publishes the programme to the channel', async () => {
    const page = await app.newPage();
    await signIn(page, app.tab.url, 'Morgan Ellis', '#/programme');
    await page.getByRole('table', { name: 'Programme themes and their progress' }).waitFor();
    await page.getByRole('button', { name: 'Add a theme' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a theme' });
    await dialog.getByLabel('Theme').fill('Missing children: return interviews');
    await dialog.getByRole('checkbox', { name: 'Children in care' }).check();
    await dialog.getByLabel('Planned month').fill('2027-02');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save theme' }).click();
    await page
      .getByRole('table', { name: 'Programme themes and their progress' })
      .getByText('Missing children: return interviews')
      .waitFor();
    await page.getByRole('button', { name: /Publish the 2026-27 programme/ }).click();
    await page.getByText(/programme is published/).waitFor();
    const card = await until('the programme card', async () =>
      (await feed()).channels
        .find((c) => c.displayName === 'Multi-agency audit')
        ?.messages.find((m) =>
          m.attachments[0]?.content.includes('Audit programme 2026-27 published'),
        ),
    );
    expect(card.attachments[0]!.content).toContain('Missing children: return interviews');
  });

  it('commissions an audit that the auditor finds through the card and in My audits', async () => {
    const manager = await app.newPage();
    await signIn(manager, app.tab.url, 'Morgan Ellis', '#/programme');
    await manager
      .getByRole('link', { name: 'Commission audits for Child in need plans that drift' })
      .click();
    await manager.getByRole('heading', { level: 1, name: /Commission audits/ }).waitFor();
    const refs = manager.getByLabel(/Case references/);
    await refs.focus();
    await manager.keyboard.type('Tyler Jones');
    await manager.getByRole('button', { name: /Commission 1 audit/ }).click();
    await manager
      .getByText(/A case reference was refused: This text seems to hold a person's name/)
      .first()
      .waitFor();
    expect(await axeViolations(manager)).toEqual([]);
    await refs.fill('');
    await refs.focus();
    await manager.keyboard.type('NSP-CIN-0777');
    await manager.getByRole('checkbox', { name: 'Health' }).check();
    await choosePerson(manager, /Auditor for Health/, 'Tom', /Tom Okafor/);
    await choosePerson(manager, /Lead auditor/, 'Ruth', /Ruth Adeyemi/);
    await choosePerson(manager, /Sign-off manager/, 'Marcus', /Marcus Reid/);
    expect(await axeViolations(manager)).toEqual([]);
    await manager.getByRole('button', { name: /Commission 1 audit/ }).click();
    await manager.getByText('1 audit commissioned.').waitFor();

    // The emulator's page shows the cards, drawn by the official renderer.
    const emulatorPage = await app.newPage();
    await emulatorPage.goto(`${app.emulator.url}/_emulator/`);
    const assigned = emulatorPage
      .locator('section', { hasText: 'Chat: Morgan Ellis, Tom Okafor' })
      .locator('.ac-adaptiveCard', { hasText: 'NSP-CIN-0777' });
    await assigned.first().waitFor({ timeout: 20_000 });
    await expect(assigned.first().innerText()).resolves.toContain('You have an audit to do');
    await emulatorPage
      .locator('section', { hasText: 'Multi-agency audit' })
      .locator('.ac-adaptiveCard', { hasText: 'NSP-CIN-0777' })
      .first()
      .waitFor();

    // The auditor follows the card's own link.
    const chat = (await feed()).chats.find(
      (c) =>
        c.members.includes('Tom Okafor') &&
        c.messages.some((m) => m.attachments[0]?.content.includes('NSP-CIN-0777')),
    )!;
    const card = JSON.parse(
      chat.messages.find((m) => m.attachments[0]?.content.includes('NSP-CIN-0777'))!.attachments[0]!
        .content,
    );
    const url = card.actions[0].url as string;
    expect(
      url.startsWith(app.tab.url.replace('localhost', '127.0.0.1')) || url.startsWith(app.tab.url),
    ).toBe(true);
    const auditor = await app.newPage();
    await auditor.goto(url);
    await pickPerson(auditor, 'Tom Okafor');
    await auditor.getByRole('heading', { level: 1, name: 'Audit NSP-CIN-0777' }).waitFor();
    await auditor.getByRole('link', { name: 'My audits' }).click();
    const row = auditor.getByRole('row', { name: /NSP-CIN-0777/ });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(
      /Health[\s\S]*Not started[\s\S]*0 of \d+ sections/,
    );
    expect(await axeViolations(auditor)).toEqual([]);

    // Exactly one card in the channel and one to the auditor, however often the tab is opened again.
    await (await app.newPage()).goto(app.tab.url);
    const count = (await feed()).chats
      .filter((c) => c.members.includes('Tom Okafor'))
      .flatMap((c) => c.messages)
      .filter((m) => m.attachments[0]?.content.includes('NSP-CIN-0777')).length;
    expect(count).toBe(1);
  });
});
