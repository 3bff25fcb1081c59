import { randomUUID } from 'node:crypto';
import { requireScope } from '../auth.js';
import {
  bodyObject,
  type Ctx,
  type GraphResponse,
  isoSeconds,
  json,
  noContent,
} from '../context.js';
import { badRequest, GraphError } from '../errors.js';
import type { ItemRow, Store } from '../store.js';
import { normaliseValue } from './columns.js';
import { etagOf, fieldsOut, itemOut, itemRow, type ItemShape } from './itemShape.js';
import { Security } from '../security.js';
import {
  columnSql,
  ITEM_WRITE,
  type ListRef,
  requireReadable,
  requireWritable,
  resolveList,
} from './listRefs.js';

/* Writing items: create, update (fields or the item), delete; validation, uniqueness, If-Match. */

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
  const ref = resolveList(ctx, siteRef, listRef);
  requireWritable(ctx, ref, undefined, 'AddListItems');
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
    requireReadable(ctx, ref, row.id);
    requireWritable(ctx, ref, row, 'EditListItems');
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
  const ref = resolveList(ctx, siteRef, listRef);
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
  const ref = resolveList(ctx, siteRef, listRef);
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
  const ref = resolveList(ctx, siteRef, listRef);
  ctx.store.tx(() => {
    const row = itemRow(ctx.store, ref.list.id, itemId);
    requireReadable(ctx, ref, row.id);
    requireWritable(ctx, ref, row, 'DeleteListItems');
    checkIfMatch(ctx, row);
    Security.of(ctx.store, ctx).dropItem(ref.siteId, ref.list.id, row.id);
    ctx.store.db.prepare('DELETE FROM items WHERE list_id = ? AND id = ?').run(ref.list.id, row.id);
    ctx.store.db
      .prepare('INSERT INTO tombstones(list_id, id, seq) VALUES (?, ?, ?)')
      .run(ref.list.id, row.id, nextSeq(ctx.store, ref.list.id));
  });
  return noContent();
}
