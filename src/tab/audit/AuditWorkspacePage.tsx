import {
  Badge,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { contributorLabel, MULTI_AGENCY } from '../../domain/agencies.js';
import { progressOf } from '../../domain/answers.js';
import {
  type AgencyContribution,
  type Audit,
  AUDIT_STATUS_LABELS,
  CATEGORY_LABELS,
} from '../../domain/records.js';
import type { Workspace } from '../../graph/auditWorkspace.js';
import { useNotifications } from '../services/NotificationSender.js';
import { useServices } from '../services/ServicesContext.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { DueDate } from '../components/format.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { PageFrame, Section } from '../components/PageFrame/PageFrame.js';
import { ChildAtRiskDialog } from './ChildAtRiskDialog.js';
import { ContributionForm } from './ContributionForm.js';
import { useContributionEditor } from './useContributionEditor.js';
import { MESSAGES, type UserMessage } from '../../domain/messages.js';
import { UserMessageText } from '../components/UserMessage/UserMessage.js';

// Moderation, sign-off and the trail: a chunk of their own, fetched with the audit page.
const LifecyclePanel = lazy(() =>
  import(/* webpackChunkName: "lifecycle" */ './LifecyclePanel.js').then((m) => ({
    default: m.LifecyclePanel,
  })),
);

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0 },
});

const CONTRIBUTION_STATUS = {
  notStarted: 'Not started',
  inProgress: 'In progress',
  submitted: 'Submitted',
  returned: 'Returned',
} as const;

/** One audit: its header, the child-at-risk escalation, every contributor's progress, and the form of the signed-in auditor. */
export function AuditWorkspacePage({ id }: { id: string }) {
  const { auditWorkspace } = useServices();
  const load = useCallback(() => auditWorkspace.load(id), [auditWorkspace, id]);
  const { state, retry } = useAsync(load);
  const title = state.status === 'ready' ? `Audit ${state.data.audit.caseReference}` : 'Audit';
  return (
    <PageFrame title={title}>
      <AsyncContent
        state={state}
        retry={retry}
        what={`audit ${id}`}
        isEmpty={() => false}
        empty={null}
      >
        {(ws) => <WorkspaceView initial={ws} />}
      </AsyncContent>
    </PageFrame>
  );
}

