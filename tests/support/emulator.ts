import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevToken } from '../../src/emulator/auth.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import {
  DEFAULT_DEV_SCOPES,
  findSeedUser,
  PARTNERSHIP_SITE_PATH,
  SHAREPOINT_DEV_SCOPES,
  SHAREPOINT_HOST,
  TENANT_ID,
} from '../../src/emulator/tenant.js';
import { createGraphClient } from '../../src/graph/client.js';
import { createSharePointRest } from '../../src/graph/sharePointRest.js';

export type TestEmulator = Emulator & { dataDir: string; dispose(): Promise<void> };

/** An emulator on a free port with its own data folder, removed by dispose(). */
export async function testEmulator(dataDir?: string): Promise<TestEmulator> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'graph-emulator-'));
  const emulator = await startEmulator({ port: 0, dataDir: dir });
  return Object.assign(emulator, {
    dataDir: dir,
    dispose: async () => {
      await emulator.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  });
}

export function tokenFor(upn: string, scopes: readonly string[] = DEFAULT_DEV_SCOPES): string {
  const user = findSeedUser(upn);
  if (!user) throw new Error(`no seeded user ${upn}`);
  return createDevToken(user, { tenantId: TENANT_ID, scopes });
}

export function clientFor(emulator: Emulator, upn: string, maxRetries = 10) {
  const token = tokenFor(upn);
  return createGraphClient({
    baseUrl: emulator.url,
    tokens: { getToken: async () => token },
    maxRetries,
  });
}

/** A raw HTTP call, for checking statuses and headers exactly as they come. */
export async function call(
  emulator: Emulator,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const url = path.startsWith('http') ? path : `${emulator.graphUrl}${path}`;
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

export const BUSINESS_MANAGER = 'morgan.ellis@northshire.example';
export const AUDITOR = 'priya.shah@northshire.example';
export const PRACTITIONER = 'jo.fenwick@northshire.example';
export const OUTSIDER = 'vic.stone@northshire.example';

/** A development token for SharePoint's REST API on the partnership's host. */
export function sharePointTokenFor(
  upn: string,
  scopes: readonly string[] = SHAREPOINT_DEV_SCOPES,
): string {
  const user = findSeedUser(upn);
  if (!user) throw new Error(`no seeded user ${upn}`);
  return createDevToken(user, {
    tenantId: TENANT_ID,
    scopes,
    audience: `https://${SHAREPOINT_HOST}`,
  });
}

/** SharePoint's REST API of the partnership site, as a person, on the emulator. */
export function restFor(emulator: Emulator, upn: string) {
  const token = sharePointTokenFor(upn);
  return createSharePointRest({
    siteUrl: `${emulator.url}${PARTNERSHIP_SITE_PATH}`,
    tokens: { getToken: async () => token },
  });
}
