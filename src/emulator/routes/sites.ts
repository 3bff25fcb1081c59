import { createHmac, randomUUID } from 'node:crypto';
import { requireScope } from '../auth.js';
import {
  bodyObject,
  type Ctx,
  type GraphResponse,
  isoSeconds,
  json,
  noContent,
  option,
  requireRole,
  selectOption,
  topOption,
} from '../context.js';
import { badRequest, GraphError, notFound } from '../errors.js';
import {
  type FilterExpr,
  FilterSyntaxError,
  fieldsOf,
  type OrderBy,
  parseFilter,
  parseOrderBy,
} from '../odata/filter.js';
import type { ItemRow, Store } from '../store.js';
import {
  builtInColumns,
  type ColumnDoc,
  columnFromRequest,
  kindOf,
  normaliseDate,
  normaliseValue,
} from './columns.js';
import { findUser, type UserDoc } from './users.js';

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

type ListDoc = {
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

type ListRef = { siteId: string; site: SiteDoc; list: ListDoc; columns: ColumnDoc[] };

const SITE_CANNOT = (ref: string) =>
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

function site(ctx: Ctx, siteRef: string): SiteDoc {
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

const siteResources = (s: SiteDoc) => [`site:${s.id}`];

export function getSite(ctx: Ctx, siteRef: string): GraphResponse {
  requireScope(ctx.claims, SITE_READ);
  const s = site(ctx, siteRef);
  if (!s.root) requireRole(ctx, siteResources(s), 'read');
  const select = selectOption(ctx.req);
  const body: Record<string, unknown> = { ...s };
  const shaped = select
    ? Object.fromEntries(select.filter((k) => k in body).map((k) => [k, body[k]]))
    : body;
  return json(200, { '@odata.context': `${ctx.graphBase}/$metadata#sites/$entity`, ...shaped });
}

function listRow(ctx: Ctx, s: SiteDoc, listRef: string): ListDoc {
  const row = ctx.store.db
    .prepare(
      'SELECT json FROM lists WHERE site_id = ? AND (id = ? OR display_name = ? OR name = ?)',
    )
    .get(s.id, listRef.toLowerCase(), listRef, listRef) as { json: string } | undefined;
  if (!row) throw notFound('List not found', 'itemNotFound');
  return JSON.parse(row.json) as ListDoc;
}

function columnsOf(store: Store, listId: string): ColumnDoc[] {
  const rows = store.db
    .prepare('SELECT json FROM columns WHERE list_id = ? ORDER BY position')
    .all(listId) as Array<{ json: string }>;
  return rows.map((r) => JSON.parse(r.json) as ColumnDoc);
}

function resolveList(
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
function person(ctx: Ctx, userId: string): { doc: UserDoc | undefined; lookupId: string } {
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

function identity(ctx: Ctx, userId: string) {
  const user = person(ctx, userId).doc;
  return {
    user: { email: user?.mail ?? '', id: userId, displayName: user?.displayName ?? 'Unknown user' },
  };
}

function listOut(ctx: Ctx, list: ListDoc, siteId: string): Record<string, unknown> {
  const { version, ...rest } = list;
  const etag = `"${list.id},${version}"`;
  return { '@odata.etag': etag, ...rest, eTag: etag, parentReference: { siteId } };
}

export function listLists(ctx: Ctx, siteRef: string): GraphResponse {
  requireScope(ctx.claims, SITE_READ);
  const s = site(ctx, siteRef);
  const rows = ctx.store.db
    .prepare('SELECT id, json FROM lists WHERE site_id = ? ORDER BY rowid')
    .all(s.id) as Array<{ id: string; json: string }>;
  const visible = rows.filter((r) => {
    try {
      requireRole(ctx, [`list:${r.id}`, `site:${s.id}`], 'read');
      return true;
    } catch {
      return false;
    }
  });
  if (rows.length > 0 && visible.length === 0) requireRole(ctx, siteResources(s), 'read');
  return json(200, {
    '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(s.id)}')/lists`,
    value: visible.map((r) => listOut(ctx, JSON.parse(r.json) as ListDoc, s.id)),
  });
}

function urlName(displayName: string): string {
  return displayName.replace(/[^A-Za-z0-9_-]/g, '') || 'List';
}

function indexName(listId: string, column: string): string {
  return `ix_${createHmac('sha1', 'ix').update(`${listId}/${column}`).digest('hex').slice(0, 16)}`;
}

const fieldExpr = (name: string) => `json_extract(fields, '$."${name}"')`;

/** An indexed column gets a real SQLite index, so filters on it stay fast at 12,000 items. */
function ensureIndex(store: Store, listId: string, column: ColumnDoc): void {
  if (!column.indexed || column.name === 'ID') return;
  const collate = kindOf(column) === 'text' || kindOf(column) === 'choice' ? ' COLLATE NOCASE' : '';
  store.db.exec(
    `CREATE INDEX IF NOT EXISTS ${indexName(listId, column.name)} ON items(list_id, ${fieldExpr(column.name)}${collate})`,
  );
}

function insertColumn(store: Store, listId: string, column: ColumnDoc): void {
  const position = (
    store.db
      .prepare('SELECT COALESCE(MAX(position), 0) + 1 AS p FROM columns WHERE list_id = ?')
      .get(listId) as { p: number }
  ).p;
  store.db
    .prepare('INSERT INTO columns(list_id, id, name, position, json) VALUES (?, ?, ?, ?, ?)')
    .run(listId, column.id, column.name, position, JSON.stringify(column));
  ensureIndex(store, listId, column);
}

export function createList(ctx: Ctx, siteRef: string): GraphResponse {
  requireScope(ctx.claims, LIST_MANAGE);
  const s = site(ctx, siteRef);
  requireRole(ctx, siteResources(s), 'owner');
  const body = bodyObject(ctx.req);
  const displayName = body['displayName'];
  if (typeof displayName !== 'string' || displayName.trim() === '') {
    throw badRequest('A list needs a displayName.');
  }
  const template =
    ((body['list'] as Record<string, unknown> | undefined)?.['template'] as string | undefined) ??
    'genericList';
  if (template !== 'genericList')
    throw badRequest(
      `The list template '${template}' is not supported by this emulator; use genericList.`,
      'notSupported',
    );
  const requested = Array.isArray(body['columns'])
    ? (body['columns'] as Array<Record<string, unknown>>)
    : [];
  const columns = requested.map(columnFromRequest);
  const names = new Set(builtInColumns().map((c) => c.name.toLowerCase()));
  for (const c of columns) {
    if (names.has(c.name.toLowerCase()))
      throw badRequest(`A duplicate field name "${c.name}" was found.`);
    names.add(c.name.toLowerCase());
  }
  const now = isoSeconds();
  const by = identity(ctx, ctx.claims.oid);
  const list: ListDoc = {
    id: randomUUID(),
    name: urlName(displayName),
    displayName,
    description: typeof body['description'] === 'string' ? body['description'] : '',
    createdDateTime: now,
    lastModifiedDateTime: now,
    webUrl: `${s.webUrl}/Lists/${urlName(displayName)}`,
    createdBy: by,
    lastModifiedBy: by,
    list: { contentTypesEnabled: false, hidden: false, template },
    version: 1,
  };
  ctx.store.tx(() => {
    const clash = ctx.store.db
      .prepare('SELECT 1 FROM lists WHERE site_id = ? AND (display_name = ? OR name = ?)')
      .get(s.id, displayName, list.name);
    if (clash) {
      throw new GraphError(
        409,
        'nameAlreadyExists',
        'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.',
      );
    }
    ctx.store.db
      .prepare(
        'INSERT INTO lists(id, site_id, name, display_name, json, next_item_id, seq) VALUES (?, ?, ?, ?, ?, 1, 0)',
      )
      .run(list.id, s.id, list.name, displayName, JSON.stringify(list));
    for (const c of [...builtInColumns(), ...columns]) insertColumn(ctx.store, list.id, c);
  });
  return json(201, {
    '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(s.id)}')/lists/$entity`,
    ...listOut(ctx, list, s.id),
  });
}

export function getList(ctx: Ctx, siteRef: string, listRef: string): GraphResponse {
  requireScope(ctx.claims, SITE_READ);
  const ref = resolveList(ctx, siteRef, listRef, 'read');
  const out: Record<string, unknown> = listOut(ctx, ref.list, ref.siteId);
  const expand = option(ctx.req, 'expand') ?? '';
  const columnsExpand = /(?:^|,)\s*columns(?:\(\$?select=([^)]*)\))?/.exec(expand);
  if (columnsExpand) {
    const keys = columnsExpand[1]?.split(',').map((k) => k.trim());
    out['columns'] = ref.columns.map((c) =>
      keys
        ? Object.fromEntries(
            keys.filter((k) => k in c).map((k) => [k, (c as Record<string, unknown>)[k]]),
          )
        : c,
    );
  }
  const itemsExpand = /(?:^|,)\s*items(?:\((.*)\))?\s*$/.exec(expand);
  if (itemsExpand) {
    // items(expand=fields(select=...)) reads the first page of items with the list.
    const inner = new URLSearchParams(itemsExpand[1] ?? '');
    const rows = ctx.store.db
      .prepare('SELECT * FROM items WHERE list_id = ? ORDER BY id LIMIT 200')
      .all(ref.list.id) as ItemRow[];
    const shape = itemShape({ ...ctx, req: { ...ctx.req, query: inner } });
    out['items'] = rows.map((row) => itemOut(ctx, ref, row, shape));
  }
  const select = selectOption(ctx.req);
  const shaped = select
    ? Object.fromEntries(
        Object.entries(out).filter(
          ([k]) => select.includes(k) || k === 'columns' || k === 'items' || k === '@odata.etag',
        ),
      )
    : out;
  return json(200, {
    '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(ref.siteId)}')/lists/$entity`,
    ...shaped,
  });
}

export function listColumns(ctx: Ctx, siteRef: string, listRef: string): GraphResponse {
  requireScope(ctx.claims, SITE_READ);
  const ref = resolveList(ctx, siteRef, listRef, 'read');
  return json(200, {
    '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(ref.siteId)}')/lists('${ref.list.id}')/columns`,
    value: ref.columns,
  });
}

export function createColumn(ctx: Ctx, siteRef: string, listRef: string): GraphResponse {
  requireScope(ctx.claims, LIST_MANAGE);
  const ref = resolveList(ctx, siteRef, listRef, 'owner');
  const column = columnFromRequest(bodyObject(ctx.req));
  ctx.store.tx(() => {
    if (ref.columns.some((c) => c.name.toLowerCase() === column.name.toLowerCase())) {
      throw badRequest(`A duplicate field name "${column.name}" was found.`);
    }
    insertColumn(ctx.store, ref.list.id, column);
    touchList(ctx.store, ref.list);
  });
  return json(201, {
    '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(ref.siteId)}')/lists('${ref.list.id}')/columns/$entity`,
    ...column,
  });
}

function touchList(store: Store, list: ListDoc): void {
  const next = { ...list, version: list.version + 1, lastModifiedDateTime: isoSeconds() };
  store.db.prepare('UPDATE lists SET json = ? WHERE id = ?').run(JSON.stringify(next), list.id);
}

function findColumn(ref: ListRef, columnRef: string): ColumnDoc {
  const column = ref.columns.find(
    (c) => c.id === columnRef || c.name.toLowerCase() === columnRef.toLowerCase(),
  );
  if (!column) throw notFound(`Column '${columnRef}' does not exist.`);
  return column;
}

export function getColumn(
  ctx: Ctx,
  siteRef: string,
  listRef: string,
  columnRef: string,
): GraphResponse {
  requireScope(ctx.claims, SITE_READ);
  const ref = resolveList(ctx, siteRef, listRef, 'read');
  return json(200, findColumn(ref, columnRef));
}

/** Changes what SharePoint lets change on a column: names, description, required, indexed, unique, and the type facet's settings. */
export function updateColumn(
  ctx: Ctx,
  siteRef: string,
  listRef: string,
  columnRef: string,
): GraphResponse {
  requireScope(ctx.claims, LIST_MANAGE);
  const ref = resolveList(ctx, siteRef, listRef, 'owner');
  const column = findColumn(ref, columnRef);
  if (column.readOnly) throw badRequest(`Column '${column.name}' is read-only.`);
  const body = bodyObject(ctx.req);
  if (body['name'] !== undefined && body['name'] !== column.name)
    throw badRequest('The internal name of a column cannot change.');
  const kind = kindOf(column);
  const merged = columnFromRequest({
    ...column,
    ...body,
    name: column.name,
    [kind]: { ...(column[kind] as object), ...((body[kind] as object | undefined) ?? {}) },
  });
  if (kindOf(merged) !== kind)
    throw badRequest(`The type of column '${column.name}' cannot change.`);
  const updated: ColumnDoc = { ...merged, id: column.id };
  ctx.store.tx(() => {
    if (updated.enforceUniqueValues && !column.enforceUniqueValues) {
      const dup = ctx.store.db
        .prepare(
          `SELECT ${fieldExpr(column.name)} AS v, COUNT(*) AS n FROM items WHERE list_id = ? AND ${fieldExpr(column.name)} IS NOT NULL GROUP BY ${fieldExpr(column.name)} COLLATE NOCASE HAVING n > 1 LIMIT 1`,
        )
        .get(ref.list.id);
      if (dup)
        throw badRequest(
          `Unique values cannot be enforced on '${column.name}': the list already holds duplicate values in it.`,
        );
    }
    ctx.store.db
      .prepare('UPDATE columns SET json = ? WHERE list_id = ? AND id = ?')
      .run(JSON.stringify(updated), ref.list.id, column.id);
    ensureIndex(ctx.store, ref.list.id, updated);
    touchList(ctx.store, ref.list);
  });
  return json(200, updated);
}

/* ---------------------------------------------------------------- items */

const etagOf = (row: Pick<ItemRow, 'guid' | 'version'>) => `"${row.guid},${row.version}"`;

type ItemShape = {
  expandFields: boolean;
  fieldSelect: string[] | undefined;
  select: string[] | undefined;
};

function itemShape(ctx: Ctx): ItemShape {
  const expand = option(ctx.req, 'expand') ?? '';
  const m = /(?:^|,)\s*fields(?:\((?:\$?select=([^)]*))?\))?/.exec(expand);
  return {
    expandFields: m !== null,
    fieldSelect: m?.[1]
      ? m[1]
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
    select: selectOption(ctx.req),
  };
}

function fieldsOut(
  ctx: Ctx,
  row: ItemRow,
  fieldSelect: string[] | undefined,
): Record<string, unknown> {
  const stored = JSON.parse(row.fields) as Record<string, unknown>;
  const all: Record<string, unknown> = {
    '@odata.etag': etagOf(row),
    ...stored,
    id: String(row.id),
    ContentType: 'Item',
    Modified: row.modified,
    Created: row.created,
    AuthorLookupId: person(ctx, row.author).lookupId,
    EditorLookupId: person(ctx, row.editor).lookupId,
    _UIVersionString: `${row.version}.0`,
    Attachments: false,
    Edit: '',
    LinkTitleNoMenu: stored['Title'] ?? '',
    LinkTitle: stored['Title'] ?? '',
    ItemChildCount: '0',
    FolderChildCount: '0',
    _ComplianceFlags: '',
    _ComplianceTag: '',
    _ComplianceTagWrittenTime: '',
    _ComplianceTagUserId: '',
  };
  if (!fieldSelect) return all;
  const out: Record<string, unknown> = { '@odata.etag': all['@odata.etag'] };
  for (const name of fieldSelect) {
    const key = name === 'ID' ? 'id' : name;
    if (all[key] !== undefined && all[key] !== null) out[name === 'ID' ? 'id' : name] = all[key];
  }
  return out;
}

function itemOut(ctx: Ctx, ref: ListRef, row: ItemRow, shape: ItemShape): Record<string, unknown> {
  const etag = etagOf(row);
  const item: Record<string, unknown> = {
    '@odata.etag': etag,
    createdDateTime: row.created,
    eTag: etag,
    id: String(row.id),
    lastModifiedDateTime: row.modified,
    webUrl: `${ref.list.webUrl}/${row.id}_.000`,
    createdBy: identity(ctx, row.author),
    lastModifiedBy: identity(ctx, row.editor),
    parentReference: { id: ref.list.id, siteId: ref.siteId },
    contentType: { id: '0x0100', name: 'Item' },
  };
  let out = item;
  if (shape.select) {
    out = { '@odata.etag': etag };
    for (const key of shape.select) if (key in item) out[key] = item[key];
  }
  if (shape.expandFields) {
    out['fields@odata.context'] =
      `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(ref.siteId)}')/lists('${ref.list.id}')/items('${row.id}')/fields/$entity`;
    out['fields'] = fieldsOut(ctx, row, shape.fieldSelect);
  }
  return out;
}