function WorkspaceView({ initial }: { initial: Workspace }) {
  const styles = useStyles();
  const { auditWorkspace, session, now, gradingScale, childAtRisk } = useServices();
  const notifications = useNotifications();
  const me = useMemo(
    () => ({ id: session.user.id, displayName: session.user.displayName }),
    [session.user],
  );
  const [audit, setAudit] = useState<Audit>(initial.audit);
  const [contributions, setContributions] = useState(initial.contributions);
  const isLead = audit.leadAuditor?.id === me.id;
  const leadContribution = contributions.find((c) => c.contributor === MULTI_AGENCY);
  const [leadError, setLeadError] = useState<UserMessage | undefined>();

  useEffect(() => {
    if (!isLead || leadContribution) return;
    auditWorkspace.ensureContribution(initial.audit, MULTI_AGENCY, me).then(
      (c) => setContributions((all) => [...all.filter((x) => x.contributor !== MULTI_AGENCY), c]),
      (e: unknown) => setLeadError(MESSAGES.leadOpenFailed(e)),
    );
  }, [isLead, leadContribution, auditWorkspace, initial.audit, me]);

  const mine = contributions.filter(
    (c) =>
      (c.contributor !== MULTI_AGENCY && c.auditor?.id === me.id) ||
      (c.contributor === MULTI_AGENCY && isLead),
  );
  const [active, setActive] = useState<string | undefined>(undefined);
  const current = mine.find((c) => c.contributor === active) ?? mine[0];
  const replace = useCallback(
    (c: AgencyContribution) => setContributions((all) => all.map((x) => (x.id === c.id ? c : x))),
    [],
  );

  const agencyGrades = (sectionId: string) =>
    contributions
      .filter((c) => c.contributor !== MULTI_AGENCY)
      .map((c) => {
        const stored = initial.answers.find(
          (a) => a.contributor === c.contributor && a.sectionId === sectionId,
        )?.answer;
        const grade =
          stored?.kind === 'notApplicable'
            ? 'not applicable'
            : stored?.grade
              ? gradingScale.labels[stored.grade]
              : 'not graded yet';
        return { agency: contributorLabel(c.contributor), grade };
      });

  return (
    <>
      {audit.childAtRisk && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Child at risk now: escalated.</MessageBarTitle>
            {audit.childAtRiskReason}
          </MessageBarBody>
        </MessageBar>
      )}
      <dl className={styles.facts}>
        <dt className={styles.term}>Category</dt>
        <dd className={styles.value}>
          {CATEGORY_LABELS[audit.category]} (tool version {initial.tool.version})
        </dd>
        <dt className={styles.term}>Status</dt>
        <dd className={styles.value}>{AUDIT_STATUS_LABELS[audit.status]}</dd>
        <dt className={styles.term}>Lead auditor</dt>
        <dd className={styles.value}>{audit.leadAuditor?.displayName ?? '—'}</dd>
        <dt className={styles.term}>Sign-off manager</dt>
        <dd className={styles.value}>{audit.signOffManager?.displayName ?? '—'}</dd>
        <dt className={styles.term}>Due</dt>
        <dd className={styles.value}>
          <DueDate
            iso={audit.dueDate}
            finished={audit.status === 'signedOff' || audit.status === 'closed'}
            now={now()}
          />
        </dd>
      </dl>
      {
        <ChildAtRiskDialog
          raised={audit.childAtRisk}
          onRaise={async (reason) => {
            // The service queues the event and the cards with the flag; the sender then sends them.
            setAudit(await childAtRisk.raise(audit, reason));
            void notifications.send([]);
          }}
        />
      }
      <Section title="Progress by agency">
        <RecordTable
          caption="Each contributor's progress"
          rows={contributions}
          rowKey={(c) => c.id}
          columns={[
            { key: 'who', header: 'Contributor', cell: (c) => contributorLabel(c.contributor) },
            { key: 'auditor', header: 'Auditor', cell: (c) => c.auditor?.displayName ?? '—' },
            {
              key: 'status',
              header: 'Status',
              cell: (c) =>
                c.status === 'submitted' ? (
                  <Badge appearance="tint" color="success">
                    Submitted
                  </Badge>
                ) : (
                  CONTRIBUTION_STATUS[c.status]
                ),
            },
            {
              key: 'sections',
              header: 'Sections complete',
              cell: (c) => {
                const answers = Object.fromEntries(
                  initial.answers
                    .filter((a) => a.contributor === c.contributor)
                    .map((a) => [a.sectionId, a.answer]),
                );
                const p = progressOf(initial.tool, c.contributor, answers);
                return `${p.done} of ${p.total}`;
              },
            },
          ]}
        />
      </Section>
      {leadError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <UserMessageText message={leadError} />
          </MessageBarBody>
        </MessageBar>
      )}
      <Suspense fallback={<Spinner size="small" label="Opening moderation and sign-off…" />}>
        <LifecyclePanel
          auditId={audit.id}
          onAuditChange={(a) => {
            setAudit(a);
            // A move may have returned a contribution: its row shows the new status.
            void auditWorkspace.load(a.id).then(
              (ws) => setContributions(ws.contributions),
              (e: unknown) => setLeadError(MESSAGES.loadFailed("the audit's contributions", e)),
            );
          }}
        />
      </Suspense>
      {current ? (
        <Section title="Your contribution">
          {current.status === 'returned' && current.returnComments && (
            <MessageBar intent="warning">
              <MessageBarBody>
                <MessageBarTitle>Returned by the lead auditor</MessageBarTitle>
                {current.returnComments}
              </MessageBarBody>
            </MessageBar>
          )}
          {mine.length > 1 && (
            <TabList
              selectedValue={current.contributor}
              onTabSelect={(_, d) => setActive(String(d.value))}
              aria-label="Which contribution"
            >
              {mine.map((c) => (
                <Tab key={c.id} value={c.contributor}>
                  {contributorLabel(c.contributor)}
                </Tab>
              ))}
            </TabList>
          )}
          <EditorView
            key={current.id}
            workspace={initial}
            audit={audit}
            contribution={current}
            onContributionChange={replace}
            {...(current.contributor === MULTI_AGENCY ? { agencyGrades } : {})}
          />
        </Section>
      ) : (
        <Text as="p">You are not an auditor on this audit: you can follow its progress here.</Text>
      )}
    </>
  );
}

function EditorView({
  workspace,
  audit,
  contribution,
  onContributionChange,
  agencyGrades,
}: {
  workspace: Workspace;
  audit: Audit;
  contribution: AgencyContribution;
  onContributionChange: (c: AgencyContribution) => void;
  agencyGrades?: (sectionId: string) => ReadonlyArray<{ agency: string; grade: string }>;
}) {
  const { auditWorkspace, session, now, gradingScale } = useServices();
  const me = useMemo(
    () => ({ id: session.user.id, displayName: session.user.displayName }),
    [session.user],
  );
  const editor = useContributionEditor({
    repo: auditWorkspace,
    audit,
    tool: workspace.tool,
    contribution,
    stored: workspace.answers,
    me,
    now,
    onContributionChange,
  });
  return (
    <ContributionForm
      tool={workspace.tool}
      contribution={contribution}
      editor={editor}
      scale={gradingScale}
      {...(agencyGrades ? { agencyGrades } : {})}
    />
  );
}
