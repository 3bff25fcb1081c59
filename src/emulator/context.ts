import type { TokenClaims } from './auth.js';
import type { Store } from './store.js';
import type { Role } from './tenant.js';
import { accessDenied, badRequest } from './errors.js';

/** One Graph request as the emulator sees it, whether it came over HTTP or inside a $batch. */
export type GraphRequest = {
  readonly method: string;
  /** The path after /v1.0, decoded segment by segment, without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
};

export type GraphResponse = {
  status: number;
  headers: Record<string, string>;
  body: unknown;
};

export type Ctx = {
  readonly store: Store;
  readonly req: GraphRequest;
  readonly claims: TokenClaims;
  /** e.g. http://127.0.0.1:53100/v1.0 : what links in answers start with. */
  readonly graphBase: string;
  readonly tenantId: string;
  readonly secret: string;
};

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body,
});

export const noContent = (): GraphResponse => ({ status: 204, headers: {}, body: null });

/** A query option by its name with or without the `$` (Graph accepts both for SharePoint). */
export function option(req: GraphRequest, name: string): string | undefined {
  return req.query.get(`$${name}`) ?? req.query.get(name) ?? undefined;
}

export function topOption(req: GraphRequest, fallback: number, max: number): number {
  const raw = option(req, 'top');
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw badRequest(`Invalid value '${raw}' for $top: it must be a positive whole number.`);
  }
  return Math.min(n, max);
}

export function selectOption(req: GraphRequest): string[] | undefined {
  const raw = option(req, 'select');
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function pick(obj: Record<string, unknown>, keys: readonly string[] | undefined) {
  if (!keys) return obj;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in obj) out[key] = obj[key];
  return out;
}

export function bodyObject(req: GraphRequest): Record<string, unknown> {
  if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return req.body as Record<string, unknown>;
}

const RANK: Record<Role, number> = { read: 1, write: 2, owner: 3 };

/** The groups a user belongs to, and the user: every principal a grant may name. */
export function principalsOf(store: Store, userId: string): Set<string> {
  const principals = new Set([userId]);
  for (const group of store.docs<{ id: string; members: string[] }>('groups')) {
    if (group.members.includes(userId)) principals.add(group.id);
  }
  return principals;
}

/** The strongest role a user holds on a resource ('site:<id>' or 'list:<id>'), if any. */
export function roleOn(
  store: Store,
  resources: readonly string[],
  userId: string,
): Role | undefined {
  const principals = principalsOf(store, userId);
  // A list with grants of its own has broken inheritance: its grants alone count.
  for (const resource of resources) {
    const rows = store.db
      .prepare('SELECT principal, role FROM grants WHERE resource = ?')
      .all(resource) as Array<{ principal: string; role: Role }>;
    if (rows.length === 0) continue;
    let best: Role | undefined;
    for (const row of rows) {
      if (principals.has(row.principal) && (!best || RANK[row.role] > RANK[best])) best = row.role;
    }
    return best;
  }
  return undefined;
}

export function requireRole(ctx: Ctx, resources: readonly string[], needed: Role): void {
  const held = roleOn(ctx.store, resources, ctx.claims.oid);
  if (!held || RANK[held] < RANK[needed]) {
    throw accessDenied(
      'Access denied. You do not have permission to perform this action or access this resource.',
    );
  }
}

export const isoSeconds = (date: Date = new Date()): string =>
  date.toISOString().replace(/\.\d{3}Z$/, 'Z');