function itemRow(store: Store, listId: string, itemId: string): ItemRow {
  if (!/^\d+$/.test(itemId)) throw badRequest(`Invalid item id '${itemId}'.`);
  const row = store.db
    .prepare('SELECT * FROM items WHERE list_id = ? AND id = ?')
    .get(listId, Number(itemId)) as ItemRow | undefined;
  if (!row) throw notFound('Item not found');
  return row;
}

/* Filtering and ordering */

const honoursNonIndexed = (ctx: Ctx) =>
  /HonorNonIndexedQueriesWarningMayFailRandomly/i.test(ctx.req.headers['prefer'] ?? '');

function requireIndexed(ctx: Ctx, ref: ListRef, names: string[]): Map<string, ColumnDoc> {
  const byName = new Map<string, ColumnDoc>();
  for (const name of names) {
    const column = ref.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!column) throw badRequest(`Field '${name}' is not recognized`);
    if (!column.indexed && !honoursNonIndexed(ctx)) {
      throw badRequest(
        `Field '${column.name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
      );
    }
    byName.set(name, column);
  }
  return byName;
}

type Sql = { sql: string; params: Array<string | number | null> };

function columnSql(column: ColumnDoc): string {
  if (column.name === 'ID') return 'id';
  if (column.name === 'Created') return 'created';
  if (column.name === 'Modified') return 'modified';
  const kind = kindOf(column);
  return kind === 'text' || kind === 'choice'
    ? `${fieldExpr(column.name)} COLLATE NOCASE`
    : fieldExpr(column.name);
}

function literalFor(
  column: ColumnDoc,
  lit: FilterExpr & { kind: 'compare' },
): string | number | null {
  const v = lit.value;
  const kind = kindOf(column);
  const wrong = () =>
    badRequest(
      `Invalid filter clause: the value compared with '${column.name}' is not of its type (${kind}).`,
    );
  if (v.type === 'null') return null;
  switch (kind) {
    case 'number':
      if (v.type !== 'number') throw wrong();
      return v.value;
    case 'boolean':
      if (v.type === 'boolean') return v.value ? 1 : 0;
      if (v.type === 'number' && (v.value === 0 || v.value === 1)) return v.value;
      throw wrong();
    case 'dateTime':
      if ((v.type === 'string' || v.type === 'dateTime') && !Number.isNaN(Date.parse(v.value)))
        return normaliseDate(v.value);
      throw wrong();
    default:
      if (v.type === 'string') return v.value;
      throw wrong();
  }
}

const OPS = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

function compile(expr: FilterExpr, columns: Map<string, ColumnDoc>): Sql {
  switch (expr.kind) {
    case 'and':
    case 'or': {
      const l = compile(expr.left, columns);
      const r = compile(expr.right, columns);
      return {
        sql: `(${l.sql} ${expr.kind.toUpperCase()} ${r.sql})`,
        params: [...l.params, ...r.params],
      };
    }
    case 'not': {
      const inner = compile(expr.expr, columns);
      return { sql: `(NOT ${inner.sql})`, params: inner.params };
    }
    case 'startswith': {
      const column = columns.get(expr.field) as ColumnDoc;
      const k = kindOf(column);
      if (k !== 'text' && k !== 'choice')
        throw badRequest(
          `Invalid filter clause: startswith applies to text, not to '${column.name}'.`,
        );
      const escaped = expr.value.replace(/[\\%_]/g, (c) => `\\${c}`);
      return { sql: `(${fieldExpr(column.name)} LIKE ? ESCAPE '\\')`, params: [`${escaped}%`] };
    }
    case 'compare': {
      const column = columns.get(expr.field) as ColumnDoc;
      const value = literalFor(column, expr);
      const target = columnSql(column);
      if (value === null) {
        if (expr.op !== 'eq' && expr.op !== 'ne')
          throw badRequest('Invalid filter clause: null can only be compared with eq or ne.');
        return {
          sql: `(${fieldExpr(column.name)} IS ${expr.op === 'eq' ? '' : 'NOT '}NULL)`,
          params: [],
        };
      }
      if (expr.op === 'ne')
        return {
          sql: `(${target} IS NOT ? OR ${fieldExpr(column.name)} IS NULL)`,
          params: [value],
        };
      return { sql: `(${target} ${OPS[expr.op]} ?)`, params: [value] };
    }
  }
}

type Cursor = { kind: 'id'; after: number } | { kind: 'offset'; offset: number };

function readSkipToken(raw: string | null): Cursor | undefined {
  if (!raw) return undefined;
  const text = Buffer.from(raw, 'base64').toString('utf8');
  const id = /^Paged=TRUE&p_ID=(\d+)$/.exec(text);
  if (id) return { kind: 'id', after: Number(id[1]) };
  const off = /^Paged=TRUE&p_Offset=(\d+)$/.exec(text);
  if (off) return { kind: 'offset', offset: Number(off[1]) };
  throw badRequest('The $skiptoken is not valid.');
}

const skipToken = (c: Cursor) =>
  Buffer.from(
    c.kind === 'id' ? `Paged=TRUE&p_ID=${c.after}` : `Paged=TRUE&p_Offset=${c.offset}`,
  ).toString('base64');

export function listItems(ctx: Ctx, siteRef: string, listRef: string): GraphResponse {
  requireScope(ctx.claims, SITE_READ);
  const ref = resolveList(ctx, siteRef, listRef, 'read');
  const filterText = option(ctx.req, 'filter');
  const orderText = option(ctx.req, 'orderby');
  let filter: FilterExpr | undefined;
  let order: OrderBy[] = [];
  try {
    filter = filterText ? parseFilter(filterText) : undefined;
    order = orderText ? parseOrderBy(orderText) : [];
  } catch (e) {
    if (e instanceof FilterSyntaxError) throw badRequest(`Invalid filter clause: ${e.message}`);
    throw e;
  }
  const columns = requireIndexed(ctx, ref, [
    ...(filter ? fieldsOf(filter) : []),
    ...order.map((o) => o.field),
  ]);
  const top = topOption(ctx.req, 200, 5000);
  const cursor = readSkipToken(ctx.req.query.get('$skiptoken'));
  const where: string[] = ['list_id = ?'];
  const params: Array<string | number | null> = [ref.list.id];
  if (filter) {
    const c = compile(filter, columns);
    where.push(c.sql);
    params.push(...c.params);
  }
  // With a filter, `+id` keeps SQLite from preferring the primary key over the column's index.
  let orderSql = filter ? '+id' : 'id';
  let offset = 0;
  if (order.length > 0) {
    orderSql = [
      ...order.map(
        (o) => `${columnSql(columns.get(o.field) as ColumnDoc)} ${o.descending ? 'DESC' : 'ASC'}`,
      ),
      'id',
    ].join(', ');
    if (cursor?.kind === 'offset') offset = cursor.offset;
  } else if (cursor?.kind === 'id') {
    where.push('id > ?');
    params.push(cursor.after);
  }
  const rows = ctx.store.db
    .prepare(
      `SELECT * FROM items WHERE ${where.join(' AND ')} ORDER BY ${orderSql} LIMIT ? OFFSET ?`,
    )
    .all(...params, top + 1, offset) as ItemRow[];
  const page = rows.slice(0, top);
  const shape = itemShape(ctx);
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(ref.siteId)}')/lists('${ref.list.id}')/items`,
  };
  if (rows.length > top) {
    const last = page[page.length - 1] as ItemRow;
    const next = new URLSearchParams(ctx.req.query);
    next.set(
      '$skiptoken',
      skipToken(
        order.length > 0
          ? { kind: 'offset', offset: offset + top }
          : { kind: 'id', after: last.id },
      ),
    );
    body['@odata.nextLink'] =
      `${ctx.graphBase}/sites/${encodeURIComponent(ref.siteId)}/lists/${ref.list.id}/items?${next.toString()}`;
  }
  body['value'] = page.map((row) => itemOut(ctx, ref, row, shape));
  return json(200, body);
}

export function getItem(ctx: Ctx, siteRef: string, listRef: string, itemId: string): GraphResponse {
  requireScope(ctx.claims, SITE_READ);
  const ref = resolveList(ctx, siteRef, listRef, 'read');
  const row = itemRow(ctx.store, ref.list.id, itemId);
  return json(200, {
    '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(ref.siteId)}')/lists('${ref.list.id}')/items/$entity`,
    ...itemOut(ctx, ref, row, itemShape(ctx)),
  });
}

export function getItemFields(
  ctx: Ctx,
  siteRef: string,
  listRef: string,
  itemId: string,
): GraphResponse {
  requireScope(ctx.claims, SITE_READ);
  const ref = resolveList(ctx, siteRef, listRef, 'read');
  const row = itemRow(ctx.store, ref.list.id, itemId);
  return json(200, {
    '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(ref.siteId)}')/lists('${ref.list.id}')/items('${row.id}')/fields/$entity`,
    ...fieldsOut(ctx, row, selectOption(ctx.req)),
  });
}

