import type { Client } from '@microsoft/microsoft-graph-client';
import { contributorLabel } from '../domain/agencies.js';
import { latestTool } from '../domain/tools/index.js';
import { auditFields, contributionFields, eventFields, themeFields } from '../graph/fields.js';
import { itemsPath, quote, type SiteLists } from '../graph/listItems.js';
import { ensureLevels, shareContribution, shareFeedback, shareItem } from '../graph/permissions.js';
import { answerFields, answerKey } from '../graph/sectionAnswers.js';
import type { SharePointRest } from '../graph/sharePointRest.js';
import type { ListName } from '../graph/schema.js';
import { storeDigest } from '../graph/digests.js';
import { parseDecisions, summaryOf } from '../graph/lifecycle.js';
import { readItem, readItems } from '../graph/listItems.js';
import { toAudit, toContribution } from '../graph/mappers.js';
import { toStoredAnswer } from '../graph/sectionAnswers.js';
import { MULTI_AGENCY } from '../domain/agencies.js';
import { toolVersion } from '../domain/tools/index.js';
import {
  DEMO_ACTIONS,
  DEMO_AUDITS,
  demoLifecycleFields,
  DEMO_FEEDBACK,
  DEMO_NOTICE,
  DEMO_REPORT,
  DEMO_THEMES,
  DEMO_YEAR,
  demoAnswers,
  demoContributors,
  PEOPLE,
  type PersonKey,
} from './demoData.js';

type Person = { id: string; displayName: string };

