import {
  Button,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { contributorLabel } from '../../domain/agencies.js';
import {
  FEEDBACK_PART_LABELS,
  FEEDBACK_PARTS,
  FEEDBACK_STAGE_LABELS,
} from '../../domain/feedback.js';
import { MESSAGES, type UserMessage } from '../../domain/messages.js';
import {
  type FeedbackRecord,
  type FeedbackWords,
  practitionerFacts,
} from '../../graph/feedback.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { formatDate } from '../components/format.js';
import { PageFrame, Section } from '../components/PageFrame/PageFrame.js';
import { UserMessageText } from '../components/UserMessage/UserMessage.js';
import { hashOf } from '../routing/router.js';
import { useServices } from '../services/ServicesContext.js';

const useStyles = makeStyles({
  part: { whiteSpace: 'pre-wrap', marginBlockEnd: tokens.spacingVerticalM, display: 'block' },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    marginBlockStart: tokens.spacingVerticalM,
  },
});

type Opened =
  | { kind: 'open'; record: FeedbackRecord; words: FeedbackWords | undefined }
  /** SharePoint answered 404: not this person's, or no longer there. */
  | { kind: 'notYours' };

/**
 * One practitioner's feedback, opened in full: the words, read by the practitioner it was written
 * for (SharePoint refuses anyone else: 404), acknowledged with an optional reflection, and a
 * conversation with the auditor asked for.
 */
export function FeedbackItemPage({ id }: { id: string }) {
  const { feedback } = useServices();
  const load = useCallback(async (): Promise<Opened> => {
    try {
      const { record, words } = await feedback.open(id);
      return { kind: 'open', record, words };
    } catch (e) {
      if (e instanceof GraphError && e.statusCode === 404) return { kind: 'notYours' };
      throw e;
    }
  }, [feedback, id]);
  const { state, retry } = useAsync(load);
  return (
    <PageFrame title="Feedback" intro="About practice, not blame.">
      <AsyncContent state={state} retry={retry} what="this feedback" isEmpty={() => false} empty="">
        {(opened) =>
          opened.kind === 'notYours' ? (
            <MessageBar intent="warning">
              <MessageBarBody>
                This feedback is not shared with you, or no longer exists.{' '}
                <Link href={hashOf({ area: 'feedback' })}>Go to your feedback</Link>.
              </MessageBarBody>
            </MessageBar>
          ) : (
            <Opened record={opened.record} words={opened.words} />
          )
        }
      </AsyncContent>
    </PageFrame>
  );
}

function Opened(props: { record: FeedbackRecord; words: FeedbackWords | undefined }) {
  const styles = useStyles();
  const { feedback, session } = useServices();
  const [record, setRecord] = useState(props.record);
  const [words, setWords] = useState(props.words);
  const [reflection, setReflection] = useState('');
  const [refusal, setRefusal] = useState<string | undefined>();
  const [failure, setFailure] = useState<UserMessage | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | undefined>();
  const mine = record.practitioner.id === session.user.id;
  const marked = useRef(false);
  // The practitioner's own item; feedback acknowledged before replies had items kept it in the words.
  const reflected = record.reply?.reflection?.text || words?.reflection;

  const run = useCallback(
    async (
      m: Parameters<typeof feedback.apply>[3],
      current: FeedbackRecord,
      w: FeedbackWords | undefined,
    ) => {
      setBusy(true);
      setRefusal(undefined);
      setFailure(undefined);
      try {
        const outcome = await feedback.apply(practitionerFacts(current), current, w, m);
        if (outcome.kind !== 'moved') {
          setRefusal(outcome.reason);
          return false;
        }
        setRecord(outcome.record);
        if (outcome.words) setWords(outcome.words);
        return true;
      } catch (e) {
        setFailure(MESSAGES.feedbackFailed(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [feedback],
  );

  // The first opening by its practitioner is kept (the time it was read), once.
  useEffect(() => {
    if (!mine || marked.current || record.readAt || record.stage === 'draft') return;
    marked.current = true;
    void run({ kind: 'read' }, record, words);
  }, [mine, record, words, run]);

  return (
    <>
      <Section title={`Feedback on case ${record.caseReference}`}>
        <Text block>
          {contributorLabel(record.agency)} · {FEEDBACK_STAGE_LABELS[record.stage]}
          {record.sentAt ? ` · sent ${formatDate(record.sentAt)}` : ''}
          {record.sentBy ? ` by ${record.sentBy.displayName}` : ''}
          {record.acknowledgedAt ? ` · acknowledged ${formatDate(record.acknowledgedAt)}` : ''}
        </Text>
      </Section>
      {words ? (
        FEEDBACK_PARTS.map((part) => (
          <Section key={part} title={FEEDBACK_PART_LABELS[part]}>
            <Text className={styles.part}>{words.text[part] || '—'}</Text>
          </Section>
        ))
      ) : (
        <Text block>
          The words of this feedback are shared only with its practitioner and its writers (and,
          where the partnership allows it, the agency&apos;s lead).
        </Text>
      )}
      {reflected ? (
        <Section title={mine ? 'Your reflection' : "The practitioner's reflection"}>
          <Text className={styles.part}>{reflected}</Text>
        </Section>
      ) : null}
      {mine && record.stage === 'sent' ? (
        <Section title="Acknowledge">
          <Field
            label="Your reflection: what you will do differently (optional)"
            hint="Kept in a reply of your own, which only you can change; the auditors who wrote your feedback read it. Do not name the child or family."
          >
            <Textarea
              value={reflection}
              resize="vertical"
              onChange={(_, d) => setReflection(d.value)}
            />
          </Field>
          <div className={styles.actions}>
            <Button
              appearance="primary"
              disabled={busy}
              onClick={async () => {
                if (await run({ kind: 'acknowledge', reflection }, record, words))
                  setDone('Acknowledged. Thank you.');
              }}
            >
              Acknowledge
            </Button>
          </div>
        </Section>
      ) : null}
      {mine && (record.stage === 'sent' || record.stage === 'acknowledged') ? (
        <Section title="Talk it through">
          {record.conversationRequestedAt ? (
            <Text block>
              You asked for a conversation on {formatDate(record.conversationRequestedAt)}; the
              auditor is told.
            </Text>
          ) : (
            <Button
              disabled={busy}
              onClick={async () => {
                if (await run({ kind: 'requestConversation' }, record, words))
                  setDone('Your request for a conversation is recorded; the auditor is told.');
              }}
            >
              Ask for a conversation with the auditor
            </Button>
          )}
        </Section>
      ) : null}
      <div role="status" aria-live="polite">
        {done}
      </div>
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
