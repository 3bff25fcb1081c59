import { type Ctx, option, selectOption } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import type { ItemRow, Store } from '../store.js';
import { identity, type ListRef, person } from './listRefs.js';

/** How an item is written out: its eTag, its fields and the $select / $expand shape asked for. */

export const etagOf = (row: Pick<ItemRow, 'guid' | 'version'>) => `"${row.guid},${row.version}"`;

export type ItemShape = {
  expandFields: boolean;
  fieldSelect: string[] | undefined;
  select: string[] | undefined;
};

export function itemShape(ctx: Ctx): ItemShape {
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

export function fieldsOut(
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

export function itemOut(
  ctx: Ctx,
  ref: ListRef,
  row: ItemRow,
  shape: ItemShape,
): Record<string, unknown> {
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

export function itemRow(store: Store, listId: string, itemId: string): ItemRow {
  if (!/^\d+$/.test(itemId)) throw badRequest(`Invalid item id '${itemId}'.`);
  const row = store.db
    .prepare('SELECT * FROM items WHERE list_id = ? AND id = ?')
    .get(listId, Number(itemId)) as ItemRow | undefined;
  if (!row) throw notFound('Item not found');
  return row;
}
