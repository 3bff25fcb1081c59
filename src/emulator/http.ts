import type { IncomingMessage, ServerResponse } from 'node:http';

/** Writing answers on Node's HTTP server: Graph's content type, CORS and no caching. */

const ODATA_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

const CORS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Content-Type, If-Match, If-None-Match, Prefer, ConsistencyLevel, client-request-id, SdkVersion, return-client-request-id',
  'Access-Control-Expose-Headers': 'Retry-After, ETag, Location, request-id, client-request-id',
  'Access-Control-Max-Age': '600',
};

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: unknown,
  /** Graph's answers allow any origin, as Graph does; the admin API's allow none. */
  cors = true,
): void {
  const out: Record<string, string> = {
    ...(cors ? CORS : {}),
    'Cache-Control': 'no-cache',
    ...headers,
  };
  if (body === null || body === undefined || status === 204) {
    res.writeHead(status, out);
    res.end();
    return;
  }
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    res.writeHead(status, out);
    res.end(body);
    return;
  }
  res.writeHead(status, { 'Content-Type': ODATA_JSON, 'OData-Version': '4.0', ...out });
  res.end(JSON.stringify(body));
}

/** A JSON answer of the admin API (plain JSON, not OData). */
export const sendJson = (res: ServerResponse, status: number, body: unknown): void =>
  send(res, status, { 'Content-Type': 'application/json' }, JSON.stringify(body), false);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
