import type { ListName } from './schema.js';
import type { SiteRole } from '../domain/access.js';
import {
  type FeedbackGrantLevel,
  type FeedbackItemKind,
  type FeedbackPeople,
  feedbackGrants,
} from '../domain/feedback.js';
import { odataString, type SharePointRest, SharePointRestError } from './sharePointRest.js';

/**
 * Who may do what, enforced by SharePoint where the data lives. The tab only hides what a person
 * may not do; SharePoint refuses it.
 *
 * Three site groups (the site's associated groups): Owners (the business managers: Full Control),
 * Members (the audit team: auditors of every agency, lead auditors, sign-off managers, agency
 * leads) and Visitors (practitioners). Every list stops inheriting from the web and gets the
 * levels below; two lists carry item-level permissions that the workflows set when they create an
 * item (contributions, feedback), and SectionAnswers lets each person edit only what they wrote.
 */

/** SP.PermissionKind values, as bits of SharePoint's 64-bit BasePermissions. */
const KIND = {
  ViewListItems: 1,
  AddListItems: 2,
  EditListItems: 3,
  OpenItems: 6,
  ViewVersions: 7,
  ViewFormPages: 13,
  Open: 17,
  ViewPages: 18,
  ManagePermissions: 26,
  BrowseUserInfo: 28,
  UseClientIntegration: 37,
  UseRemoteAPIs: 38,
  EnumeratePermissions: 63,
} as const;
type Kind = keyof typeof KIND;

/** `{High, Low}` as SharePoint's REST API takes them (strings: they are 32-bit unsigned). */
export function basePermissions(kinds: readonly Kind[]): { High: string; Low: string } {
  let high = 0;
  let low = 0;
  for (const kind of kinds) {
    const bit = KIND[kind] - 1;
    if (bit < 32) low = (low | (1 << bit)) >>> 0;
    else high = (high | (1 << (bit - 32))) >>> 0;
  }
  return { High: String(high), Low: String(low) };
}

const SEE: Kind[] = [
  'ViewListItems',
  'OpenItems',
  'ViewVersions',
  'ViewFormPages',
  'Open',
  'ViewPages',
  'BrowseUserInfo',
  'UseClientIntegration',
  'UseRemoteAPIs',
];

export type PermissionLevelName =
  | 'Full Control'
  | 'Read'
  | 'Add only'
  | 'Edit items'
  | 'Contribute without delete'
  | 'Share feedback'
  | 'Read and share';

/** The product's own permission levels; SharePoint's Read and Full Control are used as they are. */
export const CUSTOM_LEVELS: ReadonlyArray<{
  name: Exclude<PermissionLevelName, 'Full Control' | 'Read'>;
  description: string;
  kinds: readonly Kind[];
}> = [
  {
    name: 'Add only',
    description:
      'Can view and add list items, never change or delete them: the append-only audit trail.',
    kinds: [...SEE, 'AddListItems'],
  },
  {
    name: 'Edit items',
    description: 'Can view and change list items, neither add nor delete them.',
    kinds: [...SEE, 'EditListItems'],
  },
  {
    name: 'Contribute without delete',
    description: 'Can view, add and change list items, never delete them.',
    kinds: [...SEE, 'AddListItems', 'EditListItems'],
  },
  {
    name: 'Share feedback',
    description:
      "Can view, add and change list items and share them, never delete them: an auditor names practitioners, writes their feedback and, when it is sent, shares it with the practitioner alone (SharePoint lets only a person who may manage an item's permissions set them).",
    kinds: [...SEE, 'AddListItems', 'EditListItems', 'ManagePermissions', 'EnumeratePermissions'],
  },
  {
    name: 'Read and share',
    description:
      "Can view list items and set who else may, never change them: the writers of feedback on the practitioner's reply, so that a send tried again can share the reply again without being able to change what the practitioner wrote.",
    kinds: [...SEE, 'ManagePermissions', 'EnumeratePermissions'],
  },
];

export type SiteGroupRole = 'owners' | 'auditTeam' | 'practitioners';

