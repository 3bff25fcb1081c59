import type { TokenClaims } from './auth.js';
import type { Store } from './store.js';
import { BUILT_IN_ROLES, FULL_MASK, has, type Kind, type Securable, Security } from './security.js';
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

/**
 * What a delegated token lets an app do in SharePoint at most, whatever the user may do: SharePoint
 * intersects the app's rights with the user's. Sites.Selected counts as a full-control grant of
 * the site to the app (an administrator grants it on a tenant).
 */
export function appCap(claims: TokenClaims): bigint {
  const held = new Set(claims.scp.split(' '));
  const full = [
    'Sites.FullControl.All',
    'Sites.Selected',
    'AllSites.FullControl',
    'Lists.SelectedOperations.Selected',
    'ListItems.SelectedOperations.Selected',
  ];
  if (full.some((s) => held.has(s))) return FULL_MASK;
  const role = (name: string) => BUILT_IN_ROLES.find((r) => r.Name === name)?.mask ?? 0n;
  if (held.has('Sites.Manage.All') || held.has('AllSites.Manage')) return role('Design');
  if (held.has('Sites.ReadWrite.All') || held.has('AllSites.Write')) return role('Contribute');
  if (held.has('Sites.Read.All') || held.has('AllSites.Read')) return role('Read');
  return 0n;
}

/** The signed-in user's rights on a securable object, within what the token lets the app do. */
export function rightsOn(ctx: Ctx, siteId: string, target: Securable): bigint {
  return (
    Security.of(ctx.store, ctx).effectiveMask(siteId, ctx.claims.oid, target) & appCap(ctx.claims)
  );
}

export const ACCESS_DENIED =
  'Access denied. You do not have permission to perform this action or access this resource.';

/** Refuses, as Graph does for SharePoint, unless the user holds the right on the object. */
export function demand(ctx: Ctx, siteId: string, target: Securable, kind: Kind): void {
  if (!has(rightsOn(ctx, siteId, target), kind)) throw accessDenied(ACCESS_DENIED);
}

export const isoSeconds = (date: Date = new Date()): string =>
  date.toISOString().replace(/\.\d{3}Z$/, 'Z');
