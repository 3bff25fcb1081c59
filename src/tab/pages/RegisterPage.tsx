import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { may } from '../../domain/access.js';
import { AGENCIES, type AgencyId, agencyLabel, contributorLabel } from '../../domain/agencies.js';
import {
  AUDIT_STATUS_LABELS,
  AUDIT_STATUSES,
  type AuditStatus,
  CATEGORIES,
  CATEGORY_LABELS,
  type Category,
} from '../../domain/records.js';
import {
  cleanReference,
  countOf,
  isAuditOverdue,
  isAtRiskNow,
  type Missing,
  type RegisterFilters,
  SORT_KEYS,
  SORT_LABELS,
  type SortKey,
} from '../../domain/register.js';
import type { RegisterRow } from '../../graph/register.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { formatDate } from '../components/format.js';
import { PageFrame } from '../components/PageFrame/PageFrame.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { AuditStatusBadge, CountBar } from '../components/StatusBadge/StatusBadge.js';
import { hashOf } from '../routing/router.js';
import { useNotifications } from '../services/NotificationSender.js';
import { useServices } from '../services/ServicesContext.js';
import { MESSAGES, type UserMessage } from '../../domain/messages.js';
import { UserMessageText } from '../components/UserMessage/UserMessage.js';

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    alignItems: 'end',
    // A long theme title must not widen its list past a narrow screen (320 px reflow).
    '& > *': { maxWidth: '100%', minWidth: 0 },
  },
  // The list itself takes the width left to it rather than its longest option's.
  select: { maxWidth: '100%', minWidth: 0, '& select': { maxWidth: '100%', minWidth: 0 } },
  field: {
    maxWidth: '100%',
    minWidth: 0,
    gridTemplateColumns: 'minmax(0, 1fr)',
  },
  checks: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  search: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  cell: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

type View =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: Error }
  | {
      readonly status: 'ready';
      readonly rows: readonly RegisterRow[];
      readonly next: string | undefined;
      readonly more: 'idle' | 'loading' | Error;
    };

const missingWords = (m: Missing) =>
  m.kind === 'trailEvent'
    ? 'the trail’s “commissioned” entry'
    : `the ${contributorLabel(m.contributor)} contribution`;

const list = (words: string[]) =>
  words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;

/**
 * Every audit, for the business manager and the lead auditor: filtered, sorted and searched by
 * case reference, read from Graph a view at a time. The filters live in the link.
 */
