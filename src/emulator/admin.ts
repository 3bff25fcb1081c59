import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { FaultGate } from './gate.js';
import { readBody, send, sendJson } from './http.js';
import { feedOf, PAGE_HTML } from './page.js';
import type { Store } from './store.js';
import { SEED_USERS } from './tenant.js';

/** The emulator's own pages and admin API under /_emulator/: never part of Graph. */

export type AdminDeps = {
  store: Store;
  tenantId: string;
  gate: FaultGate;
};

const require = createRequire(import.meta.url);
/** The official card renderer, read from node_modules on first use. */
let rendererScript: Buffer | undefined;

export async function handleAdmin(
  deps: AdminDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const { store, tenantId, gate } = deps;
  const path = url.pathname;
  if (path === '/' || path === '/_emulator' || path === '/_emulator/') {
    if (path !== '/_emulator/') return send(res, 302, { Location: '/_emulator/' }, null);
    return send(res, 200, { 'Content-Type': 'text/html; charset=utf-8' }, PAGE_HTML);
  }
  if (path === '/_emulator/assets/adaptivecards.js') {
    rendererScript ??= readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'));
    const file = rendererScript;
    return send(
      res,
      200,
      { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600' },
      file,
    );
  }
  if (path === '/_emulator/api/feed') return sendJson(res, 200, feedOf(store));
  if (path === '/_emulator/api/health') return sendJson(res, 200, { ok: true, tenantId });
  if (path === '/_emulator/api/stats') return sendJson(res, 200, gate.stats);
  if (path === '/_emulator/api/users') {
    // For local mode's sign-in picker only: the seeded people, their role and agency.
    const users = SEED_USERS.map((u) => ({
      id: u.id,
      displayName: u.displayName,
      userPrincipalName: u.userPrincipalName,
      jobTitle: u.jobTitle,
      department: u.department,
    }));
    return sendJson(res, 200, { tenantId, users });
  }
  if (path === '/_emulator/api/faults') {
    if (req.method === 'GET') return sendJson(res, 200, gate.faults);
    if (req.method === 'PUT' || req.method === 'PATCH') {
      try {
        const patch = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
        return sendJson(res, 200, gate.update(patch, req.method === 'PUT'));
      } catch (e) {
        return sendJson(res, 400, { error: (e as Error).message });
      }
    }
  }
  if (path === '/_emulator/api/grants' && req.method === 'PUT') {
    // Sets or removes one grant: how tests give a list its own permissions.
    const body = JSON.parse((await readBody(req)) || '{}') as {
      resource?: string;
      principal?: string;
      role?: string | null;
    };
    if (!body.resource || !body.principal)
      return sendJson(res, 400, { error: 'resource and principal are required' });
    if (body.role === null || body.role === undefined)
      store.db
        .prepare('DELETE FROM grants WHERE resource = ? AND principal = ?')
        .run(body.resource, body.principal);
    else if (['read', 'write', 'owner'].includes(body.role))
      store.db
        .prepare('INSERT OR REPLACE INTO grants(resource, principal, role) VALUES (?, ?, ?)')
        .run(body.resource, body.principal, body.role);
    else return sendJson(res, 400, { error: 'role must be read, write, owner or null' });
    return send(res, 204, {}, null);
  }
  return sendJson(res, 404, { error: `No emulator page at ${path}` });
}
