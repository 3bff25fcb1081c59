import { createHmac } from 'node:crypto';
import { requireScope } from '../auth.js';
import { type Ctx, type GraphResponse, json, topOption } from '../context.js';
import { GraphError } from '../errors.js';
import type { ItemRow } from '../store.js';
import { itemOut, itemShape } from './itemShape.js';
import { readableSql, resolveList, SITE_READ } from './listRefs.js';

/* Delta: changes and deletions of a list since a signed token, paged. */

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
  const ref = resolveList(ctx, siteRef, listRef);
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
  const readable = readableSql(ctx, ref);
  const changed = ctx.store.db
    .prepare(
      `SELECT * FROM items WHERE list_id = ? AND seq > ? AND seq <= ? AND (${readable.sql}) ORDER BY seq LIMIT ?`,
    )
    .all(ref.list.id, state.after, state.to, ...readable.params, top + 1) as ItemRow[];
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
