import type { TokenProvider } from './client.js';

/**
 * A small client for SharePoint's REST API (`{site}/_api/...`), used only where Graph v1.0 has no
 * call for a signed-in person: permission levels, site groups, breaking inheritance and role
 * assignments, and a list's item-level settings. Graph's own list and list item permission calls
 * grant applications only.
 *
 * The token is for SharePoint (audience `https://{tenant}.sharepoint.com`), not for Graph. On a
 * tenant `siteUrl` is the site's `webUrl` as Graph reports it; in local mode it is the emulator's
 * origin plus the site's path, since the emulator answers `/_api/` as the SharePoint host does.
 */

export type SharePointRestOptions = {
  /** e.g. https://contoso.sharepoint.com/sites/safeguarding, or http://127.0.0.1:53100/sites/partnership */
  readonly siteUrl: string;
  readonly tokens: TokenProvider;
  /** Retries of 429 and 503 after Retry-After, as SharePoint throttles. */
  readonly maxRetries?: number;
  readonly fetch?: typeof fetch;
};

export class SharePointRestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'SharePointRestError';
  }
}

export type SharePointRest = {
  /** Calls `{siteUrl}/_api/{path}`; JSON light in and out. */
  call<T = unknown>(
    method: 'GET' | 'POST' | 'MERGE' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SharePoint's error body in JSON light, or the 401 body of a refused token. */
function readError(status: number, text: string, path: string): SharePointRestError {
  try {
    const body = JSON.parse(text) as {
      'odata.error'?: { code?: string; message?: { value?: string } };
      error?: { code?: string; message?: { value?: string } };
      error_description?: string;
    };
    const e = body['odata.error'] ?? body.error;
    if (e)
      return new SharePointRestError(
        status,
        e.code ?? '',
        e.message?.value ?? `HTTP ${status}`,
        path,
      );
    if (body.error_description)
      return new SharePointRestError(status, 'InvalidToken', body.error_description, path);
  } catch {
    // Not JSON: a proxy's page, kept as text below.
  }
  return new SharePointRestError(status, '', text.slice(0, 200) || `HTTP ${status}`, path);
}

export function createSharePointRest(options: SharePointRestOptions): SharePointRest {
  const base = `${options.siteUrl.replace(/\/+$/, '')}/_api/`;
  const doFetch = options.fetch ?? fetch;
  const maxRetries = options.maxRetries ?? 5;
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        const token = await options.tokens.getToken();
        const headers: Record<string, string> = {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json;odata=nometadata',
        };
        if (body !== undefined) headers['Content-Type'] = 'application/json;odata=nometadata';
        // MERGE and DELETE go as POST with X-HTTP-Method, which every SharePoint accepts.
        if (method === 'MERGE' || method === 'DELETE') headers['X-HTTP-Method'] = method;
        if (method === 'MERGE') headers['IF-MATCH'] = '*';
        const res = await doFetch(`${base}${path}`, {
          method: method === 'GET' ? 'GET' : 'POST',
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        if ((res.status === 429 || res.status === 503) && attempt < maxRetries) {
          const after = Number(res.headers.get('Retry-After') ?? '2');
          await sleep((Number.isFinite(after) ? after : 2) * 1000);
          continue;
        }
        if (!res.ok) throw readError(res.status, text, path);
        return (text ? JSON.parse(text) : undefined) as T;
      }
    },
  };
}

/** Quotes a value inside a REST path's parentheses, as OData does ('' for '). */
export const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;