/** Each list's levels per site group (absent: no access), and its item-level rules. */
export const LIST_PERMISSIONS: Readonly<
  Record<
    ListName,
    {
      readonly groups: Partial<Record<SiteGroupRole, PermissionLevelName>>;
      /** WriteSecurity 2: people edit only the items they created (owners excepted). */
      readonly editOwnItemsOnly?: true;
      /** Items get their own permissions when a workflow creates them (see below). */
      readonly itemPermissions?: string;
    }
  >
> = {
  AuditProgrammes: { groups: { owners: 'Full Control', auditTeam: 'Read' } },
  Audits: { groups: { owners: 'Full Control', auditTeam: 'Edit items' } },
  AgencyContributions: {
    groups: { owners: 'Full Control', auditTeam: 'Read' },
    itemPermissions: 'its named auditor and the lead auditor may edit it',
  },
  SectionAnswers: {
    groups: { owners: 'Full Control', auditTeam: 'Contribute without delete' },
    editOwnItemsOnly: true,
  },
  Feedback: {
    groups: { owners: 'Full Control', auditTeam: 'Share feedback' },
    itemPermissions:
      'once sent: its practitioner may edit it (read, acknowledge), its sender shares it, the audit team reads it',
  },
  Actions: { groups: { owners: 'Full Control', auditTeam: 'Edit items' } },
  OverviewReports: { groups: { owners: 'Full Control', auditTeam: 'Read' } },
  AuditEvents: { groups: { owners: 'Full Control', auditTeam: 'Add only' } },
  NotificationOutbox: {
    groups: { owners: 'Full Control', auditTeam: 'Contribute without delete' },
  },
  PartnershipSettings: {
    groups: { owners: 'Full Control', auditTeam: 'Read', practitioners: 'Read' },
  },
  Findings: { groups: { owners: 'Full Control', auditTeam: 'Contribute without delete' } },
  // Every item gets its own permissions as it is created (its writers), and its practitioner at
  // send: the list's own level only lets an auditor create an item and share it straight away.
  FeedbackWords: {
    groups: { owners: 'Full Control', auditTeam: 'Share feedback' },
    itemPermissions:
      "its writers (the agency's auditor, the lead auditor) edit and share it; its practitioner, once sent, reads it and adds a reflection",
  },
  Digests: { groups: { owners: 'Full Control', auditTeam: 'Contribute without delete' } },
  // The practitioner's reply: made and shared by the sender at send, changed only by the
  // practitioner; the list's level only lets an auditor create an item and share it straight away.
  FeedbackReplies: {
    groups: { owners: 'Full Control', auditTeam: 'Share feedback' },
    itemPermissions:
      "its practitioner edits it; the feedback's writers read it; the audit team reads its dates, not its reflection",
  },
};

type RoleDefinition = { Id: number; Name: string };
type Group = { Id: number; Title: string };
type Assignment = { PrincipalId: number; RoleDefinitionBindings: RoleDefinition[] };

export type PermissionStep =
  | { readonly kind: 'levelCreated'; readonly level: string }
  | { readonly kind: 'inheritanceBroken'; readonly list: ListName }
  | {
      readonly kind: 'assignmentAdded';
      readonly list: ListName;
      readonly group: string;
      readonly level: string;
    }
  | {
      readonly kind: 'assignmentRemoved';
      readonly list: ListName;
      readonly principalId: number;
      readonly level: string;
    }
  | { readonly kind: 'itemLevelSet'; readonly list: ListName; readonly writeSecurity: number };

export type SitePrincipals = {
  readonly groups: Readonly<Record<SiteGroupRole, Group>>;
  readonly levels: ReadonlyMap<string, number>;
};