const READ_ONLY_FIELDS = new Set([
  'id',
  'ID',
  'ContentType',
  'Modified',
  'Created',
  'AuthorLookupId',
  'EditorLookupId',
  '_UIVersionString',
  'Attachments',
  'Edit',
  'LinkTitleNoMenu',
  'LinkTitle',
  'ItemChildCount',
  'FolderChildCount',
  '@odata.etag',
]);

function validateFields(
  ref: ListRef,
  input: Record<string, unknown>,
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith('@odata')) continue;
    if (READ_ONLY_FIELDS.has(key)) throw badRequest(`Field '${key}' is read-only`);
    const column = ref.columns.find((c) => c.name === key);
    if (!column) throw badRequest(`Field '${key}' is not recognized`);
    if (column.readOnly) throw badRequest(`Field '${key}' is read-only`);
    out[column.name] = normaliseValue(column, value);
  }
  return out;
}

function checkRequired(ref: ListRef, fields: Record<string, unknown>): void {
  for (const column of ref.columns) {
    if (column.required && (fields[column.name] === undefined || fields[column.name] === null)) {
      throw badRequest(`Field '${column.name}' is required.`);
    }
  }
}

function checkUnique(
  store: Store,
  ref: ListRef,
  fields: Record<string, unknown>,
  exceptId: number,
): void {
  const clashes: string[] = [];
  for (const column of ref.columns) {
    const value = fields[column.name];
    if (!column.enforceUniqueValues || value === undefined || value === null) continue;
    const bound = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    const hit = store.db
      .prepare(
        `SELECT 1 FROM items WHERE list_id = ? AND ${columnSql(column)} = ? AND id <> ? LIMIT 1`,
      )
      .get(ref.list.id, bound as string | number, exceptId);
    if (hit) clashes.push(column.name);
  }
  if (clashes.length > 0) {
    throw new GraphError(
      409,
      'nameAlreadyExists',
      `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${clashes.join(', ')}].`,
    );
  }
}

