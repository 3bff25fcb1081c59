import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBearer, SHAREPOINT_APP_ID, type TokenClaims } from './auth.js';
import { appCap, type Ctx } from './context.js';
import { GraphError } from './errors.js';
import { readBody, send } from './http.js';
import type { SiteDoc } from './routes/listRefs.js';
import { entraGroupPrincipal, userPrincipal } from './seed.js';
import {
  fromHighLow,
  has,
  type Kind,
  type Principal,
  type RoleDefinition,
  type Securable,
  Security,
  toHighLow,
  USER_LOGIN_PREFIX,
  GROUP_LOGIN_PREFIX,
} from './security.js';
import type { Store } from './store.js';

/**
 * SharePoint's REST API (`{site}/_api/...`) for what Graph v1.0 cannot do for a signed-in person:
 * permission levels, site groups and their members, breaking and resetting inheritance on the web,
 * a list or an item, role assignments, and a list's item-level settings. Answers and errors have
 * SharePoint's shapes in both JSON formats (`odata=verbose`, and JSON light `odata=nometadata` /
 * `minimalmetadata`). A token for SharePoint (audience the SharePoint host) is required.
 */

type Rest = {
  store: Store;
  security: Security;
  site: SiteDoc;
  claims: TokenClaims;
  method: string;
  body: Record<string, unknown>;
  verbose: boolean;
  expand: string[];
  siteUrl: string;
};

class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const ACCESS_DENIED = () =>
  new RestError(
    403,
    '-2147024891, System.UnauthorizedAccessException',
    'Access denied. You do not have permission to perform this action or access this resource.',
  );
const SP_EXCEPTION = '-2146232832, Microsoft.SharePoint.SPException';
const notFoundResource = (what: string) =>
  new RestError(
    404,
    '-1, Microsoft.SharePoint.Client.ResourceNotFoundException',
    `Cannot find resource for the request ${what}.`,
  );
const invalidQuery = (message: string) =>
  new RestError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', message);

/* ------------------------------------------------------------------ shapes */

function entity(rest: Rest, type: string, value: Record<string, unknown>): unknown {
  return rest.verbose ? { d: { __metadata: { type }, ...value } } : value;
}

function collection(rest: Rest, type: string, values: Array<Record<string, unknown>>): unknown {
  return rest.verbose
    ? { d: { results: values.map((v) => ({ __metadata: { type }, ...v })) } }
    : { value: values };
}

/** A property read on its own (`.../Id`, `.../HasUniqueRoleAssignments`). */
function property(rest: Rest, name: string, value: unknown): unknown {
  return rest.verbose ? { d: { [name]: value } } : { value };
}

/** What a method that returns nothing answers. */
function voidResult(rest: Rest, method: string): unknown {
  return rest.verbose ? { d: { [method]: null } } : { 'odata.null': true };
}

function principalOut(rest: Rest, p: Principal): Record<string, unknown> {
  const common = { Id: p.Id, LoginName: p.LoginName, Title: p.Title, IsHiddenInUI: false };
  switch (p.kind) {
    case 'user':
      return {
        ...common,
        PrincipalType: 1,
        Email: p.Email,
        IsSiteAdmin: rest.security.admins(rest.site.id).includes(p.oid),
        UserPrincipalName: p.Email,
      };
    case 'secgroup':
      return { ...common, PrincipalType: 4, Email: '', IsSiteAdmin: false };
    case 'group':
      return {
        ...common,
        PrincipalType: 8,
        Description: p.Description,
        OwnerTitle: `${rest.site.displayName} Owners`,
        AllowMembersEditMembership: false,
        OnlyAllowMembersViewMembership: false,
      };
  }
}

const principalType = (p: Principal) =>
  p.kind === 'user' ? 'SP.User' : p.kind === 'group' ? 'SP.Group' : 'SP.User';

