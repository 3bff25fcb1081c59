import { randomBytes } from 'node:crypto';
import { isoSeconds } from './context.js';
import {
  BUILT_IN_ROLES,
  GROUP_LOGIN_PREFIX,
  type Principal,
  Security,
  USER_LOGIN_PREFIX,
} from './security.js';
import type { Store } from './store.js';
import type { ChannelDoc, TeamDoc } from './routes/teams.js';
import type { SiteDoc } from './routes/listRefs.js';
import type { UserDoc } from './routes/users.js';
import {
  AUDIT_CHANNEL_ID,
  GENERAL_CHANNEL_ID,
  PARTNERSHIP_SITE_SECURITY,
  PARTNERSHIP_SITE_ID,
  PARTNERSHIP_SITE_PATH,
  ROOT_SITE_ID,
  SEED_GROUPS,
  SEED_USERS,
  SHAREPOINT_HOST,
  TEAM_ID,
  TEAM_MEMBERS,
  TENANT_DOMAIN,
  TENANT_ID,
} from './tenant.js';

/** Seeds a fresh data folder with the fictional tenant; a folder already seeded is left alone. */
export function seedTenant(store: Store): void {
  seedSiteSecurity(store);
  if (store.getMeta('seeded')) return;
  store.tx(() => {
    const now = isoSeconds();
    store.setMeta('tenantId', TENANT_ID);
    store.setMeta('secret', randomBytes(32).toString('hex'));
    store.setMeta('rootSiteId', ROOT_SITE_ID);
    const insertUser = store.db.prepare('INSERT INTO users(id, upn, json) VALUES (?, ?, ?)');
    for (const u of SEED_USERS) {
      const doc: UserDoc = {
        id: u.id,
        displayName: u.displayName,
        givenName: u.givenName,
        surname: u.surname,
        userPrincipalName: u.userPrincipalName,
        mail: u.userPrincipalName,
        jobTitle: u.jobTitle,
        department: u.department,
        officeLocation: null,
        mobilePhone: null,
        // Ofcom's range for drama (01632 960xxx): numbers that reach nobody.
        businessPhones: [`+44 1632 960${String(SEED_USERS.indexOf(u)).padStart(3, '0')}`],
        preferredLanguage: 'en-GB',
        accountEnabled: true,
        city: null,
        country: 'United Kingdom',
        postalCode: null,
        identities: [
          {
            signInType: 'userPrincipalName',
            issuer: TENANT_DOMAIN,
            issuerAssignedId: u.userPrincipalName,
          },
        ],
      };
      insertUser.run(u.id, u.userPrincipalName, JSON.stringify(doc));
    }
    for (const g of SEED_GROUPS) {
      store.db.prepare('INSERT INTO groups(id, json) VALUES (?, ?)').run(g.id, JSON.stringify(g));
    }
    const sites: Array<SiteDoc & { path: string }> = [
      {
        id: ROOT_SITE_ID,
        name: '',
        displayName: 'Communication site',
        description: 'Root site of the fictional tenant',
        createdDateTime: now,
        lastModifiedDateTime: now,
        webUrl: `https://${SHAREPOINT_HOST}`,
        siteCollection: { hostname: SHAREPOINT_HOST },
        root: {},
        path: '/',
      },
      {
        id: PARTNERSHIP_SITE_ID,
        name: 'partnership',
        displayName: 'Safeguarding Partnership (fictional demo)',
        description: 'Multi-agency case audit records. Fictional demonstration tenant.',
        createdDateTime: now,
        lastModifiedDateTime: now,
        webUrl: `https://${SHAREPOINT_HOST}${PARTNERSHIP_SITE_PATH}`,
        siteCollection: { hostname: SHAREPOINT_HOST },
        path: PARTNERSHIP_SITE_PATH,
      },
    ];
    for (const { path, ...site } of sites) {
      store.db
        .prepare('INSERT INTO sites(id, hostname, path, json) VALUES (?, ?, ?, ?)')
        .run(site.id, SHAREPOINT_HOST, path, JSON.stringify(site));
    }
    const team: TeamDoc = {
      id: TEAM_ID,
      displayName: 'Northshire Safeguarding Partnership (fictional)',
      description: 'Fictional partnership team for demonstrations',
      members: [...TEAM_MEMBERS],
      createdDateTime: now,
      webUrl: `https://teams.microsoft.com/l/team/${TEAM_ID}`,
    };
    store.db
      .prepare('INSERT INTO teams(id, json) VALUES (?, ?)')
      .run(team.id, JSON.stringify(team));
    const channels: ChannelDoc[] = [
      {
        id: GENERAL_CHANNEL_ID,
        displayName: 'General',
        description: 'General discussion',
        createdDateTime: now,
        email: '',
        webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(GENERAL_CHANNEL_ID)}/General?groupId=${TEAM_ID}&tenantId=${TENANT_ID}`,
        membershipType: 'standard',
        tenantId: TENANT_ID,
      },
      {
        id: AUDIT_CHANNEL_ID,
        displayName: 'Multi-agency audit',
        description: 'Audit programme, commissioning and reports',
        createdDateTime: now,
        email: '',
        webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(AUDIT_CHANNEL_ID)}/Multi-agency%20audit?groupId=${TEAM_ID}&tenantId=${TENANT_ID}`,
        membershipType: 'standard',
        tenantId: TENANT_ID,
      },
    ];
    for (const c of channels) {
      store.db
        .prepare('INSERT INTO channels(team_id, id, json) VALUES (?, ?, ?)')
        .run(TEAM_ID, c.id, JSON.stringify(c));
    }
    store.setMeta('seeded', now);
  });
}

