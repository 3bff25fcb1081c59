import {
  Badge,
  Button,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useState } from 'react';
import {
  type Audit,
  CATEGORY_LABELS,
  PRIORITY_SOURCE_LABELS,
  type ProgrammeTheme,
} from '../../domain/records.js';
import { may, refusal } from '../../domain/access.js';
import { isAuditOverdue, overview, programmeYear } from '../../domain/register.js';
import { CountBar } from '../components/StatusBadge/StatusBadge.js';
import { useNotifications } from '../services/NotificationSender.js';
import { useServices } from '../services/ServicesContext.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { PageFrame } from '../components/PageFrame/PageFrame.js';
import { MESSAGES, type UserMessage } from '../../domain/messages.js';
import { UserMessageText } from '../components/UserMessage/UserMessage.js';
// Grading consistency reads every moderated audit: a chunk of its own, after the programme.
const ConsistencyPanel = lazy(() =>
  import(/* webpackChunkName: "consistency" */ './ConsistencyPanel.js').then((m) => ({
    default: m.ConsistencyPanel,
  })),
);

const FeedbackTimelinessPanel = lazy(() =>
  import(/* webpackChunkName: "feedback-timeliness" */ './FeedbackTimelinessPanel.js').then(
    (m) => ({ default: m.FeedbackTimelinessPanel }),
  ),
);
// Re-audits due (docs/report.md) read the digests: a chunk of their own, after the programme.
const ReauditsPanel = lazy(() =>
  import(/* webpackChunkName: "reaudits" */ './ReauditsPanel.js').then((m) => ({
    default: m.ReauditsPanel,
  })),
);

const ThemeDialog = lazy(() =>
  import(/* webpackChunkName: "theme" */ './ThemeDialog.js').then((m) => ({
    default: m.ThemeDialog,
  })),
);

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const month = (yyyyMm: string) =>
  /^\d{4}-\d{2}$/.test(yyyyMm) ? MONTH.format(new Date(`${yyyyMm}-01T00:00:00Z`)) : yyyyMm;

