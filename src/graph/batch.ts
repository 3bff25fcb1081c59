import type { Client } from '@microsoft/microsoft-graph-client';

/**
 * JSON batching (`POST /$batch`): how the product builds a batch and reads its answers, written
 * once. Graph takes at most 20 requests in a batch and answers each on its own, in any order.
 */

export const MAX_BATCH = 20;

export type BatchRequest = {
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Ids of requests in the same batch that must succeed first (Graph runs them in order). */
  readonly dependsOn?: readonly string[];
};

export type BatchResponse = {
  readonly id: string;
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
};

const JSON_TYPE = { 'Content-Type': 'application/json' } as const;

/** Creates a list item with these fields. */
export const createItemRequest = (
  id: string,
  itemsUrl: string,
  fields: Record<string, unknown>,
): BatchRequest => ({ id, method: 'POST', url: itemsUrl, headers: JSON_TYPE, body: { fields } });

/** Changes a list item's fields, only if it is still at the version given. */
export const updateFieldsRequest = (
  id: string,
  fieldsUrl: string,
  fields: Record<string, unknown>,
  eTag: string,
): BatchRequest => ({
  id,
  method: 'PATCH',
  url: fieldsUrl,
  headers: { ...JSON_TYPE, 'If-Match': eTag },
  body: fields,
});

/**
 * Reads, If-Match updates, and creates whose fields carry an idempotency key (a `...Key` column,
 * unique in the schema): each meets 412 or 409 when repeated, never makes a second record.
 */
export function safeInBatch(r: BatchRequest): boolean {
  if (r.method === 'GET') return true;
  if (r.method === 'PATCH' || r.method === 'DELETE')
    return Object.keys(r.headers ?? {}).some((h) => h.toLowerCase() === 'if-match');
  const fields = (r.body as { fields?: Record<string, unknown> } | undefined)?.fields ?? {};
  return Object.entries(fields).some(
    ([k, v]) => /Key$/.test(k) && typeof v === 'string' && v !== '',
  );
}

/** Splits requests into batches Graph accepts. */
export function chunks<T>(all: readonly T[], size = MAX_BATCH): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < all.length; start += size) out.push(all.slice(start, start + size));
  return out;
}

/**
 * Sends one batch (20 requests at most) and returns the answers in the order of the requests.
 * A request Graph did not answer is an error: a batch's answer names every request it ran.
 */
export async function postBatch(
  client: Client,
  requests: readonly BatchRequest[],
): Promise<BatchResponse[]> {
  if (requests.length > MAX_BATCH)
    throw new Error(`A batch takes at most ${MAX_BATCH} requests, not ${requests.length}.`);
  // The client's retry handler repeats a $batch whose answer it did not get: that is safe only
  // because every request in it is safe to repeat.
  for (const r of requests)
    if (!safeInBatch(r)) throw new Error(`Batch request ${r.id} is not safe to repeat.`);
  const res = (await client.api('/$batch').post({ requests })) as { responses?: BatchResponse[] };
  const byId = new Map((res.responses ?? []).map((r) => [r.id, r]));
  return requests.map((r) => {
    const answer = byId.get(r.id);
    if (!answer) throw new Error(`The batch answer has nothing for request ${r.id}.`);
    return answer;
  });
}

/** A header of a batch answer, whatever its case. */
export function batchHeader(r: BatchResponse, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(r.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/** Seconds a throttled answer asks us to wait (Retry-After), or the fallback when it does not say. */
export function retryAfterOf(r: BatchResponse, fallback: number): number {
  const after = Number(batchHeader(r, 'Retry-After'));
  return Number.isFinite(after) && after >= 0 ? after : fallback;
}

/** What Graph said of a failed request: its error message, or the status. */
export function batchErrorMessage(r: BatchResponse): string {
  return (
    (r.body as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${r.status}`
  );
}
