import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { checkIdentifyingDetail, describeFindings } from '../../domain/guard/identifyingDetail.js';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  PRIORITY_SOURCE_LABELS,
  PRIORITY_SOURCES,
  type PrioritySource,
  type ProgrammeTheme,
} from '../../domain/records.js';
import type { ThemeInput } from '../../graph/programme.js';
import { CheckboxGroup } from '../components/CheckboxGroup/CheckboxGroup.js';
import { MESSAGES, type UserMessage } from '../../domain/messages.js';
import { UserMessageText } from '../components/UserMessage/UserMessage.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

type Problems = Partial<
  Record<'title' | 'categories' | 'plannedMonth' | 'sampleSize' | 'year', string>
>;

export function themeProblems(t: ThemeInput): Problems {
  const p: Problems = {};
  if (t.title.trim() === '') p.title = 'Give the theme a title.';
  else {
    const guard = checkIdentifyingDetail(t.title);
    if (!guard.ok) p.title = describeFindings(guard.findings);
  }
  if (!/^\d{4}-\d{2}$/.test(t.year)) p.year = 'The year is written like 2026-27.';
  if (t.categories.length === 0) p.categories = 'Choose at least one category of case.';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(t.plannedMonth))
    p.plannedMonth = 'Choose the month the audits are planned for.';
  if (!Number.isInteger(t.sampleSize) || t.sampleSize < 1 || t.sampleSize > 100)
    p.sampleSize = 'The sample is a whole number of cases from 1 to 100.';
  return p;
}

/** Adds or edits a theme of the year's programme. */
export function ThemeDialog({
  open,
  theme,
  year,
  onSave,
  onClose,
}: {
  /** Kept mounted and closed by this flag: Fluent restores the page behind a modal as it closes. */
  open: boolean;
  theme: ProgrammeTheme | undefined;
  year: string;
  onSave: (t: ThemeInput) => Promise<void>;
  onClose: () => void;
}) {
  const styles = useStyles();
  const [value, setValue] = useState<ThemeInput>(
    theme
      ? {
          title: theme.title,
          year: theme.year,
          prioritySource: theme.prioritySource,
          categories: theme.categories,
          plannedMonth: theme.plannedMonth,
          sampleSize: theme.sampleSize,
        }
      : {
          title: '',
          year,
          prioritySource: 'baseline',
          categories: [],
          plannedMonth: '',
          sampleSize: 6,
        },
  );
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<UserMessage | undefined>();
  const [busy, setBusy] = useState(false);
  const problems = tried ? themeProblems(value) : {};
  const save = async () => {
    setTried(true);
    if (Object.keys(themeProblems(value)).length > 0) return;
    setBusy(true);
    try {
      await onSave(value);
      onClose();
    } catch (e) {
      setError(MESSAGES.themeSaveFailed(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{theme ? 'Edit theme' : 'Add a theme'}</DialogTitle>
          <DialogContent className={styles.form}>
            <Field label="Theme" required validationMessage={problems.title}>
              <Input
                value={value.title}
                onChange={(_, d) => setValue((v) => ({ ...v, title: d.value }))}
              />
            </Field>
            <Field label="Year" required validationMessage={problems.year}>
              <Input
                value={value.year}
                onChange={(_, d) => setValue((v) => ({ ...v, year: d.value }))}
              />
            </Field>
            <Field label="Priority source" required>
              <Select
                value={value.prioritySource}
                onChange={(_, d) =>
                  setValue((v) => ({ ...v, prioritySource: d.value as PrioritySource }))
                }
              >
                {PRIORITY_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {PRIORITY_SOURCE_LABELS[s]}
                  </option>
                ))}
              </Select>
            </Field>
            <CheckboxGroup
              id="theme-categories"
              legend="Categories of case"
              required
              options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
              selected={value.categories}
              onChange={(categories) => setValue((v) => ({ ...v, categories }))}
              validationMessage={problems.categories}
            />
            <Field label="Planned month" required validationMessage={problems.plannedMonth}>
              <Input
                type="month"
                value={value.plannedMonth}
                onChange={(_, d) => setValue((v) => ({ ...v, plannedMonth: d.value }))}
              />
            </Field>
            <Field label="Sample size (cases)" required validationMessage={problems.sampleSize}>
              <Input
                type="number"
                min={1}
                max={100}
                value={String(value.sampleSize)}
                onChange={(_, d) => setValue((v) => ({ ...v, sampleSize: Number(d.value) }))}
              />
            </Field>
            {error && (
              <MessageBar intent="error" role="alert">
                <MessageBarBody>
                  <UserMessageText message={error} />
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Cancel</Button>
            <Button appearance="primary" disabled={busy} onClick={() => void save()}>
              Save theme
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