const useStyles = makeStyles({
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

type Data = { themes: ProgrammeTheme[]; audits: Audit[] };

export function ProgrammePage() {
  const styles = useStyles();
  const { repositories, programme, now, role } = useServices();
  // Only business managers plan and commission; the audit team sees the programme as it stands.
  const plans = may(role, { kind: 'planProgramme' });
  const notifications = useNotifications();
  const load = useCallback(async (): Promise<Data> => {
    const [themes, audits] = await Promise.all([
      repositories.programme.list(),
      repositories.audits.list(),
    ]);
    return { themes, audits };
  }, [repositories]);
  const { state, retry } = useAsync(load);
  const [editing, setEditing] = useState<
    { theme: ProgrammeTheme | undefined; open: boolean; key: number; formKey: string } | undefined
  >();
  const [message, setMessage] = useState<
    { intent: 'success'; text: string } | { intent: 'error'; message: UserMessage } | undefined
  >();
  const year =
    state.status === 'ready'
      ? (state.data.themes.at(-1)?.year ?? programmeYear(now()))
      : programmeYear(now());
  const drafts =
    state.status === 'ready'
      ? state.data.themes.filter((t) => t.year === year && t.status === 'draft')
      : [];
  const today = now();
  const publish = async (themes: ProgrammeTheme[]) => {
    try {
      await programme.publish(year, themes);
      await notifications.send([]);
      setMessage({
        intent: 'success',
        text: `The ${year} programme is published; the partnership's channel has been told.`,
      });
      retry();
    } catch (e) {
      setMessage({ intent: 'error', message: MESSAGES.publishFailed(e) });
    }
  };
  return (
    <PageFrame
      title="Audit programme"
      intro="The year's themes, why each was chosen, when it is planned, and how far each has got."
    >
      {!plans && <Text as="p">{refusal({ kind: 'planProgramme' })}</Text>}
      {plans && (
        <div className={styles.toolbar}>
          <Button
            onClick={() =>
              setEditing((e) => ({
                theme: undefined,
                open: true,
                key: (e?.key ?? 0) + 1,
                // Chosen once as the form opens: a save tried again finds the theme it made.
                formKey: crypto.randomUUID(),
              }))
            }
          >
            Add a theme
          </Button>
          {state.status === 'ready' && drafts.length > 0 && (
            <Button appearance="primary" onClick={() => void publish(state.data.themes)}>
              Publish the {year} programme to the channel
            </Button>
          )}
        </div>
      )}
      {message && (
        <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>
            {message.intent === 'error' ? (
              <UserMessageText message={message.message} />
            ) : (
              message.text
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      <AsyncContent
        state={state}
        retry={retry}
        what="the audit programme"
        isEmpty={(d) => d.themes.length === 0}
        empty="No programme has been planned yet: add its first theme."
      >
        {({ themes, audits }) => {
          const progress = overview(themes, audits, today);
          return (
            <RecordTable
              caption="Programme themes and their progress"
              rows={themes}
              rowKey={(t) => t.id}
              columns={[
                { key: 'title', header: 'Theme', cell: (t) => t.title },
                {
                  key: 'source',
                  header: 'Priority source',
                  cell: (t) => PRIORITY_SOURCE_LABELS[t.prioritySource],
                },
                {
                  key: 'categories',
                  header: 'Categories of case',
                  cell: (t) => t.categories.map((c) => CATEGORY_LABELS[c]).join(', '),
                },
                { key: 'month', header: 'Planned', cell: (t) => month(t.plannedMonth) },
                {
                  key: 'progress',
                  header: 'Progress',
                  cell: (t) => {
                    const p = progress.themes.find((x) => x.theme.id === t.id);
                    const late = audits.filter(
                      (a) => a.themeId === t.id && isAuditOverdue(a, today),
                    ).length;
                    return p ? (
                      <div className={styles.progress}>
                        <CountBar
                          value={p.commissioned}
                          total={p.planned}
                          label={`${p.commissioned} of ${p.planned} commissioned`}
                        />
                        <CountBar
                          value={p.signedOff}
                          total={p.planned}
                          label={`${p.signedOff} of ${p.planned} signed off`}
                        />
                        {late > 0 && (
                          <span>
                            <Badge appearance="filled" color="danger" shape="rounded">
                              {`${late} overdue`}
                            </Badge>
                          </span>
                        )}
                      </div>
                    ) : null;
                  },
                },
                {
                  key: 'status',
                  header: 'Status',
                  cell: (t) =>
                    t.status === 'published' ? (
                      <Badge appearance="tint" color="success" shape="rounded">
                        Published
                      </Badge>
                    ) : (
                      <Badge appearance="tint" color="informative" shape="rounded">
                        Draft
                      </Badge>
                    ),
                },
                ...(plans
                  ? [
                      {
                        key: 'actions',
                        header: 'Actions',
                        cell: (t: ProgrammeTheme) => (
                          <>
                            <Link
                              as="button"
                              onClick={() =>
                                setEditing((e) => ({
                                  theme: t,
                                  open: true,
                                  key: (e?.key ?? 0) + 1,
                                  formKey: crypto.randomUUID(),
                                }))
                              }
                              aria-label={`Edit ${t.title}`}
                            >
                              Edit
                            </Link>
                            {' · '}
                            <Link
                              href={`#/programme/${t.id}/commission`}
                              aria-label={`Commission audits for ${t.title}`}
                            >
                              Commission audits
                            </Link>
                          </>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          );
        }}
      </AsyncContent>
      {editing && (
        <Suspense fallback={null}>
          <ThemeDialog
            key={editing.key}
            open={editing.open}
            theme={editing.theme}
            year={year}
            onClose={() => setEditing((e) => e && { ...e, open: false })}
            onSave={async (input) => {
              if (editing.theme) await programme.updateTheme(editing.theme, input);
              else await programme.addTheme(input, editing.formKey);
              retry();
            }}
          />
        </Suspense>
      )}
      {/* After the programme itself: one failure is told once, with one "Try again". */}
      {state.status === 'ready' && (
        <Suspense fallback={<Spinner size="small" label="Working out grading consistency…" />}>
          <ConsistencyPanel />
        </Suspense>
      )}
      {state.status === 'ready' && (
        <>
          <Suspense fallback={<Spinner size="small" label="Working out feedback timeliness…" />}>
            <FeedbackTimelinessPanel />
          </Suspense>
          <Suspense fallback={<Spinner size="small" label="Finding the re-audits due…" />}>
            <ReauditsPanel />
          </Suspense>
        </>
      )}
    </PageFrame>
  );
}
