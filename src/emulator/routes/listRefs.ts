import { ACCESS_DENIED, appCap, type Ctx, demand, isoSeconds, rightsOn } from '../context.js';
import { accessDenied, notFound } from '../errors.js';
import { has, Security } from '../security.js';
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

/** Whether the user reaches the site: rights on the web, or on something in it (Limited Access). */
export function canSeeSite(ctx: Ctx, s: SiteDoc): boolean {
  if (s.root) return true;
  if (has(rightsOn(ctx, s.id, { kind: 'web' }), 'Open')) return true;
  return (
    appCap(ctx.claims) !== 0n &&
    Security.of(ctx.store, ctx).hasAccessBelow(s.id, ctx.claims.oid, { kind: 'web' })
  );
}

/** Whether the user sees a list: the right to view its items, or an item of it shared with them. */
export function canSeeList(ctx: Ctx, siteId: string, listId: string): boolean {
  const target = { kind: 'list', listId } as const;
  if (has(rightsOn(ctx, siteId, target), 'ViewListItems')) return true;
  return (
    has(appCap(ctx.claims), 'ViewListItems') &&
    Security.of(ctx.store, ctx).hasAccessBelow(siteId, ctx.claims.oid, target)
  );
}

/** A list the user may see, or (with `manage`) change the columns of; otherwise 403. */
export function resolveList(ctx: Ctx, siteRef: string, listRef: string, manage = false): ListRef {
  const s = site(ctx, siteRef);
  const list = listRow(ctx, s, listRef);
  if (manage) demand(ctx, s.id, { kind: 'list', listId: list.id }, 'ManageLists');
  else if (!canSeeList(ctx, s.id, list.id)) throw accessDenied(ACCESS_DENIED);
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

/** The items of a list the user may see, as SQL on the items table (security trimming). */
export function readableSql(
  ctx: Ctx,
  ref: ListRef,
): { sql: string; params: Array<string | number> } {
  if (!has(appCap(ctx.claims), 'ViewListItems')) return { sql: '0', params: [] };
  return Security.of(ctx.store, ctx).readableItems(ref.siteId, ctx.claims.oid, ref.list.id);
}

/** An item the user may not see does not exist for them, as in SharePoint. */
export function requireReadable(ctx: Ctx, ref: ListRef, itemId: number): void {
  const r = readableSql(ctx, ref);
  const ok = ctx.store.db
    .prepare(`SELECT 1 FROM items WHERE list_id = ? AND id = ? AND (${r.sql})`)
    .get(ref.list.id, itemId, ...r.params);
  if (!ok) throw notFound('Item not found');
}

/**
 * Refuses a change unless the user holds the right on the item (its own permissions or the
 * list's) and the list's item-level setting lets them change it: WriteSecurity 2 allows only
 * items they created, 4 none, unless they may override list behaviours (CancelCheckout).
 */
export function requireWritable(
  ctx: Ctx,
  ref: ListRef,
  item: { id: number; author: string } | undefined,
  kind: 'AddListItems' | 'EditListItems' | 'DeleteListItems',
): void {
  const target = item
    ? ({ kind: 'item', listId: ref.list.id, itemId: item.id } as const)
    : ({ kind: 'list', listId: ref.list.id } as const);
  const rights = rightsOn(ctx, ref.siteId, target);
  if (!has(rights, kind)) throw accessDenied(ACCESS_DENIED);
  const { WriteSecurity } = Security.of(ctx.store, ctx).listSettings(ref.list.id);
  if (WriteSecurity === 1 || has(rights, 'CancelCheckout')) return;
  if (WriteSecurity === 4 || (item && item.author !== ctx.claims.oid))
    throw accessDenied(ACCESS_DENIED);
}
