import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphApp } from './app.js';
import { runBatch } from './batch.js';
import type { GraphRequest, GraphResponse } from './context.js';
import { errorBody } from './errors.js';
import { lostAnswer } from './faults.js';
import type { FaultGate } from './gate.js';
import { readBody, send, sleep } from './http.js';
import { type AcceptedRates, messageKey } from './rates.js';

/**
 * The HTTP adapter for Graph's /v1.0: turns a Node request into a GraphRequest, authenticates
 * it, passes it (or each request of a $batch) through the fault gate to the app, counts accepted
 * messages, and writes the answer.
 */

export type AdapterDeps = {
  app: GraphApp;
  gate: FaultGate;
  rates: AcceptedRates;
};

export async function handleGraph(
  deps: AdapterDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const { app, gate, rates } = deps;
  const serve = (sub: GraphRequest, claims: Parameters<GraphApp['handle']>[1]): GraphResponse => {
    const blocked = gate.check(sub);
    if (blocked) return blocked;
    const answer = app.handle(sub, claims);
    const key = messageKey(sub, gate.faults);
    if (key && answer.status < 300) rates.note(key.key);
    return answer;
  };

  gate.stats.requests++;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (typeof v === 'string') headers[k.toLowerCase()] = v;
  const raw = await readBody(req);
  let body: unknown = null;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw);
    } catch {
      return send(
        res,
        400,
        {},
        errorBody(
          'BadRequest',
          'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
          'parse',
          headers['client-request-id'] ?? 'parse',
        ),
      );
    }
  }
  let path: string;
  try {
    path = url.pathname
      .slice('/v1.0'.length)
      .split('/')
      .map((s) => decodeURIComponent(s))
      .join('/');
  } catch {
    return send(
      res,
      400,
      {},
      errorBody('BadRequest', 'The request URL is malformed.', 'parse', 'parse'),
    );
  }
  const graphReq: GraphRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    path,
    query: url.searchParams,
    headers,
    body,
  };
  if (gate.faults.latencyMs > 0) await sleep(gate.faults.latencyMs);
  const auth = app.authenticate(headers['authorization']);
  if (!('oid' in auth)) return send(res, auth.status, auth.headers, auth.body);
  let answer: GraphResponse;
  if (graphReq.path === '/$batch') {
    if (graphReq.method !== 'POST')
      return send(
        res,
        405,
        {},
        errorBody(
          'Request_BadRequest',
          'Specified HTTP method is not allowed for the request target.',
          'batch',
          'batch',
        ),
      );
    const blocked = gate.check(graphReq);
    if (blocked) return send(res, blocked.status, blocked.headers, blocked.body);
    try {
      answer = runBatch(
        body,
        auth,
        (sub, claims) => serve(sub, claims),
        (sub, done) =>
          sub.method !== 'GET' && done.status < 300 && gate.loseBatchItem()
            ? lostAnswer(gate.faults.retryAfterSeconds, 'lost')
            : undefined,
      );
      if (gate.loseBatch()) {
        const lost = lostAnswer(
          gate.faults.retryAfterSeconds,
          headers['client-request-id'] ?? 'lost',
        );
        return send(res, lost.status, lost.headers, lost.body);
      }
    } catch (e) {
      const err = e as { status?: number; code?: string; message: string };
      answer = {
        status: err.status ?? 500,
        headers: {},
        body: errorBody(
          err.code ?? 'generalException',
          err.message,
          'batch',
          headers['client-request-id'] ?? 'batch',
        ),
      };
    }
  } else {
    answer = serve(graphReq, auth);
  }
  const isWrite = graphReq.method !== 'GET' && graphReq.path !== '/$batch';
  if (isWrite && answer.status < 300 && gate.loseAnswer()) {
    return send(
      res,
      504,
      { 'Retry-After': String(gate.faults.retryAfterSeconds) },
      errorBody(
        'gatewayTimeout',
        'Injected fault: the write was applied but its answer was lost.',
        'lost',
        headers['client-request-id'] ?? 'lost',
      ),
    );
  }
  send(res, answer.status, answer.headers, answer.body);
}
