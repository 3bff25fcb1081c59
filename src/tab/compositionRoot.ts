import type { LinkBase } from '../domain/cards/links.js';
import { DEFAULT_CASE_REFERENCE_FORMAT } from '../domain/commissioning.js';
import { partnershipCaseReferenceFormat } from '../domain/guard/caseReferenceFormat.js';
import { extendGuardLists } from '../domain/guard/identifyingDetail.js';
import { DEFAULT_SCALE, GRADING_SCALES, type GradingScale } from '../domain/grading.js';
import type { PersonRef } from '../domain/records.js';
import { createOutbox, type Outbox } from '../graph/outbox.js';
import { createProgrammeService, type ProgrammeService } from '../graph/programme.js';
import { type AuditWorkspaceRepository, createAuditWorkspace } from '../graph/auditWorkspace.js';
import { type ChildAtRiskService, createChildAtRisk } from '../graph/childAtRisk.js';
import { createGraphClient } from '../graph/client.js';
import { createLifecycleService, type LifecycleService } from '../graph/lifecycle.js';
import { createFeedbackService, type FeedbackService } from '../graph/feedback.js';
import type { SiteRole } from '../domain/access.js';
import { createItemPermissions, readSiteRole } from '../graph/permissions.js';
import { resolveSiteId } from '../graph/provision.js';
import { findSiteLists } from '../graph/listItems.js';
import { createPeopleSearch, type PeopleSearch, userPrincipalNameOf } from '../graph/people.js';
import { createRepositories, type Repositories } from '../graph/repositories.js';
import { createRegister, type Register } from '../graph/register.js';
import { createReportService, feedbackTargets, type ReportService } from '../graph/reports.js';
import type { TimelinessTargets } from '../domain/feedback.js';
import { type ActionPlan, createActionPlan } from '../graph/actionPlan.js';
import { isAgencyId } from '../domain/agencies.js';
import { createSharePointRest, type SharePointRest } from '../graph/sharePointRest.js';
import { LIST_NAMES } from '../graph/schema.js';
import type { AppConfig } from './config.js';
import type { HostSession } from './host/host.types.js';
import { graphOrigin } from './host/startHost.js';
import { NotSharedError } from './services/NotSharedError.js';

/**
 * The one composition root: builds the Graph client, the repositories and the services for a
 * signed-in session, which Boot hands to React through context. Nothing else creates a client.
 * It is a chunk of its own (with the whole graph layer), fetched while the host starts, so the
 * first screen never waits on it; the host itself is chosen in host/startHost.ts.
 */

export type Services = {
  readonly config: AppConfig;
  readonly session: HostSession;
  readonly repositories: Repositories;
  readonly auditWorkspace: AuditWorkspaceRepository;
  /** The partnership's wording of the grades (a setting: current, or the 2009 wording). */
  readonly gradingScale: GradingScale;
  readonly outbox: Outbox;
  readonly childAtRisk: ChildAtRiskService;
  /** The people picker's search: components never call Graph themselves. */
  readonly people: PeopleSearch;
  readonly programme: ProgrammeService;
  /** Every audit, filtered and paged on indexed columns, and the overview of the year. */
  readonly register: Register;
  /** Moderation, sign-off and every other move of an audit's lifecycle, and its trail. */
  readonly lifecycle: LifecycleService;
  /** Feedback to practitioners: naming, writing, sending, reading and acknowledging it. */
  readonly feedback: FeedbackService;
  readonly caseReferenceFormat: RegExp;
  /** Why the partnership's own format was refused (the default is then used), if it was. */
  readonly caseReferenceFormatProblem?: string;
  /** Agency id to the person who owns its actions, from the partnership's settings. */
  readonly agencyLeads: Readonly<Record<string, PersonRef>>;
  readonly now: () => Date;
  /** What the tab shows this person; SharePoint enforces it whatever the tab shows. */
  readonly role: SiteRole;
  /** Overview reports: their versions, and the digests they are computed from (docs/report.md). */
  readonly reports: ReportService;
  /** The action plan: actions added from recommendations, updated by their owners. */
  readonly actionPlan: ActionPlan;
};

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

/**
 * The feedback targets as read at the tab's start, with the grading scale: a report reads no
 * settings of its own. A target set to nonsense is left for the report to read and say.
 */
function reportTargets(settings: ReadonlyMap<string, string>): TimelinessTargets | undefined {
  try {
    return feedbackTargets(settings);
  } catch {
    return undefined;
  }
}

export async function composeServices(c: AppConfig, session: HostSession): Promise<Services> {
  // The guard's larger word and name lists arrive after the first view, in a chunk of their own;
  // until then (or if the chunk cannot load) the guard uses its own lists, which stop more.
  import(/* webpackChunkName: "guard-lists" */ '../domain/guard/lists.js').then(
    (m) => extendGuardLists(m.GUARD_LISTS),
    (e: unknown) => console.warn('The guard keeps its own lists: the larger ones did not load.', e),
  );
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
  // A format that would admit free text is refused: the default is used, and the reason shown.
  const { format: caseReferenceFormat, problem: caseReferenceFormatProblem } =
    partnershipCaseReferenceFormat(
      settings.get('caseReferenceFormat'),
      DEFAULT_CASE_REFERENCE_FORMAT,
    );
  const agencyLeads = JSON.parse(settings.get('agencyLeads') ?? '{}') as Record<string, PersonRef>;
  const me = { id: session.user.id, displayName: session.user.displayName };
  const now = () => new Date();
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
  const outbox = createOutbox(graph, siteLists, { me, now, cards });
  const itemPermissions = rest
    ? createItemPermissions(rest, siteLists.listIds, userPrincipalNameOf(graph))
    : undefined;
  const programme = createProgrammeService(graph, siteLists, {
    outbox,
    cards,
    channel: { teamId: c.teamId, channelId: c.channelId },
    me,
    now,
    ...(itemPermissions ? { itemPermissions } : {}),
  });
  const lifecycle = createLifecycleService(graph, siteLists, {
    outbox,
    me,
    isBusinessManager: role === 'businessManager',
    now,
    allowed: [cards.caseReference],
    channel: { teamId: c.teamId, channelId: c.channelId },
    ...(itemPermissions ? { itemPermissions } : {}),
  });
  const feedback = createFeedbackService(graph, siteLists, {
    outbox,
    me,
    now,
    allowed: [cards.caseReference],
    ...(itemPermissions ? { itemPermissions } : {}),
  });
  return {
    config: c,
    session,
    repositories,
    lifecycle,
    feedback,
    auditWorkspace: createAuditWorkspace(graph, siteLists),
    gradingScale,
    outbox,
    childAtRisk: createChildAtRisk(graph, siteLists, { outbox, agencyLeads, me, now }),
    people: createPeopleSearch(graph),
    programme,
    register: createRegister(graph, siteLists),
    caseReferenceFormat,
    caseReferenceFormatProblem,
    agencyLeads,
    now,
    role,
    reports: createReportService(graph, siteLists, { targets: reportTargets(settings) }),
    actionPlan: createActionPlan(graph, siteLists, {
      actor: {
        person: me,
        isBusinessManager: role === 'businessManager',
        leadsAgencies: Object.entries(agencyLeads).flatMap(([agency, lead]) =>
          isAgencyId(agency) && lead.id === me.id ? [agency] : [],
        ),
      },
      now,
      ...(itemPermissions ? { itemPermissions } : {}),
    }),
  };
}
