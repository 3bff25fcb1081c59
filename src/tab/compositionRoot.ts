import type { Client } from '@microsoft/microsoft-graph-client';
import type { LinkBase } from '../domain/cards/links.js';
import { DEFAULT_CASE_REFERENCE_FORMAT } from '../domain/commissioning.js';
import { DEFAULT_SCALE, GRADING_SCALES, type GradingScale } from '../domain/grading.js';
import type { PersonRef } from '../domain/records.js';
import { createOutbox, type Outbox } from '../graph/outbox.js';
import { createProgrammeService, type ProgrammeService } from '../graph/programme.js';
import { type AuditWorkspaceRepository, createAuditWorkspace } from '../graph/auditWorkspace.js';
import { createGraphClient } from '../graph/client.js';
import { NOT_IN_PARTNERSHIP, type SiteRole } from '../domain/access.js';
import { createItemPermissions, type ItemPermissions, readSiteRole } from '../graph/permissions.js';
import { resolveSiteId } from '../graph/provision.js';
import { createSharePointRest, type SharePointRest } from '../graph/sharePointRest.js';
import {
  createRepositories,
  findSiteLists,
  type Repositories,
  type SiteLists,
} from '../graph/repositories.js';
import { LIST_NAMES } from '../graph/schema.js';
import { type AppConfig, readBuildConfig } from './config.js';
import type { HostSession } from './host/host.types.js';
import { fetchLocalPeople, type LocalPerson, rememberedUserId } from './host/localHost.js';

/**
 * The one composition root: reads the configuration once, starts the host adapter, builds the
 * Graph client and the repositories, and hands them to React through context. Nothing else
 * reads configuration or creates a client.
 */

export type Services = {
  readonly config: AppConfig;
  readonly session: HostSession;
  readonly graph: Client;
  readonly siteLists: SiteLists;
  readonly repositories: Repositories;
  readonly auditWorkspace: AuditWorkspaceRepository;
  /** The partnership's wording of the grades (a setting: current, or the 2009 wording). */
  readonly gradingScale: GradingScale;
  readonly outbox: Outbox;
  readonly programme: ProgrammeService;
  readonly caseReferenceFormat: RegExp;
  /** Agency id to the person who owns its actions, from the partnership's settings. */
  readonly agencyLeads: Readonly<Record<string, PersonRef>>;
  readonly now: () => Date;
  /** What the tab shows this person; SharePoint enforces it whatever the tab shows. */
  readonly role: SiteRole;
};

export type HostStart =
  | { readonly kind: 'session'; readonly session: HostSession }
  | {
      readonly kind: 'localSignIn';
      readonly people: LocalPerson[];
      readonly tenantId: string;
      readonly remembered: string | null;
    }
  | { readonly kind: 'redirecting' };

let config: AppConfig | undefined;
export function appConfig(): AppConfig {
  config ??= readBuildConfig();
  return config;
}

/** Graph's origin: the configured one, or this page's own origin in local mode. */
export const graphOrigin = (c: AppConfig): string => c.graphBaseUrl || window.location.origin;

function isFramed(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    // A cross-origin parent refuses the comparison: that is a frame too.
    return true;
  }
}

/**
 * Chooses the host without ever waiting on teams-js outside a frame: Teams code and MSAL are
 * loaded only when they are needed, so local mode's first view carries neither.
 */
export async function startHost(c: AppConfig): Promise<HostStart> {
  if (isFramed()) {
    const { startTeamsSession } = await import(
      /* webpackChunkName: "teams" */ './host/teamsHost.js'
    );
    return { kind: 'session', session: await startTeamsSession(c) };
  }
  if (c.mode === 'tenant') {
    const { startBrowserSession } = await import(
      /* webpackChunkName: "msal" */ './host/browserHost.js'
    );
    const session = await startBrowserSession(c);
    return session === 'redirecting' ? { kind: 'redirecting' } : { kind: 'session', session };
  }
  const { tenantId, users } = await fetchLocalPeople(graphOrigin(c));
  return { kind: 'localSignIn', people: users, tenantId, remembered: rememberedUserId() };
}

