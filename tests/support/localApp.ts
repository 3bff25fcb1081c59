import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedDemoData } from '../../src/cli/seedDemo.js';
import { serveTab, type TabServer } from '../../src/cli/serveTab.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { PARTNERSHIP_SITE_PATH, SHAREPOINT_HOST } from '../../src/emulator/tenant.js';
import { provisionSite } from '../../src/graph/provision.js';
import { applySitePermissions } from '../../src/graph/permissions.js';
import { clientFor, restFor } from './emulator.js';

/** Debian's Chromium, never a downloaded browser; the flags keep it off this machine's closed network. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export type LocalApp = {
  readonly emulator: Emulator;
  readonly tab: TabServer;
  readonly browser: Browser;
  newPage(): Promise<Page>;
  close(): Promise<void>;
};

/**
 * What `npm start` runs, on free ports with a throwaway data folder: the emulator, the lists and
 * demo data written through Graph, and the built tab (dist/local) served with Graph behind it.
 */
export async function startLocalApp(): Promise<LocalApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'browser-test-'));
  const emulator = await startEmulator({ port: 0, dataDir });
  const client = clientFor(emulator, 'morgan.ellis@northshire.example');
  const lists = await provisionSite(client, `${SHAREPOINT_HOST}:${PARTNERSHIP_SITE_PATH}`);
  const rest = restFor(emulator, 'morgan.ellis@northshire.example');
  await applySitePermissions(rest, lists.listIds);
  await seedDemoData(client, lists, Date.now(), rest, (upn) => clientFor(emulator, upn));
  const tab = await serveTab({
    distDir: join(import.meta.dirname, '../../dist/local'),
    port: 0,
    emulatorUrl: emulator.url,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    emulator,
    tab,
    browser,
    newPage: async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      return context.newPage();
    },
    close: async () => {
      await browser.close();
      await tab.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through local mode's picker, by keyboard as a person would. */
export async function signIn(page: Page, baseUrl: string, name: string, hash = ''): Promise<void> {
  await page.goto(`${baseUrl}/${hash}`);
  await pickPerson(page, name);
}

/** The sign-in picker's choice, by keyboard; the page must be showing the picker. */
export async function pickPerson(page: Page, name: string): Promise<void> {
  const option = page.getByRole('radio', { name: new RegExp(`^${name}:`) });
  await option.focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: `Sign in as ${name}` }).press('Enter');
  await page.getByRole('navigation', { name: 'Areas' }).waitFor();
}
