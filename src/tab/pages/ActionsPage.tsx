import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useId, useState } from 'react';
import { AGENCY_IDS, type AgencyId, agencyLabel } from '../../domain/agencies.js';
import { checkIdentifyingDetail, describeFindings } from '../../domain/guard/identifyingDetail.js';
import { ACTION_STATUSES, type ActionStatus, type PersonRef } from '../../domain/records.js';
import {
  ACTION_STATE_LABELS,
  type ActionFilter,
  actionOwners,
  actionRecommendations,
  actionSources,
  type ActionState,
  actionState,
  describeSource,
  filterActions,
  type PlannedAction,
} from '../../domain/report/actionPlan.js';
import type { Recommendation } from '../../domain/report/report.js';
import { toCsv } from '../../domain/report/safeCells.js';
import type { ReportSourceRef, StoredAction } from '../../graph/actionPlan.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { DueDate } from '../components/format.js';
import { PageFrame, Section } from '../components/PageFrame/PageFrame.js';
import { PeoplePicker } from '../components/PeoplePicker/PeoplePicker.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { useServices } from '../services/ServicesContext.js';
import { counted } from '../../domain/plural.js';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '40rem',
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
});

type Source = { report: ReportSourceRef; reportTitle: string; recommendation: Recommendation };

/**
 * The action plan: the business manager adds actions from published reports' recommendations,
 * sees, filters and exports the whole plan; each action's owner (its agency's lead) updates it.
 * SharePoint enforces who may change an action (its item permissions); the buttons follow.
 */
