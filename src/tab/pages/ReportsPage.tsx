import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { checkIdentifyingDetail, describeFindings } from '../../domain/guard/identifyingDetail.js';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../domain/records.js';
import { type ReportContent, reportContent } from '../../domain/report/content.js';
import {
  describeScope,
  newVersion,
  publishReport,
  type Recommendation,
  type ReportScope,
  type ReportVersion,
} from '../../domain/report/report.js';
import { quotesOf } from '../../domain/report/narrative.js';
import { latestTool } from '../../domain/tools/index.js';
import { overallTimeliness } from '../../domain/feedback.js';
import { counted } from '../../domain/plural.js';
import { programmeYearOf, type ReportData, type StoredReport } from '../../graph/reports.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { formatDate } from '../components/format.js';
import { PageFrame, Section } from '../components/PageFrame/PageFrame.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { useServices } from '../services/ServicesContext.js';

// The charts library is large: it comes in a chunk of its own, once a report is open.
const ReportChart = lazy(() =>
  import(/* webpackChunkName: "report-charts" */ './ReportChart.js').then((m) => ({
    default: m.ReportChart,
  })),
);

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '40rem',
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  figure: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  recommendation: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

const AREA_TITLES = new Map(
  CATEGORIES.flatMap((c) => latestTool(c).sections.map((s) => [s.id, s.title] as const)),
);
const areaTitle = (id: string) => AREA_TITLES.get(id) ?? id;

/** Text a person typed, checked by the guard: a sentence when it holds identifying detail. */
function guardProblem(text: string, allowed: RegExp): string | undefined {
  if (text.trim() === '') return undefined;
  const result = checkIdentifyingDetail(text, [allowed]);
  return result.ok ? undefined : describeFindings(result.findings);
}

function download(bytes: Uint8Array | string, name: string, type: string): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The report's words and timeliness from what was read: quotes from the chosen audits' notes
 * (guarded when kept at sign-off and again when read), the timeliness of the set's feedback, and
 * every digest read, where re-audits find their originals.
 */
function narrativeInputs(data: ReportData, now: Date) {
  const feedback = {
    figures: overallTimeliness(data.feedback.timings, data.feedback.targets, now),
    targets: data.feedback.targets,
  };
  return {
    quotes: quotesOf(data.notes, data.digests, data.notesRequested),
    feedback,
    known: [...data.digests, ...(data.previous?.digests ?? []), ...data.originals],
  };
}

const fileName = (v: ReportVersion) =>
  `${v.title.replace(/[^A-Za-z0-9 -]+/g, '').trim() || 'Overview report'} v${v.version}`;

