import {
  Badge,
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import {
  type AgencyId,
  contributorLabel,
  isAgencyId,
  MULTI_AGENCY,
} from '../../domain/agencies.js';
import { GRADES, type Grade } from '../../domain/grading.js';
import type { MoveKind } from '../../domain/lifecycle.js';
import type { AreaSummary, ModerationSummary } from '../../domain/moderation.js';
import { AUDIT_STATUS_LABELS, type Audit } from '../../domain/records.js';
import type { AuditCase, MoveOutcome, MoveRequest, TrailEntry } from '../../graph/lifecycle.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { Section } from '../components/PageFrame/PageFrame.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { useNotifications } from '../services/NotificationSender.js';
import { useServices } from '../services/ServicesContext.js';
import { MESSAGES, sentenceOf, type UserMessage } from '../../domain/messages.js';
import { UserMessageText } from '../components/UserMessage/UserMessage.js';
import { GradesAgreement } from './GradesAgreement.js';

/**
 * Moderation, sign-off and the trail of one audit. The buttons are the moves the domain says this
 * person could make now; a refusal shows the domain's sentence and keeps what was typed. Every
 * write goes through the lifecycle service (src/graph/lifecycle.ts).
 */

const useStyles = makeStyles({
  area: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  agency: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
  },
  evidence: { whiteSpace: 'pre-wrap', margin: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    maxWidth: '40rem',
  },
});

const MOVE_LABELS: Record<MoveKind, string> = {
  start: 'Start the audit',
  sendToModeration: 'Send to moderation',
  returnContribution: 'Return a contribution',
  sendForSignOff: 'Send for sign-off',
  signOff: 'Sign off',
  returnToModeration: 'Return with comments',
  close: 'Close the audit',
  withdraw: 'Withdraw the audit',
};

/** Moves that need words first: a form opens for them. */
const NEEDS_TEXT: readonly MoveKind[] = [
  'returnContribution',
  'signOff',
  'returnToModeration',
  'withdraw',
];

type Loaded = {
  readonly c: AuditCase;
  readonly trail: readonly TrailEntry[];
  /** Whether this load finished the follow-ups of a move of mine (its cards are to be sent). */
  readonly resumed: boolean;
};

export function LifecyclePanel({
  auditId,
  onAuditChange,
}: {
  auditId: string;
  onAuditChange?: (audit: Audit) => void;
}) {
  const { lifecycle } = useServices();
  const load = useCallback(async (): Promise<Loaded> => {
    const [c, trail] = await Promise.all([lifecycle.load(auditId), lifecycle.trail(auditId)]);
    // A move of mine whose findings or cards did not all land (the tab closed or failed after
    // the move) is finished before the audit is shown, each write keyed so nothing lands twice.
    const resumed = (await lifecycle.resume(c, trail)) === 'resumed';
    return { c, trail, resumed };
  }, [lifecycle, auditId]);
  const { state, retry } = useAsync(load);
  return (
    <AsyncContent
      state={state}
      retry={retry}
      what="moderation and sign-off"
      isEmpty={() => false}
      empty={null}
    >
      {(data) => (
        <LifecycleView
          key={data.c.audit.eTag}
          loaded={data}
          reload={retry}
          {...(onAuditChange ? { onAuditChange } : {})}
        />
      )}
    </AsyncContent>
  );
}

