/**
 * "A write that was answered is never lost by a crash": the emulator runs as its own process,
 * answers writes, is killed with SIGKILL (no shutdown code runs), and a new one on the same data
 * folder still has every answered write.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { startEmulator } from '../../src/emulator/server.js';
import { PARTNERSHIP_SITE_ID } from '../../src/emulator/tenant.js';
import { BUSINESS_MANAGER, call, tokenFor } from '../support/emulator.js';

const ROOT = join(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'graph-crash-'));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function spawnEmulator(): Promise<string> {
  child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/emulator/main.ts'), '--port', '0', '--data-dir', dataDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)\/v1\.0/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child!.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child!.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
  });
}

describe('crash safety', () => {
  it('keeps every answered write after the process is killed', async () => {
    const url = await spawnEmulator();
    const emulator = { graphUrl: `${url}/v1.0` } as Parameters<typeof call>[0];
    const token = tokenFor(BUSINESS_MANAGER);
    const site = `/sites/${encodeURIComponent(PARTNERSHIP_SITE_ID)}`;
    const list = await call(emulator, 'POST', `${site}/lists`, {
      token,
      body: { displayName: 'Crash', columns: [{ name: 'N', number: {} }] },
    });
    expect(list.status).toBe(201);
    const answered: string[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await call(emulator, 'POST', `${site}/lists/${list.body.id}/items`, {
        token,
        body: { fields: { N: i } },
      });
      if (res.status === 201) answered.push(res.body.id);
    }
    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const again = await startEmulator({ port: 0, dataDir });
    try {
      const items = await call(again, 'GET', `${site}/lists/${list.body.id}/items?$top=100`, {
        token,
      });
      expect(items.body.value.map((v: { id: string }) => v.id).sort()).toEqual(answered.sort());
      expect(answered).toHaveLength(50);
    } finally {
      await again.close();
    }
  });
});