export function ReportsPage() {
  const { reports, role } = useServices();
  const [open, setOpen] = useState<StoredReport | 'new' | undefined>(undefined);
  // What the last save said: the view opens afresh on the stored version, and says it.
  const [notice, setNotice] = useState<string | undefined>();
  const openReport = (r: StoredReport, said?: string) => {
    setNotice(said);
    setOpen(r);
  };
  const load = useCallback(() => reports.list(), [reports]);
  const { state, retry } = useAsync(load);
  const manager = role === 'businessManager';

  if (open === 'new')
    return (
      <NewReport
        onCancel={() => setOpen(undefined)}
        onCreated={(r) => {
          retry();
          openReport(r, 'The draft is saved.');
        }}
      />
    );
  if (open)
    return (
      <ReportView
        key={`${open.itemId}:${open.eTag}`}
        stored={open}
        notice={notice}
        onBack={() => {
          retry();
          setNotice(undefined);
          setOpen(undefined);
        }}
        onOpen={openReport}
      />
    );

  return (
    <PageFrame
      title="Overview reports"
      intro="Reports drawn from sets of signed-off audits, for the partnership's board."
    >
      {manager && (
        <div>
          <Button appearance="primary" onClick={() => setOpen('new')}>
            New report
          </Button>
        </div>
      )}
      <AsyncContent
        state={state}
        retry={retry}
        what="the overview reports"
        isEmpty={(d) => d.versions.length === 0 && d.others.length === 0}
        empty="No overview report has been written yet."
      >
        {({ versions, others }) => (
          <>
            <RecordTable
              caption="Overview reports"
              rows={versions}
              rowKey={(r) => r.itemId}
              columns={[
                {
                  key: 'title',
                  header: 'Report',
                  cell: (r) => (
                    <Button appearance="transparent" onClick={() => setOpen(r)}>
                      {`${r.version.title}, version ${r.version.version}`}
                    </Button>
                  ),
                },
                { key: 'scope', header: 'Drawn from', cell: (r) => describeScope(r.version.scope) },
                {
                  key: 'status',
                  header: 'Status',
                  cell: (r) => (r.version.status === 'published' ? 'Published' : 'Draft'),
                },
                {
                  key: 'published',
                  header: 'Published',
                  cell: (r) => formatDate(r.version.publishedAt),
                },
              ]}
            />
            {others.length > 0 && (
              <RecordTable
                caption="Earlier reports (kept as they were written)"
                rows={others}
                rowKey={(r) => r.itemId}
                columns={[
                  { key: 'title', header: 'Report', cell: (r) => r.title },
                  { key: 'scope', header: 'Drawn from', cell: (r) => r.scope },
                  {
                    key: 'status',
                    header: 'Status',
                    cell: (r) => (r.status === 'published' ? 'Published' : 'Draft'),
                  },
                  { key: 'published', header: 'Published', cell: (r) => formatDate(r.publishedAt) },
                ]}
              />
            )}
          </>
        )}
      </AsyncContent>
    </PageFrame>
  );
}

type ScopeKind = ReportScope['kind'];

