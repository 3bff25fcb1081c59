import type { Store } from './store.js';

/**
 * SharePoint's security model, as far as the product relies on it: securable objects (the web, a
 * list, a list item) that inherit their parent's role assignments until inheritance is broken;
 * role definitions (permission levels) as 64-bit masks of SP.PermissionKind; principals (users,
 * Entra security groups, SharePoint site groups); site collection administrators, who can always
 * do everything; and a list's item-level settings (ReadSecurity, WriteSecurity), which users with
 * "Override List Behaviors" (CancelCheckout) bypass.
 */

/** SP.PermissionKind: bit (kind - 1) of the 64-bit mask. */
export const KIND = {
  ViewListItems: 1,
  AddListItems: 2,
  EditListItems: 3,
  DeleteListItems: 4,
  ApproveItems: 5,
  OpenItems: 6,
  ViewVersions: 7,
  DeleteVersions: 8,
  CancelCheckout: 9,
  ManagePersonalViews: 10,
  ManageLists: 12,
  ViewFormPages: 13,
  Open: 17,
  ViewPages: 18,
  AddAndCustomizePages: 19,
  ApplyThemeAndBorder: 20,
  ApplyStyleSheets: 21,
  CreateSSCSite: 23,
  CreateGroups: 25,
  ManagePermissions: 26,
  BrowseDirectories: 27,
  BrowseUserInfo: 28,
  AddDelPrivateWebParts: 29,
  UpdatePersonalWebParts: 30,
  ManageWeb: 31,
  UseClientIntegration: 37,
  UseRemoteAPIs: 38,
  CreateAlerts: 40,
  EditMyUserInfo: 41,
  EnumeratePermissions: 63,
} as const;
export type Kind = keyof typeof KIND;

export const bit = (kind: Kind): bigint => 1n << BigInt(KIND[kind] - 1);
export const maskOf = (kinds: readonly Kind[]): bigint => kinds.reduce((m, k) => m | bit(k), 0n);
export const FULL_MASK = (1n << 63n) - 1n;
export const has = (mask: bigint, kind: Kind): boolean => (mask & bit(kind)) !== 0n;

export const toHighLow = (mask: bigint) => ({
  High: String(Number((mask >> 32n) & 0xffffffffn)),
  Low: String(Number(mask & 0xffffffffn)),
});
export function fromHighLow(value: unknown): bigint | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as { High?: unknown; Low?: unknown };
  const part = (x: unknown) =>
    (typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0xffffffff) ||
    (typeof x === 'string' && /^\d+$/.test(x) && Number(x) <= 0xffffffff)
      ? BigInt(x)
      : undefined;
  const high = part(v.High);
  const low = part(v.Low);
  if (high === undefined || low === undefined) return undefined;
  return (high << 32n) | low;
}

const LIMITED: Kind[] = [
  'Open',
  'BrowseUserInfo',
  'ViewFormPages',
  'UseClientIntegration',
  'UseRemoteAPIs',
];
const READ: Kind[] = [
  ...LIMITED,
  'ViewPages',
  'ViewListItems',
  'OpenItems',
  'ViewVersions',
  'CreateAlerts',
  'CreateSSCSite',
];
const CONTRIBUTE: Kind[] = [
  ...READ,
  'AddListItems',
  'EditListItems',
  'DeleteListItems',
  'DeleteVersions',
  'ManagePersonalViews',
  'BrowseDirectories',
  'AddDelPrivateWebParts',
  'UpdatePersonalWebParts',
  'EditMyUserInfo',
];
const EDIT: Kind[] = [...CONTRIBUTE, 'ManageLists'];
const DESIGN: Kind[] = [
  ...EDIT,
  'ApproveItems',
  'CancelCheckout',
  'AddAndCustomizePages',
  'ApplyThemeAndBorder',
  'ApplyStyleSheets',
];

export type RoleDefinition = {
  Id: number;
  Name: string;
  Description: string;
  Hidden: boolean;
  Order: number;
  RoleTypeKind: number;
  mask: bigint;
};

