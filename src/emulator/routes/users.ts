import { requireScope } from '../auth.js';
import {
  type Ctx,
  type GraphResponse,
  json,
  option,
  pick,
  selectOption,
  topOption,
} from '../context.js';
import { badRequest, GraphError, notFound } from '../errors.js';
import { type FilterExpr, FilterSyntaxError, parseFilter } from '../odata/filter.js';

export type UserDoc = {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  userPrincipalName: string;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  mobilePhone: string | null;
  businessPhones: string[];
  preferredLanguage: string | null;
  accountEnabled: boolean;
  city: string | null;
  country: string | null;
  postalCode: string | null;
  identities: Array<{ signInType: string; issuer: string; issuerAssignedId: string }>;
};

/** Every property a $select may name; others are a 400, as Graph answers. */
const KNOWN_PROPERTIES = new Set([
  'id',
  'displayName',
  'givenName',
  'surname',
  'userPrincipalName',
  'mail',
  'jobTitle',
  'department',
  'officeLocation',
  'mobilePhone',
  'businessPhones',
  'preferredLanguage',
  'accountEnabled',
  'city',
  'country',
  'postalCode',
  'identities',
  'companyName',
  'employeeId',
  'usageLocation',
]);

/** The properties v1.0 returns for a user when no $select is given. */
const DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

const READ_ME = [
  'User.Read',
  'User.ReadWrite',
  'User.ReadBasic.All',
  'User.Read.All',
  'Directory.Read.All',
];
const READ_USERS = [
  'User.ReadBasic.All',
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
];

export function findUser(ctx: Ctx, idOrUpn: string): UserDoc | undefined {
  const row = ctx.store.db
    .prepare('SELECT json FROM users WHERE id = ? OR upn = ?')
    .get(idOrUpn.toLowerCase(), idOrUpn) as { json: string } | undefined;
  return row ? (JSON.parse(row.json) as UserDoc) : undefined;
}

function shape(ctx: Ctx, user: UserDoc, entity: boolean): Record<string, unknown> {
  const select = selectOption(ctx.req);
  for (const key of select ?? []) {
    if (!KNOWN_PROPERTIES.has(key))
      throw badRequest(
        `Could not find a property named '${key}' on type 'microsoft.graph.user'.`,
        'Request_BadRequest',
      );
  }
  const full: Record<string, unknown> = {
    companyName: null,
    employeeId: null,
    usageLocation: null,
    ...user,
  };
  const body = pick(full, select ?? DEFAULT_PROPERTIES);
  if (entity) {
    const context = select
      ? `${ctx.graphBase}/$metadata#users(${select.join(',')})/$entity`
      : `${ctx.graphBase}/$metadata#users/$entity`;
    return { '@odata.context': context, ...body };
  }
  return body;
}

export function getMe(ctx: Ctx): GraphResponse {
  requireScope(ctx.claims, READ_ME);
  const me = findUser(ctx, ctx.claims.oid);
  if (!me)
    throw notFound(
      `Resource '${ctx.claims.oid}' does not exist or one of its queried reference-property objects are not present.`,
      'Request_ResourceNotFound',
    );
  return json(200, shape(ctx, me, true));
}

export function getUser(ctx: Ctx, idOrUpn: string): GraphResponse {
  const self = idOrUpn === ctx.claims.oid || idOrUpn.toLowerCase() === ctx.claims.upn.toLowerCase();
  requireScope(ctx.claims, self ? READ_ME : READ_USERS);
  const user = findUser(ctx, idOrUpn);
  if (!user) {
    throw notFound(
      `Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`,
      'Request_ResourceNotFound',
    );
  }
  return json(200, shape(ctx, user, true));
}

const FILTERABLE = new Set([
  'id',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  'jobTitle',
  'department',
]);

function matches(user: UserDoc, expr: FilterExpr): boolean {
  const value = (field: string): unknown => {
    if (!FILTERABLE.has(field)) {
      throw badRequest(
        `Unsupported or invalid query filter clause specified for property '${field}' of resource 'User'.`,
        'Request_UnsupportedQuery',
      );
    }
    return (user as unknown as Record<string, unknown>)[field] ?? null;
  };
  switch (expr.kind) {
    case 'and':
      return matches(user, expr.left) && matches(user, expr.right);
    case 'or':
      return matches(user, expr.left) || matches(user, expr.right);
    case 'not':
      return !matches(user, expr.expr);
    case 'startswith': {
      const v = value(expr.field);
      return typeof v === 'string' && v.toLowerCase().startsWith(expr.value.toLowerCase());
    }
    case 'compare': {
      const v = value(expr.field);
      if (expr.op !== 'eq' && expr.op !== 'ne') {
        throw badRequest(
          `Unsupported or invalid query filter clause specified for property '${expr.field}' of resource 'User'.`,
          'Request_UnsupportedQuery',
        );
      }
      const lit = expr.value.type === 'null' ? null : String(expr.value.value);
      const equal =
        lit === null ? v === null : typeof v === 'string' && v.toLowerCase() === lit.toLowerCase();
      return expr.op === 'eq' ? equal : !equal;
    }
  }
}