function roleOut(d: RoleDefinition): Record<string, unknown> {
  return {
    BasePermissions: toHighLow(d.mask),
    Description: d.Description,
    Hidden: d.Hidden,
    Id: d.Id,
    Name: d.Name,
    Order: d.Order,
    RoleTypeKind: d.RoleTypeKind,
  };
}

/* ------------------------------------------------------------------ rights */

function rights(rest: Rest, target: Securable): bigint {
  return (
    rest.security.effectiveMask(rest.site.id, rest.claims.oid, target) &
    appCap({ ...rest.claims } as Ctx['claims'])
  );
}

function demand(rest: Rest, target: Securable, kind: Kind): void {
  if (!has(rights(rest, target), kind)) throw ACCESS_DENIED();
}

/** Reading the web's groups and levels needs a way into the site (any right on it or below). */
function demandSite(rest: Rest): void {
  if (has(rights(rest, { kind: 'web' }), 'Open')) return;
  if (
    appCap(rest.claims) !== 0n &&
    rest.security.hasAccessBelow(rest.site.id, rest.claims.oid, { kind: 'web' })
  )
    return;
  throw ACCESS_DENIED();
}

/* ------------------------------------------------------------------ parsing */

/** `name(args)` segments: positional (`breakroleinheritance(true)`) or named (`a=1,b='x'`). */
function call(segment: string): { name: string; args: Map<string, string>; positional: string[] } {
  const m = /^([A-Za-z.]+)(?:\((.*)\))?$/.exec(segment);
  if (!m) throw notFoundResource(`'${segment}'`);
  const args = new Map<string, string>();
  const positional: string[] = [];
  const inner = m[2] ?? '';
  for (const part of inner.match(/(?:[^,']+|'(?:[^']|'')*')+/g) ?? []) {
    const eq = /^\s*([A-Za-z]+)\s*=\s*(.*)$/.exec(part);
    const raw = (eq ? eq[2] : part)?.trim() ?? '';
    const value = raw
      .replace(/^guid'/i, "'")
      .replace(/^'(.*)'$/s, '$1')
      .replace(/''/g, "'");
    if (eq) args.set((eq[1] as string).toLowerCase(), value);
    else positional.push(value);
  }
  return { name: (m[1] as string).toLowerCase(), args, positional };
}

const boolArg = (value: string | undefined, name: string, method: string): boolean => {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidQuery(`The parameter ${name} of method ${method} must be true or false.`);
};

const intArg = (value: string | undefined, name: string, method: string): number => {
  if (value !== undefined && /^\d+$/.test(value)) return Number(value);
  throw invalidQuery(`The parameter ${name} does not exist in method ${method}.`);
};

/* ------------------------------------------------------------------ resolving objects */

type ListDocLite = { id: string; displayName: string };

function listBy(rest: Rest, how: 'title' | 'id', value: string): ListDocLite {
  const row = rest.store.db
    .prepare(
      how === 'id'
        ? 'SELECT id, display_name AS displayName FROM lists WHERE site_id = ? AND id = ?'
        : 'SELECT id, display_name AS displayName FROM lists WHERE site_id = ? AND display_name = ?',
    )
    .get(rest.site.id, how === 'id' ? value.toLowerCase() : value) as ListDocLite | undefined;
  if (!row)
    throw new RestError(
      404,
      '-1, System.ArgumentException',
      how === 'title'
        ? `List '${value}' does not exist at site with URL '${rest.siteUrl}'.`
        : 'List does not exist.\n\nThe page you selected contains a list that does not exist.  It may have been deleted by another user.',
    );
  return row;
}

function item(rest: Rest, list: ListDocLite, id: number): { id: number; author: string } {
  const row = rest.store.db
    .prepare('SELECT id, author FROM items WHERE list_id = ? AND id = ?')
    .get(list.id, id) as { id: number; author: string } | undefined;
  const seen =
    row &&
    (() => {
      const r = rest.security.readableItems(rest.site.id, rest.claims.oid, list.id);
      return !!rest.store.db
        .prepare(`SELECT 1 FROM items WHERE list_id = ? AND id = ? AND (${r.sql})`)
        .get(list.id, id, ...r.params);
    })();
  if (!row || !seen)
    throw new RestError(
      404,
      '-2130575338, Microsoft.SharePoint.SPException',
      'Item does not exist. It may have been deleted by another user.',
    );
  return row;
}

function groupBy(rest: Rest, how: 'name' | 'id', value: string): Principal & { kind: 'group' } {
  const found = rest.security
    .principals(rest.site.id)
    .find(
      (p): p is Principal & { kind: 'group' } =>
        p.kind === 'group' &&
        (how === 'id' ? String(p.Id) === value : p.Title.toLowerCase() === value.toLowerCase()),
    );
  if (!found) throw new RestError(404, SP_EXCEPTION, 'Group cannot be found.');
  return found;
}

function roleBy(rest: Rest, how: 'name' | 'id', value: string): RoleDefinition {
  const found = rest.security
    .roleDefinitions(rest.site.id)
    .find((d) =>
      how === 'id' ? String(d.Id) === value : d.Name.toLowerCase() === value.toLowerCase(),
    );
  if (!found) throw new RestError(404, SP_EXCEPTION, 'Permission level not found.');
  return found;
}

/** A login name (`i:0#.f|membership|upn`, `c:0t.c|tenant|groupId`) as the site's principal. */
function ensurePrincipal(rest: Rest, login: string): Principal {
  const known = rest.security.principalByLogin(rest.site.id, login);
  if (known) return known;
  if (login.toLowerCase().startsWith(USER_LOGIN_PREFIX)) {
    const upn = login.slice(USER_LOGIN_PREFIX.length);
    const row = rest.store.db.prepare('SELECT id FROM users WHERE upn = ?').get(upn) as
      { id: string } | undefined;
    if (row) return userPrincipal(rest.security, rest.site.id, row.id);
  }
  if (login.toLowerCase().startsWith(GROUP_LOGIN_PREFIX)) {
    const id = login.slice(GROUP_LOGIN_PREFIX.length);
    if (rest.store.doc('groups', id)) return entraGroupPrincipal(rest.security, rest.site.id, id);
  }
  throw new RestError(
    404,
    '-2146232832, Microsoft.SharePoint.SPException',
    `The specified user ${login} could not be found.`,
  );
}

/* ------------------------------------------------------------------ routes */

type Answer = { status: number; body: unknown };
const ok = (body: unknown, status = 200): Answer => ({ status, body });

/** Answers for a securable object (web, list or item) and what follows it. */
function securable(rest: Rest, target: Securable, rest_: string[], list?: ListDocLite): Answer {
  const [head, next, ...more] = rest_;
  const s = rest.site.id;
  const sec = rest.security;
  if (head === undefined) {
    if (target.kind !== 'list' || !list) {
      if (rest.method !== 'GET') throw invalidQuery('This object cannot be changed here.');
      demandSite(rest);
      return ok(
        entity(rest, 'SP.Web', {
          Id: s.split(',')[2] ?? s,
          Title: rest.site.displayName,
          Url: rest.siteUrl,
          ServerRelativeUrl: new URL(rest.siteUrl).pathname,
          HasUniqueRoleAssignments: true,
        }),
      );
    }
    if (rest.method === 'MERGE' || rest.method === 'PATCH') {
      demand(rest, target, 'ManageLists');
      const current = sec.listSettings(list.id);
      const read = rest.body['ReadSecurity'] ?? current.ReadSecurity;
      const write = rest.body['WriteSecurity'] ?? current.WriteSecurity;
      if (read !== 1 && read !== 2)
        throw invalidQuery('ReadSecurity must be 1 (all items) or 2 (items the user created).');
      if (write !== 1 && write !== 2 && write !== 4)
        throw invalidQuery(
          'WriteSecurity must be 1 (all items), 2 (items the user created) or 4 (none).',
        );
      if (read === 2) {
        const unique = rest.store.db
          .prepare(
            "SELECT 1 FROM columns WHERE list_id = ? AND json_extract(json, '$.enforceUniqueValues') = 1",
          )
          .get(list.id);
        if (unique)
          throw new RestError(
            400,
            SP_EXCEPTION,
            'Item-level read permissions cannot be set on a list that has a column enforcing unique values.',
          );
      }
      sec.setListSettings(list.id, { ReadSecurity: read, WriteSecurity: write });
      return ok(null, 204);
    }
    if (rest.method !== 'GET') throw invalidQuery('Unsupported method for a list.');
    const r = rights(rest, target);
    if (!has(r, 'ViewListItems') && !sec.hasAccessBelow(s, rest.claims.oid, target))
      throw ACCESS_DENIED();
    return ok(
      entity(rest, 'SP.List', {
        Id: list.id,
        Title: list.displayName,
        HasUniqueRoleAssignments: sec.hasUnique(s, target),
        ...sec.listSettings(list.id),
      }),
    );
  }
  const op = call(head);
  switch (op.name) {
    case 'items':
    case 'getitembyid': {
      if (target.kind !== 'list' || !list) throw notFoundResource(`'${head}'`);
      const id = intArg(op.positional[0] ?? op.args.get('id'), 'id', 'items');
      const found = item(rest, list, id);
      return securable(
        rest,
        { kind: 'item', listId: list.id, itemId: found.id },
        [next, ...more].filter((x): x is string => x !== undefined),
        list,
      );
    }
    case 'breakroleinheritance': {
      if (rest.method !== 'POST') throw invalidQuery('BreakRoleInheritance is called with POST.');
      demand(rest, target, 'ManagePermissions');
      const copy = boolArg(
        op.args.get('copyroleassignments') ?? op.positional[0],
        'copyRoleAssignments',
        'BreakRoleInheritance',
      );
      const clear =
        (op.args.get('clearsubscopes') ?? op.positional[1]) === undefined
          ? false
          : boolArg(
              op.args.get('clearsubscopes') ?? op.positional[1],
              'clearSubscopes',
              'BreakRoleInheritance',
            );
      if (target.kind === 'web')
        throw new RestError(
          400,
          SP_EXCEPTION,
          'This operation is not allowed on the root web of a site collection.',
        );
      const caller = userPrincipal(sec, s, rest.claims.oid);
      rest.store.tx(() => sec.breakInheritance(s, target, copy, clear, caller.Id));
      return ok(voidResult(rest, 'BreakRoleInheritance'));
    }
    case 'resetroleinheritance': {
      if (rest.method !== 'POST') throw invalidQuery('ResetRoleInheritance is called with POST.');
      demand(rest, target, 'ManagePermissions');
      if (target.kind === 'web')
        throw new RestError(
          400,
          SP_EXCEPTION,
          'This operation is not allowed on the root web of a site collection.',
        );
      rest.store.tx(() => sec.resetInheritance(s, target));
      return ok(voidResult(rest, 'ResetRoleInheritance'));
    }
    case 'hasuniqueroleassignments':
      demandSite(rest);
      return ok(property(rest, 'HasUniqueRoleAssignments', sec.hasUnique(s, target)));
    case 'effectivebasepermissions':
      demandSite(rest);
      return ok(
        rest.verbose
          ? {
              d: {
                EffectiveBasePermissions: {
                  __metadata: { type: 'SP.BasePermissions' },
                  ...toHighLow(rights(rest, target)),
                },
              },
            }
          : toHighLow(rights(rest, target)),
      );
    case 'roleassignments':
      return roleAssignments(
        rest,
        target,
        [next, ...more].filter((x): x is string => x !== undefined),
      );
    default:
      throw notFoundResource(`'${head}'`);
  }
}

function roleAssignments(rest: Rest, target: Securable, path: string[]): Answer {
  const s = rest.site.id;
  const sec = rest.security;
  const [head] = path;
  if (head === undefined) {
    if (rest.method !== 'GET')
      throw invalidQuery('Use addroleassignment to add a role assignment.');
    demand(rest, target, 'EnumeratePermissions');
    const values = sec.assignments(s, target).map((a) => assignmentOut(rest, a));
    return ok(collection(rest, 'SP.RoleAssignment', values));
  }
  const op = call(head);
  const inheriting = () =>
    new RestError(
      400,
      SP_EXCEPTION,
      'This operation is not allowed on an object that inherits permissions.',
    );
  switch (op.name) {
    case 'addroleassignment':
    case 'removeroleassignment': {
      if (rest.method !== 'POST') throw invalidQuery(`${op.name} is called with POST.`);
      demand(rest, target, 'ManagePermissions');
      const principalId = intArg(
        op.args.get('principalid') ?? op.positional[0],
        'principalid',
        op.name,
      );
      const roleId = intArg(op.args.get('roledefid') ?? op.positional[1], 'roledefid', op.name);
      if (!sec.principal(s, principalId))
        throw new RestError(400, SP_EXCEPTION, 'The user or group does not exist.');
      roleBy(rest, 'id', String(roleId));
      if (!sec.hasUnique(s, target)) throw inheriting();
      rest.store.tx(() =>
        op.name === 'addroleassignment'
          ? sec.assign(s, target, principalId, roleId)
          : sec.unassign(s, target, principalId, roleId),
      );
      return ok(
        voidResult(
          rest,
          op.name === 'addroleassignment' ? 'AddRoleAssignment' : 'RemoveRoleAssignment',
        ),
      );
    }
    case 'getbyprincipalid': {
      const principalId = intArg(
        op.positional[0] ?? op.args.get('principalid'),
        'principalId',
        'GetByPrincipalId',
      );
      const found = sec.assignments(s, target).find((a) => a.principalId === principalId);
      if (rest.method === 'DELETE') {
        demand(rest, target, 'ManagePermissions');
        if (!sec.hasUnique(s, target)) throw inheriting();
        if (!found)
          throw new RestError(
            404,
            SP_EXCEPTION,
            'Can not find the principal with id: ' + principalId + '.',
          );
        rest.store.tx(() => sec.unassign(s, target, principalId));
        return ok(null, 200);
      }
      demand(rest, target, 'EnumeratePermissions');
      if (!found)
        throw new RestError(
          404,
          SP_EXCEPTION,
          'Can not find the principal with id: ' + principalId + '.',
        );
      return ok(entity(rest, 'SP.RoleAssignment', assignmentOut(rest, found)));
    }
    default:
      throw notFoundResource(`'${head}'`);
  }
}

function assignmentOut(
  rest: Rest,
  a: { principalId: number; roleIds: number[] },
): Record<string, unknown> {
  const out: Record<string, unknown> = { PrincipalId: a.principalId };
  if (rest.expand.includes('member')) {
    const p = rest.security.principal(rest.site.id, a.principalId);
    if (p)
      out['Member'] = rest.verbose
        ? { __metadata: { type: principalType(p) }, ...principalOut(rest, p) }
        : principalOut(rest, p);
  }
  if (rest.expand.includes('roledefinitionbindings')) {
    const defs = a.roleIds
      .map((id) => rest.security.roleDefinition(rest.site.id, id))
      .filter((d): d is RoleDefinition => !!d)
      .map(roleOut);
    out['RoleDefinitionBindings'] = rest.verbose ? { results: defs } : defs;
  }
  return out;
}

function roleDefinitions(rest: Rest, path: string[]): Answer {
  const s = rest.site.id;
  const [head, prop] = path;
  if (head === undefined) {
    if (rest.method === 'GET') {
      demandSite(rest);
      return ok(
        collection(rest, 'SP.RoleDefinition', rest.security.roleDefinitions(s).map(roleOut)),
      );
    }
    if (rest.method !== 'POST') throw invalidQuery('Unsupported method for role definitions.');
    demand(rest, { kind: 'web' }, 'ManagePermissions');
    const name = rest.body['Name'];
    const mask = fromHighLow(rest.body['BasePermissions']);
    if (typeof name !== 'string' || name.trim() === '' || mask === undefined)
      throw invalidQuery('A role definition needs a Name and BasePermissions with High and Low.');
    if (rest.security.roleDefinitions(s).some((d) => d.Name.toLowerCase() === name.toLowerCase()))
      throw new RestError(
        400,
        '-2130575293, Microsoft.SharePoint.SPException',
        'The specified name is already in use.',
      );
    const nextId = Math.max(1073741923, ...rest.security.roleDefinitions(s).map((d) => d.Id)) + 1;
    const def: RoleDefinition = {
      Id: nextId,
      Name: name,
      Description: typeof rest.body['Description'] === 'string' ? rest.body['Description'] : '',
      Hidden: false,
      Order: typeof rest.body['Order'] === 'number' ? rest.body['Order'] : 1000,
      RoleTypeKind: 0,
      mask,
    };
    rest.store.tx(() => rest.security.saveRoleDefinition(s, def));
    return ok(entity(rest, 'SP.RoleDefinition', roleOut(def)), 201);
  }
  demandSite(rest);
  const op = call(head);
  const def =
    op.name === 'getbyname'
      ? roleBy(rest, 'name', op.positional[0] ?? '')
      : op.name === 'getbyid' || op.name === 'roledefinitions'
        ? roleBy(rest, 'id', op.positional[0] ?? '')
        : undefined;
  if (!def) throw notFoundResource(`'${head}'`);
  if (prop?.toLowerCase() === 'id') return ok(property(rest, 'Id', def.Id));
  return ok(entity(rest, 'SP.RoleDefinition', roleOut(def)));
}

function siteGroups(rest: Rest, path: string[], groupSegment?: string): Answer {
  const s = rest.site.id;
  const sec = rest.security;
  const [head, sub, subOp] = path;
  if (head === undefined && groupSegment === undefined) {
    if (rest.method === 'GET') {
      demandSite(rest);
      const groups = sec.principals(s).filter((p) => p.kind === 'group');
      return ok(
        collection(
          rest,
          'SP.Group',
          groups.map((g) => principalOut(rest, g)),
        ),
      );
    }
    if (rest.method !== 'POST') throw invalidQuery('Unsupported method for site groups.');
    demand(rest, { kind: 'web' }, 'CreateGroups');
    demand(rest, { kind: 'web' }, 'ManagePermissions');
    const title = rest.body['Title'];
    if (typeof title !== 'string' || title.trim() === '')
      throw invalidQuery('A group needs a Title.');
    if (sec.principalByLogin(s, title))
      throw new RestError(
        400,
        '-2130575293, Microsoft.SharePoint.SPException',
        'The specified name is already in use.\n\nPlease try again with a different name.',
      );
    const description =
      typeof rest.body['Description'] === 'string' ? rest.body['Description'] : '';
    const created = rest.store.tx(() =>
      sec.addPrincipal(s, (id) => ({
        kind: 'group' as const,
        Id: id,
        LoginName: title,
        Title: title,
        Description: description,
      })),
    );
    return ok(entity(rest, 'SP.Group', principalOut(rest, created)), 201);
  }
  demandSite(rest);
  const seg = groupSegment ?? (head as string);
  const op = call(seg);
  const group =
    op.name === 'getbyname'
      ? groupBy(rest, 'name', op.positional[0] ?? '')
      : groupBy(rest, 'id', op.positional[0] ?? '');
  const tail = groupSegment === undefined ? sub : head;
  const tailOp = groupSegment === undefined ? subOp : sub;
  if (tail === undefined) return ok(entity(rest, 'SP.Group', principalOut(rest, group)));
  if (tail.toLowerCase() === 'id') return ok(property(rest, 'Id', group.Id));
  if (tail.toLowerCase() !== 'users') throw notFoundResource(`'${tail}'`);
  if (tailOp === undefined) {
    if (rest.method === 'GET')
      return ok(
        collection(
          rest,
          'SP.User',
          sec.members(s, group.Id).map((p) => principalOut(rest, p)),
        ),
      );
    if (rest.method !== 'POST') throw invalidQuery('Unsupported method for group users.');
    demand(rest, { kind: 'web' }, 'ManagePermissions');
    const login = rest.body['LoginName'];
    if (typeof login !== 'string') throw invalidQuery('A user is added by its LoginName.');
    const member = rest.store.tx(() => {
      const p = ensurePrincipal(rest, login);
      sec.addMember(s, group.Id, p.Id);
      return p;
    });
    return ok(entity(rest, 'SP.User', principalOut(rest, member)), 201);
  }
  const remove = call(tailOp);
  if (remove.name !== 'removebyid' || rest.method !== 'POST') throw notFoundResource(`'${tailOp}'`);
  demand(rest, { kind: 'web' }, 'ManagePermissions');
  const memberId = intArg(remove.positional[0], 'id', 'RemoveById');
  rest.store.tx(() => sec.removeMember(s, group.Id, memberId));
  return ok(voidResult(rest, 'RemoveById'));
}

function route(rest: Rest, segments: string[]): Answer {
  const [web, head, ...more] = segments;
  if (web?.toLowerCase() !== 'web') throw notFoundResource(`'${web ?? ''}'`);
  if (head === undefined) return securable(rest, { kind: 'web' }, []);
  const op = call(head);
  switch (op.name) {
    case 'roledefinitions':
      if (op.positional.length > 0) return roleDefinitions(rest, [head, ...more]);
      return roleDefinitions(rest, more);
    case 'sitegroups':
      if (op.positional.length > 0) return siteGroups(rest, more, head);
      return siteGroups(rest, more);
    case 'ensureuser': {
      if (rest.method !== 'POST') throw invalidQuery('EnsureUser is called with POST.');
      demand(rest, { kind: 'web' }, 'BrowseUserInfo');
      const login = rest.body['logonName'];
      if (typeof login !== 'string') throw invalidQuery('The parameter logonName is required.');
      const p = rest.store.tx(() => ensurePrincipal(rest, login));
      return ok(entity(rest, principalType(p), principalOut(rest, p)));
    }
    case 'currentuser': {
      demandSite(rest);
      const me = rest.store.tx(() => userPrincipal(rest.security, rest.site.id, rest.claims.oid));
      if (more[0]?.toLowerCase() === 'groups') {
        const ids = rest.security.principalIdsOf(rest.site.id, rest.claims.oid);
        const groups = rest.security
          .principals(rest.site.id)
          .filter((p) => p.kind === 'group' && ids.has(p.Id));
        return ok(
          collection(
            rest,
            'SP.Group',
            groups.map((g) => principalOut(rest, g)),
          ),
        );
      }
      return ok(entity(rest, 'SP.User', principalOut(rest, me)));
    }
    case 'lists': {
      if (op.positional.length > 0) {
        const list = listBy(rest, 'id', op.positional[0] as string);
        return securable(rest, { kind: 'list', listId: list.id }, more, list);
      }
      const [by, ...after] = more;
      if (!by) throw notFoundResource("'lists'");
      const sub = call(by);
      if (sub.name !== 'getbytitle' && sub.name !== 'getbyid') throw notFoundResource(`'${by}'`);
      const list = listBy(
        rest,
        sub.name === 'getbytitle' ? 'title' : 'id',
        sub.positional[0] ?? '',
      );
      return securable(rest, { kind: 'list', listId: list.id }, after, list);
    }
    case 'associatedownergroup':
    case 'associatedmembergroup':
    case 'associatedvisitorgroup': {
      const which = op.name.slice('associated'.length, -'group'.length);
      const ids = JSON.parse(
        rest.store.getMeta(`associatedGroups:${rest.site.id}`) ?? '{}',
      ) as Record<string, number>;
      const id = ids[which];
      if (id === undefined) throw new RestError(404, SP_EXCEPTION, 'Group cannot be found.');
      return siteGroups(rest, more, `getbyid(${id})`);
    }
    default:
      return securable(rest, { kind: 'web' }, [head, ...more]);
  }
}

/* ------------------------------------------------------------------ HTTP */

const JSON_TYPE = (verbose: boolean) =>
  verbose
    ? 'application/json;odata=verbose;charset=utf-8'
    : 'application/json;odata=nometadata;charset=utf-8';

function errorOut(verbose: boolean, code: string, message: string): unknown {
  const inner = { code, message: { lang: 'en-US', value: message } };
  return verbose ? { error: inner } : { 'odata.error': inner };
}

/** Answers `{site path}/_api/...` on the emulator's origin, which stands for the SharePoint host. */
export async function handleSharePointRest(
  deps: { store: Store; tenantId: string; sharePointHost: string },
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const verbose = /odata=verbose/i.test(req.headers['accept'] ?? '');
  const headers = { 'Content-Type': JSON_TYPE(verbose), 'X-SharePointHealthScore': '0' };
  const i = url.pathname.toLowerCase().indexOf('/_api');
  const sitePath = url.pathname.slice(0, i) || '/';
  let claims: TokenClaims;
  try {
    claims = readBearer(req.headers['authorization'], deps.tenantId, Date.now(), [
      `https://${deps.sharePointHost}`,
      SHAREPOINT_APP_ID,
    ]);
  } catch (e) {
    const message = e instanceof GraphError ? e.message : 'Invalid JWT token.';
    return send(
      res,
      401,
      {
        'Content-Type': 'application/json',
        'WWW-Authenticate': `Bearer realm="${deps.tenantId}",client_id="${SHAREPOINT_APP_ID}"`,
      },
      JSON.stringify({ error_description: message }),
    );
  }
  const row = deps.store.db
    .prepare('SELECT json FROM sites WHERE hostname = ? COLLATE NOCASE AND path = ? COLLATE NOCASE')
    .get(deps.sharePointHost, decodeURIComponent(sitePath).replace(/\/+$/, '') || '/') as
    { json: string } | undefined;
  if (!row)
    return send(
      res,
      404,
      headers,
      JSON.stringify(
        errorOut(verbose, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.'),
      ),
    );
  const site = JSON.parse(row.json) as SiteDoc;
  const raw = await readBody(req);
  let body: Record<string, unknown> = {};
  if (raw.trim().length > 0) {
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        body = parsed as Record<string, unknown>;
    } catch {
      return send(
        res,
        400,
        headers,
        JSON.stringify(
          errorOut(
            verbose,
            '-1, Microsoft.OData.ODataException',
            'Invalid JSON. A token was not recognized in the JSON content.',
          ),
        ),
      );
    }
  }
  // Older clients send POST with X-HTTP-Method for MERGE and DELETE; SharePoint honours both forms.
  const override = String(req.headers['x-http-method'] ?? '').toUpperCase();
  const method = (
    req.method === 'POST' && override ? override : (req.method ?? 'GET')
  ).toUpperCase();
  const expand = (url.searchParams.get('$expand') ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const rest: Rest = {
    store: deps.store,
    security: new Security(deps.store),
    site,
    claims,
    method,
    body,
    verbose,
    expand,
    siteUrl: site.webUrl,
  };
  const segments = url.pathname
    .slice(i + '/_api/'.length)
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  try {
    const answer = route(rest, segments);
    return send(
      res,
      answer.status,
      answer.status === 204 ? {} : headers,
      answer.body === null ? null : JSON.stringify(answer.body),
    );
  } catch (e) {
    if (e instanceof RestError)
      return send(res, e.status, headers, JSON.stringify(errorOut(verbose, e.code, e.message)));
    throw e;
  }
}
