import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useRef, useState } from 'react';
import { AGENCIES, type AgencyId } from '../../domain/agencies.js';
import {
  type CommissionField,
  type CommissionProblem,
  commissionProblems,
  type CommissionRequest,
  splitReferences,
} from '../../domain/commissioning.js';
import {
  type Audit,
  type Category,
  CATEGORY_LABELS,
  type PersonRef,
  type ProgrammeTheme,
} from '../../domain/records.js';
import { DEFAULT_FILTERS, type ExistingAudit } from '../../domain/register.js';
import { useNotifications } from '../services/NotificationSender.js';
import { hashOf } from '../routing/router.js';
import { useServices } from '../services/ServicesContext.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { CheckboxGroup } from '../components/CheckboxGroup/CheckboxGroup.js';
import { PeoplePicker } from '../components/PeoplePicker/PeoplePicker.js';
import { PageFrame } from '../components/PageFrame/PageFrame.js';
import { MESSAGES, type UserMessage } from '../../domain/messages.js';
import { counted } from '../../domain/plural.js';
import { UserMessageText } from '../components/UserMessage/UserMessage.js';
import { formatDate } from '../components/format.js';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '720px',
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
});

const fieldId = (field: CommissionField) => `commission-${field.replace('.', '-')}`;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Commissioning audits for a theme: cases, agencies, auditors, lead, sign-off manager, due date.
 * Opened from "Re-audits due" with the original audit's id (never its case in the link): the
 * case, its category and agencies are filled in and the new audit is linked to that original.
 */
export function CommissionPage({ themeId, reauditOf }: { themeId: string; reauditOf?: string }) {
  const { repositories } = useServices();
  const load = useCallback(async () => {
    const [themes, original] = await Promise.all([
      repositories.programme.list(),
      reauditOf ? repositories.audits.get(reauditOf) : undefined,
    ]);
    const theme = themes.find((t) => t.id === themeId);
    if (!theme) throw new Error(`There is no theme ${themeId} in the programme.`);
    return { theme, original };
  }, [repositories, themeId, reauditOf]);
  const { state, retry } = useAsync(load);
  return (
    <PageFrame
      title={
        state.status === 'ready'
          ? `Commission audits: ${state.data.theme.title}`
          : 'Commission audits'
      }
    >
      <AsyncContent state={state} retry={retry} what="the theme" isEmpty={() => false} empty={null}>
        {({ theme, original }) => (
          <CommissionForm theme={theme} {...(original ? { original } : {})} />
        )}
      </AsyncContent>
    </PageFrame>
  );
}

