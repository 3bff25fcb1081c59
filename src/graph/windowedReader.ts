import type { Client } from '@microsoft/microsoft-graph-client';
import type { IsoDay } from '../domain/workingDays.js';
import type { ListName } from './schema.js';
import { itemsPath, type ListItem, quote, type SiteLists } from './listItems.js';
import { type Page, relativeLink } from './paging.js';
import { statusOf } from './writes.js';

/**
 * A list read by windows of days on one indexed date column, then kept up to date through delta
 * (docs/report.md): the Digests (by sign-off) and the feedback replies' dates (by sending). Cold
 * (nothing held): one delta request for the latest token, then each window's items in pages of
 * 5,000 through the indexed filter. Warm: only the delta since last time (one request when few
 * changed); a window not yet read is read with the filter, the delta link kept. A delta token
 * Graph no longer honours (410) starts again cold.
 */

/** The London days a read covers, first and last included. */
export type DayWindow = { readonly from: IsoDay; readonly to: IsoDay };

/** What a reader makes of one item: kept (on its day), unreadable (said), or not its kind. */
export type Decoded<T> =
  | { readonly kind: 'kept'; readonly value: T; readonly day: IsoDay }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'other' };

export type WindowedSpec<T> = {
  readonly list: ListName;
  /** The indexed date column the windows filter on. */
  readonly dateField: string;
  /** The columns read (`$expand=fields($select=…)`): only what `decode` needs. */
  readonly fields: readonly string[];
  readonly decode: (item: ListItem) => Decoded<T>;
};

export type WindowedRead<T> = {
  /** The values whose day is within one of the windows asked for, in the order the items were kept. */
  readonly values: readonly T[];
  /** Items that could not be read (anyone on the site could have written one): said, not hidden. */
  readonly unreadable: ReadonlyArray<{ readonly itemId: string; readonly reason: string }>;
};

type State<T> = {
  deltaLink: string;
  windows: DayWindow[];
  byItem: Map<string, { value: T; day: IsoDay }>;
  unreadable: Map<string, string>;
};

/**
 * What one person's tab holds between openings, by site and list: in memory only, never in
 * browser storage (digests carry auditors' names). Pseudonymised case references only.
 */
export type WindowedCache = Map<string, State<unknown>>;

/** The tab's cache, shared by every reader of the session. */
export const SESSION_WINDOWS: WindowedCache = new Map();

// Graph's largest page of list items; a year of 10,000 digests is two pages.
const PAGE = 5000;

const dayBefore = (day: IsoDay): IsoDay =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const dayAfter = (day: IsoDay): IsoDay =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The instants a window's filter reads: a London day starts an hour before its UTC day in summer,
 * so a day is taken on either side and the exact days are kept by `within` afterwards.
 */
const filterOf = (field: string, w: DayWindow): string =>
  `fields/${field} ge ${quote(`${dayBefore(w.from)}T00:00:00Z`)} and fields/${field} lt ${quote(
    `${dayAfter(dayAfter(w.to))}T00:00:00Z`,
  )}`;

const within = (w: DayWindow, day: IsoDay) => day >= w.from && day <= w.to;
const covers = (outer: DayWindow, inner: DayWindow) =>
  outer.from <= inner.from && outer.to >= inner.to;

type DeltaItem = ListItem & { readonly deleted?: { readonly state: string } };

export function createWindowedReader<T>(
  client: Client,
  lists: SiteLists,
  spec: WindowedSpec<T>,
  cache: WindowedCache = SESSION_WINDOWS,
) {
  const key = `${lists.siteId}|${lists.listIds[spec.list]}`;
  const select = `fields(select=${spec.fields.join(',')})`;

  function keep(state: State<T>, item: ListItem): void {
    const d = spec.decode(item);
    if (d.kind === 'unreadable') {
      state.byItem.delete(item.id);
      state.unreadable.set(item.id, d.reason);
      return;
    }
    state.unreadable.delete(item.id);
    if (d.kind === 'kept' && state.windows.some((w) => within(w, d.day)))
      state.byItem.set(item.id, { value: d.value, day: d.day });
    else state.byItem.delete(item.id);
  }

  async function pages<I>(first: Page<I>, each: (items: I[]) => void): Promise<string | undefined> {
    let page = first;
    for (;;) {
      each(page.value);
      const next = page['@odata.nextLink'];
      if (!next) return page['@odata.deltaLink'];
      page = (await client.api(relativeLink(next)).get()) as Page<I>;
    }
  }

  async function cold(): Promise<State<T>> {
    // The token first: whatever changes while the window is read comes again in the next delta.
    const latest = (await client
      .api(`${itemsPath(lists, spec.list)}/delta`)
      .query({ token: 'latest' })
      .expand(select)
      .top(1000)
      .get()) as Page<DeltaItem>;
    const deltaLink = latest['@odata.deltaLink'];
    if (!deltaLink) throw new Error(`Graph gave no delta link for the ${spec.list} list.`);
    return { deltaLink, windows: [], byItem: new Map(), unreadable: new Map() };
  }

  async function catchUp(state: State<T>): Promise<void> {
    const first = (await client.api(relativeLink(state.deltaLink)).get()) as Page<DeltaItem>;
    const link = await pages(first, (items) => {
      for (const item of items) {
        if (item.deleted) {
          state.byItem.delete(item.id);
          state.unreadable.delete(item.id);
        } else keep(state, item);
      }
    });
    if (!link) throw new Error('Graph ended a delta round without a delta link.');
    state.deltaLink = link;
  }

  async function readWindow(state: State<T>, w: DayWindow): Promise<void> {
    state.windows.push(w);
    const first = (await client
      .api(itemsPath(lists, spec.list))
      .expand(select)
      .filter(filterOf(spec.dateField, w))
      .top(PAGE)
      .get()) as Page<ListItem>;
    await pages(first, (items) => {
      for (const item of items) keep(state, item);
    });
  }

  return {
    async read(windows: readonly DayWindow[]): Promise<WindowedRead<T>> {
      let state = cache.get(key) as State<T> | undefined;
      if (state) {
        try {
          await catchUp(state);
        } catch (e) {
          if (statusOf(e) !== 410) throw e;
          cache.delete(key);
          state = undefined;
        }
      }
      if (!state) state = await cold();
      const held = state;
      try {
        for (const w of windows)
          if (!held.windows.some((h) => covers(h, w))) await readWindow(held, w);
      } catch (e) {
        // A window half read is not kept: the next opening reads it again whole.
        cache.delete(key);
        throw e;
      }
      cache.set(key, held as State<unknown>);
      const values: T[] = [];
      for (const { value, day } of held.byItem.values())
        if (windows.some((w) => within(w, day))) values.push(value);
      return {
        values,
        unreadable: [...held.unreadable].map(([itemId, reason]) => ({ itemId, reason })),
      };
    },
  };
}
