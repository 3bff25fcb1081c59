import {
  Button,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type AgencyId, contributorLabel, MULTI_AGENCY } from '../../domain/agencies.js';
import {
  FEEDBACK_PART_LABELS,
  FEEDBACK_PARTS,
  FEEDBACK_STAGE_LABELS,
  type FeedbackAuditFacts,
  type FeedbackSettings,
  type FeedbackText,
} from '../../domain/feedback.js';
import { MESSAGES, type UserMessage } from '../../domain/messages.js';
import type { PersonRef } from '../../domain/records.js';
import { sectionsFor } from '../../domain/tools/index.js';
import type { Workspace } from '../../graph/auditWorkspace.js';
import {
  feedbackAuditFacts,
  type FeedbackRecord,
  type FeedbackWords,
} from '../../graph/feedback.js';
import { backoffSeconds, describeSaveStatus, type SaveStatus } from '../audit/saveStatus.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { formatDate } from '../components/format.js';
import { PageFrame, Section } from '../components/PageFrame/PageFrame.js';
import { PeoplePicker } from '../components/PeoplePicker/PeoplePicker.js';
import { UserMessageText } from '../components/UserMessage/UserMessage.js';
import { hashOf } from '../routing/router.js';
import { useNotifications } from '../services/NotificationSender.js';
import { useServices } from '../services/ServicesContext.js';

/** Autosave comes this long after the last keystroke, as in the audit form. */
const AUTOSAVE_DELAY_MS = 1500;

const useStyles = makeStyles({
  // The editor and that agency's evidence side by side where there is room, one above the other
  // where there is not (reflow at 320 px).
  beside: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 22rem), 1fr))',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
  },
  evidence: { whiteSpace: 'pre-wrap', display: 'block', marginBlockEnd: tokens.spacingVerticalS },
  comments: { whiteSpace: 'pre-wrap' },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
    marginBlockStart: tokens.spacingVerticalM,
  },
  practitioner: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingBlockStart: tokens.spacingVerticalM,
    marginBlockEnd: tokens.spacingVerticalL,
  },
});

type Loaded = {
  readonly workspace: Workspace;
  readonly facts: FeedbackAuditFacts;
  readonly records: readonly FeedbackRecord[];
  readonly settings: FeedbackSettings;
};

/**
 * The feedback of one audit, for those who write it: each agency's auditor (or the lead auditor)
 * names the practitioners of their agency who worked the case and writes to each, with that
 * agency's grades and evidence beside the editor; the words are saved as they are typed; sending
 * checks every part with the identifying-detail guard and shares it with the practitioner alone.
 */
export function AuditFeedbackPage({ auditId }: { auditId: string }) {
  const { auditWorkspace, feedback } = useServices();
  const load = useCallback(async (): Promise<Loaded> => {
    const [workspace, records, settings] = await Promise.all([
      auditWorkspace.load(auditId),
      feedback.forAudit(auditId),
      feedback.settings(),
    ]);
    return {
      workspace,
      facts: feedbackAuditFacts(workspace.audit, workspace.contributions),
      records,
      settings,
    };
  }, [auditWorkspace, feedback, auditId]);
  const { state, retry } = useAsync(load);
  return (
    <PageFrame
      title="Feedback to practitioners"
      intro="Name the practitioners of your agency who worked the case and write to each: what worked well, what to do differently, and the difference it made, or could make, to the child. About practice, not blame."
    >
      <AsyncContent
        state={state}
        retry={retry}
        what="the audit's feedback"
        isEmpty={() => false}
        empty=""
      >
        {(loaded) => <Agencies loaded={loaded} />}
      </AsyncContent>
    </PageFrame>
  );
}

function Agencies({ loaded }: { loaded: Loaded }) {
  const { session } = useServices();
  const { workspace, facts } = loaded;
  const me = session.user.id;
  const lead = workspace.audit.leadAuditor?.id === me;
  const agencies = workspace.contributions
    .filter((c) => c.contributor !== MULTI_AGENCY && (lead || c.auditor?.id === me))
    .map((c) => c.contributor as AgencyId);
  return (
    <>
      <Text block>
        Case{' '}
        <Link href={hashOf({ area: 'audit', id: workspace.audit.id })}>{facts.caseReference}</Link>
      </Text>
      {agencies.length === 0 ? (
        <Text block>
          Only an agency&apos;s auditor on this audit, or its lead auditor, writes its feedback.
        </Text>
      ) : (
        agencies.map((agency) => <AgencyFeedback key={agency} agency={agency} loaded={loaded} />)
      )}
    </>
  );
}