/** The permission levels every SharePoint web has, with their well-known ids. */
export const BUILT_IN_ROLES: readonly RoleDefinition[] = [
  {
    Id: 1073741829,
    Name: 'Full Control',
    Description: 'Has full control.',
    Hidden: false,
    Order: 1,
    RoleTypeKind: 5,
    mask: FULL_MASK,
  },
  {
    Id: 1073741828,
    Name: 'Design',
    Description: 'Can view, add, update, delete, approve, and customize.',
    Hidden: false,
    Order: 32,
    RoleTypeKind: 4,
    mask: maskOf(DESIGN),
  },
  {
    Id: 1073741830,
    Name: 'Edit',
    Description: 'Can add, edit and delete lists; can view, add, update and delete list items.',
    Hidden: false,
    Order: 48,
    RoleTypeKind: 6,
    mask: maskOf(EDIT),
  },
  {
    Id: 1073741827,
    Name: 'Contribute',
    Description: 'Can view, add, update, and delete list items and documents.',
    Hidden: false,
    Order: 64,
    RoleTypeKind: 3,
    mask: maskOf(CONTRIBUTE),
  },
  {
    Id: 1073741826,
    Name: 'Read',
    Description: 'Can view pages and list items and download documents.',
    Hidden: false,
    Order: 128,
    RoleTypeKind: 2,
    mask: maskOf(READ),
  },
  {
    Id: 1073741825,
    Name: 'Limited Access',
    Description:
      'Can view specific lists, document libraries, list items, folders, or documents when given permissions.',
    Hidden: true,
    Order: 160,
    RoleTypeKind: 1,
    mask: maskOf(LIMITED),
  },
];
export const FULL_CONTROL_ID = 1073741829;

export type Principal =
  | { kind: 'user'; Id: number; LoginName: string; Title: string; Email: string; oid: string }
  | { kind: 'secgroup'; Id: number; LoginName: string; Title: string; groupId: string }
  | { kind: 'group'; Id: number; LoginName: string; Title: string; Description: string };

/** A securable object: the web, a list, or an item of a list. */
export type Securable =
  | { kind: 'web' }
  | { kind: 'list'; listId: string }
  | { kind: 'item'; listId: string; itemId: number };

export const scopeKey = (s: Securable): string =>
  s.kind === 'web'
    ? 'web'
    : s.kind === 'list'
      ? `list:${s.listId}`
      : `item:${s.listId}:${s.itemId}`;

const parent = (s: Securable): Securable | undefined =>
  s.kind === 'item'
    ? { kind: 'list', listId: s.listId }
    : s.kind === 'list'
      ? { kind: 'web' }
      : undefined;

export const USER_LOGIN_PREFIX = 'i:0#.f|membership|';
export const GROUP_LOGIN_PREFIX = 'c:0t.c|tenant|';

const perRequest = new WeakMap<object, Security>();
/**
 * What was looked up, per store: every change to the model goes through this class and clears
 * it, so a write of 12,000 items does not read the groups and levels 12,000 times.
 */
const memos = new WeakMap<Store, Map<string, unknown>>();

export class Security {
  private readonly memo: Map<string, unknown>;

  constructor(private readonly store: Store) {
    let memo = memos.get(store);
    if (!memo) memos.set(store, (memo = new Map()));
    this.memo = memo;
  }

  /** One instance per request (keyed by the request's context). */
  static of(store: Store, request: object): Security {
    let found = perRequest.get(request);
    if (!found) perRequest.set(request, (found = new Security(store)));
    return found;
  }

  private cached<T>(key: string, make: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = make();
    this.memo.set(key, value);
    return value;
  }

  /** Forgets what was looked up, after a change to the model. */
  private changed(): void {
    this.memo.clear();
  }

  /* ------------------------------------------------------------ role definitions */

  roleDefinitions(siteId: string): RoleDefinition[] {
    return this.cached(`defs:${siteId}`, () => this.readRoleDefinitions(siteId));
  }

  private readRoleDefinitions(siteId: string): RoleDefinition[] {
    const rows = this.store.db
      .prepare('SELECT json FROM sp_roledefs WHERE site_id = ? ORDER BY id')
      .all(siteId) as Array<{ json: string }>;
    return rows
      .map((r) => {
        const d = JSON.parse(r.json) as Omit<RoleDefinition, 'mask'> & { mask: string };
        return { ...d, mask: BigInt(d.mask) };
      })
      .sort((a, b) => a.Order - b.Order || a.Id - b.Id);
  }

  roleDefinition(siteId: string, id: number): RoleDefinition | undefined {
    return this.roleDefinitions(siteId).find((d) => d.Id === id);
  }

  saveRoleDefinition(siteId: string, def: RoleDefinition): void {
    this.changed();
    this.store.db
      .prepare('INSERT OR REPLACE INTO sp_roledefs(site_id, id, name, json) VALUES (?, ?, ?, ?)')
      .run(siteId, def.Id, def.Name, JSON.stringify({ ...def, mask: def.mask.toString() }));
  }

  /* ------------------------------------------------------------ principals */