/** The site's associated groups and every permission level's id, creating the product's levels when missing. */
export async function ensureLevels(
  rest: SharePointRest,
  steps: PermissionStep[] = [],
): Promise<SitePrincipals> {
  const found = (await rest.call<{ value: RoleDefinition[] }>('GET', 'web/roledefinitions')).value;
  const levels = new Map(found.map((d) => [d.Name, d.Id]));
  for (const level of CUSTOM_LEVELS) {
    if (levels.has(level.name)) continue;
    const created = await rest.call<RoleDefinition>('POST', 'web/roledefinitions', {
      Name: level.name,
      Description: level.description,
      BasePermissions: basePermissions(level.kinds),
      Order: 200,
    });
    levels.set(created.Name, created.Id);
    steps.push({ kind: 'levelCreated', level: level.name });
  }
  const [owners, auditTeam, practitioners] = await Promise.all([
    rest.call<Group>('GET', 'web/associatedownergroup'),
    rest.call<Group>('GET', 'web/associatedmembergroup'),
    rest.call<Group>('GET', 'web/associatedvisitorgroup'),
  ]);
  return { groups: { owners, auditTeam, practitioners }, levels };
}

const listPath = (listId: string) => `web/lists(guid${odataString(listId)})`;

/**
 * Gives every list of the schema its permissions: stops inheriting (without copying, and without
 * clearing items' own permissions, so that a second run keeps them), grants each group its level,
 * removes any other assignment on the list (such as the Full Control SharePoint gives whoever
 * broke inheritance), and sets item-level rules. Idempotent.
 */
export async function applySitePermissions(
  rest: SharePointRest,
  listIds: Readonly<Record<ListName, string>>,
): Promise<PermissionStep[]> {
  const steps: PermissionStep[] = [];
  const site = await ensureLevels(rest, steps);
  for (const [list, rules] of Object.entries(LIST_PERMISSIONS) as Array<
    [ListName, (typeof LIST_PERMISSIONS)[ListName]]
  >) {
    const path = listPath(listIds[list]);
    const info = await rest.call<{ HasUniqueRoleAssignments: boolean; WriteSecurity: number }>(
      'GET',
      path,
    );
    if (!info.HasUniqueRoleAssignments) {
      await rest.call(
        'POST',
        `${path}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=false)`,
      );
      steps.push({ kind: 'inheritanceBroken', list });
    }
    const wanted = new Map<number, number>();
    for (const [role, level] of Object.entries(rules.groups) as Array<
      [SiteGroupRole, PermissionLevelName]
    >) {
      const levelId = site.levels.get(level);
      if (levelId === undefined)
        throw new Error(`The site has no permission level named ${level}.`);
      wanted.set(site.groups[role].Id, levelId);
    }
    const current = (
      await rest.call<{ value: Assignment[] }>(
        'GET',
        `${path}/roleassignments?$expand=RoleDefinitionBindings`,
      )
    ).value;
    for (const [principalId, levelId] of wanted) {
      const has = current.some(
        (a) =>
          a.PrincipalId === principalId && a.RoleDefinitionBindings.some((d) => d.Id === levelId),
      );
      if (has) continue;
      await rest.call(
        'POST',
        `${path}/roleassignments/addroleassignment(principalid=${principalId},roledefid=${levelId})`,
      );
      const group = Object.values(site.groups).find((g) => g.Id === principalId);
      const level = [...site.levels].find(([, id]) => id === levelId)?.[0] ?? String(levelId);
      steps.push({
        kind: 'assignmentAdded',
        list,
        group: group?.Title ?? String(principalId),
        level,
      });
    }
    for (const a of current) {
      for (const d of a.RoleDefinitionBindings) {
        if (wanted.get(a.PrincipalId) === d.Id) continue;
        await rest.call(
          'POST',
          `${path}/roleassignments/removeroleassignment(principalid=${a.PrincipalId},roledefid=${d.Id})`,
        );
        steps.push({ kind: 'assignmentRemoved', list, principalId: a.PrincipalId, level: d.Name });
      }
    }
    const writeSecurity = rules.editOwnItemsOnly ? 2 : 1;
    if (info.WriteSecurity !== writeSecurity) {
      await rest.call('MERGE', path, { ReadSecurity: 1, WriteSecurity: writeSecurity });
      steps.push({ kind: 'itemLevelSet', list, writeSecurity });
    }
  }
  return steps;
}