/** $search="displayName:mor" matches a word of the property that starts with the text. */
function searchMatcher(raw: string): (user: UserDoc) => boolean {
  const text = raw.trim().replace(/^"|"$/g, '');
  const clauses = text.split(/\s+OR\s+/).map((clause) =>
    clause.split(/\s+AND\s+/).map((term) => {
      const m = /^"?([A-Za-z]+):(.*?)"?$/.exec(term.trim());
      if (!m)
        throw badRequest(
          `Syntax error: character '${term}' is not valid in the $search query.`,
          'Request_UnsupportedQuery',
        );
      const [, property, needle] = m as unknown as [string, string, string];
      if (
        ![
          'displayName',
          'mail',
          'userPrincipalName',
          'givenName',
          'surname',
          'jobTitle',
          'department',
        ].includes(property)
      ) {
        throw badRequest(
          `Unsupported property '${property}' in $search.`,
          'Request_UnsupportedQuery',
        );
      }
      const words = needle.toLowerCase().split(/\s+/).filter(Boolean);
      return (user: UserDoc) => {
        const value = String(
          (user as unknown as Record<string, unknown>)[property] ?? '',
        ).toLowerCase();
        const tokens = value.split(/[\s.@_-]+/);
        return words.every((w) => tokens.some((t) => t.startsWith(w)) || value.startsWith(w));
      };
    }),
  );
  return (user) => clauses.some((all) => all.every((match) => match(user)));
}

export function listUsers(ctx: Ctx): GraphResponse {
  requireScope(ctx.claims, READ_USERS);
  const eventual = (ctx.req.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
  const search = option(ctx.req, 'search');
  const count = option(ctx.req, 'count');
  if ((search !== undefined || count === 'true') && !eventual) {
    throw badRequest(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      'Request_UnsupportedQuery',
    );
  }
  let users = ctx.store.docs<UserDoc>('users');
  const filter = option(ctx.req, 'filter');
  if (filter !== undefined) {
    let expr: FilterExpr;
    try {
      expr = parseFilter(filter, 'properties');
    } catch (e) {
      if (e instanceof FilterSyntaxError)
        throw badRequest(`Invalid filter clause: ${e.message}`, 'BadRequest');
      throw e;
    }
    users = users.filter((u) => matches(u, expr));
  }
  if (search !== undefined) users = users.filter(searchMatcher(search));
  const orderby = option(ctx.req, 'orderby');
  if (orderby !== undefined) {
    const m = /^(displayName|userPrincipalName)(\s+(asc|desc))?$/.exec(orderby.trim());
    if (!m)
      throw badRequest(
        `Unsupported sort property '${orderby}' for 'User'.`,
        'Request_UnsupportedQuery',
      );
    const key = m[1] as 'displayName' | 'userPrincipalName';
    users.sort((a, b) => a[key].localeCompare(b[key]) * (m[3] === 'desc' ? -1 : 1));
  }
  const top = topOption(ctx.req, 100, 999);
  const skip = Number(ctx.req.query.get('$skiptoken') ?? '0');
  if (!Number.isInteger(skip) || skip < 0)
    throw new GraphError(
      400,
      'Directory_ExpiredPageToken',
      'The specified page token value has expired and can no longer be included in your request.',
    );
  const page = users.slice(skip, skip + top);
  const select = selectOption(ctx.req);
  const body: Record<string, unknown> = {
    '@odata.context': select
      ? `${ctx.graphBase}/$metadata#users(${select.join(',')})`
      : `${ctx.graphBase}/$metadata#users`,
  };
  if (count === 'true') body['@odata.count'] = users.length;
  if (skip + top < users.length) {
    const next = new URLSearchParams(ctx.req.query);
    next.set('$skiptoken', String(skip + top));
    body['@odata.nextLink'] = `${ctx.graphBase}/users?${next.toString()}`;
  }
  body['value'] = page.map((u) => shape(ctx, u, false));
  return json(200, body);
}