function AgencyFeedback({ agency, loaded }: { agency: AgencyId; loaded: Loaded }) {
  const styles = useStyles();
  const { feedback, gradingScale } = useServices();
  const { workspace, facts } = loaded;
  const [records, setRecords] = useState(loaded.records.filter((r) => r.agency === agency));
  const [person, setPerson] = useState<PersonRef | undefined>();
  // A new picker after each naming: it starts empty, ready for the next name.
  const [picker, setPicker] = useState(0);
  const [refusal, setRefusal] = useState<string | undefined>();
  const [failure, setFailure] = useState<UserMessage | undefined>();
  const label = contributorLabel(agency);
  const sections = sectionsFor(workspace.tool, agency).filter((s) => s.graded);
  const answers = new Map(
    workspace.answers.filter((a) => a.contributor === agency).map((a) => [a.sectionId, a.answer]),
  );
  return (
    <Section title={label}>
      <div className={styles.beside}>
        <div>
          <div className={styles.actions}>
            <PeoplePicker
              key={picker}
              id={`name-${agency}`}
              label={`A ${label} practitioner who worked the case`}
              value={person}
              onChange={setPerson}
            />
            <Button
              disabled={!person}
              onClick={async () => {
                if (!person) return;
                setRefusal(undefined);
                setFailure(undefined);
                try {
                  const outcome = await feedback.name(facts, agency, person);
                  if (outcome.kind !== 'moved') return setRefusal(outcome.reason);
                  setRecords((rs) =>
                    rs.some((r) => r.id === outcome.record.id) ? rs : [...rs, outcome.record],
                  );
                  setPerson(undefined);
                  setPicker((n) => n + 1);
                } catch (e) {
                  setFailure(MESSAGES.feedbackFailed(e));
                }
              }}
            >
              Name practitioner
            </Button>
          </div>
          <Problems refusal={refusal} failure={failure} />
          {records.length === 0 ? (
            <Text block>No practitioner of {label} is named yet.</Text>
          ) : (
            records.map((r) => (
              <PractitionerFeedback
                key={r.id}
                record={r}
                facts={facts}
                settings={loaded.settings}
              />
            ))
          )}
        </div>
        <section aria-label={`${label}: grades and evidence`}>
          <Text as="h3" weight="semibold" block>
            {label}: grades and evidence
          </Text>
          {sections.map((s) => {
            const a = answers.get(s.id);
            return (
              <div key={s.id}>
                <Text as="h4" weight="semibold" block>
                  {s.title}
                </Text>
                <Text className={styles.evidence}>
                  {!a
                    ? 'Not answered.'
                    : a.kind === 'notApplicable'
                      ? `Not applicable: ${a.reason}`
                      : `${a.grade ? gradingScale.labels[a.grade] : 'Not graded'}. ${a.evidence}`}
                </Text>
              </div>
            );
          })}
        </section>
      </div>
    </Section>
  );
}

/** The audit form's save states (and their sentences), plus opening; a conflict says its own. */
type DraftStatus =
  | { kind: 'loading' }
  | Extract<SaveStatus, { kind: 'saved' | 'unsaved' | 'saving' | 'retrying' }>
  | { kind: 'conflict' };

function describe(status: DraftStatus): string {
  switch (status.kind) {
    case 'loading':
      return 'Opening…';
    case 'saved':
    case 'unsaved':
    case 'saving':
    case 'retrying':
      return describeSaveStatus(status);
    case 'conflict':
      return 'Someone else changed this feedback: nothing of yours was saved over theirs. Copy your text, then reload the page.';
  }
}