export function describePermissionStep(step: PermissionStep): string {
  switch (step.kind) {
    case 'levelCreated':
      return `created permission level ${step.level}`;
    case 'inheritanceBroken':
      return `list ${step.list} stopped inheriting the site's permissions`;
    case 'assignmentAdded':
      return `list ${step.list}: ${step.group} given ${step.level}`;
    case 'assignmentRemoved':
      return `list ${step.list}: principal ${step.principalId} no longer has ${step.level}`;
    case 'itemLevelSet':
      return `list ${step.list}: people edit ${step.writeSecurity === 2 ? 'only the items they created' : 'all items'}`;
  }
}

/** A person by Entra user principal name, as SharePoint's login name for them. */
const userLogin = (userPrincipalName: string) => `i:0#.f|membership|${userPrincipalName}`;

async function principalIdOf(rest: SharePointRest, userPrincipalName: string): Promise<number> {
  const user = await rest.call<{ Id: number }>('POST', 'web/ensureuser', {
    logonName: userLogin(userPrincipalName),
  });
  return user.Id;
}

/**
 * Gives one item its own permissions: the owners keep Full Control, the audit team reads it, and
 * the named people get the level given. Breaking inheritance without copying makes SharePoint
 * give the caller Full Control; that assignment is removed again unless the caller is one of the
 * named people. Safe to repeat.
 */
