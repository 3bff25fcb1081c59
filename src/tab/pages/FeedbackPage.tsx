import { Button, Link, Switch } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { MESSAGES, type UserMessage } from '../../domain/messages.js';
import { counted } from '../../domain/plural.js';
import { feedbackAuditFacts } from '../../graph/feedback.js';
import { ProgressField } from '../components/ProgressField/ProgressField.js';
import { useNotifications } from '../services/NotificationSender.js';
import { type AgencyId, contributorLabel, isAgencyId } from '../../domain/agencies.js';
import { FEEDBACK_STAGE_LABELS } from '../../domain/feedback.js';
import { AUDIT_STATUS_LABELS, type Audit } from '../../domain/records.js';
import type { FeedbackRecord } from '../../graph/feedback.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { formatDate } from '../components/format.js';
import { PageFrame, Section } from '../components/PageFrame/PageFrame.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { hashOf } from '../routing/router.js';
import { useServices } from '../services/ServicesContext.js';

type Loaded = {
  /** Feedback sent to me, as a practitioner. */
  readonly mine: readonly FeedbackRecord[];
  /** Audits I write feedback for: as an agency's auditor or as the lead auditor. */
  readonly writing: readonly Audit[];
  /** As an agency lead: where my agencies' feedback stands (never its words). */
  readonly agencies: readonly AgencyId[];
  readonly agencyStates: readonly FeedbackRecord[];
  /** As a business manager: every feedback's state. */
  readonly all: readonly FeedbackRecord[] | undefined;
  /** The themes of the audits I write for, by id: their titles. */
  readonly themes: ReadonlyMap<string, string>;
  /** The partnership's setting: agency leads read their agency's sent feedback's words. */
  readonly leadsRead: boolean;
};

/**
 * The business manager's switch for the partnership's setting that lets each agency's lead read
 * the words and reflections of their agency's sent feedback. SharePoint enforces it: switching
 * stores the setting, then gives (or takes back) each lead Read on every sent feedback's items,
 * with a progress bar; a run cut short is finished by switching again.
 */
