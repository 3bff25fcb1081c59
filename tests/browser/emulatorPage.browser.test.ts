/** The emulator's notifications page: a person sees posted cards rendered without Teams. */
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AUDIT_CHANNEL_ID, SEED_USERS, TEAM_ID } from '../../src/emulator/tenant.js';
import {
  BUSINESS_MANAGER,
  call,
  type TestEmulator,
  testEmulator,
  tokenFor,
} from '../support/emulator.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/localApp.js';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await testEmulator();
});
afterAll(async () => {
  await emulator?.dispose();
});

describe('the emulator page', () => {
  it('renders an adaptive card posted to a channel and a chat, and an activity, with the official renderer', async () => {
    const token = tokenFor(BUSINESS_MANAGER);
    const card = {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'Audit commissioned: NSP-CP-9999', wrap: true }],
      actions: [
        {
          type: 'Action.OpenUrl',
          title: 'Open the audit',
          url: 'http://localhost:53000/#/audits/1',
        },
      ],
    };
    const message = {
      body: { contentType: 'html', content: '<attachment id="card"></attachment>' },
      attachments: [
        {
          id: 'card',
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: JSON.stringify(card),
        },
      ],
    };
    expect(
      (
        await call(
          emulator,
          'POST',
          `/teams/${TEAM_ID}/channels/${encodeURIComponent(AUDIT_CHANNEL_ID)}/messages`,
          { token, body: message },
        )
      ).status,
    ).toBe(201);
    const chat = await call(emulator, 'POST', '/chats', {
      token,
      body: {
        chatType: 'oneOnOne',
        members: [SEED_USERS[0]!.id, SEED_USERS[2]!.id].map((id) => ({
          '@odata.type': '#microsoft.graph.aadUserConversationMember',
          roles: ['owner'],
          'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')`,
        })),
      },
    });
    await call(emulator, 'POST', `/chats/${encodeURIComponent(chat.body.id)}/messages`, {
      token,
      body: {
        body: {
          contentType: 'html',
          content:
            'A plain chat message <b>shown as text</b><img src="x" onerror="document.title=\'pwned\'">',
        },
      },
    });
    await call(emulator, 'POST', `/users/${SEED_USERS[2]!.id}/teamwork/sendActivityNotification`, {
      token,
      body: {
        topic: {
          source: 'text',
          value: 'Audit assigned',
          webUrl: 'https://teams.microsoft.com/l/entity/app/audit',
        },
        activityType: 'auditAssigned',
        previewText: { content: 'You have a new audit' },
      },
    });

    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${emulator.url}/_emulator/`);
      const rendered = page.locator('.ac-adaptiveCard');
      await rendered.first().waitFor();
      await expect(rendered.first().innerText()).resolves.toContain(
        'Audit commissioned: NSP-CP-9999',
      );
      await page
        .getByRole('link', { name: 'Open the audit' })
        .or(page.getByRole('button', { name: 'Open the audit' }))
        .first()
        .waitFor();
      await page.getByText('A plain chat message shown as text').waitFor();
      await page.getByText('You have a new audit').waitFor();
      expect(await page.title()).toBe('Graph emulator: notifications');
      const axe = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(
        axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`),
      ).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