export async function shareItem(
  rest: SharePointRest,
  site: SitePrincipals,
  listId: string,
  itemId: string,
  people: ReadonlyArray<{ userPrincipalName: string; level: PermissionLevelName }>,
  options: { auditTeamReads: boolean },
): Promise<void> {
  const path = `${listPath(listId)}/items(${Number(itemId)})`;
  const level = (name: PermissionLevelName) => {
    const id = site.levels.get(name);
    if (id === undefined) throw new Error(`The site has no permission level named ${name}.`);
    return id;
  };
  const wanted = new Map<number, number>([[site.groups.owners.Id, level('Full Control')]]);
  if (options.auditTeamReads) wanted.set(site.groups.auditTeam.Id, level('Read'));
  for (const p of people)
    wanted.set(await principalIdOf(rest, p.userPrincipalName), level(p.level));
  const unique = await rest.call<{ value: boolean }>('GET', `${path}/hasuniqueroleassignments`);
  if (!unique.value)
    await rest.call(
      'POST',
      `${path}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
    );
  const current = (
    await rest.call<{ value: Assignment[] }>(
      'GET',
      `${path}/roleassignments?$expand=RoleDefinitionBindings`,
    )
  ).value;
  for (const [principalId, levelId] of wanted) {
    if (
      current.some(
        (a) =>
          a.PrincipalId === principalId && a.RoleDefinitionBindings.some((d) => d.Id === levelId),
      )
    )
      continue;
    await rest.call(
      'POST',
      `${path}/roleassignments/addroleassignment(principalid=${principalId},roledefid=${levelId})`,
    );
  }
  for (const a of current)
    for (const d of a.RoleDefinitionBindings)
      if (wanted.get(a.PrincipalId) !== d.Id)
        await rest.call(
          'POST',
          `${path}/roleassignments/removeroleassignment(principalid=${a.PrincipalId},roledefid=${d.Id})`,
        );
}

/** A contribution: writable by its named auditor and the lead auditor; the audit team reads it. */
export function shareContribution(
  rest: SharePointRest,
  site: SitePrincipals,
  listIds: Readonly<Record<ListName, string>>,
  itemId: string,
  people: { auditor: string; leadAuditor?: string | undefined },
): Promise<void> {
  const named = [people.auditor, ...(people.leadAuditor ? [people.leadAuditor] : [])];
  return shareItem(
    rest,
    site,
    listIds.AgencyContributions,
    itemId,
    [...new Set(named)].map((upn) => ({ userPrincipalName: upn, level: 'Edit items' as const })),
    { auditTeamReads: true },
  );
}

/** A practitioner's feedback, once sent: they read it (their reply is an item of their own); the audit team reads it. */
export function shareFeedback(
  rest: SharePointRest,
  site: SitePrincipals,
  listIds: Readonly<Record<ListName, string>>,
  itemId: string,
  practitioner: string,
): Promise<void> {
  return shareItem(
    rest,
    site,
    listIds.Feedback,
    itemId,
    [{ userPrincipalName: practitioner, level: 'Read' }],
    { auditTeamReads: true },
  );
}

/** An action: its owner (the agency's lead) updates it; the audit team reads it. */
export function shareAction(
  rest: SharePointRest,
  site: SitePrincipals,
  listIds: Readonly<Record<ListName, string>>,
  itemId: string,
  owner: string,
): Promise<void> {
  return shareItem(
    rest,
    site,
    listIds.Actions,
    itemId,
    [{ userPrincipalName: owner, level: 'Edit items' }],
    { auditTeamReads: true },
  );
}

/** Sets item permissions as workflows create items; people are given by Entra id and name. */
export type ItemPermissions = {
  contribution(
    itemId: string,
    people: { auditor: { id: string }; leadAuditor?: { id: string } | undefined },
  ): Promise<void>;
  feedback(itemId: string, practitioner: { id: string }): Promise<void>;
  /** An action of the plan: only its owner (and owners of the site) may change it. */
  action(itemId: string, owner: { id: string }): Promise<void>;
  /**
   * One item of a feedback (its state, its words, or the practitioner's reply), shared as the
   * domain's `feedbackGrants` says: the practitioner changes only their reply, the writers only
   * the words, and the agency's lead reads the words only when the partnership allows. Safe to repeat.
   */
  feedbackItem(kind: FeedbackItemKind, itemId: string, people: FeedbackPeople): Promise<void>;
  /**
   * Gives one person Read on an item of sent feedback, or takes it away (the agency's lead, when
   * the partnership's setting changes); nobody else's access changes. Safe to repeat.
   */
  feedbackReader(
    list: 'FeedbackWords' | 'FeedbackReplies',
    itemId: string,
    person: { id: string },
    reads: boolean,
  ): Promise<void>;
  /**
   * Gives an item back the list's permissions (resetroleinheritance): a contribution once its
   * audit is signed off, a feedback item 30 days after it was acknowledged. This keeps the live
   * unique scopes in a list to the open work (docs/architecture.md).
   */
  release(list: 'AgencyContributions' | 'Feedback', itemId: string): Promise<void>;
};

type UserLookup = (id: string) => Promise<string>;

const GRANT_LEVELS: Readonly<Record<FeedbackGrantLevel, PermissionLevelName>> = {
  share: 'Share feedback',
  readAndShare: 'Read and share',
  edit: 'Edit items',
  read: 'Read',
};

const FEEDBACK_LISTS: Readonly<Record<FeedbackItemKind, ListName>> = {
  state: 'Feedback',
  words: 'FeedbackWords',
  replyDates: 'FeedbackReplies',
  reflection: 'FeedbackReplies',
};

/**
 * Item permissions for the workflows, through SharePoint's REST API. People are found by their
 * Entra object id (what the lists store) and named to SharePoint by user principal name.
 */
export function createItemPermissions(
  rest: SharePointRest,
  listIds: Readonly<Record<ListName, string>>,
  userPrincipalNameOf: UserLookup,
): ItemPermissions {
  let site: Promise<SitePrincipals> | undefined;
  const principals = () => (site ??= ensureLevelsReadOnly(rest));
  return {
    async contribution(itemId, people) {
      const auditor = await userPrincipalNameOf(people.auditor.id);
      const lead = people.leadAuditor
        ? await userPrincipalNameOf(people.leadAuditor.id)
        : undefined;
      await shareContribution(rest, await principals(), listIds, itemId, {
        auditor,
        leadAuditor: lead,
      });
    },
    async release(list, itemId) {
      await rest.call(
        'POST',
        `${listPath(listIds[list])}/items(${Number(itemId)})/resetroleinheritance`,
      );
    },
    async action(itemId, owner) {
      await shareAction(
        rest,
        await principals(),
        listIds,
        itemId,
        await userPrincipalNameOf(owner.id),
      );
    },
    async feedback(itemId, practitioner) {
      await shareFeedback(
        rest,
        await principals(),
        listIds,
        itemId,
        await userPrincipalNameOf(practitioner.id),
      );
    },
    async feedbackItem(kind, itemId, people) {
      const { grants, auditTeamReads } = feedbackGrants(kind, people);
      const named: Array<{ userPrincipalName: string; level: PermissionLevelName }> = [];
      for (const g of grants)
        named.push({
          userPrincipalName: await userPrincipalNameOf(g.person.id),
          level: GRANT_LEVELS[g.level],
        });
      await shareItem(rest, await principals(), listIds[FEEDBACK_LISTS[kind]], itemId, named, {
        auditTeamReads,
      });
    },
    async feedbackReader(list, itemId, person, reads) {
      const site = await principals();
      const read = site.levels.get('Read');
      if (read === undefined) throw new Error('The site has no permission level named Read.');
      const path = `${listPath(listIds[list])}/items(${Number(itemId)})`;
      // An item that still inherits has only the list's permissions, which the workflows never
      // leave feedback with; there is no one's own access on it to give or take back.
      const unique = await rest.call<{ value: boolean }>('GET', `${path}/hasuniqueroleassignments`);
      if (!unique.value) return;
      const principalId = await principalIdOf(rest, await userPrincipalNameOf(person.id));
      const current = (
        await rest.call<{ value: Assignment[] }>(
          'GET',
          `${path}/roleassignments?$expand=RoleDefinitionBindings`,
        )
      ).value;
      const has = current.some(
        (a) => a.PrincipalId === principalId && a.RoleDefinitionBindings.some((d) => d.Id === read),
      );
      if (has === reads) return;
      await rest.call(
        'POST',
        `${path}/roleassignments/${reads ? 'add' : 'remove'}roleassignment(principalid=${principalId},roledefid=${read})`,
      );
    },
  };
}

/** The site's groups and levels, without creating any: that is provisioning's job. */
async function ensureLevelsReadOnly(rest: SharePointRest): Promise<SitePrincipals> {
  const found = (await rest.call<{ value: RoleDefinition[] }>('GET', 'web/roledefinitions')).value;
  const levels = new Map(found.map((d) => [d.Name, d.Id]));
  const missing = CUSTOM_LEVELS.filter((l) => !levels.has(l.name)).map((l) => l.name);
  if (missing.length > 0)
    throw new Error(
      `The partnership site's permissions were never provisioned (no ${missing.join(', ')} level). Run npm run provision.`,
    );
  const [owners, auditTeam, practitioners] = await Promise.all([
    rest.call<Group>('GET', 'web/associatedownergroup'),
    rest.call<Group>('GET', 'web/associatedmembergroup'),
    rest.call<Group>('GET', 'web/associatedvisitorgroup'),
  ]);
  return { groups: { owners, auditTeam, practitioners }, levels };
}

/**
 * The signed-in person's standing on the site, from the groups SharePoint says they are in. A
 * person SharePoint refuses (403) is outside the partnership; any other failure is thrown.
 */
export async function readSiteRole(rest: SharePointRest): Promise<SiteRole> {
  let mine: Group[];
  try {
    mine = (await rest.call<{ value: Group[] }>('GET', 'web/currentuser/groups')).value;
  } catch (e) {
    if (e instanceof SharePointRestError && e.status === 403) return 'outsider';
    throw e;
  }
  const [owners, members, visitors] = await Promise.all([
    rest.call<Group>('GET', 'web/associatedownergroup'),
    rest.call<Group>('GET', 'web/associatedmembergroup'),
    rest.call<Group>('GET', 'web/associatedvisitorgroup'),
  ]);
  const ids = new Set(mine.map((g) => g.Id));
  if (ids.has(owners.Id)) return 'businessManager';
  if (ids.has(members.Id)) return 'auditTeam';
  if (ids.has(visitors.Id)) return 'practitioner';
  return 'outsider';
}
