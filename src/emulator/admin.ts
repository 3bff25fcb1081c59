import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { FaultGate } from './gate.js';
import { readBody, send, sendJson } from './http.js';
import { feedOf, PAGE_HTML } from './page.js';
import { entraGroupPrincipal, userPrincipal } from './seed.js';
import { Security } from './security.js';
import type { Store } from './store.js';
import { SEED_USERS } from './tenant.js';

/** The emulator's own pages and admin API under /_emulator/: never part of Graph. */

export type AdminDeps = {
  store: Store;
  tenantId: string;
  gate: FaultGate;
  /** The emulator's own origin, e.g. http://127.0.0.1:53100. */
  origin: string;
};

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The admin API changes faults and permissions and lists the tenant's people: it answers only
 * requests from this machine, and never a page of another origin (a site the developer visits
 * must not reach it through their browser). Requests without an Origin header (tests, curl, the
 * local server's proxy, which drops it) and those of the emulator's own page are served.
 */
export function adminRefusal(req: IncomingMessage, origin: string): string | undefined {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? ''))
    return "The emulator's admin API answers only on loopback.";
  const from = req.headers['origin'];
  if (from !== undefined && from !== origin)
    return `The emulator's admin API refuses cross-origin requests (from ${from}).`;
  if (from === undefined && req.headers['sec-fetch-site'] === 'cross-site')
    return "The emulator's admin API refuses cross-origin requests.";
  return undefined;
}

const require = createRequire(import.meta.url);
/** The official card renderer, read from node_modules on first use. */
let rendererScript: Buffer | undefined;

const GRANT_LEVELS: Record<string, string> = {
  read: 'Read',
  write: 'Contribute',
  owner: 'Full Control',
};

export async function handleAdmin(
  deps: AdminDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const { store, tenantId, gate } = deps;
  const path = url.pathname;
  const refused = adminRefusal(req, deps.origin);
  if (refused) return sendJson(res, 403, { error: refused });
  if (path === '/' || path === '/_emulator' || path === '/_emulator/') {
    if (path !== '/_emulator/') return send(res, 302, { Location: '/_emulator/' }, null, false);
    return send(res, 200, { 'Content-Type': 'text/html; charset=utf-8' }, PAGE_HTML, false);
  }
  if (path === '/_emulator/assets/adaptivecards.js') {
    rendererScript ??= readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'));
    const file = rendererScript;
    return send(
      res,
      200,
      { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600' },
      file,
      false,
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
    // Sets or removes one principal's level on the web or a list: a shortcut for tests. A list
    // given a grant here stops inheriting (without copying), as breakroleinheritance(false) does.
    const body = JSON.parse((await readBody(req)) || '{}') as {
      resource?: string;
      principal?: string;
      role?: string | null;
    };
    if (!body.resource || !body.principal)
      return sendJson(res, 400, { error: 'resource and principal are required' });
    const level = body.role ? GRANT_LEVELS[body.role] : undefined;
    if (body.role !== null && body.role !== undefined && !level)
      return sendJson(res, 400, { error: 'role must be read, write, owner or null' });
    const [kind, id] = body.resource.split(':') as [string, string];
    const listSite =
      kind === 'list'
        ? (store.db.prepare('SELECT site_id AS s FROM lists WHERE id = ?').get(id) as
            { s: string } | undefined)
        : undefined;
    const siteId = kind === 'site' ? id : listSite?.s;
    if (!siteId || (kind !== 'site' && kind !== 'list'))
      return sendJson(res, 400, { error: `unknown resource ${body.resource}` });
    const target =
      kind === 'site' ? ({ kind: 'web' } as const) : ({ kind: 'list', listId: id } as const);
    const security = new Security(store);
    const principal = store.doc('users', body.principal)
      ? userPrincipal(security, siteId, body.principal)
      : entraGroupPrincipal(security, siteId, body.principal);
    store.tx(() => {
      security.breakInheritance(siteId, target, false, false, undefined);
      security.unassign(siteId, target, principal.Id);
      const def = level && security.roleDefinitions(siteId).find((d) => d.Name === level);
      if (def) security.assign(siteId, target, principal.Id, def.Id);
    });
    return send(res, 204, {}, null, false);
  }
  return sendJson(res, 404, { error: `No emulator page at ${path}` });
}