/**
 * The partnership site's security as SharePoint sets up a new team site (permission levels, the
 * default site groups and their levels on the web). Also run on data folders made before the
 * emulator modelled SharePoint's permissions, so that they keep working.
 */
function seedSiteSecurity(store: Store): void {
  if (store.getMeta('siteSecurity')) return;
  store.tx(() => {
    const security = new Security(store);
    const siteId = PARTNERSHIP_SITE_ID;
    for (const role of BUILT_IN_ROLES) security.saveRoleDefinition(siteId, role);
    security.setAdmins(siteId, PARTNERSHIP_SITE_SECURITY.admins);
    const associated: number[] = [];
    for (const g of PARTNERSHIP_SITE_SECURITY.groups) {
      const group = security.addPrincipal(siteId, (id) => ({
        kind: 'group' as const,
        Id: id,
        LoginName: g.title,
        Title: g.title,
        Description: g.description,
      }));
      for (const m of g.members) {
        const member =
          'user' in m
            ? userPrincipal(security, siteId, m.user)
            : entraGroupPrincipal(security, siteId, m.entraGroup);
        security.addMember(siteId, group.Id, member.Id);
      }
      const role = BUILT_IN_ROLES.find((r) => r.Name === g.role) as (typeof BUILT_IN_ROLES)[number];
      security.assign(siteId, { kind: 'web' }, group.Id, role.Id);
      associated.push(group.Id);
    }
    // The web's associated owner, member and visitor groups, as a team site names them.
    const [owner, member, visitor] = associated;
    store.setMeta(`associatedGroups:${siteId}`, JSON.stringify({ owner, member, visitor }));
    store.setMeta('siteSecurity', '1');
  });
}

/** The site's principal for an Entra user, added as SharePoint's ensureUser adds one. */
export function userPrincipal(security: Security, siteId: string, oid: string): Principal {
  const user = SEED_USERS.find((u) => u.id === oid);
  const login = `${USER_LOGIN_PREFIX}${user?.userPrincipalName ?? oid}`;
  return (
    security.principalByLogin(siteId, login) ??
    security.addPrincipal(siteId, (id) => ({
      kind: 'user' as const,
      Id: id,
      LoginName: login,
      Title: user?.displayName ?? oid,
      Email: user?.userPrincipalName ?? '',
      oid,
    }))
  );
}

export function entraGroupPrincipal(
  security: Security,
  siteId: string,
  groupId: string,
): Principal {
  const group = SEED_GROUPS.find((g) => g.id === groupId);
  const login = `${GROUP_LOGIN_PREFIX}${groupId}`;
  return (
    security.principalByLogin(siteId, login) ??
    security.addPrincipal(siteId, (id) => ({
      kind: 'secgroup' as const,
      Id: id,
      LoginName: login,
      Title: group?.displayName ?? groupId,
      groupId,
    }))
  );
}