export function RegisterPage({ filters: initial }: { filters: RegisterFilters }) {
  const styles = useStyles();
  const { register, repositories, programme, now, role } = useServices();
  const notifications = useNotifications();
  const [filters, setFilters] = useState(initial);
  const [typed, setTyped] = useState(initial.reference ?? '');
  const [view, setView] = useState<View>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [message, setMessage] = useState<
    { intent: 'success'; text: string } | { intent: 'error'; message: UserMessage } | undefined
  >();
  const [finishing, setFinishing] = useState<string | undefined>();
  const finishes = may(role, { kind: 'commission' });

  const loadThemes = useCallback(() => repositories.programme.list(), [repositories]);
  const { state: themes, retry: retryThemes } = useAsync(loadThemes);

  useEffect(() => {
    let current = true;
    setView({ status: 'loading' });
    register.page(filters, now()).then(
      (page) => current && setView({ status: 'ready', ...page, more: 'idle' }),
      (e: unknown) => current && setView({ status: 'error', error: e as Error }),
    );
    return () => {
      current = false;
    };
  }, [register, filters, now, attempt]);

  /** A change of filter: the link follows, without a new visit (focus stays where it is). */
  const change = (next: Partial<RegisterFilters>) => {
    const { status, themeId, category, agency, reference, ...rest } = { ...filters, ...next };
    const f: RegisterFilters = {
      ...rest,
      ...(status ? { status } : {}),
      ...(themeId ? { themeId } : {}),
      ...(category ? { category } : {}),
      ...(agency ? { agency } : {}),
      ...(reference ? { reference } : {}),
    };
    setFilters(f);
    window.history.replaceState(null, '', hashOf({ area: 'register', filters: f }));
  };

  const showMore = async () => {
    if (view.status !== 'ready' || !view.next) return;
    setView({ ...view, more: 'loading' });
    try {
      const page = await register.page(filters, now(), view.next);
      setView({
        status: 'ready',
        rows: [...view.rows, ...page.rows],
        next: page.next,
        more: 'idle',
      });
    } catch (e) {
      setView({ ...view, more: e as Error });
    }
  };

  const finish = async (row: RegisterRow) => {
    setFinishing(row.audit.id);
    setMessage(undefined);
    try {
      await programme.finish(row.audit.id);
      void notifications.send([]);
      setMessage({
        intent: 'success',
        text: `The commissioning of ${row.audit.caseReference} is finished: ${countOf(row.missing.length, 'missing record was', 'missing records were')} made, and its auditors are being told.`,
      });
      setAttempt((n) => n + 1);
    } catch (e) {
      setMessage({ intent: 'error', message: MESSAGES.finishFailed(row.audit.caseReference, e) });
    } finally {
      setFinishing(undefined);
    }
  };

  const today = now();
  const themeTitle = (id: string | undefined) =>
    (themes.status === 'ready' && themes.data.find((t) => t.id === id)?.title) || '—';

  return (
    <PageFrame
      title="Audit register"
      intro="Every audit the partnership has commissioned. Filter, sort or search by case reference; open an audit from its reference. The link of this page keeps the filters."
    >
      <div className={styles.filters} role="group" aria-label="Filters">
        <Field label="Status">
          <Select
            value={filters.status ?? ''}
            onChange={(_, d) => change({ status: (d.value || undefined) as AuditStatus })}
          >
            <option value="">Any status</option>
            {AUDIT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {AUDIT_STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Theme" className={styles.field}>
          <Select
            className={styles.select}
            value={filters.themeId ?? ''}
            onChange={(_, d) => change({ themeId: d.value || undefined })}
          >
            <option value="">Any theme</option>
            {themes.status === 'ready' &&
              themes.data.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title} ({t.year})
                </option>
              ))}
          </Select>
        </Field>
        <Field label="Category">
          <Select
            value={filters.category ?? ''}
            onChange={(_, d) => change({ category: (d.value || undefined) as Category })}
          >
            <option value="">Any category</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Agency">
          <Select
            value={filters.agency ?? ''}
            onChange={(_, d) => change({ agency: (d.value || undefined) as AgencyId })}
          >
            <option value="">Any agency</option>
            {AGENCIES.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Sort by">
          <Select value={filters.sort} onChange={(_, d) => change({ sort: d.value as SortKey })}>
            {SORT_KEYS.map((k) => (
              <option key={k} value={k}>
                {SORT_LABELS[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Order">
          <Select
            value={filters.descending ? 'desc' : 'asc'}
            onChange={(_, d) => change({ descending: d.value === 'desc' })}
          >
            <option value="asc">First to last</option>
            <option value="desc">Last to first</option>
          </Select>
        </Field>
        <div className={styles.checks}>
          <Checkbox
            label="Overdue"
            checked={!!filters.overdue}
            onChange={(_, d) => change({ overdue: d.checked === true })}
          />
          <Checkbox
            label="Due this week"
            checked={!!filters.dueThisWeek}
            onChange={(_, d) => change({ dueThisWeek: d.checked === true })}
          />
          <Checkbox
            label="Child at risk now"
            checked={!!filters.childAtRisk}
            onChange={(_, d) => change({ childAtRisk: d.checked === true })}
          />
        </div>
      </div>
      <form
        role="search"
        aria-label="Search by case reference"
        className={styles.search}
        onSubmit={(e) => {
          e.preventDefault();
          const reference = cleanReference(typed);
          setTyped(reference);
          change({ reference: reference || undefined });
        }}
      >
        <Field label="Case reference starts with" hint="For example NSP-CP-01.">
          <Input value={typed} onChange={(_, d) => setTyped(d.value)} />
        </Field>
        <Button type="submit">Search</Button>
        {filters.reference && (
          <Button
            onClick={() => {
              setTyped('');
              change({ reference: undefined });
            }}
          >
            Clear the search
          </Button>
        )}
      </form>
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
        state={
          view.status === 'ready'
            ? { status: 'ready', data: view }
            : view.status === 'error'
              ? view
              : { status: 'loading' }
        }
        retry={() => {
          setAttempt((n) => n + 1);
          retryThemes();
        }}
        what="the register"
        isEmpty={(v) => v.rows.length === 0}
        empty={<Text role="status">No audit matches these filters.</Text>}
      >
        {(v) => (
          <>
            <Text role="status">
              Showing {countOf(v.rows.length, 'audit', 'audits')}
              {v.next ? '; more match.' : '.'}
            </Text>
            <RecordTable
              caption="Audits"
              rows={v.rows}
              rowKey={(r) => r.audit.id}
              columns={[
                {
                  key: 'case',
                  header: 'Case reference',
                  cell: (r) => (
                    <div className={styles.cell}>
                      <Link href={hashOf({ area: 'audit', id: r.audit.id })}>
                        {r.audit.caseReference}
                      </Link>
                      {r.reauditOf && (
                        <Link href={hashOf({ area: 'audit', id: r.reauditOf })}>
                          Re-audit: open the original audit
                        </Link>
                      )}
                      {r.missing.length > 0 && (
                        <>
                          <span>
                            <Badge appearance="filled" color="danger" shape="rounded">
                              Incomplete
                            </Badge>
                          </span>
                          <Text size={200}>
                            Commissioning stopped part way: {list(r.missing.map(missingWords))}{' '}
                            {r.missing.length === 1 ? 'was' : 'were'} not made.
                          </Text>
                          {finishes && (
                            <span>
                              <Button
                                size="small"
                                disabled={finishing !== undefined}
                                onClick={() => void finish(r)}
                                aria-label={`Finish commissioning ${r.audit.caseReference}`}
                              >
                                Finish commissioning
                              </Button>
                            </span>
                          )}
                        </>
                      )}
                    </div>
                  ),
                },
                {
                  key: 'category',
                  header: 'Category',
                  cell: (r) => CATEGORY_LABELS[r.audit.category],
                },
                { key: 'theme', header: 'Theme', cell: (r) => themeTitle(r.audit.themeId) },
                {
                  key: 'agencies',
                  header: 'Agencies',
                  cell: (r) => r.audit.agencies.map(agencyLabel).join(', '),
                },
                {
                  key: 'status',
                  header: 'Status',
                  cell: (r) => <AuditStatusBadge status={r.audit.status} />,
                },
                {
                  key: 'due',
                  header: 'Due',
                  cell: (r) => (
                    <>
                      {formatDate(r.audit.dueDate)}
                      {isAuditOverdue(r.audit, today) && (
                        <>
                          {' '}
                          <Badge appearance="filled" color="danger" shape="rounded">
                            Overdue
                          </Badge>
                        </>
                      )}
                    </>
                  ),
                },
                {
                  key: 'risk',
                  header: 'Child at risk',
                  cell: (r) =>
                    isAtRiskNow(r.audit) ? (
                      <Badge appearance="filled" color="danger" shape="rounded">
                        At risk now
                      </Badge>
                    ) : r.audit.childAtRisk ? (
                      'Was flagged'
                    ) : (
                      'No'
                    ),
                },
                {
                  key: 'progress',
                  header: 'Progress',
                  cell: (r) => (
                    <CountBar
                      value={r.progress.submitted}
                      total={r.progress.total}
                      label={`${r.progress.submitted} of ${countOf(r.progress.total, 'agency', 'agencies')} submitted`}
                    />
                  ),
                },
              ]}
            />
            {v.next && (
              <div>
                <Button onClick={() => void showMore()} disabled={v.more === 'loading'}>
                  Show more audits
                </Button>
                {v.more === 'loading' && <Spinner size="tiny" label="Loading more audits…" />}
              </div>
            )}
            {v.more instanceof Error && (
              <MessageBar intent="error" role="alert">
                <MessageBarBody>
                  <UserMessageText message={MESSAGES.loadFailed('more audits', v.more)} />
                </MessageBarBody>
              </MessageBar>
            )}
          </>
        )}
      </AsyncContent>
    </PageFrame>
  );
}
