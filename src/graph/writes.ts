import type { Client } from '@microsoft/microsoft-graph-client';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { type BatchRequest, type BatchResponse, postBatch, retryAfterOf } from './batch.js';
import {
  fieldsPath,
  itemFromFields,
  itemsPath,
  type ListItem,
  quote,
  readItem,
  readItems,
  type SiteLists,
} from './listItems.js';
import type { ListName } from './schema.js';
import { counted } from '../domain/plural.js';

/**
 * Writes safe to repeat. A create carries an idempotency key in a unique column and is never
 * sent again blindly: after a lost answer (a 504, a dropped connection, a throttle whose answer
 * may have followed the write) it is read back by its key first. An update is conditional
 * (If-Match); a 412 is resolved by reading the item back and asking whether it already says what
 * we meant. Waits are never shorter than Retry-After.
 */

export type WritePolicy = {
  /** How many times a write is tried before its failure is reported. */
  readonly attempts: number;
  readonly sleep: (ms: number) => Promise<void>;
};

export const DEFAULT_WRITE_POLICY: WritePolicy = {
  attempts: 30,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export const statusOf = (e: unknown): number | undefined =>
  e instanceof GraphError ? e.statusCode : undefined;

/** Writes that stayed undone after every try: the same call, made again later, may pass. */
export class TryAgainError extends Error {}

/** Throttling, unavailability, a lost answer or a network fault: worth trying again. */
export const isTransient = (e: unknown): boolean => {
  if (e instanceof TryAgainError) return true;
  // fetch's own failure (no answer at all), before Graph could say anything.
  if (!(e instanceof GraphError)) return e instanceof TypeError && /fetch|network/i.test(e.message);
  const s = e.statusCode;
  return s === -1 || s === 0 || s === 408 || s === 429 || s >= 500;
};

/** Seconds Graph asked us to wait before trying again, if it said. */
export function retryAfterSecondsOf(e: unknown): number | undefined {
  const headers = (e as { headers?: Headers } | undefined)?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('Retry-After') : null;
  if (raw === null || raw === undefined) return undefined;
  const n = Number(raw);
  if (Number.isFinite(n)) return Math.max(0, n);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
}

/** The wait before the next try: Retry-After when given (never less), else a short backoff. */
export const waitMs = (retryAfterSeconds: number | undefined, attempt: number): number =>
  retryAfterSeconds !== undefined
    ? retryAfterSeconds * 1000
    : Math.min(8000, 250 * 2 ** Math.min(attempt, 5));

/** A conditional update met a newer version that is not what we meant to write. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly current: ListItem,
  ) {
    super(message);
  }
}

/** A create of one keyed item: the list, its key column and every field (the key among them). */
export type KeyedCreate = {
  readonly list: ListName;
  readonly keyField: string;
  readonly fields: Readonly<Record<string, unknown>>;
};

const keyOf = (c: KeyedCreate): string => {
  const key = c.fields[c.keyField];
  if (typeof key !== 'string' || key === '')
    throw new Error(`A create in ${c.list} needs its key ${c.keyField}.`);
  return key;
};

/** The item with this key, if it exists. */
export async function findByKey(
  client: Client,
  lists: SiteLists,
  list: ListName,
  keyField: string,
  key: string,
): Promise<ListItem | undefined> {
  return (
    await readItems(client, lists, list, { filter: `fields/${keyField} eq ${quote(key)}`, top: 2 })
  )[0];
}

/**
 * Creates a keyed item exactly once and returns it (the one already there when an earlier try,
 * or someone else with the same key, made it).
 */
export async function createOnce(
  client: Client,
  lists: SiteLists,
  create: KeyedCreate,
  policy: WritePolicy = DEFAULT_WRITE_POLICY,
): Promise<ListItem> {
  const key = keyOf(create);
  let mayExist = false;
  for (let attempt = 1; ; attempt++) {
    try {
      if (mayExist) {
        const found = await findByKey(client, lists, create.list, create.keyField, key);
        if (found) return found;
      }
      return (await client
        .api(itemsPath(lists, create.list))
        .post({ fields: create.fields })) as ListItem;
    } catch (e) {
      if (statusOf(e) === 409) {
        mayExist = true;
        if (attempt >= policy.attempts) throw e;
        continue;
      }
      if (!isTransient(e) || attempt >= policy.attempts) throw e;
      // The write may have been done and only its answer lost: read back before sending again.
      mayExist = true;
      await policy.sleep(waitMs(retryAfterSecondsOf(e), attempt));
    }
  }
}

/**
 * Creates many keyed items in `$batch` requests until each exists exactly once. A whole batch
 * whose answer is lost is sent again (its creates meet 409 on their keys); a create answered
 * 409 already exists; one throttled or lost on its own is sent again after Retry-After.
 */
export async function createAllOnce(
  client: Client,
  lists: SiteLists,
  creates: readonly KeyedCreate[],
  policy: WritePolicy = DEFAULT_WRITE_POLICY,
): Promise<void> {
  let pending = creates.map((c, i) => ({ c, id: String(i) }));
  for (const c of creates) keyOf(c);
  for (let attempt = 1; pending.length > 0; attempt++) {
    const next: typeof pending = [];
    let wait: number | undefined;
    for (let start = 0; start < pending.length; start += 20) {
      const chunk = pending.slice(start, start + 20);
      const requests: BatchRequest[] = chunk.map(({ c, id }) => ({
        id,
        method: 'POST',
        url: itemsPath(lists, c.list),
        headers: { 'Content-Type': 'application/json' },
        body: { fields: c.fields },
      }));
      let responses: BatchResponse[];
      try {
        responses = await postBatch(client, requests);
      } catch (e) {
        if (!isTransient(e) || attempt >= policy.attempts) throw e;
        next.push(...chunk);
        wait = Math.max(wait ?? 0, waitMs(retryAfterSecondsOf(e), attempt));
        continue;
      }
      responses.forEach((r, i) => {
        const entry = chunk[i] as (typeof chunk)[number];
        if (r.status === 201 || r.status === 200 || r.status === 409) return;
        if (r.status === 429 || r.status >= 500) {
          next.push(entry);
          wait = Math.max(wait ?? 0, retryAfterOf(r, 1) * 1000);
          return;
        }
        throw new Error(
          `${entry.c.list} ${keyOf(entry.c)} was refused: ${(r.body as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${r.status}`}`,
        );
      });
    }
    if (next.length > 0 && attempt >= policy.attempts)
      throw new TryAgainError(
        `${counted(next.length, 'record')} could not be written yet; try again.`,
      );
    pending = next;
    if (pending.length > 0) await policy.sleep(wait ?? waitMs(undefined, attempt));
  }
}

/**
 * Changes an item's fields only from the version given. When the answer is lost, or a 412 says
 * the version moved, the item is read back: if `done` finds what we meant there, that is
 * success; otherwise a ConflictError carries what is there now.
 */
export async function updateIf(
  client: Client,
  lists: SiteLists,
  list: ListName,
  item: { readonly id: string; readonly eTag: string },
  fields: Readonly<Record<string, unknown>>,
  done: (stored: ListItem) => boolean,
  policy: WritePolicy = DEFAULT_WRITE_POLICY,
): Promise<ListItem> {
  let eTag = item.eTag;
  for (let attempt = 1; ; attempt++) {
    try {
      const res = (await client
        .api(fieldsPath(lists, list, item.id))
        .header('If-Match', eTag)
        .patch(fields)) as Record<string, unknown>;
      return itemFromFields(item.id, res);
    } catch (e) {
      const s = statusOf(e);
      if (s !== 412 && (!isTransient(e) || attempt >= policy.attempts)) throw e;
      if (s !== 412) await policy.sleep(waitMs(retryAfterSecondsOf(e), attempt));
      let stored: ListItem;
      try {
        stored = await readItem(client, lists, list, item.id);
      } catch (readError) {
        if (!isTransient(readError) || attempt >= policy.attempts) throw readError;
        continue;
      }
      if (done(stored)) return stored;
      if (s === 412 || stored.eTag !== eTag)
        throw new ConflictError(`${list} item ${item.id} was changed by someone else.`, stored);
      eTag = stored.eTag ?? eTag;
    }
  }
}
