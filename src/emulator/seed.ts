import { randomBytes } from 'node:crypto';
import { isoSeconds } from './context.js';
import type { Store } from './store.js';
import type { ChannelDoc, TeamDoc } from './routes/teams.js';
import type { SiteDoc } from './routes/listRefs.js';
import type { UserDoc } from './routes/users.js';
import {
  AUDIT_CHANNEL_ID,
  GENERAL_CHANNEL_ID,
  PARTNERSHIP_SITE_GRANTS,
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
    for (const g of PARTNERSHIP_SITE_GRANTS) {
      store.db
        .prepare('INSERT INTO grants(resource, principal, role) VALUES (?, ?, ?)')
        .run(`site:${PARTNERSHIP_SITE_ID}`, g.principal, g.role);
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