function CommissionForm({ theme, original }: { theme: ProgrammeTheme; original?: Audit }) {
  const styles = useStyles();
  const { programme, caseReferenceFormat, caseReferenceFormatProblem, now } = useServices();
  const notifications = useNotifications();
  const today = now();
  const [references, setReferences] = useState(original?.caseReference ?? '');
  const [category, setCategory] = useState<Category | undefined>(
    original?.category ?? (theme.categories.length === 1 ? theme.categories[0] : undefined),
  );
  // A re-audit's category may have left the theme's list since: it is offered all the same.
  const categories =
    original && !theme.categories.includes(original.category)
      ? [...theme.categories, original.category]
      : theme.categories;
  const [periodStart, setPeriodStart] = useState(
    isoDay(new Date(today.getTime() - 365 * 86_400_000)),
  );
  const [periodEnd, setPeriodEnd] = useState(isoDay(new Date(today.getTime() - 86_400_000)));
  const [agencies, setAgencies] = useState<AgencyId[]>(original ? [...original.agencies] : []);
  const [auditors, setAuditors] = useState<Partial<Record<AgencyId, PersonRef>>>({});
  const [lead, setLead] = useState<PersonRef | undefined>();
  const [signOff, setSignOff] = useState<PersonRef | undefined>();
  // Chosen once with the form and kept: submitting again after a failure finishes the same commission.
  const [commissionId] = useState(() => crypto.randomUUID());
  const [dueDate, setDueDate] = useState(isoDay(new Date(today.getTime() + 28 * 86_400_000)));
  const [problems, setProblems] = useState<CommissionProblem[] | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ ids: string[]; refs: string[] } | undefined>();
  // A duplicate case is refused in a sentence of the product's, naming the audits to link to; any
  // other failure is a catalogue message, with the register's links to find what was made.
  const [error, setError] = useState<
    | { kind: 'duplicate'; sentence: string; existing: readonly ExistingAudit[] }
    | { kind: 'failed'; message: UserMessage; refs: readonly string[] }
    | undefined
  >();
  const [reaudit, setReaudit] = useState(original !== undefined);
  const summary = useRef<HTMLDivElement>(null);

  const request = (): CommissionRequest => ({
    themeId: theme.id,
    themeTitle: theme.title,
    caseReferences: splitReferences(references),
    category,
    periodStart,
    periodEnd,
    agencies,
    auditors,
    leadAuditor: lead,
    signOffManager: signOff,
    dueDate,
    ...(reaudit ? { reaudit: true } : {}),
    ...(reaudit && original ? { originals: { [original.caseReference]: original.id } } : {}),
  });
  const problemFor = (field: CommissionField) =>
    problems
      ?.filter((p) => p.field === field)
      .map((p) => p.message)
      .join(' ') || undefined;

  const submit = async () => {
    const req = request();
    const found = commissionProblems(req, caseReferenceFormat, today);
    setProblems(found);
    setError(undefined);
    if (found.length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setBusy(true);
    try {
      const ids = await programme.commission(req, commissionId);
      setDone({ ids, refs: req.caseReferences as string[] });
      void notifications.send([]);
    } catch (e) {
      // A duplicate case names the audits in its way (DuplicateReferenceError), to link to.
      const existing = (e as { existing?: readonly ExistingAudit[] }).existing;
      setError(
        existing
          ? { kind: 'duplicate', sentence: (e as Error).message, existing }
          : { kind: 'failed', message: MESSAGES.commissionFailed(e), refs: req.caseReferences },
      );
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <MessageBar intent="success" role="status">
        <MessageBarBody>
          <MessageBarTitle>{counted(done.ids.length, 'audit')} commissioned.</MessageBarTitle>
          The partnership&apos;s channel and each auditor are being told.{' '}
          {done.ids.map((id, i) => (
            <span key={id}>
              <Link href={hashOf({ area: 'audit', id })}>Open {done.refs[i]}</Link>{' '}
            </span>
          ))}
        </MessageBarBody>
      </MessageBar>
    );
  }

  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Text as="p">
        Only pseudonymised case references: never a child&apos;s name, date of birth, address or NHS
        number. References travel in notifications.
      </Text>
      {original && (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>Re-audit of {original.caseReference}</MessageBarTitle>
            The case, its category and agencies are filled in from the audit
            {original.signedOffAt ? ` signed off on ${formatDate(original.signedOffAt)}` : ''}.
            While &quot;This is a re-audit&quot; stays ticked, the new audit is linked to it.
          </MessageBarBody>
        </MessageBar>
      )}
      {caseReferenceFormatProblem && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {caseReferenceFormatProblem} Until the setting is corrected, the default format is used.
          </MessageBarBody>
        </MessageBar>
      )}
      {problems && problems.length > 0 && (
        <div ref={summary} tabIndex={-1}>
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>
                Nothing was commissioned: {counted(problems.length, 'thing')} to put right.
              </MessageBarTitle>
              <ul>
                {problems.map((p, i) => (
                  <li key={i}>
                    <Link
                      href={`#${fieldId(p.field)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(fieldId(p.field))?.focus();
                      }}
                    >
                      {p.message}
                    </Link>
                  </li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      <Field
        label="Case references, one a line"
        required
        validationMessage={problemFor('caseReferences')}
        hint={`In the partnership's format, for example NSP-CP-0101.`}
      >
        <Textarea
          id={fieldId('caseReferences')}
          value={references}
          onChange={(_, d) => setReferences(d.value)}
          rows={4}
        />
      </Field>
      <Field label="Category of case" required validationMessage={problemFor('category')}>
        <Select
          id={fieldId('category')}
          value={category ?? ''}
          onChange={(_, d) => setCategory((d.value || undefined) as Category | undefined)}
        >
          <option value="">Choose…</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Field label="Period under review: from" required validationMessage={problemFor('period')}>
          <Input
            id={fieldId('period')}
            type="date"
            value={periodStart}
            onChange={(_, d) => setPeriodStart(d.value)}
          />
        </Field>
        <Field label="to" required>
          <Input type="date" value={periodEnd} onChange={(_, d) => setPeriodEnd(d.value)} />
        </Field>
      </div>
      <CheckboxGroup
        id={fieldId('agencies')}
        legend="Agencies whose records are audited"
        required
        options={AGENCIES.map((a) => ({ value: a.id, label: a.label }))}
        selected={agencies}
        onChange={setAgencies}
        validationMessage={problemFor('agencies')}
      />
      {agencies.map((agency) => (
        <PeoplePicker
          key={agency}
          id={fieldId(`auditor.${agency}`)}
          label={`Auditor for ${AGENCIES.find((a) => a.id === agency)?.label}`}
          required
          value={auditors[agency]}
          onChange={(p) => setAuditors((all) => ({ ...all, [agency]: p }))}
          validationMessage={problemFor(`auditor.${agency}`)}
        />
      ))}
      <PeoplePicker
        id={fieldId('leadAuditor')}
        label="Lead auditor"
        required
        value={lead}
        onChange={setLead}
        validationMessage={problemFor('leadAuditor')}
      />
      <PeoplePicker
        id={fieldId('signOffManager')}
        label="Sign-off manager"
        required
        value={signOff}
        onChange={setSignOff}
        validationMessage={problemFor('signOffManager')}
      />
      <Field label="Due date" required validationMessage={problemFor('dueDate')}>
        <Input
          id={fieldId('dueDate')}
          type="date"
          value={dueDate}
          onChange={(_, d) => setDueDate(d.value)}
        />
      </Field>
      <Checkbox
        label="This is a re-audit of cases audited before (each is linked to its latest audit)"
        checked={reaudit}
        onChange={(_, d) => setReaudit(d.checked === true)}
      />
      {error?.kind === 'duplicate' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            {error.sentence}{' '}
            {error.existing.map((a) => (
              <span key={a.auditId}>
                <Link href={hashOf({ area: 'audit', id: a.auditId })}>
                  Open the existing audit of {a.caseReference}
                </Link>{' '}
              </span>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      {error?.kind === 'failed' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <UserMessageText message={error.message} />{' '}
            {error.refs.map((ref) => (
              <span key={ref}>
                <Link
                  href={hashOf({
                    area: 'register',
                    filters: { ...DEFAULT_FILTERS, reference: ref },
                  })}
                >
                  Find {ref} in the register
                </Link>{' '}
              </span>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" type="submit" disabled={busy}>
          Commission {splitReferences(references).length || ''} audit
          {splitReferences(references).length === 1 ? '' : 's'}
        </Button>
      </div>
    </form>
  );
}