function nextSeq(store: Store, listId: string): number {
  store.db.prepare('UPDATE lists SET seq = seq + 1 WHERE id = ?').run(listId);
  return (store.db.prepare('SELECT seq FROM lists WHERE id = ?').get(listId) as { seq: number })
    .seq;
}

export function createItem(ctx: Ctx, siteRef: string, listRef: string): GraphResponse {
  requireScope(ctx.claims, ITEM_WRITE);
  const ref = resolveList(ctx, siteRef, listRef, 'write');
  const body = bodyObject(ctx.req);
  const rawFields = body['fields'];
  if (rawFields === null || typeof rawFields !== 'object' || Array.isArray(rawFields)) {
    throw badRequest("A list item is created with a 'fields' object.");
  }
  const fields = Object.fromEntries(
    Object.entries(validateFields(ref, rawFields as Record<string, unknown>)).filter(
      ([, v]) => v !== null,
    ),
  );
  checkRequired(ref, fields);
  const now = isoSeconds();
  const row = ctx.store.tx(() => {
    checkUnique(ctx.store, ref, fields, -1);
    const id = (
      ctx.store.db.prepare('SELECT next_item_id AS n FROM lists WHERE id = ?').get(ref.list.id) as {
        n: number;
      }
    ).n;
    ctx.store.db
      .prepare('UPDATE lists SET next_item_id = next_item_id + 1 WHERE id = ?')
      .run(ref.list.id);
    const item: ItemRow = {
      list_id: ref.list.id,
      id,
      fields: JSON.stringify(fields),
      version: 1,
      guid: randomUUID(),
      created: now,
      modified: now,
      author: ctx.claims.oid,
      editor: ctx.claims.oid,
      seq: nextSeq(ctx.store, ref.list.id),
    };
    ctx.store.db
      .prepare(
        'INSERT INTO items(list_id, id, fields, version, guid, created, modified, author, editor, seq) VALUES (@list_id, @id, @fields, @version, @guid, @created, @modified, @author, @editor, @seq)',
      )
      .run(item);
    return item;
  });
  const shape: ItemShape = { expandFields: true, fieldSelect: undefined, select: undefined };
  return json(
    201,
    {
      '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(ref.siteId)}')/lists('${ref.list.id}')/items/$entity`,
      ...itemOut(ctx, ref, row, shape),
    },
    {
      ETag: etagOf(row),
      Location: `${ctx.graphBase}/sites/${encodeURIComponent(ref.siteId)}/lists/${ref.list.id}/items/${row.id}`,
    },
  );
}

const bareEtag = (value: string) =>
  value.trim().replace(/^W\//, '').replace(/^"|"$/g, '').replace(/[{}]/g, '').toLowerCase();

function checkIfMatch(ctx: Ctx, row: ItemRow): void {
  const header = ctx.req.headers['if-match'];
  if (header === undefined || header.trim() === '*') return;
  const current = etagOf(row);
  const ok = header.split(',').length >= 2 && bareEtag(header) === bareEtag(current);
  if (!ok) {
    throw new GraphError(
      412,
      'preconditionFailed',
      `The request ETag value '${header}' does not match the object's ETag value '${current}'.`,
    );
  }
}