/** Item permissions for the workflows, naming people to SharePoint by their sign-in name. */
function createTabItemPermissions(
  rest: SharePointRest,
  graph: Client,
  siteLists: SiteLists,
): ItemPermissions {
  return createItemPermissions(rest, siteLists.listIds, async (id) => {
    const user = (await graph
      .api(`/users/${encodeURIComponent(id)}`)
      .select('userPrincipalName')
      .get()) as { userPrincipalName: string };
    return user.userPrincipalName;
  });
}

/** Thrown when the signed-in person is outside the partnership: the tab says so, plainly. */
export class NotSharedError extends Error {
  constructor() {
    super(NOT_IN_PARTNERSHIP);
    this.name = 'NotSharedError';
  }
}

/**
 * SharePoint's REST API at the partnership site's address: on the tenant's SharePoint host, or in
 * local mode at this page's own origin (the local server passes `/_api/` on to the emulator).
 * Needs the site as `hostname:/sites/path`.
 */
function sharePointRestFor(c: AppConfig, session: HostSession): SharePointRest | undefined {
  const m = /^([^:/]+):(\/.*)$/.exec(c.siteRef);
  if (!m || !session.sharePointTokens) return undefined;
  const siteUrl =
    c.mode === 'emulator' ? `${window.location.origin}${m[2]}` : `https://${m[1]}${m[2]}`;
  return createSharePointRest({ siteUrl, tokens: session.sharePointTokens });
}

export async function composeServices(c: AppConfig, session: HostSession): Promise<Services> {
  const graph = createGraphClient({ baseUrl: graphOrigin(c), tokens: session.tokens });
  const rest = sharePointRestFor(c, session);
  // Without SharePoint's REST API (a site given by id) the tab shows everything and SharePoint
  // still refuses what is not the person's.
  const role: SiteRole = rest ? await readSiteRole(rest) : 'auditTeam';
  if (role === 'outsider') throw new NotSharedError();
  const siteId = await resolveSiteId(graph, c.siteRef);
  const siteLists = await findSiteLists(
    graph,
    siteId,
    LIST_NAMES,
    role === 'practitioner' ? LIST_NAMES.filter((n) => n !== 'PartnershipSettings') : [],
  );
  const found = createRepositories(graph, siteLists);
  // SharePoint hides the Feedback list from a practitioner with no feedback shared with them:
  // for them that is exactly "none yet", not a failure.
  const repositories: Repositories = siteLists.listIds.Feedback
    ? found
    : { ...found, feedback: { list: async () => [], forPractitioner: async () => [] } };
  const settings = await repositories.settings.all();
  const gradingScale =
    GRADING_SCALES[settings.get('gradingScale') === 'ofsted2009' ? 'ofsted2009' : DEFAULT_SCALE];
  const caseReferenceFormat = new RegExp(
    settings.get('caseReferenceFormat') ?? DEFAULT_CASE_REFERENCE_FORMAT,
  );
  const agencyLeads = JSON.parse(settings.get('agencyLeads') ?? '{}') as Record<string, PersonRef>;
  const me = { id: session.user.id, displayName: session.user.displayName };
  const now = () => new Date();
  const outbox = createOutbox(graph, siteLists, { me, now });
  // Card links open the record in the tab: in Teams by deep link, locally at this page's own address.
  const links: LinkBase =
    c.mode === 'emulator'
      ? { mode: 'local', tabUrl: window.location.origin }
      : { mode: 'teams', teamsAppId: c.teamsAppId, tenantId: c.tenantId };
  // The format anchors a whole reference; within a card's text it is found between word boundaries.
  const cards = {
    links,
    caseReference: new RegExp(`\\b${caseReferenceFormat.source.replace(/^\^|\$$/g, '')}\\b`),
  };
  const itemPermissions = rest ? createTabItemPermissions(rest, graph, siteLists) : undefined;
  const programme = createProgrammeService(graph, siteLists, {
    outbox,
    cards,
    channel: { teamId: c.teamId, channelId: c.channelId },
    me,
    now,
    ...(itemPermissions ? { itemPermissions } : {}),
  });
  return {
    config: c,
    session,
    graph,
    siteLists,
    repositories,
    auditWorkspace: createAuditWorkspace(graph, siteLists),
    gradingScale,
    outbox,
    programme,
    caseReferenceFormat,
    agencyLeads,
    now,
    role,
  };
}
