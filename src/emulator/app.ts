import { randomUUID } from 'node:crypto';
import { readBearer, type TokenClaims } from './auth.js';
import type { Ctx, GraphRequest, GraphResponse } from './context.js';
import { errorBody, GraphError } from './errors.js';
import * as delta from './routes/delta.js';
import * as reads from './routes/itemReads.js';
import * as writes from './routes/itemWrites.js';
import * as columns from './routes/listColumns.js';
import * as sites from './routes/sites.js';
import * as teams from './routes/teams.js';
import * as users from './routes/users.js';
import type { Store } from './store.js';

type Handler = (ctx: Ctx, p: string[]) => GraphResponse;
type Route = { method: string; pattern: string[]; handler: Handler };

export type AppOptions = {
  /** Activity types the app's manifest declares; empty accepts any. */
  activityTypes: readonly string[];
};

const r = (method: string, pattern: string, handler: Handler): Route => ({
  method,
  pattern: pattern.split('/'),
  handler,
});

/** Graph's v1.0 routes that the emulator answers. `*` is one path segment. */
function routes(options: AppOptions): Route[] {
  const p = (params: string[], i: number) => params[i] as string;
  return [
    r('GET', 'me', (c) => users.getMe(c)),
    r('GET', 'me/joinedTeams', (c) => teams.joinedTeams(c)),
    r('GET', 'users', (c) => users.listUsers(c)),
    r('GET', 'users/*', (c, a) => users.getUser(c, p(a, 0))),
    r('GET', 'users/*/joinedTeams', (c, a) => {
      if (p(a, 0) !== c.claims.oid && p(a, 0).toLowerCase() !== c.claims.upn.toLowerCase()) {
        throw new GraphError(
          403,
          'Forbidden',
          'A user can only list their own joined teams with delegated permissions.',
        );
      }
      return teams.joinedTeams(c);
    }),
    r('POST', 'users/*/teamwork/sendActivityNotification', (c, a) =>
      teams.sendActivityNotification(c, p(a, 0), options.activityTypes),
    ),
    r('GET', 'sites/*', (c, a) => sites.getSite(c, p(a, 0))),
    r('GET', 'sites/*/lists', (c, a) => sites.listLists(c, p(a, 0))),
    r('POST', 'sites/*/lists', (c, a) => sites.createList(c, p(a, 0))),
    r('GET', 'sites/*/lists/*', (c, a) => sites.getList(c, p(a, 0), p(a, 1))),
    r('GET', 'sites/*/lists/*/columns', (c, a) => columns.listColumns(c, p(a, 0), p(a, 1))),
    r('POST', 'sites/*/lists/*/columns', (c, a) => columns.createColumn(c, p(a, 0), p(a, 1))),
    r('GET', 'sites/*/lists/*/columns/*', (c, a) =>
      columns.getColumn(c, p(a, 0), p(a, 1), p(a, 2)),
    ),
    r('PATCH', 'sites/*/lists/*/columns/*', (c, a) =>
      columns.updateColumn(c, p(a, 0), p(a, 1), p(a, 2)),
    ),
    r('GET', 'sites/*/lists/*/items', (c, a) => reads.listItems(c, p(a, 0), p(a, 1))),
    r('POST', 'sites/*/lists/*/items', (c, a) => writes.createItem(c, p(a, 0), p(a, 1))),
    r('GET', 'sites/*/lists/*/items/delta', (c, a) => delta.deltaItems(c, p(a, 0), p(a, 1))),
    r('GET', 'sites/*/lists/*/items/*', (c, a) => reads.getItem(c, p(a, 0), p(a, 1), p(a, 2))),
    r('PATCH', 'sites/*/lists/*/items/*', (c, a) => writes.patchItem(c, p(a, 0), p(a, 1), p(a, 2))),
    r('DELETE', 'sites/*/lists/*/items/*', (c, a) =>
      writes.deleteItem(c, p(a, 0), p(a, 1), p(a, 2)),
    ),
    r('GET', 'sites/*/lists/*/items/*/fields', (c, a) =>
      reads.getItemFields(c, p(a, 0), p(a, 1), p(a, 2)),
    ),
    r('PATCH', 'sites/*/lists/*/items/*/fields', (c, a) =>
      writes.patchItemFields(c, p(a, 0), p(a, 1), p(a, 2)),
    ),
    r('GET', 'teams/*', (c, a) => teams.getTeam(c, p(a, 0))),
    r('GET', 'teams/*/channels', (c, a) => teams.listChannels(c, p(a, 0))),
    r('GET', 'teams/*/channels/*', (c, a) => teams.getChannel(c, p(a, 0), p(a, 1))),
    r('GET', 'teams/*/channels/*/messages', (c, a) =>
      teams.getChannelMessages(c, p(a, 0), p(a, 1)),
    ),
    r('POST', 'teams/*/channels/*/messages', (c, a) =>
      teams.postChannelMessage(c, p(a, 0), p(a, 1)),
    ),
    r('GET', 'teams/*/channels/*/messages/*/replies', (c, a) =>
      teams.getChannelReplies(c, p(a, 0), p(a, 1), p(a, 2)),
    ),
    r('POST', 'teams/*/channels/*/messages/*/replies', (c, a) =>
      teams.postChannelReply(c, p(a, 0), p(a, 1), p(a, 2)),
    ),
    r('POST', 'chats', (c) => teams.createChat(c)),
    r('GET', 'chats/*/messages', (c, a) => teams.getChatMessages(c, p(a, 0))),
    r('POST', 'chats/*/messages', (c, a) => teams.postChatMessage(c, p(a, 0))),
  ];
}

