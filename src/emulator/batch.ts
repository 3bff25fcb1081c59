import type { TokenClaims } from './auth.js';
import type { GraphRequest, GraphResponse } from './context.js';
import { badRequest, errorBody, GraphError } from './errors.js';

export const MAX_BATCH_REQUESTS = 20;

type BatchItem = {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
};

export type SubRequestRunner = (req: GraphRequest, claims: TokenClaims) => GraphResponse;

function parseItems(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0)
    throw badRequest('A batch needs a non-empty "requests" array.', 'BadRequest');
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw badRequest(
      `Invalid batch payload format: the batch has ${requests.length} requests; at most ${MAX_BATCH_REQUESTS} are allowed.`,
      'BadRequest',
    );
  }
  const ids = new Set<string>();
  const items = requests.map((raw: unknown) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    const id = item['id'];
    if (typeof id !== 'string' || id === '')
      throw badRequest('Every request in a batch needs an id.', 'BadRequest');
    if (ids.has(id))
      throw badRequest(`Request id '${id}' appears more than once in the batch.`, 'BadRequest');
    ids.add(id);
    if (typeof item['method'] !== 'string' || typeof item['url'] !== 'string') {
      throw badRequest(`Request '${id}' needs a method and a url.`, 'BadRequest');
    }
    const headers = Object.fromEntries(
      Object.entries((item['headers'] ?? {}) as Record<string, string>).map(([k, v]) => [
        k.toLowerCase(),
        String(v),
      ]),
    );
    if (item['body'] !== undefined && !headers['content-type']) {
      throw badRequest(
        `Write request id : ${id} does not contain Content-Type header or body.`,
        'BadRequest',
      );
    }
    const dependsOn = item['dependsOn'] === undefined ? [] : item['dependsOn'];
    if (!Array.isArray(dependsOn) || !dependsOn.every((d) => typeof d === 'string'))
      throw badRequest(`Request '${id}': dependsOn must be a list of ids.`, 'BadRequest');
    return {
      id,
      method: item['method'].toUpperCase(),
      url: item['url'],
      headers,
      body: item['body'] ?? null,
      dependsOn: dependsOn as string[],
    };
  });
  for (const item of items) {
    for (const dep of item.dependsOn)
      if (!ids.has(dep))
        throw badRequest(
          `Request '${item.id}' depends on '${dep}', which is not in the batch.`,
          'BadRequest',
        );
  }
  return items;
}

/** Orders requests so that each comes after what it depends on; a cycle is a 400. */
function order(items: BatchItem[]): BatchItem[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: BatchItem[] = [];
  const visit = (item: BatchItem) => {
    if (done.has(item.id)) return;
    if (visiting.has(item.id))
      throw badRequest('The dependsOn of the batch form a cycle.', 'BadRequest');
    visiting.add(item.id);
    for (const dep of item.dependsOn) visit(byId.get(dep) as BatchItem);
    visiting.delete(item.id);
    done.add(item.id);
    out.push(item);
  };
  items.forEach(visit);
  return out;
}

/**
 * Runs a JSON batch: each request answered on its own, 424 where a dependency failed. `lose`
 * may replace a done request's answer (a fault: the work stands, the answer is lost); requests
 * that depend on it still run, as they would on Graph.
 */
export function runBatch(
  body: unknown,
  claims: TokenClaims,
  run: SubRequestRunner,
  lose?: (req: GraphRequest, res: GraphResponse) => GraphResponse | undefined,
): GraphResponse {
  const items = order(parseItems(body));
  const results = new Map<string, GraphResponse>();
  // What the client is told, where it differs from what happened (a lost answer).
  const answers = new Map<string, GraphResponse>();
  for (const item of items) {
    const failedDep = item.dependsOn.find((d) => (results.get(d)?.status ?? 500) >= 400);
    if (failedDep !== undefined) {
      results.set(item.id, {
        status: 424,
        headers: { 'Content-Type': 'application/json' },
        body: errorBody(
          'FailedDependency',
          `Request '${failedDep}' that this request depends on failed.`,
          item.id,
          item.id,
        ),
      });
      continue;
    }
    const relative = item.url
      .replace(/^https:\/\/graph\.microsoft\.com/, '')
      .replace(/^\/?(v1\.0\/)?/, '/');
    const [pathPart, queryPart] = relative.split('?', 2) as [string, string | undefined];
    let path: string;
    try {
      path = pathPart
        .split('/')
        .map((s) => decodeURIComponent(s))
        .join('/');
    } catch {
      throw new GraphError(400, 'BadRequest', `Request '${item.id}' has a malformed url.`);
    }
    const res = run(
      {
        method: item.method,
        path,
        query: new URLSearchParams(queryPart ?? ''),
        headers: item.headers,
        body: item.body,
      },
      claims,
    );
    results.set(item.id, {
      ...res,
      headers: { 'Content-Type': 'application/json', ...res.headers },
    });
    const lost = lose?.(
      {
        method: item.method,
        path,
        query: new URLSearchParams(queryPart ?? ''),
        headers: item.headers,
        body: item.body,
      },
      res,
    );
    if (lost) answers.set(item.id, lost);
  }
  return {
    status: 200,
    headers: {},
    body: {
      responses: items.map((item) => {
        const res = answers.get(item.id) ?? (results.get(item.id) as GraphResponse);
        return {
          id: item.id,
          status: res.status,
          headers: res.headers,
          ...(res.body === null ? {} : { body: res.body }),
        };
      }),
    },
  };
}