export function ActionsPage({ actionId }: { actionId?: string } = {}) {
  const { actionPlan, reports, role, now } = useServices();
  const load = useCallback(async () => {
    const [actions, stored] = await Promise.all([actionPlan.list(), reports.list()]);
    const sources: Source[] = stored.versions
      .filter((r) => r.version.status === 'published')
      .flatMap((r) =>
        r.version.recommendations.map((recommendation) => ({
          report: {
            reportId: r.version.reportId,
            version: r.version.version,
            itemId: r.itemId,
            title: r.version.title,
          },
          reportTitle: `${r.version.title}, version ${r.version.version}`,
          recommendation,
        })),
      );
    return { actions, sources };
  }, [actionPlan, reports]);
  const { state, retry } = useAsync(load);
  const [filter, setFilter] = useState<ActionFilter>({});
  // An action's card opens it here: its update form, when this person may update it.
  const [editing, setEditing] = useState<string | undefined>(actionId);
  const [notice, setNotice] = useState<string | undefined>();
  const today = now();
  const manager = role === 'businessManager';

  return (
    <PageFrame
      title="Action plan"
      intro="What each agency agreed to do after the overview reports, and how it is going."
    >
      {notice && (
        <MessageBar intent="success" aria-live="polite">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      <AsyncContent
        state={state}
        retry={retry}
        what="the action plan"
        isEmpty={() => false}
        empty=""
      >
        {({ actions, sources }) => {
          const shown = filterActions(actions, filter, today) as StoredAction[];
          const found = shown.find((a) => a.itemId === editing);
          const open = found && actionPlan.canUpdate(found) ? found : undefined;
          return (
            <>
              {manager && (
                <AddAction
                  sources={sources}
                  count={(s) =>
                    actions.filter((a) => a.recommendation === s.recommendation.text).length
                  }
                  onAdded={(said) => {
                    setNotice(said);
                    retry();
                  }}
                />
              )}
              <Section title="The plan">
                <Filters filter={filter} onChange={setFilter} actions={actions} />
                <p role="status">
                  {shown.length === actions.length
                    ? `Showing all ${counted(actions.length, 'action')}.`
                    : `Showing ${shown.length} of ${counted(actions.length, 'action')}: ${describeFilter(filter, actions)}.`}
                </p>
                {manager && (
                  <div>
                    <Button onClick={() => exportPlan(shown, today)}>
                      {shown.length === actions.length
                        ? 'Export the plan (CSV)'
                        : 'Export the actions shown (CSV)'}
                    </Button>
                  </div>
                )}
                {shown.length === 0 ? (
                  <p>No action matches.</p>
                ) : (
                  <RecordTable
                    caption="Actions"
                    rows={shown}
                    rowKey={(a) => a.itemId}
                    columns={[
                      { key: 'title', header: 'Action', cell: (a) => a.title },
                      {
                        key: 'recommendation',
                        header: 'Recommendation',
                        cell: (a) => a.recommendation,
                      },
                      {
                        key: 'report',
                        header: 'Report',
                        cell: (a) => (a.report ? describeSource(a.report) : '—'),
                      },
                      { key: 'agency', header: 'Agency', cell: (a) => agencyLabel(a.agency) },
                      { key: 'owner', header: 'Owner', cell: (a) => a.owner?.displayName ?? '—' },
                      {
                        key: 'due',
                        header: 'Due',
                        cell: (a) => (
                          <DueDate iso={a.dueDate} finished={a.status === 'done'} now={today} />
                        ),
                      },
                      {
                        key: 'status',
                        header: 'Status',
                        cell: (a) => ACTION_STATE_LABELS[actionState(a, today)],
                      },
                      { key: 'evidence', header: 'Evidence', cell: (a) => a.evidence || '—' },
                      {
                        key: 'update',
                        header: 'Update',
                        cell: (a) =>
                          actionPlan.canUpdate(a) ? (
                            <Button
                              onClick={() => setEditing(a.itemId)}
                            >{`Update ${a.title}`}</Button>
                          ) : (
                            '—'
                          ),
                      },
                    ]}
                  />
                )}
              </Section>
              {open && (
                <UpdateAction
                  action={open}
                  onDone={(said) => {
                    setEditing(undefined);
                    if (said) {
                      setNotice(said);
                      retry();
                    }
                  }}
                />
              )}
            </>
          );
        }}
      </AsyncContent>
    </PageFrame>
  );
}

/** The plan as CSV rows: what is shown, in the order shown, with its source report. */
export function planRows(actions: readonly PlannedAction[], now: Date): string[][] {
  return [
    ['Action', 'Recommendation', 'Report', 'Agency', 'Owner', 'Due', 'Status', 'Evidence'],
    ...actions.map((a) => [
      a.title,
      a.recommendation,
      a.report ? describeSource(a.report) : '',
      agencyLabel(a.agency),
      a.owner?.displayName ?? '',
      a.dueDate ?? '',
      ACTION_STATE_LABELS[actionState(a, now)],
      a.evidence,
    ]),
  ];
}

/** The filters in words, for the line that says what is shown. */
function describeFilter(filter: ActionFilter, actions: readonly PlannedAction[]): string {
  const parts: string[] = [];
  if (filter.agency) parts.push(agencyLabel(filter.agency));
  if (filter.state) parts.push(ACTION_STATE_LABELS[filter.state].toLowerCase());
  if (filter.ownerId) {
    const owner = actionOwners(actions).find((o) => o.id === filter.ownerId);
    parts.push(`owned by ${owner?.displayName ?? 'someone else'}`);
  }
  if (filter.recommendation !== undefined) parts.push(`answering "${filter.recommendation}"`);
  if (filter.report) {
    const source = actionSources(actions).find((r) => r.key === filter.report);
    parts.push(`from ${source ? describeSource(source) : 'another report'}`);
  }
  return parts.join(', ');
}

function exportPlan(actions: readonly StoredAction[], now: Date): void {
  const csv = toCsv(planRows(actions, now));
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'Action plan.csv';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One filter: a labelled native select (keyboard and screen readers as the platform gives them). */
function FilterSelect({
  label,
  any,
  value,
  options,
  onChange,
}: {
  label: string;
  any: string;
  value: string | undefined;
  options: ReadonlyArray<readonly [value: string, label: string]>;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <Field label={label}>
      <Select
        value={value ?? ''}
        onChange={(_, d) => onChange(d.value === '' ? undefined : d.value)}
      >
        <option value="">{any}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** The filter with one part set or taken out. */
function withPart<K extends keyof ActionFilter>(
  filter: ActionFilter,
  key: K,
  value: ActionFilter[K] | undefined,
): ActionFilter {
  const { [key]: _old, ...rest } = filter;
  return value === undefined ? rest : { ...rest, [key]: value };
}

function Filters({
  filter,
  onChange,
  actions,
}: {
  filter: ActionFilter;
  onChange: (f: ActionFilter) => void;
  actions: readonly PlannedAction[];
}) {
  const styles = useStyles();
  const recommendations = actionRecommendations(actions);
  return (
    <div className={styles.row} role="group" aria-label="Filter the plan">
      <FilterSelect
        label="Agency"
        any="Every agency"
        value={filter.agency}
        options={AGENCY_IDS.map((a) => [a, agencyLabel(a)] as const)}
        onChange={(v) => onChange(withPart(filter, 'agency', v as AgencyId | undefined))}
      />
      <FilterSelect
        label="Status"
        any="Any status"
        value={filter.state}
        options={(Object.keys(ACTION_STATE_LABELS) as ActionState[]).map(
          (st) => [st, ACTION_STATE_LABELS[st]] as const,
        )}
        onChange={(v) => onChange(withPart(filter, 'state', v as ActionState | undefined))}
      />
      <FilterSelect
        label="Owner"
        any="Any owner"
        value={filter.ownerId}
        options={actionOwners(actions).map((o) => [o.id, o.displayName] as const)}
        onChange={(v) => onChange(withPart(filter, 'ownerId', v))}
      />
      <FilterSelect
        label="Recommendation"
        any="Any recommendation"
        // By position: a recommendation's words can be long, and the select's value need not be.
        value={
          filter.recommendation === undefined
            ? undefined
            : String(recommendations.indexOf(filter.recommendation))
        }
        options={recommendations.map((r, i) => [String(i), r] as const)}
        onChange={(v) =>
          onChange(
            withPart(
              filter,
              'recommendation',
              v === undefined ? undefined : recommendations[Number(v)],
            ),
          )
        }
      />
      <FilterSelect
        label="Report"
        any="Any report"
        value={filter.report}
        options={actionSources(actions).map((r) => [r.key, describeSource(r)] as const)}
        onChange={(v) => onChange(withPart(filter, 'report', v))}
      />
    </div>
  );
}

function AddAction({
  sources,
  count,
  onAdded,
}: {
  sources: readonly Source[];
  count: (s: Source) => number;
  onAdded: (said: string) => void;
}) {
  const styles = useStyles();
  const { actionPlan, caseReferenceFormat } = useServices();
  const ownerId = useId();
  const [source, setSource] = useState('');
  const [title, setTitle] = useState('');
  const [agency, setAgency] = useState('');
  const [owner, setOwner] = useState<PersonRef | undefined>();
  const [due, setDue] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (sources.length === 0)
    return (
      <Section title="Add an action">
        <p>Actions come from the recommendations of a published report: publish one first.</p>
      </Section>
    );
  const guard =
    title.trim() === ''
      ? { ok: true as const }
      : checkIdentifyingDetail(title, [caseReferenceFormat]);

  async function add() {
    const s = sources[Number(source)];
    if (!s) {
      setProblem('Choose the recommendation this action answers.');
      return;
    }
    if (!guard.ok) {
      setProblem(describeFindings(guard.findings));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const outcome = await actionPlan.add(s.report, s.recommendation, count(s) + 1, {
        recommendation: s.recommendation.text,
        title,
        agency,
        owner,
        dueDate: due,
      });
      if (outcome.kind === 'saved') {
        setTitle('');
        onAdded(`Action added: ${outcome.action.title}.`);
      } else setProblem(outcome.reason);
    } catch (e) {
      setProblem(`Nothing was saved: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Add an action">
      <div className={styles.form}>
        <Field label="Recommendation">
          <Select value={source} onChange={(_, d) => setSource(d.value)}>
            <option value="">Choose a recommendation</option>
            {sources.map((s, i) => (
              <option key={`${s.report.reportId}:${s.recommendation.id}`} value={String(i)}>
                {`${s.recommendation.text} (${s.reportTitle})`}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="What will be done"
          validationMessage={guard.ok ? undefined : describeFindings(guard.findings)}
        >
          <Input value={title} onChange={(_, d) => setTitle(d.value)} />
        </Field>
        <Field label="Owning agency">
          <Select value={agency} onChange={(_, d) => setAgency(d.value)}>
            <option value="">Choose an agency</option>
            {AGENCY_IDS.map((a) => (
              <option key={a} value={a}>
                {agencyLabel(a)}
              </option>
            ))}
          </Select>
        </Field>
        <PeoplePicker
          id={ownerId}
          label="Owner (the agency's lead)"
          value={owner}
          onChange={setOwner}
        />
        <Field label="Due">
          <Input type="date" value={due} onChange={(_, d) => setDue(d.value)} />
        </Field>
        {problem && (
          <MessageBar intent="error">
            <MessageBarBody>{problem}</MessageBarBody>
          </MessageBar>
        )}
        <div>
          <Button appearance="primary" disabled={busy} onClick={() => void add()}>
            Add the action
          </Button>
        </div>
      </div>
    </Section>
  );
}

const STATUS_LABEL: Record<ActionStatus, string> = {
  notStarted: 'Not started',
  inProgress: 'In progress',
  done: 'Done',
};

function UpdateAction({
  action,
  onDone,
}: {
  action: StoredAction;
  onDone: (said?: string) => void;
}) {
  const styles = useStyles();
  const { actionPlan, caseReferenceFormat } = useServices();
  const [status, setStatus] = useState<ActionStatus>(action.status);
  const [evidence, setEvidence] = useState(action.evidence);
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function save() {
    const guard = checkIdentifyingDetail(evidence, [caseReferenceFormat]);
    if (evidence.trim() !== '' && !guard.ok) {
      setProblem(describeFindings(guard.findings));
      return;
    }
    setBusy(true);
    try {
      const outcome = await actionPlan.update(action, { status, evidence });
      if (outcome.kind === 'saved') onDone(`Action updated: ${action.title}.`);
      else setProblem(outcome.reason);
    } catch (e) {
      setProblem(`Nothing was saved: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={`Update: ${action.title}`}>
      <div className={styles.form}>
        <Field label="Status">
          <Select value={status} onChange={(_, d) => setStatus(d.value as ActionStatus)}>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Evidence of progress or completion">
          <Textarea value={evidence} onChange={(_, d) => setEvidence(d.value)} />
        </Field>
        {problem && (
          <MessageBar intent="error">
            <MessageBarBody>{problem}</MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.row}>
          <Button appearance="primary" disabled={busy} onClick={() => void save()}>
            Save the update
          </Button>
          <Button onClick={() => onDone()}>Cancel</Button>
        </div>
      </div>
    </Section>
  );
}
