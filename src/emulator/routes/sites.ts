import { randomUUID } from 'node:crypto';
import { requireScope } from '../auth.js';
import {
  ACCESS_DENIED,
  bodyObject,
  demand,
  type Ctx,
  type GraphResponse,
  isoSeconds,
  json,
  option,
  selectOption,
} from '../context.js';
import { accessDenied, badRequest, GraphError } from '../errors.js';
import type { ItemRow } from '../store.js';
import { builtInColumns, columnFromRequest } from './columns.js';
import { itemOut, itemShape } from './itemShape.js';
import { insertColumn } from './listColumns.js';
import {
  identity,
  LIST_MANAGE,
  type ListDoc,
  readableSql,
  resolveList,
  site,
  SITE_READ,
  canSeeList,
  canSeeSite,
} from './listRefs.js';

export { resolveSitePath, type SiteDoc } from './listRefs.js';

export function getSite(ctx: Ctx, siteRef: string): GraphResponse {
  requireScope(ctx.claims, SITE_READ);
  const s = site(ctx, siteRef);
  if (!canSeeSite(ctx, s)) throw accessDenied(ACCESS_DENIED);
  const select = selectOption(ctx.req);
  const body: Record<string, unknown> = { ...s };
  const shaped = select
    ? Object.fromEntries(select.filter((k) => k in body).map((k) => [k, body[k]]))
    : body;
  return json(200, { '@odata.context': `${ctx.graphBase}/$metadata#sites/$entity`, ...shaped });
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
  const visible = rows.filter((r) => canSeeList(ctx, s.id, r.id));
  if (visible.length === 0 && !canSeeSite(ctx, s)) throw accessDenied(ACCESS_DENIED);
  return json(200, {
    '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(s.id)}')/lists`,
    value: visible.map((r) => listOut(ctx, JSON.parse(r.json) as ListDoc, s.id)),
  });
}

function urlName(displayName: string): string {
  return displayName.replace(/[^A-Za-z0-9_-]/g, '') || 'List';
}

export function createList(ctx: Ctx, siteRef: string): GraphResponse {
  requireScope(ctx.claims, LIST_MANAGE);
  const s = site(ctx, siteRef);
  demand(ctx, s.id, { kind: 'web' }, 'ManageLists');
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
  const ref = resolveList(ctx, siteRef, listRef);
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
    const readable = readableSql(ctx, ref);
    const rows = ctx.store.db
      .prepare(`SELECT * FROM items WHERE list_id = ? AND (${readable.sql}) ORDER BY id LIMIT 200`)
      .all(ref.list.id, ...readable.params) as ItemRow[];
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
