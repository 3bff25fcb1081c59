import { requireScope } from '../auth.js';
import { type Ctx, type GraphResponse, json, option, selectOption, topOption } from '../context.js';
import { badRequest } from '../errors.js';
import {
  type FilterExpr,
  FilterSyntaxError,
  fieldsOf,
  type OrderBy,
  parseFilter,
  parseOrderBy,
} from '../odata/filter.js';
import type { ItemRow } from '../store.js';
import { type ColumnDoc, kindOf, normaliseDate } from './columns.js';
import { fieldsOut, itemOut, itemRow, itemShape } from './itemShape.js';
import {
  columnSql,
  fieldExpr,
  type ListRef,
  readableSql,
  requireReadable,
  resolveList,
  SITE_READ,
} from './listRefs.js';

/* Reading items: $filter compiled to SQL on indexed columns, $orderby and paging. */

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
  const ref = resolveList(ctx, siteRef, listRef);
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
  const readable = readableSql(ctx, ref);
  const where: string[] = ['list_id = ?', `(${readable.sql})`];
  const params: Array<string | number | null> = [ref.list.id, ...readable.params];
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
  const ref = resolveList(ctx, siteRef, listRef);
  const row = itemRow(ctx.store, ref.list.id, itemId);
  requireReadable(ctx, ref, row.id);
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
  const ref = resolveList(ctx, siteRef, listRef);
  const row = itemRow(ctx.store, ref.list.id, itemId);
  requireReadable(ctx, ref, row.id);
  return json(200, {
    '@odata.context': `${ctx.graphBase}/$metadata#sites('${encodeURIComponent(ref.siteId)}')/lists('${ref.list.id}')/items('${row.id}')/fields/$entity`,
    ...fieldsOut(ctx, row, selectOption(ctx.req)),
  });
}