  principals(siteId: string): Principal[] {
    const rows = this.store.db
      .prepare('SELECT json FROM sp_principals WHERE site_id = ? ORDER BY id')
      .all(siteId) as Array<{ json: string }>;
    return rows.map((r) => JSON.parse(r.json) as Principal);
  }

  principal(siteId: string, id: number): Principal | undefined {
    const row = this.store.db
      .prepare('SELECT json FROM sp_principals WHERE site_id = ? AND id = ?')
      .get(siteId, id) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Principal) : undefined;
  }

  principalByLogin(siteId: string, login: string): Principal | undefined {
    const row = this.store.db
      .prepare('SELECT json FROM sp_principals WHERE site_id = ? AND login = ?')
      .get(siteId, login) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Principal) : undefined;
  }

  /** Adds a principal with the next id of the site (SharePoint numbers users and groups together). */
  addPrincipal<P extends Principal>(siteId: string, make: (id: number) => P): P {
    this.changed();
    const next =
      (
        this.store.db
          .prepare('SELECT COALESCE(MAX(id), 0) + 1 AS n FROM sp_principals WHERE site_id = ?')
          .get(siteId) as { n: number }
      ).n + 0;
    const p = make(Math.max(next, 3));
    this.store.db
      .prepare('INSERT INTO sp_principals(site_id, id, kind, login, json) VALUES (?, ?, ?, ?, ?)')
      .run(siteId, p.Id, p.kind, p.LoginName, JSON.stringify(p));
    return p;
  }

  members(siteId: string, groupId: number): Principal[] {
    const rows = this.store.db
      .prepare(
        'SELECT member_id AS m FROM sp_members WHERE site_id = ? AND group_id = ? ORDER BY member_id',
      )
      .all(siteId, groupId) as Array<{ m: number }>;
    return rows.map((r) => this.principal(siteId, r.m)).filter((p): p is Principal => !!p);
  }

  addMember(siteId: string, groupId: number, memberId: number): void {
    this.changed();
    this.store.db
      .prepare('INSERT OR IGNORE INTO sp_members(site_id, group_id, member_id) VALUES (?, ?, ?)')
      .run(siteId, groupId, memberId);
  }

  removeMember(siteId: string, groupId: number, memberId: number): void {
    this.changed();
    this.store.db
      .prepare('DELETE FROM sp_members WHERE site_id = ? AND group_id = ? AND member_id = ?')
      .run(siteId, groupId, memberId);
  }

  /** Every principal id that stands for this Entra user on the site: the user, their Entra groups, and site groups holding either. */
  principalIdsOf(siteId: string, oid: string): Set<number> {
    return this.cached(`ids:${siteId}:${oid}`, () => this.readPrincipalIds(siteId, oid));
  }

  private readPrincipalIds(siteId: string, oid: string): Set<number> {
    const entraGroups = new Set(
      this.store
        .docs<{ id: string; members: string[] }>('groups')
        .filter((g) => g.members.includes(oid))
        .map((g) => g.id),
    );
    const ids = new Set<number>();
    for (const p of this.principals(siteId)) {
      if (p.kind === 'user' && p.oid === oid) ids.add(p.Id);
      if (p.kind === 'secgroup' && entraGroups.has(p.groupId)) ids.add(p.Id);
    }
    const rows = this.store.db
      .prepare('SELECT group_id AS g, member_id AS m FROM sp_members WHERE site_id = ?')
      .all(siteId) as Array<{ g: number; m: number }>;
    for (const r of rows) if (ids.has(r.m)) ids.add(r.g);
    return ids;
  }

  /* ------------------------------------------------------------ administrators */

  admins(siteId: string): string[] {
    return this.cached(`admins:${siteId}`, () => this.readAdmins(siteId));
  }

  private readAdmins(siteId: string): string[] {
    return JSON.parse(this.store.getMeta(`siteAdmins:${siteId}`) ?? '[]') as string[];
  }

  setAdmins(siteId: string, oids: readonly string[]): void {
    this.changed();
    this.store.setMeta(`siteAdmins:${siteId}`, JSON.stringify(oids));
  }

  /* ------------------------------------------------------------ scopes and assignments */

  hasUnique(siteId: string, s: Securable): boolean {
    if (s.kind === 'web') return true;
    return this.cached(
      `unique:${siteId}:${scopeKey(s)}`,
      () =>
        !!this.store.db
          .prepare('SELECT 1 FROM sp_unique WHERE site_id = ? AND scope = ?')
          .get(siteId, scopeKey(s)),
    );
  }

  /** The object whose role assignments apply to this one: itself, or the nearest parent with its own. */
  effectiveScope(siteId: string, s: Securable): Securable {
    let at: Securable | undefined = s;
    while (at && !this.hasUnique(siteId, at)) at = parent(at);
    return at ?? { kind: 'web' };
  }

  assignments(siteId: string, s: Securable): Array<{ principalId: number; roleIds: number[] }> {
    const scope = scopeKey(this.effectiveScope(siteId, s));
    return this.cached(`assign:${siteId}:${scope}`, () => this.readAssignments(siteId, scope));
  }

  private readAssignments(
    siteId: string,
    scope: string,
  ): Array<{ principalId: number; roleIds: number[] }> {
    const rows = this.store.db
      .prepare(
        'SELECT principal_id AS p, roledef_id AS r FROM sp_assignments WHERE site_id = ? AND scope = ? ORDER BY principal_id, roledef_id',
      )
      .all(siteId, scope) as Array<{ p: number; r: number }>;
    const out = new Map<number, number[]>();
    for (const row of rows) out.set(row.p, [...(out.get(row.p) ?? []), row.r]);
    return [...out].map(([principalId, roleIds]) => ({ principalId, roleIds }));
  }

  /** Stops inheriting: copies the parent's assignments or starts empty (then the caller gets Full Control, as SharePoint does). */
  breakInheritance(
    siteId: string,
    s: Securable,
    copy: boolean,
    clearSubscopes: boolean,
    callerPrincipalId: number | undefined,
  ): void {
    this.changed();
    if (s.kind === 'web') return;
    if (this.hasUnique(siteId, s)) {
      if (clearSubscopes) this.clearSubscopes(siteId, s);
      this.changed();
      return;
    }
    const inherited = this.assignments(siteId, s);
    const key = scopeKey(s);
    this.store.db.prepare('INSERT INTO sp_unique(site_id, scope) VALUES (?, ?)').run(siteId, key);
    if (copy) {
      for (const a of inherited)
        for (const r of a.roleIds) this.assign(siteId, s, a.principalId, r);
    } else if (callerPrincipalId !== undefined) {
      this.assign(siteId, s, callerPrincipalId, FULL_CONTROL_ID);
    }
    if (clearSubscopes) this.clearSubscopes(siteId, s);
    this.changed();
  }

  private clearSubscopes(siteId: string, s: Securable): void {
    if (s.kind !== 'list') return;
    const like = `item:${s.listId}:%`;
    this.store.db
      .prepare('DELETE FROM sp_assignments WHERE site_id = ? AND scope LIKE ?')
      .run(siteId, like);
    this.store.db
      .prepare('DELETE FROM sp_unique WHERE site_id = ? AND scope LIKE ?')
      .run(siteId, like);
  }

  resetInheritance(siteId: string, s: Securable): void {
    this.changed();
    if (s.kind === 'web') return;
    const key = scopeKey(s);
    this.store.db
      .prepare('DELETE FROM sp_assignments WHERE site_id = ? AND scope = ?')
      .run(siteId, key);
    this.store.db.prepare('DELETE FROM sp_unique WHERE site_id = ? AND scope = ?').run(siteId, key);
    this.changed();
  }

  /** Forgets an item's own permissions when it is deleted. */
  dropItem(siteId: string, listId: string, itemId: number): void {
    this.resetInheritance(siteId, { kind: 'item', listId, itemId });
  }

  assign(siteId: string, s: Securable, principalId: number, roleId: number): void {
    this.changed();
    this.store.db
      .prepare(
        'INSERT OR IGNORE INTO sp_assignments(site_id, scope, principal_id, roledef_id) VALUES (?, ?, ?, ?)',
      )
      .run(siteId, scopeKey(s), principalId, roleId);
  }

  unassign(siteId: string, s: Securable, principalId: number, roleId?: number): void {
    this.changed();
    if (roleId === undefined)
      this.store.db
        .prepare('DELETE FROM sp_assignments WHERE site_id = ? AND scope = ? AND principal_id = ?')
        .run(siteId, scopeKey(s), principalId);
    else
      this.store.db
        .prepare(
          'DELETE FROM sp_assignments WHERE site_id = ? AND scope = ? AND principal_id = ? AND roledef_id = ?',
        )
        .run(siteId, scopeKey(s), principalId, roleId);
  }

  /* ------------------------------------------------------------ item-level settings */

  listSettings(listId: string): { ReadSecurity: number; WriteSecurity: number } {
    return this.cached(`settings:${listId}`, () => this.readListSettings(listId));
  }

  private readListSettings(listId: string): { ReadSecurity: number; WriteSecurity: number } {
    const row = this.store.db
      .prepare(
        'SELECT read_security AS r, write_security AS w FROM sp_list_settings WHERE list_id = ?',
      )
      .get(listId) as { r: number; w: number } | undefined;
    return { ReadSecurity: row?.r ?? 1, WriteSecurity: row?.w ?? 1 };
  }

  setListSettings(listId: string, settings: { ReadSecurity: number; WriteSecurity: number }): void {
    this.changed();
    this.store.db
      .prepare(
        'INSERT OR REPLACE INTO sp_list_settings(list_id, read_security, write_security) VALUES (?, ?, ?)',
      )
      .run(listId, settings.ReadSecurity, settings.WriteSecurity);
  }

  /* ------------------------------------------------------------ evaluation */

  /** The user's rights on an object: the union of their principals' role definitions where it takes its permissions from. */
  effectiveMask(
    siteId: string,
    oid: string,
    s: Securable,
    ids = this.principalIdsOf(siteId, oid),
  ): bigint {
    if (this.admins(siteId).includes(oid)) return FULL_MASK;
    const defs = new Map(this.roleDefinitions(siteId).map((d) => [d.Id, d.mask]));
    let mask = 0n;
    for (const a of this.assignments(siteId, s)) {
      if (!ids.has(a.principalId)) continue;
      for (const r of a.roleIds) mask |= defs.get(r) ?? 0n;
    }
    return mask;
  }

  /** Whether the user holds anything below this object (SharePoint then gives Limited Access on the way to it). */
  hasAccessBelow(siteId: string, oid: string, s: Securable): boolean {
    if (s.kind === 'item') return false;
    const ids = this.principalIdsOf(siteId, oid);
    const like = s.kind === 'web' ? '%' : `item:${s.listId}:%`;
    const rows = this.store.db
      .prepare(
        "SELECT DISTINCT principal_id AS p FROM sp_assignments WHERE site_id = ? AND scope <> 'web' AND scope LIKE ?",
      )
      .all(siteId, like) as Array<{ p: number }>;
    return rows.some((r) => ids.has(r.p));
  }

  /**
   * Which items of a list a user may see, as SQL on the items table: item-level permissions where
   * items have their own, the list's otherwise, and ReadSecurity = 2 (own items) unless the user
   * may override list behaviours.
   */
  readableItems(
    siteId: string,
    oid: string,
    listId: string,
  ): { sql: string; params: Array<string | number> } {
    if (this.admins(siteId).includes(oid)) return { sql: '1', params: [] };
    const ids = this.principalIdsOf(siteId, oid);
    const listMask = this.effectiveMask(siteId, oid, { kind: 'list', listId }, ids);
    const defs = new Map(this.roleDefinitions(siteId).map((d) => [d.Id, d.mask]));
    const rows = this.store.db
      .prepare(
        'SELECT u.scope AS scope, a.principal_id AS p, a.roledef_id AS r FROM sp_unique u LEFT JOIN sp_assignments a ON a.site_id = u.site_id AND a.scope = u.scope WHERE u.site_id = ? AND u.scope LIKE ?',
      )
      .all(siteId, `item:${listId}:%`) as Array<{
      scope: string;
      p: number | null;
      r: number | null;
    }>;
    const itemMasks = new Map<number, bigint>();
    for (const row of rows) {
      const itemId = Number(row.scope.split(':')[2]);
      let m = itemMasks.get(itemId) ?? 0n;
      if (row.p !== null && row.r !== null && ids.has(row.p)) m |= defs.get(row.r) ?? 0n;
      itemMasks.set(itemId, m);
    }
    const parts: string[] = [];
    const params: Array<string | number> = [];
    if (has(listMask, 'ViewListItems')) {
      const denied = [...itemMasks].filter(([, m]) => !has(m, 'ViewListItems')).map(([id]) => id);
      if (denied.length > 0) parts.push(`id NOT IN (${denied.join(',')})`);
    } else {
      const allowed = [...itemMasks].filter(([, m]) => has(m, 'ViewListItems')).map(([id]) => id);
      parts.push(allowed.length > 0 ? `id IN (${allowed.join(',')})` : '0');
    }
    const { ReadSecurity } = this.listSettings(listId);
    if (ReadSecurity === 2 && !has(listMask, 'CancelCheckout')) {
      parts.push('author = ?');
      params.push(oid);
    }
    return { sql: parts.length > 0 ? parts.join(' AND ') : '1', params };
  }
}
