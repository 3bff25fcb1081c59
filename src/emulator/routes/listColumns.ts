import { createHmac } from 'node:crypto';
import { requireScope } from '../auth.js';
import { bodyObject, type Ctx, type GraphResponse, json } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import type { Store } from '../store.js';
import { type ColumnDoc, columnFromRequest, kindOf } from './columns.js';
import {
  fieldExpr,
  LIST_MANAGE,
  type ListRef,
  resolveList,
  SITE_READ,
  touchList,
} from './listRefs.js';

/** The column routes of a list; the column model itself is in columns.ts. */

function indexName(listId: string, column: string): string {
  return `ix_${createHmac('sha1', 'ix').update(`${listId}/${column}`).digest('hex').slice(0, 16)}`;
}

/** An indexed column gets a real SQLite index, so filters on it stay fast at 12,000 items. */
export function ensureIndex(store: Store, listId: string, column: ColumnDoc): void {
  if (!column.indexed || column.name === 'ID') return;
  const collate = kindOf(column) === 'text' || kindOf(column) === 'choice' ? ' COLLATE NOCASE' : '';
  store.db.exec(
    `CREATE INDEX IF NOT EXISTS ${indexName(listId, column.name)} ON items(list_id, ${fieldExpr(column.name)}${collate})`,
  );
}

export function insertColumn(store: Store, listId: string, column: ColumnDoc): void {
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

export function listColumns(ctx: Ctx, siteRef: string, listRef: string): GraphResponse {
  requireScope(ctx.claims, SITE_READ);
  const ref = resolveList(ctx, siteRef, listRef);
  return json(200, {
    '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(ref.siteId)}')/lists('${ref.list.id}')/columns`,
    value: ref.columns,
  });
}

export function createColumn(ctx: Ctx, siteRef: string, listRef: string): GraphResponse {
  requireScope(ctx.claims, LIST_MANAGE);
  const ref = resolveList(ctx, siteRef, listRef, true);
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
  const ref = resolveList(ctx, siteRef, listRef);
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
  const ref = resolveList(ctx, siteRef, listRef, true);
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