function updateItemFields(
  ctx: Ctx,
  ref: ListRef,
  itemId: string,
  input: Record<string, unknown>,
): ItemRow {
  const changes = validateFields(ref, input);
  return ctx.store.tx(() => {
    const row = itemRow(ctx.store, ref.list.id, itemId);
    checkIfMatch(ctx, row);
    const merged: Record<string, unknown> = {
      ...(JSON.parse(row.fields) as Record<string, unknown>),
    };
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    checkRequired(ref, merged);
    checkUnique(ctx.store, ref, changes, row.id);
    const next: ItemRow = {
      ...row,
      fields: JSON.stringify(merged),
      version: row.version + 1,
      modified: isoSeconds(),
      editor: ctx.claims.oid,
      seq: nextSeq(ctx.store, ref.list.id),
    };
    ctx.store.db
      .prepare(
        'UPDATE items SET fields = @fields, version = @version, modified = @modified, editor = @editor, seq = @seq WHERE list_id = @list_id AND id = @id',
      )
      .run(next);
    return next;
  });
}

export function patchItemFields(
  ctx: Ctx,
  siteRef: string,
  listRef: string,
  itemId: string,
): GraphResponse {
  requireScope(ctx.claims, ITEM_WRITE);
  const ref = resolveList(ctx, siteRef, listRef, 'write');
  const row = updateItemFields(ctx, ref, itemId, bodyObject(ctx.req));
  return json(
    200,
    {
      '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(ref.siteId)}')/lists('${ref.list.id}')/items('${row.id}')/fields/$entity`,
      ...fieldsOut(ctx, row, undefined),
    },
    { ETag: etagOf(row) },
  );
}

export function patchItem(
  ctx: Ctx,
  siteRef: string,
  listRef: string,
  itemId: string,
): GraphResponse {
  requireScope(ctx.claims, ITEM_WRITE);
  const ref = resolveList(ctx, siteRef, listRef, 'write');
  const body = bodyObject(ctx.req);
  const fields = body['fields'];
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    throw badRequest("A list item is updated with a 'fields' object.");
  }
  const row = updateItemFields(ctx, ref, itemId, fields as Record<string, unknown>);
  return json(
    200,
    {
      '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(ref.siteId)}')/lists('${ref.list.id}')/items/$entity`,
      ...itemOut(ctx, ref, row, { expandFields: true, fieldSelect: undefined, select: undefined }),
    },
    { ETag: etagOf(row) },
  );
}

