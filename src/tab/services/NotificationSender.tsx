import { makeStyles, Text } from '@fluentui/react-components';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  MESSAGES,
  notificationsWaiting,
  sentenceOf,
  type UserMessage,
} from '../../domain/messages.js';
import { counted } from '../../domain/plural.js';
import type { OutboxEntry } from '../../graph/outbox.js';
import type { Services } from '../compositionRoot.js';
import { MessageDetails } from '../components/UserMessage/UserMessage.js';
import { createRetryingDrain, type DrainState } from './retryingDrain.js';

type Sender = { send(entries: readonly OutboxEntry[]): Promise<void> };
const SenderContext = createContext<Sender | undefined>(undefined);

export function useNotifications(): Sender {
  const sender = useContext(SenderContext);
  if (!sender) throw new Error('useNotifications is used outside NotificationSender');
  return sender;
}

// Read structurally, not by `instanceof GraphError`: the Graph SDK belongs to the services chunk,
// which the first view does not load.
const forbidden = (e: unknown) =>
  typeof e === 'object' && e !== null && (e as { statusCode?: unknown }).statusCode === 403;

const useStyles = makeStyles({
  // Read by screen readers, not shown: the visible line counts down every second, and announcing
  // each second would drown everything else out.
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

/** Whole seconds until `at`, never below zero. */
const secondsUntil = (at: Date, now: number) => Math.max(0, Math.ceil((at.getTime() - now) / 1000));

/** The line's message for a state at a moment (a countdown while notifications wait). */
export function drainMessage(state: DrainState, now: number): UserMessage | string | undefined {
  switch (state.kind) {
    case 'idle':
      return undefined;
    case 'sending':
      return `Sending notifications: ${state.done} of ${state.total}.`;
    case 'waiting':
      return notificationsWaiting(state.count, secondsUntil(state.at, now));
    case 'failed':
      return MESSAGES.notificationsFailed(state.error, secondsUntil(state.at, now));
  }
}

const textOf = (m: UserMessage | string | undefined) =>
  m === undefined ? '' : typeof m === 'string' ? m : sentenceOf(m);

/**
 * Drains the notification outbox: when the tab opens (so that what an earlier session left
 * pending goes out), whenever something is queued, and again while the tab stays open at the
 * time the first waiting notification may be tried (Retry-After and backoff), counting down to
 * it. Closing the tab leaves what waits in the outbox for the next opening.
 */
export function NotificationSender({
  services,
  children,
}: {
  services: Services;
  children: ReactNode;
}) {
  const styles = useStyles();
  const [state, setState] = useState<DrainState>({ kind: 'idle' });
  const [reminders, setReminders] = useState<UserMessage | undefined>();
  const [now, setNow] = useState(() => Date.now());
  // What is announced changes only when the state does (a new count, a new try, a failure), not
  // with each second of the countdown nor each notification of a send.
  const [announced, setAnnounced] = useState('');
  const remindersRef = useRef<UserMessage | undefined>(undefined);

  const drainer = useMemo(
    () =>
      createRetryingDrain({
        drain: (onProgress) => services.outbox.drain(onProgress),
        onChange: (next) => {
          setState(next);
          setAnnounced(
            next.kind === 'sending'
              ? `Sending ${counted(next.total, 'notification')}.`
              : textOf(drainMessage(next, Date.now()) ?? remindersRef.current),
          );
        },
        // Reading the outbox needs write rights on the site: people without them have nothing to send.
        isQuiet: forbidden,
      }),
    [services.outbox],
  );
  useEffect(() => () => drainer.stop(), [drainer]);

  // The countdown ticks once a second, only while there is one to show.
  const counting = state.kind === 'waiting' || state.kind === 'failed';
  useEffect(() => {
    if (!counting) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [counting, state]);

  const drain = useCallback(() => drainer.run(), [drainer]);
  const send = useCallback(
    async (entries: readonly OutboxEntry[]) => {
      await services.outbox.enqueue(entries);
      void drain();
    },
    [services.outbox, drain],
  );

  useEffect(() => {
    // Reminders are the audit team's; a practitioner's token may not read the audits at all.
    if (services.role === 'practitioner') return;
    const at = services.now();
    (async () => {
      // A raise of mine left half done (a crash, a lost answer) is finished before anything else.
      await services.childAtRisk.finishPending();
      // The card builders come with the services chunk, not the first view.
      const { queueReminders } = await import('../../graph/reminders.js');
      await queueReminders(services, services.session.user.id, at);
      // Feedback waiting to be acknowledged, and conversations practitioners asked for: queued by
      // the business manager who commissioned the audit (a practitioner reaches no outbox).
      if (services.role === 'businessManager') {
        const { feedbackReminderEntries } = await import('../../graph/feedback.js');
        const entries = feedbackReminderEntries(
          await services.feedback.all(),
          await services.repositories.audits.list(),
          at,
          (await services.lifecycle.settings()).acknowledgementWorkingDays,
          services.session.user.id,
        );
        if (entries.length > 0) await services.outbox.enqueue(entries);
      }
      // The action plan's due-soon and overdue cards to each action's owner: queued by a
      // business manager's tab (the owner, often the agency lead, would be writing to themselves).
      if (services.role === 'businessManager') {
        const { actionDueSoonDays, ACTION_DUE_SOON_SETTING } =
          await import('../../domain/report/actionPlan.js');
        const settings = await services.repositories.settings.all();
        await services.actionPlan.queueCards(
          services.outbox,
          actionDueSoonDays(settings.get(ACTION_DUE_SOON_SETTING)),
        );
      }
      // A business manager's tab gives finished audits' contributions back the list's
      // permissions (only owners may): once each, marked on the audit.
      if (services.role === 'businessManager')
        await services.lifecycle.releaseFinished(await services.repositories.audits.list());
    })()
      .catch((e: unknown) => {
        if (forbidden(e)) return;
        const message = MESSAGES.remindersFailed(e);
        remindersRef.current = message;
        setReminders(message);
        setAnnounced((a) => a || sentenceOf(message));
      })
      .finally(() => void drain());
  }, [services, drain]);

  const shown = drainMessage(state, now) ?? reminders;

  return (
    <SenderContext.Provider value={{ send }}>
      <div role="status" aria-live="polite" className={styles.visuallyHidden}>
        {announced}
      </div>
      {shown !== undefined && (
        <div>
          <Text size={200} aria-hidden="true">
            {textOf(shown)}
          </Text>{' '}
          {typeof shown !== 'string' && <MessageDetails details={shown.details} />}
        </div>
      )}
      {children}
    </SenderContext.Provider>
  );
}