/** The business manager chooses the set of audits and a title; the draft is stored at once. */
function NewReport({
  onCancel,
  onCreated,
}: {
  onCancel: () => void;
  onCreated: (r: StoredReport) => void;
}) {
  const styles = useStyles();
  const { reports, repositories, now, caseReferenceFormat } = useServices();
  const year = programmeYearOf(now().toISOString().slice(0, 10));
  const loadThemes = useCallback(() => repositories.programme.list(), [repositories]);
  const themes = useAsync(loadThemes).state;
  const [kind, setKind] = useState<ScopeKind>('programme');
  const [title, setTitle] = useState(`Overview of the ${year} programme`);
  const [programmeYear, setProgrammeYear] = useState(year);
  const [themeId, setThemeId] = useState('');
  const [category, setCategory] = useState<Category>(CATEGORIES[0]);
  const [from, setFrom] = useState(`${year.slice(0, 4)}-04-01`);
  const [to, setTo] = useState(now().toISOString().slice(0, 10));
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const titleProblem =
    title.trim() === '' ? 'Give the report a title.' : guardProblem(title, caseReferenceFormat);

  function scope(): ReportScope | string {
    switch (kind) {
      case 'programme':
        return /^\d{4}-\d{2}$/.test(programmeYear)
          ? { kind, year: programmeYear }
          : 'The year is written like 2026-27.';
      case 'theme': {
        const theme =
          themes.status === 'ready' ? themes.data.find((t) => t.id === themeId) : undefined;
        return theme ? { kind, themeId: theme.id, title: theme.title } : 'Choose a theme.';
      }
      case 'category':
      case 'period':
        if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to)
          return 'Choose the first and last days, the first on or before the last.';
        return kind === 'category' ? { kind, category, from, to } : { kind, from, to };
    }
  }

  async function create() {
    const s = scope();
    if (typeof s === 'string' || titleProblem) {
      setProblem(typeof s === 'string' ? s : titleProblem);
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const reportId = crypto.randomUUID().replace(/-/g, '').slice(0, 12);
      onCreated(
        await reports.create({
          reportId,
          version: 1,
          status: 'draft',
          scope: s,
          title: title.trim(),
          narrative: '',
          recommendations: [],
        }),
      );
    } catch (e) {
      setProblem(`The report could not be saved: ${(e as Error).message}`);
      setBusy(false);
    }
  }

  return (
    <PageFrame title="New overview report" intro="Choose the set of signed-off audits it covers.">
      <div className={styles.form}>
        <Field label="Title" required validationMessage={title === '' ? undefined : titleProblem}>
          <Input value={title} onChange={(_, d) => setTitle(d.value)} />
        </Field>
        <Field label="Drawn from">
          <Select value={kind} onChange={(_, d) => setKind(d.value as ScopeKind)}>
            <option value="programme">The whole programme year</option>
            <option value="theme">A theme</option>
            <option value="category">A category of case, over some days</option>
            <option value="period">Every audit signed off over some days</option>
          </Select>
        </Field>
        {kind === 'programme' && (
          <Field label="Programme year (April to March)" hint="For example 2026-27">
            <Input value={programmeYear} onChange={(_, d) => setProgrammeYear(d.value)} />
          </Field>
        )}
        {kind === 'theme' && (
          <Field label="Theme">
            <Select value={themeId} onChange={(_, d) => setThemeId(d.value)}>
              <option value="">Choose a theme</option>
              {themes.status === 'ready' &&
                themes.data.map((t) => (
                  <option key={t.id} value={t.id}>
                    {`${t.title} (${t.year})`}
                  </option>
                ))}
            </Select>
          </Field>
        )}
        {kind === 'category' && (
          <Field label="Category">
            <Select value={category} onChange={(_, d) => setCategory(d.value as Category)}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {(kind === 'category' || kind === 'period') && (
          <div className={styles.row}>
            <Field label="First day">
              <Input type="date" value={from} onChange={(_, d) => setFrom(d.value)} />
            </Field>
            <Field label="Last day">
              <Input type="date" value={to} onChange={(_, d) => setTo(d.value)} />
            </Field>
          </div>
        )}
        {problem && (
          <MessageBar intent="error">
            <MessageBarBody>{problem}</MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.row}>
          <Button appearance="primary" disabled={busy} onClick={() => void create()}>
            Build the report
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </div>
      </div>
    </PageFrame>
  );
}

function ReportView({
  stored,
  notice,
  onBack,
  onOpen,
}: {
  stored: StoredReport;
  notice: string | undefined;
  onBack: () => void;
  onOpen: (r: StoredReport, said?: string) => void;
}) {
  const { reports, session, role, now, gradingScale, caseReferenceFormat } = useServices();
  const scope = stored.version.scope;
  const load = useCallback(
    () =>
      reports.data(
        scope,
        scope.kind === 'theme' ? [programmeYearOf(now().toISOString().slice(0, 10))] : [],
        [caseReferenceFormat],
      ),
    [reports, scope, now, caseReferenceFormat],
  );
  const { state, retry } = useAsync(load);
  return (
    <PageFrame
      title={`${stored.version.title}, version ${stored.version.version}`}
      intro={`${describeScope(scope)}. ${stored.version.status === 'published' ? `Published ${formatDate(stored.version.publishedAt)}: fixed.` : 'Draft.'}`}
    >
      {notice && (
        <MessageBar intent="success" aria-live="polite">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button onClick={onBack}>Back to the reports</Button>
      </div>
      <AsyncContent
        state={state}
        retry={retry}
        what="the audits this report covers"
        // An empty set is still a report: it says so in its method section.
        isEmpty={() => false}
        empty=""
      >
        {(data) => (
          <ReportEditor
            stored={stored}
            data={data}
            editable={role === 'businessManager' && stored.version.status === 'draft'}
            manager={role === 'businessManager'}
            me={{ id: session.user.id, displayName: session.user.displayName }}
            scale={gradingScale.id}
            onOpen={onOpen}
          />
        )}
      </AsyncContent>
    </PageFrame>
  );
}

function ReportEditor({
  stored,
  data,
  editable,
  manager,
  me,
  scale,
  onOpen,
}: {
  stored: StoredReport;
  data: ReportData;
  editable: boolean;
  manager: boolean;
  me: { id: string; displayName: string };
  scale: 'current' | 'ofsted2009';
  onOpen: (r: StoredReport, said?: string) => void;
}) {
  const styles = useStyles();
  const { reports, now, caseReferenceFormat } = useServices();
  const [version, setVersion] = useState<ReportVersion>(stored.version);
  const [message, setMessage] = useState<{ intent: 'error' | 'success'; text: string }>();
  const [busy, setBusy] = useState(false);
  const content: ReportContent = useMemo(
    () =>
      reportContent({
        version,
        digests: data.digests,
        ...(data.previous ? { previous: data.previous } : {}),
        areaTitle,
        scale,
        ...narrativeInputs(data, now()),
      }),
    [version, data, scale, now],
  );
  const texts = [
    version.narrative,
    ...version.recommendations.flatMap((r) => [r.text, r.differenceForChildren]),
  ];
  const guard = texts.map((t) => guardProblem(t, caseReferenceFormat)).find((p) => p);

  async function act(what: () => Promise<void>) {
    setBusy(true);
    setMessage(undefined);
    try {
      await what();
    } catch (e) {
      setMessage({ intent: 'error', text: `Nothing was saved: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  }

  const save = (next: ReportVersion, said: string) =>
    act(async () => {
      if (guard) throw new Error(guard);
      onOpen(await reports.save(stored, next), said);
    });

  function publish() {
    const result = publishReport(version, data.digests.length, me, now());
    if (result.kind === 'refused') setMessage({ intent: 'error', text: result.reason });
    else void save(result.report, 'Published. This version is now fixed.');
  }

  function nextVersion() {
    const result = newVersion(stored.version);
    if (result.kind === 'refused') setMessage({ intent: 'error', text: result.reason });
    else
      void act(async () =>
        onOpen(await reports.create(result.report), 'A new draft version is made from it.'),
      );
  }

  async function exportAs(kind: 'docx' | 'xlsx' | 'csv') {
    await act(async () => {
      const name = fileName(version);
      if (kind === 'docx') {
        const { reportDocx } = await import(
          /* webpackChunkName: "report-export-word" */ '../../export/reportDocx.js'
        );
        download(
          await reportDocx(content),
          `${name}.docx`,
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        );
      } else {
        const { reportXlsx, reportCsv } = await import(
          /* webpackChunkName: "report-export-excel" */ '../../export/reportXlsx.js'
        );
        if (kind === 'xlsx')
          download(
            await reportXlsx(content),
            `${name}.xlsx`,
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          );
        else download(reportCsv(content), `${name}.csv`, 'text/csv;charset=utf-8');
      }
    });
  }

  const setRec = (i: number, r: Partial<Recommendation>) =>
    setVersion((v) => ({
      ...v,
      recommendations: v.recommendations.map((x, k) => (k === i ? { ...x, ...r } : x)),
    }));

  return (
    <>
      {message && (
        <MessageBar intent={message.intent} aria-live="polite">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {data.unreadable > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {`${data.unreadable} stored audit summaries could not be read and are left out of the figures.`}
          </MessageBarBody>
        </MessageBar>
      )}
      {data.feedback.unreadable > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {`${counted(data.feedback.unreadable, 'feedback reply', 'feedback replies')} could not be read and ${data.feedback.unreadable === 1 ? 'is' : 'are'} left out of feedback's timeliness.`}
          </MessageBarBody>
        </MessageBar>
      )}
      <Section title="Export">
        <div className={styles.row}>
          <Button disabled={busy} onClick={() => void exportAs('docx')}>
            Word document
          </Button>
          <Button disabled={busy} onClick={() => void exportAs('xlsx')}>
            Excel workbook
          </Button>
          <Button disabled={busy} onClick={() => void exportAs('csv')}>
            CSV
          </Button>
        </div>
      </Section>
      {editable && (
        <Section title="Narrative and recommendations">
          <div className={styles.form}>
            <Field
              label="Narrative"
              hint="What the audits found, in your words. No names or other identifying detail."
              validationMessage={guardProblem(version.narrative, caseReferenceFormat)}
            >
              <Textarea
                resize="vertical"
                rows={6}
                value={version.narrative}
                onChange={(_, d) => setVersion((v) => ({ ...v, narrative: d.value }))}
              />
            </Field>
            {version.recommendations.map((r, i) => (
              <div
                key={r.id}
                className={styles.recommendation}
                role="group"
                aria-label={`Recommendation ${i + 1}`}
              >
                <Field
                  label={`Recommendation ${i + 1}`}
                  validationMessage={guardProblem(r.text, caseReferenceFormat)}
                >
                  <Textarea value={r.text} onChange={(_, d) => setRec(i, { text: d.value })} />
                </Field>
                <Field
                  label="The difference it should make for children"
                  validationMessage={guardProblem(r.differenceForChildren, caseReferenceFormat)}
                >
                  <Textarea
                    value={r.differenceForChildren}
                    onChange={(_, d) => setRec(i, { differenceForChildren: d.value })}
                  />
                </Field>
                <div>
                  <Button
                    onClick={() =>
                      setVersion((v) => ({
                        ...v,
                        recommendations: v.recommendations.filter((_, k) => k !== i),
                      }))
                    }
                  >
                    {`Remove recommendation ${i + 1}`}
                  </Button>
                </div>
              </div>
            ))}
            <div className={styles.row}>
              <Button
                onClick={() =>
                  setVersion((v) => ({
                    ...v,
                    recommendations: [
                      ...v.recommendations,
                      {
                        id: `R${Math.max(0, ...v.recommendations.map((x) => Number(x.id.slice(1)) || 0)) + 1}`,
                        text: '',
                        differenceForChildren: '',
                      },
                    ],
                  }))
                }
              >
                Add a recommendation
              </Button>
              <Button disabled={busy} onClick={() => void save(version, 'The draft is saved.')}>
                Save draft
              </Button>
              <Button appearance="primary" disabled={busy} onClick={publish}>
                Publish
              </Button>
            </div>
          </div>
        </Section>
      )}
      {manager && stored.version.status === 'published' && (
        <div>
          <Button disabled={busy} onClick={nextVersion}>
            Make a new version
          </Button>
        </div>
      )}
      {busy && <Spinner size="tiny" label="Working…" />}
      {content.sections.map((section) => (
        <Section key={section.id} title={section.heading}>
          {section.paragraphs.map((p, i) => (
            <Text as="p" key={i}>
              {p}
            </Text>
          ))}
          {section.tables.map((table) => {
            const chart = section.charts.find((c) => c.tableId === table.id);
            return (
              <div key={table.id} className={styles.figure}>
                <RecordTable
                  caption={table.caption}
                  rows={table.rows.map((cells, i) => ({ i, cells }))}
                  rowKey={(r) => String(r.i)}
                  columns={table.head.map((h, k) => ({
                    key: `${k}`,
                    header: h,
                    cell: (r: { cells: readonly (string | number)[] }) => String(r.cells[k] ?? ''),
                  }))}
                />
                {chart && chart.bars.length > 0 && (
                  <Suspense fallback={<Spinner size="tiny" label="Drawing the chart…" />}>
                    <ReportChart chart={chart} table={table} />
                  </Suspense>
                )}
              </div>
            );
          })}
        </Section>
      ))}
    </>
  );
}