export function deleteItem(
  ctx: Ctx,
  siteRef: string,
  listRef: string,
  itemId: string,
): GraphResponse {
  requireScope(ctx.claims, ITEM_WRITE);
  const ref = resolveList(ctx, siteRef, listRef, 'write');
  ctx.store.tx(() => {
    const row = itemRow(ctx.store, ref.list.id, itemId);
    checkIfMatch(ctx, row);
    ctx.store.db.prepare('DELETE FROM items WHERE list_id = ? AND id = ?').run(ref.list.id, row.id);
    ctx.store.db
      .prepare('INSERT INTO tombstones(list_id, id, seq) VALUES (?, ?, ?)')
      .run(ref.list.id, row.id, nextSeq(ctx.store, ref.list.id));
  });
  return noContent();
}

/* Delta */

type DeltaState = { l: string; from: number; to: number; after: number };

function sign(ctx: Ctx, state: DeltaState): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  const mac = createHmac('sha256', ctx.secret).update(payload).digest('base64url').slice(0, 22);
  return `${payload}.${mac}`;
}

function unsign(ctx: Ctx, token: string, listId: string): DeltaState | undefined {
  const [payload, mac] = token.split('.');
  if (!payload || !mac) return undefined;
  const expected = createHmac('sha256', ctx.secret)
    .update(payload)
    .digest('base64url')
    .slice(0, 22);
  if (expected !== mac) return undefined;
  try {
    const state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as DeltaState;
    return state.l === listId ? state : undefined;
  } catch {
    return undefined;
  }
}