function AgencyLeadsSetting({ initial }: { initial: boolean }) {
  const { feedback } = useServices();
  const [on, setOn] = useState(initial);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | undefined>();
  const [failure, setFailure] = useState<UserMessage | undefined>();
  const change = async (next: boolean) => {
    setBusy(true);
    setResult(undefined);
    setFailure(undefined);
    setProgress(undefined);
    try {
      const { items } = await feedback.setAgencyLeadsRead(next, (done, total) =>
        setProgress({ done, total }),
      );
      setOn(next);
      setResult(
        next
          ? `Agency leads now read their agency's sent feedback: ${counted(items, 'item')} shared.`
          : `Agency leads no longer read the words of feedback: ${counted(items, 'item')} taken back.`,
      );
    } catch (e) {
      setFailure(MESSAGES.feedbackFailed(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Switch
        checked={on}
        disabled={busy}
        label="Agency leads may read the words and reflections of their agency's sent feedback"
        onChange={(_, d) => void change(d.checked)}
      />
      <ProgressField
        label="Changing who reads feedback"
        progress={busy ? progress : undefined}
        result={result}
        failure={failure}
        then="Switch it again to finish."
      />
    </div>
  );
}

/**
 * Sends every finished feedback I write for one theme's audits at once, with a progress bar: the
 * moves one after another, then the cards, which the outbox paces within Teams' limits.
 */
function ThemeSend({
  themeId,
  title,
  audits,
}: {
  themeId: string;
  title: string;
  audits: readonly Audit[];
}) {
  const { feedback, auditWorkspace, session } = useServices();
  const notifications = useNotifications();
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [result, setResult] = useState<string | undefined>();
  const [failure, setFailure] = useState<UserMessage | undefined>();
  const run = async () => {
    setResult(undefined);
    setFailure(undefined);
    setProgress({ done: 0, total: 0 });
    try {
      const jobs = [];
      for (const a of audits) {
        const ws = await auditWorkspace.load(a.id);
        const facts = feedbackAuditFacts(ws.audit, ws.contributions);
        const mine = (k: { agency: string }) =>
          ws.audit.leadAuditor?.id === session.user.id ||
          facts.contributions.some(
            (c) => c.agency === k.agency && c.auditor?.id === session.user.id,
          );
        for (const record of await feedback.forAudit(a.id))
          if ((record.stage === 'draft' || record.stage === 'ready') && mine(record))
            jobs.push({ facts, record });
      }
      const { sent, refused } = await feedback.sendMany(jobs, (done, total) =>
        setProgress({ done, total }),
      );
      void notifications.send([]);
      setResult(
        `Feedback sent to ${counted(sent, 'practitioner')} for ${title}.` +
          (refused.length > 0
            ? ` Not sent to ${counted(refused.length, 'practitioner')}: ${refused.map((r) => `${r.record.practitioner.displayName} (${r.record.caseReference}): ${r.reason}`).join(' ')}`
            : ''),
      );
    } catch (e) {
      setFailure(MESSAGES.feedbackFailed(e));
    }
  };
  const busy = progress !== undefined && result === undefined && failure === undefined;
  return (
    <div data-theme={themeId}>
      <Button disabled={busy} onClick={() => void run()}>
        Send every finished feedback for {title}
      </Button>
      <ProgressField
        label={`Sending feedback for ${title}`}
        progress={progress}
        result={result}
        failure={failure}
      />
    </div>
  );
}

/** Feedback once its writers have started it: the audit's own stages past moderation or in it. */
const WRITING = new Set(['inProgress', 'moderation', 'awaitingSignOff', 'returned', 'signedOff']);

/**
 * Feedback, as each person meets it: a practitioner's own ("My feedback"), the audits a person
 * writes feedback for, an agency lead's view of their agency's acknowledgements (the state, not
 * the words: SharePoint keeps those from them), and the business manager's whole list.
 */
export function FeedbackPage() {
  const { feedback, repositories, session, role, agencyLeads } = useServices();
  const load = useCallback(async (): Promise<Loaded> => {
    const me = session.user.id;
    const mine = await feedback.mine();
    if (role === 'practitioner')
      return {
        mine,
        writing: [],
        agencies: [],
        agencyStates: [],
        all: undefined,
        themes: new Map(),
        leadsRead: false,
      };
    const agencies = Object.entries(agencyLeads)
      .filter(([agency, lead]) => lead.id === me && isAgencyId(agency))
      .map(([agency]) => agency as AgencyId);
    const [audits, contributions, agencyStates, all, programme, leadsRead] = await Promise.all([
      repositories.audits.list(),
      repositories.contributions.assignedTo(me),
      feedback.forAgencies(agencies),
      role === 'businessManager' ? feedback.all() : Promise.resolve(undefined),
      repositories.programme.list(),
      feedback.agencyLeadsRead(),
    ]);
    const mineToWrite = new Set<string>(contributions.map((c) => c.auditId));
    const writing = audits.filter(
      (a) => WRITING.has(a.status) && (a.leadAuditor?.id === me || mineToWrite.has(a.id)),
    );
    const themes = new Map<string, string>(programme.map((t) => [t.id, t.title]));
    return { mine, writing, agencies, agencyStates, all, themes, leadsRead };
  }, [feedback, repositories, session.user.id, role, agencyLeads]);
  const { state, retry } = useAsync(load);
  const states = (caption: string, rows: readonly FeedbackRecord[], linked: boolean) => (
    <RecordTable
      caption={caption}
      rows={[...rows]}
      rowKey={(r) => r.id}
      columns={[
        {
          key: 'to',
          header: 'Practitioner',
          // Linked where this person may read the words: SharePoint refuses anyone else anyway.
          cell: (r) =>
            linked && (r.stage === 'sent' || r.stage === 'acknowledged') ? (
              <Link href={hashOf({ area: 'feedbackItem', id: r.id })}>
                {r.practitioner.displayName}
              </Link>
            ) : (
              r.practitioner.displayName
            ),
        },
        { key: 'case', header: 'Case', cell: (r) => r.caseReference },
        { key: 'agency', header: 'Agency', cell: (r) => contributorLabel(r.agency) },
        { key: 'stage', header: 'Stage', cell: (r) => FEEDBACK_STAGE_LABELS[r.stage] },
        { key: 'sent', header: 'Sent', cell: (r) => formatDate(r.sentAt) },
        { key: 'ack', header: 'Acknowledged', cell: (r) => formatDate(r.acknowledgedAt) },
        {
          key: 'talk',
          header: 'Conversation asked for',
          cell: (r) => (r.conversationRequestedAt ? formatDate(r.conversationRequestedAt) : 'No'),
        },
      ]}
    />
  );
  return (
    <PageFrame
      title="Feedback"
      intro="Swift feedback to the practitioners whose cases were audited: about practice, not blame."
    >
      <AsyncContent
        state={state}
        retry={retry}
        what="feedback"
        isEmpty={(d) =>
          d.mine.length === 0 &&
          d.writing.length === 0 &&
          d.agencies.length === 0 &&
          (d.all ?? []).length === 0
        }
        empty="No feedback has been sent to you yet."
      >
        {(d) => (
          <>
            {d.mine.length > 0 || role === 'practitioner' ? (
              <Section title="My feedback">
                <RecordTable
                  caption="Feedback to you"
                  rows={[...d.mine]}
                  rowKey={(r) => r.id}
                  columns={[
                    {
                      key: 'case',
                      header: 'Case',
                      cell: (r) => (
                        <Link href={hashOf({ area: 'feedbackItem', id: r.id })}>
                          Feedback on case {r.caseReference}
                        </Link>
                      ),
                    },
                    { key: 'agency', header: 'Agency', cell: (r) => contributorLabel(r.agency) },
                    { key: 'sent', header: 'Sent', cell: (r) => formatDate(r.sentAt) },
                    { key: 'stage', header: 'Stage', cell: (r) => FEEDBACK_STAGE_LABELS[r.stage] },
                  ]}
                />
              </Section>
            ) : null}
            {d.writing.length > 0 ? (
              <Section title="Feedback you write">
                <RecordTable
                  caption="Audits whose practitioners you write feedback to"
                  rows={[...d.writing]}
                  rowKey={(a) => a.id}
                  columns={[
                    {
                      key: 'case',
                      header: 'Case',
                      cell: (a) => (
                        <Link href={hashOf({ area: 'auditFeedback', auditId: a.id })}>
                          Feedback for {a.caseReference}
                        </Link>
                      ),
                    },
                    { key: 'status', header: 'Audit', cell: (a) => AUDIT_STATUS_LABELS[a.status] },
                  ]}
                />
                {[
                  ...new Set(d.writing.flatMap((a) => (a.themeId ? [a.themeId as string] : []))),
                ].map((themeId) => (
                  <ThemeSend
                    key={themeId}
                    themeId={themeId}
                    title={d.themes.get(themeId) ?? 'this theme'}
                    audits={d.writing.filter((a) => a.themeId === themeId)}
                  />
                ))}
              </Section>
            ) : null}
            {d.agencies.length > 0 ? (
              <Section title="Your agency's feedback">
                {states(
                  `Where ${d.agencies.map(contributorLabel).join(' and ')} feedback stands`,
                  d.agencyStates,
                  d.leadsRead,
                )}
              </Section>
            ) : null}
            {d.all ? (
              <Section title="All feedback">
                <AgencyLeadsSetting initial={d.leadsRead} />
                {states('All feedback to practitioners', d.all, true)}
              </Section>
            ) : null}
          </>
        )}
      </AsyncContent>
    </PageFrame>
  );
}
