import { requireRole, type Ctx, isoSeconds } from '../context.js';
import { notFound } from '../errors.js';
import type { Store } from '../store.js';
import { type ColumnDoc, kindOf } from './columns.js';
import { findUser, type UserDoc } from './users.js';

/** What every site, list and item route shares: the scopes, and resolving a site, list and person. */
export const SITE_READ = [
  'Sites.Read.All',
  'Sites.ReadWrite.All',
  'Sites.Manage.All',
  'Sites.FullControl.All',
  'Sites.Selected',
  'Lists.SelectedOperations.Selected',
  'ListItems.SelectedOperations.Selected',
];
export const ITEM_WRITE = [
  'Sites.ReadWrite.All',
  'Sites.Manage.All',
  'Sites.FullControl.All',
  'Sites.Selected',
  'Lists.SelectedOperations.Selected',
  'ListItems.SelectedOperations.Selected',
];
export const LIST_MANAGE = [
  'Sites.Manage.All',
  'Sites.FullControl.All',
  'Sites.Selected',
  'Lists.SelectedOperations.Selected',
];

export type SiteDoc = {
  id: string;
  name: string;
  displayName: string;
  description: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  webUrl: string;
  siteCollection: { hostname: string };
  root?: Record<string, never>;
};

export type ListDoc = {
  id: string;
  name: string;
  displayName: string;
  description: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  webUrl: string;
  createdBy: { user: { id: string; displayName: string; email: string } };
  lastModifiedBy: { user: { id: string; displayName: string; email: string } };
  list: { contentTypesEnabled: boolean; hidden: boolean; template: string };
  version: number;
};

export type ListRef = { siteId: string; site: SiteDoc; list: ListDoc; columns: ColumnDoc[] };

export const SITE_CANNOT = (ref: string) =>
  notFound(`Requested site '${ref}' could not be found`, 'itemNotFound');

/** `/sites/{hostname}:/{path}:` addresses a site by its URL; this turns it into the site's id. */
export function resolveSitePath(store: Store, hostname: string, path: string): string {
  const clean = `/${path.replace(/^\/+|\/+$/g, '')}`;
  const row = store.db
    .prepare('SELECT id FROM sites WHERE hostname = ? COLLATE NOCASE AND path = ? COLLATE NOCASE')
    .get(hostname, clean === '/' ? '/' : clean) as { id: string } | undefined;
  if (!row) throw SITE_CANNOT(`${hostname}:${path}`);
  return row.id;
}

export function site(ctx: Ctx, siteRef: string): SiteDoc {
  const id = siteRef === 'root' ? (ctx.store.getMeta('rootSiteId') as string) : siteRef;
  // Graph also accepts the hostname-less "{siteCollectionId},{webId}" and the bare hostname.
  const doc = ctx.store.doc<SiteDoc>('sites', id);
  if (doc) return doc;
  const byHost = ctx.store.db
    .prepare("SELECT json FROM sites WHERE hostname = ? COLLATE NOCASE AND path = '/'")
    .get(id) as { json: string } | undefined;
  if (byHost) return JSON.parse(byHost.json) as SiteDoc;
  throw SITE_CANNOT(siteRef);
}

export const siteResources = (s: SiteDoc) => [`site:${s.id}`];

export function listRow(ctx: Ctx, s: SiteDoc, listRef: string): ListDoc {
  const row = ctx.store.db
    .prepare(
      'SELECT json FROM lists WHERE site_id = ? AND (id = ? OR display_name = ? OR name = ?)',
    )
    .get(s.id, listRef.toLowerCase(), listRef, listRef) as { json: string } | undefined;
  if (!row) throw notFound('List not found', 'itemNotFound');
  return JSON.parse(row.json) as ListDoc;
}

export function columnsOf(store: Store, listId: string): ColumnDoc[] {
  const rows = store.db
    .prepare('SELECT json FROM columns WHERE list_id = ? ORDER BY position')
    .all(listId) as Array<{ json: string }>;
  return rows.map((r) => JSON.parse(r.json) as ColumnDoc);
}

export function resolveList(
  ctx: Ctx,
  siteRef: string,
  listRef: string,
  role: 'read' | 'write' | 'owner',
): ListRef {
  const s = site(ctx, siteRef);
  const list = listRow(ctx, s, listRef);
  requireRole(ctx, [`list:${list.id}`, `site:${s.id}`], role);
  return { siteId: s.id, site: s, list, columns: columnsOf(ctx.store, list.id) };
}

/**
 * People named on items, looked up once per request: a page of 5,000 items names the same few
 * people thousands of times.
 */
const peopleByRequest = new WeakMap<
  Ctx,
  Map<string, { doc: UserDoc | undefined; lookupId: string }>
>();
export function person(ctx: Ctx, userId: string): { doc: UserDoc | undefined; lookupId: string } {
  let known = peopleByRequest.get(ctx);
  if (!known) peopleByRequest.set(ctx, (known = new Map()));
  let found = known.get(userId);
  if (!found) {
    const row = ctx.store.db.prepare('SELECT rowid AS r FROM users WHERE id = ?').get(userId) as
      { r: number } | undefined;
    found = { doc: findUser(ctx, userId), lookupId: String(row?.r ?? 0) };
    known.set(userId, found);
  }
  return found;
}

export function identity(ctx: Ctx, userId: string) {
  const user = person(ctx, userId).doc;
  return {
    user: { email: user?.mail ?? '', id: userId, displayName: user?.displayName ?? 'Unknown user' },
  };
}

export const fieldExpr = (name: string) => `json_extract(fields, '$."${name}"')`;

export function touchList(store: Store, list: ListDoc): void {
  const next = { ...list, version: list.version + 1, lastModifiedDateTime: isoSeconds() };
  store.db.prepare('UPDATE lists SET json = ? WHERE id = ?').run(JSON.stringify(next), list.id);
}

export function columnSql(column: ColumnDoc): string {
  if (column.name === 'ID') return 'id';
  if (column.name === 'Created') return 'created';
  if (column.name === 'Modified') return 'modified';
  const kind = kindOf(column);
  return kind === 'text' || kind === 'choice'
    ? `${fieldExpr(column.name)} COLLATE NOCASE`
    : fieldExpr(column.name);
}