export function deltaItems(ctx: Ctx, siteRef: string, listRef: string): GraphResponse {
  requireScope(ctx.claims, SITE_READ);
  const ref = resolveList(ctx, siteRef, listRef, 'read');
  const base = `${ctx.graphBase}/sites/${encodeURIComponent(ref.siteId)}/lists/${ref.list.id}/items/delta`;
  const current = (
    ctx.store.db.prepare('SELECT seq FROM lists WHERE id = ?').get(ref.list.id) as { seq: number }
  ).seq;
  const token = ctx.req.query.get('token');
  const keep = new URLSearchParams(ctx.req.query);
  keep.delete('token');
  const link = (state: DeltaState) => {
    const q = new URLSearchParams(keep);
    q.set('token', sign(ctx, state));
    return `${base}?${q.toString()}`;
  };
  const context = `${ctx.graphBase}/$metadata#Collection(listItem)`;
  if (token === 'latest') {
    return json(200, {
      '@odata.context': context,
      value: [],
      '@odata.deltaLink': link({ l: ref.list.id, from: current, to: current, after: current }),
    });
  }
  let state: DeltaState;
  if (token === null) {
    state = { l: ref.list.id, from: 0, to: current, after: 0 };
  } else {
    const read = unsign(ctx, token, ref.list.id);
    if (!read) {
      throw new GraphError(
        410,
        'resyncRequired',
        'The delta token is not valid for this list; the client must start a full resynchronisation.',
        { Location: base },
      );
    }
    // A delta link (from === to === after) starts a new round that reaches today's state.
    state =
      read.after === read.to && read.from === read.to
        ? { l: read.l, from: read.to, to: current, after: read.to }
        : read;
  }
  const top = topOption(ctx.req, 200, 1000);
  const changed = ctx.store.db
    .prepare('SELECT * FROM items WHERE list_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?')
    .all(ref.list.id, state.after, state.to, top + 1) as ItemRow[];
  const deleted =
    state.from === 0
      ? []
      : (ctx.store.db
          .prepare(
            'SELECT id, seq FROM tombstones WHERE list_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
          )
          .all(ref.list.id, state.after, state.to, top + 1) as Array<{ id: number; seq: number }>);
  const merged = [
    ...changed.map((row) => ({ seq: row.seq, row })),
    ...deleted.map((d) => ({ seq: d.seq, deletedId: d.id })),
  ].sort((a, b) => a.seq - b.seq);
  const page = merged.slice(0, top);
  const shape = itemShape(ctx);
  const value = page.map((entry) =>
    'row' in entry && entry.row
      ? itemOut(ctx, ref, entry.row, shape)
      : {
          id: String((entry as { deletedId: number }).deletedId),
          parentReference: { siteId: ref.siteId },
          deleted: { state: 'deleted' },
        },
  );
  const body: Record<string, unknown> = { '@odata.context': context, value };
  if (merged.length > top) {
    body['@odata.nextLink'] = link({
      ...state,
      after: (page[page.length - 1] as { seq: number }).seq,
    });
  } else {
    body['@odata.deltaLink'] = link({
      l: ref.list.id,
      from: state.to,
      to: state.to,
      after: state.to,
    });
  }
  return json(200, body);
}