/** One practitioner's feedback: its three parts, saved as typed, and the moves its writer may make. */
function PractitionerFeedback(props: {
  record: FeedbackRecord;
  facts: FeedbackAuditFacts;
  settings: FeedbackSettings;
}) {
  const styles = useStyles();
  const { feedback, now } = useServices();
  const notifications = useNotifications();
  const { facts, settings } = props;
  const [record, setRecord] = useState(props.record);
  const [words, setWords] = useState<FeedbackWords | undefined>();
  const [text, setText] = useState<FeedbackText>({
    workedWell: '',
    doDifferently: '',
    differenceForChild: '',
  });
  const [status, setStatus] = useState<DraftStatus>({ kind: 'loading' });
  const [refusal, setRefusal] = useState<string | undefined>();
  const [failure, setFailure] = useState<UserMessage | undefined>();
  const [busy, setBusy] = useState(false);
  const base = useRef<{ record: FeedbackRecord; words: FeedbackWords } | undefined>(undefined);
  const draft = useRef(text);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attempt = useRef(0);
  const saving = useRef<Promise<boolean> | undefined>(undefined);
  const name = record.practitioner.displayName;
  // The lead auditor's form to return the feedback to its writer with comments.
  const [returning, setReturning] = useState(false);
  const [comments, setComments] = useState('');
  const [commentsProblem, setCommentsProblem] = useState<string | undefined>();
  const commentsBox = useRef<HTMLTextAreaElement>(null);
  const returnButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (returning) commentsBox.current?.focus();
  }, [returning]);

  useEffect(() => {
    let live = true;
    feedback.words(props.record).then(
      (w) => {
        if (!live || !w) return;
        base.current = { record: props.record, words: w };
        setWords(w);
        setText(w.text);
        draft.current = w.text;
        setStatus({ kind: 'saved', at: undefined });
      },
      (e: unknown) => live && setFailure(MESSAGES.loadFailed('the feedback', e)),
    );
    return () => {
      live = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [feedback, props.record]);

  const flush = useCallback(async (): Promise<boolean> => {
    if (saving.current) await saving.current;
    if (!dirty.current || !base.current) return true;
    const run = (async () => {
      const current = base.current;
      if (!current) return false;
      const sent = draft.current;
      dirty.current = false;
      setStatus({ kind: 'saving' });
      try {
        const outcome = await feedback.save(facts, current.record, current.words, sent);
        if (outcome.kind === 'conflict') {
          setStatus({ kind: 'conflict' });
          return false;
        }
        if (outcome.kind === 'refused') {
          setRefusal(outcome.reason);
          setStatus({ kind: 'unsaved' });
          return false;
        }
        base.current = { record: outcome.record, words: outcome.words };
        setRecord(outcome.record);
        setWords(outcome.words);
        attempt.current = 0;
        if (dirty.current) setStatus({ kind: 'unsaved' });
        else setStatus({ kind: 'saved', at: now() });
        return !dirty.current;
      } catch (e) {
        // The text stays in the page; it is tried again, later each time.
        dirty.current = true;
        const wait = backoffSeconds(++attempt.current, 0);
        setStatus({ kind: 'retrying', failure: e, inSeconds: wait });
        timer.current = setTimeout(() => void flush(), wait * 1000);
        return false;
      }
    })();
    saving.current = run;
    try {
      return await run;
    } finally {
      saving.current = undefined;
    }
  }, [feedback, facts, now]);

  const change = (part: keyof FeedbackText, value: string) => {
    const next = { ...draft.current, [part]: value };
    draft.current = next;
    dirty.current = true;
    setText(next);
    setStatus({ kind: 'unsaved' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  };

  const move = async (m: 'send' | 'submitForReview' | 'approve') => {
    setBusy(true);
    setRefusal(undefined);
    setFailure(undefined);
    try {
      if (timer.current) clearTimeout(timer.current);
      if (!(await flush()) || !base.current) return;
      const outcome = await feedback.apply(facts, base.current.record, base.current.words, {
        kind: m,
      });
      if (outcome.kind !== 'moved') return setRefusal(outcome.reason);
      // The card was queued by the move: send it now, from this tab.
      if (m === 'send') void notifications.send([]);
      base.current = { record: outcome.record, words: outcome.words ?? base.current.words };
      setRecord(outcome.record);
    } catch (e) {
      setFailure(MESSAGES.feedbackFailed(e));
    } finally {
      setBusy(false);
    }
  };

  const returnToWriter = async () => {
    setBusy(true);
    setCommentsProblem(undefined);
    setFailure(undefined);
    try {
      if (timer.current) clearTimeout(timer.current);
      if (!(await flush()) || !base.current) return;
      const outcome = await feedback.apply(facts, base.current.record, base.current.words, {
        kind: 'returnToWriter',
        comments,
      });
      // The refusal (no comments, or the stage moved on) is said at the field, where it is fixed.
      if (outcome.kind !== 'moved') {
        setCommentsProblem(outcome.reason);
        commentsBox.current?.focus();
        return;
      }
      const nextWords = outcome.words ?? base.current.words;
      base.current = { record: outcome.record, words: nextWords };
      setRecord(outcome.record);
      setWords(nextWords);
      setReturning(false);
      setComments('');
    } catch (e) {
      setFailure(MESSAGES.feedbackFailed(e));
    } finally {
      setBusy(false);
    }
  };

  const editable = ['draft', 'awaitingReview', 'ready'].includes(record.stage);
  const moves = words ? feedback.available(facts, record, words, settings) : [];
  return (
    <section className={styles.practitioner} aria-label={`Feedback to ${name}`}>
      <Text as="h3" weight="semibold" block>
        {name}: {FEEDBACK_STAGE_LABELS[record.stage]}
        {record.sentAt ? `, sent ${formatDate(record.sentAt)}` : ''}
        {record.acknowledgedAt ? `, acknowledged ${formatDate(record.acknowledgedAt)}` : ''}
      </Text>
      {words?.reviewComments && record.stage === 'draft' ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Returned with comments from the review</MessageBarTitle>
            <span className={styles.comments}>{words.reviewComments}</span> Revise it, then ask for
            a review again.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {FEEDBACK_PARTS.map((part) => (
        <Field key={part} label={FEEDBACK_PART_LABELS[part]}>
          <Textarea
            value={text[part]}
            resize="vertical"
            readOnly={!editable || !words}
            onChange={(_, d) => change(part, d.value)}
          />
        </Field>
      ))}
      <Text block role="status" aria-live="polite">
        {editable ? describe(status) : ''}
      </Text>
      <div className={styles.actions}>
        {moves.includes('submitForReview') ? (
          <Button disabled={busy} onClick={() => void move('submitForReview')}>
            Ask for a review
          </Button>
        ) : null}
        {moves.includes('approve') ? (
          <Button disabled={busy} onClick={() => void move('approve')}>
            Approve
          </Button>
        ) : null}
        {moves.includes('returnToWriter') ? (
          <Button
            ref={returnButton}
            disabled={busy}
            aria-expanded={returning}
            onClick={() => setReturning((r) => !r)}
          >
            Return to the writer
          </Button>
        ) : null}
        {moves.includes('send') ? (
          <Button appearance="primary" disabled={busy} onClick={() => void move('send')}>
            Send to {name}
          </Button>
        ) : null}
      </div>
      {returning && moves.includes('returnToWriter') ? (
        <form
          aria-label={`Return the feedback to ${name} to its writer`}
          // The domain says what is missing, in the product's words, where it is fixed.
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void returnToWriter();
          }}
        >
          <Field
            label="What should change"
            hint="The writer sees this beside the editor. About the feedback's practice and tone, not the practitioner."
            required
            validationMessage={commentsProblem}
            validationState={commentsProblem ? 'error' : 'none'}
          >
            <Textarea
              ref={commentsBox}
              value={comments}
              resize="vertical"
              onChange={(_, d) => setComments(d.value)}
            />
          </Field>
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" disabled={busy}>
              Return with comments
            </Button>
            <Button
              type="button"
              disabled={busy}
              onClick={() => {
                setReturning(false);
                setCommentsProblem(undefined);
                // Back to where the form was opened from.
                setTimeout(() => returnButton.current?.focus(), 0);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      <Problems refusal={refusal} failure={failure} />
    </section>
  );
}

/** What went wrong where the person acted: the guard's or a rule's refusal, then a failure. */
function Problems({
  refusal,
  failure,
}: {
  refusal: string | undefined;
  failure: UserMessage | undefined;
}) {
  return (
    <>
      {refusal ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{refusal}</MessageBarBody>
        </MessageBar>
      ) : null}
      {failure ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <UserMessageText message={failure} />
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