function match(pattern: string[], segments: string[]): string[] | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '*') params.push(segments[i] as string);
    else if (pattern[i]?.toLowerCase() !== segments[i]?.toLowerCase()) return undefined;
  }
  return params;
}

export type Env = {
  store: Store;
  graphBase: string;
  tenantId: string;
  secret: string;
};

export class GraphApp {
  private readonly table: Route[];

  constructor(
    private readonly env: Env,
    options: AppOptions,
  ) {
    this.table = routes(options);
  }

  /** Turns `/sites/{host}:/{path}:/rest` into `/sites/{site-id}/rest`, as Graph resolves it. */
  private normalisePath(path: string): string[] {
    let p = path.replace(/\/delta\(\)$/, '/delta');
    const m = /^\/sites\/([^/:]+):(\/[^:]*?)(?::(\/.*)?)?$/.exec(p);
    if (m) {
      const id = sites.resolveSitePath(this.env.store, m[1] as string, m[2] as string);
      p = `/sites/${id}${m[3] ?? ''}`;
    }
    return p.split('/').filter((s) => s.length > 0);
  }

  /** Answers one request; every failure becomes Graph's error body. */
  handle(req: GraphRequest, claimsOverride?: TokenClaims): GraphResponse {
    const requestId = randomUUID();
    const clientRequestId = req.headers['client-request-id'] ?? requestId;
    const base = { 'request-id': requestId, 'client-request-id': clientRequestId };
    try {
      const claims = claimsOverride ?? readBearer(req.headers['authorization'], this.env.tenantId);
      const segments = this.normalisePath(req.path);
      let methodMismatch = false;
      for (const route of this.table) {
        const params = match(route.pattern, segments);
        if (!params) continue;
        if (route.method !== req.method) {
          methodMismatch = true;
          continue;
        }
        const ctx: Ctx = {
          store: this.env.store,
          req,
          claims,
          graphBase: this.env.graphBase,
          tenantId: this.env.tenantId,
          secret: this.env.secret,
        };
        const res = route.handler(ctx, params);
        return { ...res, headers: { ...base, ...res.headers } };
      }
      if (methodMismatch)
        throw new GraphError(
          405,
          'Request_BadRequest',
          'Specified HTTP method is not allowed for the request target.',
        );
      const unknown =
        segments.find(
          (s, i) =>
            !this.table.some(
              (route) =>
                route.pattern[i] === '*' || route.pattern[i]?.toLowerCase() === s.toLowerCase(),
            ),
        ) ??
        segments[segments.length - 1] ??
        '';
      throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${unknown}'.`);
    } catch (e) {
      if (e instanceof GraphError) {
        return {
          status: e.status,
          headers: { ...base, ...e.headers },
          body: errorBody(e.code, e.message, requestId, clientRequestId),
        };
      }
      const message = e instanceof Error ? e.message : String(e);
      return {
        status: 500,
        headers: base,
        body: errorBody(
          'generalException',
          `The emulator failed: ${message}`,
          requestId,
          clientRequestId,
        ),
      };
    }
  }

  /** The claims of a request's token, or the 401 answer Graph would give. */
  authenticate(header: string | undefined): TokenClaims | GraphResponse {
    try {
      return readBearer(header, this.env.tenantId);
    } catch (e) {
      if (e instanceof GraphError) {
        const id = randomUUID();
        return {
          status: e.status,
          headers: { 'request-id': id },
          body: errorBody(e.code, e.message, id, id),
        };
      }
      throw e;
    }
  }
}