const DAY = 86_400_000;
const isoDay = (now: number, days: number) =>
  new Date(now + days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Seeds the fictional demo records through Graph, as any client would write them: never into the
 * emulator's tables. Does nothing when the demo data is already there, so a second start keeps
 * what people changed.
 */
export async function seedDemoData(
  client: Client,
  lists: SiteLists,
  now = Date.now(),
  /** SharePoint's REST API, to give contributions and feedback their own permissions. */
  rest?: SharePointRest,
  /**
   * A client signed in as another person (by sign-in name): each auditor's answers are written
   * as that auditor, so that they can go on editing them (SharePoint lets each person edit only
   * the answers they wrote). Without it the business manager writes them.
   */
  clientAs?: (upn: string) => Client,
): Promise<'seeded' | 'alreadySeeded'> {
  const marker = await client
    .api(itemsPath(lists, 'PartnershipSettings'))
    .filter(`fields/Key eq ${quote('demoData')}`)
    .get();
  if ((marker.value as unknown[]).length > 0) return 'alreadySeeded';

  const people = new Map<PersonKey, Person>();
  for (const [key, upn] of Object.entries(PEOPLE) as Array<[PersonKey, string]>) {
    const user = (await client
      .api(`/users/${encodeURIComponent(upn)}`)
      .select('id,displayName')
      .get()) as Person;
    people.set(key, user);
  }
  const who = (key: PersonKey) => people.get(key) as Person;
  const site = rest ? await ensureLevels(rest) : undefined;
  const create = async (list: ListName, fields: Record<string, unknown>) =>
    ((await client.api(itemsPath(lists, list)).post({ fields })) as { id: string }).id;

  const themeIds: string[] = [];
  for (const t of DEMO_THEMES) {
    themeIds.push(
      await create('AuditProgrammes', {
        ...themeFields({ ...t, year: DEMO_YEAR }),
        ThemeKey: `demo-theme-${themeIds.length}`,
        Status: t.status,
        ...(t.status === 'published' ? { PublishedAt: isoDay(now, -200) } : {}),
        Notes: DEMO_NOTICE,
      }),
    );
  }
  const auditIds: string[] = [];
  // Sign-off's demo audit comes last, so that the others keep their places (feedback names them).
  for (const a of DEMO_AUDITS) {
    const manager = who('businessManager');
    const id = await create('Audits', {
      ...auditFields({
        caseReference: a.caseReference,
        category: a.category,
        themeId: themeIds[a.theme] as string,
        status: a.status,
        tool: latestTool(a.category),
        periodStart: isoDay(now, -365),
        periodEnd: isoDay(now, -1),
        agencies: a.agencies.map((x) => x.agency),
        leadAuditor: who(a.lead),
        signOffManager: who(a.signOff),
        commissionedBy: manager,
        commissionedAt: isoDay(now, -40),
        dueDate: isoDay(now, a.dueInDays),
      }),
      AuditKey: `demo:${a.caseReference}`,
      ...(a.childAtRisk
        ? {
            ChildAtRisk: true,
            ChildAtRiskReason: a.childAtRisk.reason,
            ChildAtRiskRaisedById: who(a.childAtRisk.raisedBy).id,
            ChildAtRiskRaisedAt: isoDay(now, -2),
            ChildAtRiskNotifiedAt: isoDay(now, -2),
          }
        : {}),
      ...demoLifecycleFields(a, now, who(a.signOff)),
    });
    auditIds.push(id);
    for (const c of demoContributors(a)) {
      const contributionId = await create(
        'AgencyContributions',
        contributionFields({
          auditId: id,
          caseReference: a.caseReference,
          contributor: c.contributor,
          auditor: who(c.auditor),
          status: c.progress.status,
          dueDate: isoDay(now, a.dueInDays),
        }),
      );
      // Each contribution editable by its auditor and the lead auditor; the lead's own by the lead.
      if (rest && site)
        await shareContribution(rest, site, lists.listIds, contributionId, {
          auditor: PEOPLE[c.auditor],
          ...(c.auditor === a.lead ? {} : { leadAuditor: PEOPLE[a.lead] }),
        });
      const writer = clientAs ? clientAs(PEOPLE[c.auditor]) : client;
      for (const { sectionId, answer } of demoAnswers(a, c.contributor, c.progress))
        await writer.api(itemsPath(lists, 'SectionAnswers')).post({
          fields: {
            Title: `${id} ${contributorLabel(c.contributor)} ${sectionId}`,
            AnswerKey: answerKey(id, c.contributor, sectionId),
            AuditId: Number(id),
            Contributor: c.contributor,
            SectionId: sectionId,
            ...answerFields(answer),
          },
        });
    }
    await create(
      'AuditEvents',
      eventFields(
        {
          key: `commissioned|audit:${id}`,
          auditId: id,
          type: 'commissioned',
          actor: manager,
          details: DEMO_NOTICE,
        },
        isoDay(now, -40),
      ),
    );
  }
  // The overview report's digest of each signed-off audit, as sign-off keeps it (docs/report.md).
  for (const [i, a] of DEMO_AUDITS.entries())
    if (a.status === 'signedOff') await seedDigest(client, lists, auditIds[i] as string);
  const reportId = await create('OverviewReports', {
    Title: DEMO_REPORT.title,
    Scope: DEMO_REPORT.scope,
    Status: 'published',
    PublishedAt: isoDay(now, -20),
    ReauditDue: isoDay(now, 180),
    Body: DEMO_NOTICE,
  });
  for (const action of DEMO_ACTIONS) {
    const owner = who(action.owner);
    await create('Actions', {
      Title: action.title,
      ReportId: Number(reportId),
      Agency: action.agency,
      OwnerId: owner.id,
      OwnerName: owner.displayName,
      DueDate: isoDay(now, action.dueInDays),
      Status: action.status,
      DifferenceForChildren: DEMO_NOTICE,
    });
  }
  for (const f of DEMO_FEEDBACK) {
    const practitioner = who(f.practitioner);
    const audit = DEMO_AUDITS[f.audit];
    const sender = who(audit?.lead ?? 'lead');
    const key = `${auditIds[f.audit]}:${f.agency}:${practitioner.id}`;
    // The state: the practitioner's own moves are on their reply (below), not here.
    const feedbackId = await create('Feedback', {
      Title: `Feedback on ${audit?.caseReference}`,
      FeedbackKey: key,
      AuditId: Number(auditIds[f.audit]),
      CaseReference: audit?.caseReference,
      PractitionerId: practitioner.id,
      PractitionerName: practitioner.displayName,
      Agency: f.agency,
      Status: 'sent',
      SentAt: isoDay(now, -18),
      SentById: sender.id,
      SentByName: sender.displayName,
    });
    // The words apart from the state: the agency lead reads the state, never the words.
    const wordsId = await create('FeedbackWords', {
      Title: `Feedback on ${audit?.caseReference}`,
      FeedbackKey: key,
      AuditId: Number(auditIds[f.audit]),
      WorkedWell: DEMO_NOTICE,
      DoDifferently: DEMO_NOTICE,
      DifferenceForChild: DEMO_NOTICE,
    });
    // The practitioner's reply, as sending makes it: its dates and its reflection.
    const reply = (part: 'dates' | 'reflection', fields: Record<string, unknown>) =>
      create('FeedbackReplies', {
        Title: `Reply on ${audit?.caseReference}`,
        ReplyKey: `${key}|${part}`,
        Part: part,
        AuditId: Number(auditIds[f.audit]),
        Agency: f.agency,
        PractitionerId: practitioner.id,
        PractitionerName: practitioner.displayName,
        ...fields,
      });
    const datesId = await reply('dates', {
      // As sending writes them: the agency's grades agreed when the audit went for sign-off
      // (demoLifecycleFields), and the feedback sent with the state above.
      AgreedAt: isoDay(now, -35),
      SentAt: isoDay(now, -18),
      ...(f.status === 'acknowledged'
        ? { ReadAt: isoDay(now, -17), AcknowledgedAt: isoDay(now, -16) }
        : {}),
    });
    const reflectionId = await reply(
      'reflection',
      f.status === 'acknowledged' ? { Reflection: DEMO_NOTICE } : {},
    );
    if (rest && site) {
      const lead = PEOPLE[audit?.lead ?? 'lead'];
      const mine = PEOPLE[f.practitioner];
      await shareFeedback(rest, site, lists.listIds, feedbackId, mine);
      await shareItem(
        rest,
        site,
        lists.listIds.FeedbackWords,
        wordsId,
        [
          { userPrincipalName: lead, level: 'Share feedback' },
          { userPrincipalName: mine, level: 'Read' },
        ],
        { auditTeamReads: false },
      );
      for (const [id, auditTeamReads] of [
        [datesId, true],
        [reflectionId, false],
      ] as const)
        await shareItem(
          rest,
          site,
          lists.listIds.FeedbackReplies,
          id,
          [
            { userPrincipalName: lead, level: 'Read and share' },
            { userPrincipalName: mine, level: 'Edit items' },
          ],
          { auditTeamReads },
        );
    }
  }
  await create('PartnershipSettings', {
    Title: 'gradingScale',
    Key: 'gradingScale',
    Value: 'current',
  });
  // Who leads each agency: they see where their agency's feedback stands, never its words.
  await create('PartnershipSettings', {
    Title: 'agencyLeads',
    Key: 'agencyLeads',
    Value: JSON.stringify({
      socialCare: who('leadCare'),
      health: who('leadHealth'),
      police: who('leadPolice'),
    }),
  });
  await create('PartnershipSettings', { Title: 'demoData', Key: 'demoData', Value: DEMO_NOTICE });
  return 'seeded';
}

/** The digest of a signed-off demo audit, from its stored answers, as the lifecycle keeps it. */
async function seedDigest(client: Client, lists: SiteLists, auditId: string): Promise<void> {
  const byAudit = { filter: `fields/AuditId eq ${Number(auditId)}` };
  const [auditItem, contributionItems, answerItems] = await Promise.all([
    readItem(client, lists, 'Audits', auditId),
    readItems(client, lists, 'AgencyContributions', byAudit),
    readItems(client, lists, 'SectionAnswers', byAudit),
  ]);
  const audit = toAudit(auditItem);
  const multi = contributionItems.find((i) => i.fields['Agency'] === MULTI_AGENCY);
  const stored = multi?.fields['ModerationDecisions'];
  const contributions = contributionItems.map(toContribution);
  const summary = summaryOf({
    audit,
    tool: toolVersion(audit.category, audit.toolVersion),
    contributions,
    answers: answerItems.map(toStoredAnswer),
    decisions: multi ? parseDecisions(typeof stored === 'string' ? stored : '', multi.id) : [],
  });
  await storeDigest(client, lists, {
    audit,
    auditItem,
    contributions,
    summary,
    signedOffAt: audit.signedOffAt ?? new Date().toISOString(),
    answers: answerItems.map(toStoredAnswer),
  });
}