function LifecycleView({
  loaded,
  reload,
  onAuditChange,
}: {
  loaded: Loaded;
  reload: () => void;
  onAuditChange?: (audit: Audit) => void;
}) {
  const styles = useStyles();
  const { lifecycle, session, gradingScale } = useServices();
  const notifications = useNotifications();
  const { c, trail, resumed } = loaded;
  const { audit } = c;
  const send = notifications.send;
  useEffect(() => {
    if (resumed) void send([]);
  }, [resumed, send]);
  const summary = lifecycle.summary(c);
  const moves = lifecycle.available(c);
  const isLead = audit.leadAuditor?.id === session.user.id;
  const moderating = isLead && (audit.status === 'moderation' || audit.status === 'returned');
  const [open, setOpen] = useState<MoveKind | undefined>();
  const [text, setText] = useState('');
  const [agency, setAgency] = useState<AgencyId | ''>('');
  const [message, setMessage] = useState<
    | { intent: 'error' | 'success'; text: string }
    | { intent: 'error'; failure: UserMessage }
    | undefined
  >();
  const [busy, setBusy] = useState(false);

  const submittedAgencies = c.contributions.filter(
    (k) => k.contributor !== MULTI_AGENCY && k.status === 'submitted',
  );

  async function run(request: MoveRequest) {
    setBusy(true);
    setMessage(undefined);
    let outcome: MoveOutcome;
    try {
      outcome = await lifecycle.apply(c, request);
    } catch (e) {
      setMessage({ intent: 'error', failure: MESSAGES.moveFailed(e) });
      setBusy(false);
      return;
    }
    setBusy(false);
    if (outcome.kind !== 'moved') {
      // The text stays as typed: the person corrects it rather than typing it again.
      setMessage({ intent: 'error', text: outcome.reason });
      return;
    }
    void notifications.send([]);
    onAuditChange?.(outcome.audit);
    setOpen(undefined);
    setText('');
    reload();
  }

  function requestFor(kind: MoveKind): MoveRequest | undefined {
    switch (kind) {
      case 'returnContribution':
        return agency === '' ? undefined : { kind, agency, comments: text };
      case 'signOff':
        return { kind, note: text };
      case 'returnToModeration':
        return { kind, comments: text };
      case 'withdraw':
        return { kind, reason: text };
      default:
        return { kind } as MoveRequest;
    }
  }

  return (
    <>
      <Section title="Moderation and sign-off">
        <Text as="p">
          Status: <strong>{AUDIT_STATUS_LABELS[audit.status]}</strong>
          {audit.signOffDue && audit.status === 'awaitingSignOff'
            ? `, sign-off due ${audit.signOffDue}`
            : ''}
          {audit.signedOffAt
            ? `. Signed off by ${audit.signedOffBy?.displayName ?? 'the sign-off manager'} on ${audit.signedOffAt.slice(0, 10)}${audit.signOffNote ? `: “${audit.signOffNote}”` : ''}`
            : ''}
        </Text>
        {audit.status === 'returned' && audit.returnComments && (
          <MessageBar intent="warning">
            <MessageBarBody>
              <MessageBarTitle>Returned with comments by the sign-off manager</MessageBarTitle>
              {audit.returnComments}
            </MessageBarBody>
          </MessageBar>
        )}
        {moves.length > 0 && (
          <div className={styles.actions} role="group" aria-label="What you can do now">
            {moves.map((kind) => (
              <Button
                key={kind}
                appearance={open === kind ? 'primary' : 'secondary'}
                disabled={busy}
                aria-expanded={NEEDS_TEXT.includes(kind) ? open === kind : undefined}
                onClick={() => {
                  if (NEEDS_TEXT.includes(kind)) {
                    setOpen(open === kind ? undefined : kind);
                    setMessage(undefined);
                  } else void run({ kind } as MoveRequest);
                }}
              >
                {MOVE_LABELS[kind]}
              </Button>
            ))}
          </div>
        )}
        {open && (
          <form
            className={styles.form}
            aria-label={MOVE_LABELS[open]}
            onSubmit={(e) => {
              e.preventDefault();
              const request = requestFor(open);
              if (!request) {
                setMessage({ intent: 'error', text: 'Choose the contribution to return.' });
                return;
              }
              void run(request);
            }}
          >
            {open === 'returnContribution' && (
              <Field label="Contribution to return" required>
                <Select
                  value={agency}
                  onChange={(_, d) => setAgency(isAgencyId(d.value) ? d.value : '')}
                >
                  <option value="">Choose…</option>
                  {submittedAgencies.map((k) => (
                    <option key={k.id} value={k.contributor}>
                      {contributorLabel(k.contributor)}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            <Field
              label={
                open === 'signOff'
                  ? 'Note (optional)'
                  : open === 'withdraw'
                    ? 'Reason for withdrawing'
                    : 'Comments'
              }
              required={open !== 'signOff'}
              hint={
                open === 'signOff'
                  ? undefined
                  : 'No names, dates of birth, addresses or NHS numbers: case references only.'
              }
            >
              <Textarea value={text} onChange={(_, d) => setText(d.value)} resize="vertical" />
            </Field>
            <div className={styles.actions}>
              <Button type="submit" appearance="primary" disabled={busy}>
                {MOVE_LABELS[open]}
              </Button>
              <Button type="button" onClick={() => setOpen(undefined)}>
                Cancel
              </Button>
            </div>
          </form>
        )}
        {message && (
          <MessageBar intent={message.intent} role="alert">
            <MessageBarBody>
              {'failure' in message ? <UserMessageText message={message.failure} /> : message.text}
            </MessageBarBody>
          </MessageBar>
        )}
      </Section>
      <Section title="Moderation summary">
        <SummaryView summary={summary} scaleLabels={gradingScale.labels} />
      </Section>
      <GradesAgreement c={c} onChanged={reload} />
      {moderating && (
        <Section title="Moderate each area">
          <Text as="p">
            Each agency&apos;s grade and evidence beside your multi-agency judgement. Change a grade
            only with a reason: each change is a finding.
          </Text>
          {summary.areas.map((area) => (
            <ModerateArea
              key={area.sectionId}
              c={c}
              area={area}
              labels={gradingScale.labels}
              onSaved={reload}
            />
          ))}
        </Section>
      )}
      <Section title="Trail">
        <RecordTable
          caption="Every event of this audit, oldest first"
          rows={[...trail]}
          rowKey={(e) => e.id}
          columns={[
            {
              key: 'at',
              header: 'When',
              cell: (e) => new Date(e.at).toLocaleString('en-GB', { timeZone: 'Europe/London' }),
            },
            { key: 'who', header: 'Who', cell: (e) => e.actor?.displayName ?? '—' },
            { key: 'what', header: 'What', cell: (e) => e.details },
          ]}
        />
      </Section>
    </>
  );
}

function SummaryView({
  summary,
  scaleLabels,
}: {
  summary: ModerationSummary;
  scaleLabels: Readonly<Record<Grade, string>>;
}) {
  const differ = summary.areas.filter((a) => a.agenciesDiffer);
  return (
    <>
      {summary.findings.length === 0 ? (
        <Text as="p">No agency&apos;s grade has been changed in moderation.</Text>
      ) : (
        <RecordTable
          caption="Grades changed in moderation (findings)"
          rows={[...summary.findings]}
          rowKey={(f) => `${f.sectionId}:${f.agency}`}
          columns={[
            { key: 'area', header: 'Area', cell: (f) => f.areaTitle },
            { key: 'agency', header: 'Agency', cell: (f) => contributorLabel(f.agency) },
            { key: 'from', header: 'Agency grade', cell: (f) => scaleLabels[f.agencyGrade] },
            {
              key: 'to',
              header: 'Moderated grade',
              cell: (f) => (
                <>
                  {scaleLabels[f.moderatedGrade]}{' '}
                  <Badge appearance="tint" color={f.direction === 'lowered' ? 'danger' : 'success'}>
                    {f.direction}
                  </Badge>
                </>
              ),
            },
            { key: 'why', header: 'Reason', cell: (f) => f.reason },
          ]}
        />
      )}
      {differ.length > 0 && (
        <Text as="p">Agencies graded differently in: {differ.map((a) => a.title).join('; ')}.</Text>
      )}
      {summary.readiness.areasWithoutGrade.length > 0 && (
        <Text as="p">
          No multi-agency grade yet for: {summary.readiness.areasWithoutGrade.join('; ')}.
        </Text>
      )}
    </>
  );
}

function ModerateArea({
  c,
  area,
  labels,
  onSaved,
}: {
  c: AuditCase;
  area: AreaSummary;
  labels: Readonly<Record<Grade, string>>;
  onSaved: () => void;
}) {
  const styles = useStyles();
  const multi = area.multiAgencyNotApplicable
    ? 'not applicable'
    : area.multiAgencyGrade
      ? labels[area.multiAgencyGrade]
      : 'not given yet';
  return (
    <section className={styles.area} aria-label={area.title}>
      <Text as="h3" weight="semibold">
        {area.title}
      </Text>
      <Text as="p">Multi-agency grade: {multi}</Text>
      {area.agencies.map((a) => (
        <AgencyDecision
          key={a.agency}
          c={c}
          area={area}
          entry={a}
          labels={labels}
          onSaved={onSaved}
        />
      ))}
    </section>
  );
}

function AgencyDecision({
  c,
  area,
  entry,
  labels,
  onSaved,
}: {
  c: AuditCase;
  area: AreaSummary;
  entry: AreaSummary['agencies'][number];
  labels: Readonly<Record<Grade, string>>;
  onSaved: () => void;
}) {
  const styles = useStyles();
  const { lifecycle } = useServices();
  const name = contributorLabel(entry.agency);
  const [grade, setGrade] = useState<Grade | undefined>(
    entry.state === 'graded' ? entry.moderatedGrade : undefined,
  );
  const [reason, setReason] = useState(entry.state === 'graded' ? entry.reason : '');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const evidence = c.answers.find(
    (x) => x.contributor === entry.agency && x.sectionId === area.sectionId,
  )?.answer;
  if (entry.state !== 'graded')
    return (
      <Text as="p">
        {name}:{' '}
        {entry.state === 'notApplicable' ? `not applicable (${entry.reason})` : 'not graded'}
      </Text>
    );
  return (
    <div>
      <Text as="p">
        {name}&apos;s grade: <strong>{labels[entry.grade]}</strong>
      </Text>
      {evidence?.kind === 'answered' && evidence.evidence && (
        <Text as="p" className={styles.evidence}>
          Evidence: {evidence.evidence}
        </Text>
      )}
      <form
        className={styles.agency}
        aria-label={`Moderate ${name}'s grade for ${area.title}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (!grade) return;
          setBusy(true);
          setProblem(undefined);
          lifecycle
            .decide(c, {
              sectionId: area.sectionId,
              agency: entry.agency,
              moderatedGrade: grade,
              reason,
            })
            .then(
              (outcome) => {
                setBusy(false);
                if (outcome.kind === 'saved') onSaved();
                else setProblem(outcome.reason);
              },
              (err: unknown) => {
                setBusy(false);
                // A field's validation text holds the sentence only (as the people picker's does).
                setProblem(sentenceOf(MESSAGES.decisionFailed(err)));
              },
            );
        }}
      >
        <Field label={`Moderated grade for ${name}`}>
          <Select value={grade ?? ''} onChange={(_, d) => setGrade(d.value as Grade)}>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {labels[g]}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={`Reason for changing ${name}'s grade`}
          hint="Needed when the grade changes."
          validationMessage={problem}
          validationState={problem ? 'error' : 'none'}
        >
          <Textarea value={reason} onChange={(_, d) => setReason(d.value)} resize="vertical" />
        </Field>
        <Button type="submit" disabled={busy}>
          Save {name}&apos;s grade
        </Button>
      </form>
    </div>
  );
}
