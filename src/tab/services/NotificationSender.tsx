import { Text } from '@fluentui/react-components';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';
import type { OutboxEntry } from '../../graph/outbox.js';
import type { Services } from '../compositionRoot.js';

type Sender = { send(entries: readonly OutboxEntry[]): Promise<void> };
const SenderContext = createContext<Sender | undefined>(undefined);

export function useNotifications(): Sender {
  const sender = useContext(SenderContext);
  if (!sender) throw new Error('useNotifications is used outside NotificationSender');
  return sender;
}

type Progress = { readonly done: number; readonly total: number } | undefined;

// Read structurally, not by `instanceof GraphError`: the Graph SDK belongs to the services chunk,
// which the first view does not load.
const forbidden = (e: unknown) =>
  typeof e === 'object' && e !== null && (e as { statusCode?: unknown }).statusCode === 403;

/**
 * Drains the notification outbox: when the tab opens (so that what an earlier session left
 * pending goes out), and whenever something is queued. Shows its progress when it sends.
 */
export function NotificationSender({
  services,
  children,
}: {
  services: Services;
  children: ReactNode;
}) {
  const [progress, setProgress] = useState<Progress>();
  const [problem, setProblem] = useState<string | undefined>();
  const running = useRef<Promise<void> | undefined>(undefined);
  const again = useRef(false);

  const drain = useCallback(async () => {
    if (running.current) {
      again.current = true;
      return running.current;
    }
    running.current = (async () => {
      do {
        again.current = false;
        try {
          const report = await services.outbox.drain((done, total) =>
            setProgress(total > 0 ? { done, total } : undefined),
          );
          setProblem(
            report.retrying > 0
              ? `${report.retrying} notification(s) will be tried again shortly.`
              : undefined,
          );
        } catch (e) {
          // Reading the outbox needs write rights on the site: people without them have nothing to send.
          if (!forbidden(e))
            setProblem(`Notifications are waiting to be sent: ${(e as Error).message}`);
        }
      } while (again.current);
    })();
    try {
      await running.current;
    } finally {
      running.current = undefined;
    }
  }, [services.outbox]);

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
    const now = services.now();
    (async () => {
      // A raise of mine left half done (a crash, a lost answer) is finished before anything else.
      await services.childAtRisk.finishPending();
      // The card builders come with the services chunk, not the first view.
      const { queueReminders } = await import('../../graph/reminders.js');
      await queueReminders(services, services.session.user.id, now);
      // A business manager's tab gives finished audits' contributions back the list's
      // permissions (only owners may): once each, marked on the audit.
      if (services.role === 'businessManager')
        await services.lifecycle.releaseFinished(await services.repositories.audits.list());
    })()
      .catch((e: unknown) => {
        if (!forbidden(e)) setProblem(`Reminders could not be queued: ${(e as Error).message}`);
      })
      .finally(() => void drain());
  }, [services, drain]);

  return (
    <SenderContext.Provider value={{ send }}>
      {(progress && progress.done < progress.total) || problem ? (
        <div role="status" aria-live="polite">
          <Text size={200}>
            {progress && progress.done < progress.total
              ? `Sending notifications: ${progress.done} of ${progress.total}.`
              : problem}
          </Text>
        </div>
      ) : (
        <div role="status" aria-live="polite" />
      )}
      {children}
    </SenderContext.Provider>
  );
}
