import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { FIELD_LABELS, type SectionAnswer } from '../../domain/answers.js';
import type { GradingScale } from '../../domain/grading.js';
import {
  type Choice,
  type MergeField,
  resolveMerge,
  type SectionMerge,
  TEXT_MERGE_FIELDS,
} from '../../domain/merge.js';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginBlockEnd: tokens.spacingVerticalL,
  },
  value: {
    whiteSpace: 'pre-wrap',
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
  },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

const LABELS: Record<MergeField, string> = { kind: 'Applies to this case', ...FIELD_LABELS };

function shown(field: MergeField, value: string, scale: GradingScale): string {
  if (value === '') return '(empty)';
  if (field === 'grade') return scale.labels[value as keyof GradingScale['labels']] ?? value;
  if (field === 'kind') return value === 'notApplicable' ? 'Not applicable' : 'Answered';
  return value;
}

/**
 * After someone else saved the same sections: what they changed, and for each field both of you
 * changed, a choice of yours, theirs or (for text) both. Nothing is decided for the user.
 */
export function ConflictDialog({
  open,
  merges,
  sectionTitle,
  scale,
  onResolve,
}: {
  open: boolean;
  merges: readonly SectionMerge[];
  sectionTitle: (id: string) => string;
  scale: GradingScale;
  onResolve: (resolved: Array<{ sectionId: string; answer: SectionAnswer }>) => void;
}) {
  const styles = useStyles();
  const [choices, setChoices] = useState<Record<string, Partial<Record<MergeField, Choice>>>>({});
  // A new set of conflicts starts with no choices made.
  useEffect(() => setChoices({}), [merges]);
  const all = (choice: Choice) =>
    Object.fromEntries(
      merges.map((m) => [
        m.sectionId,
        Object.fromEntries(m.conflicts.map((c) => [c.field, choice])),
      ]),
    );
  const resolve = (picked: Record<string, Partial<Record<MergeField, Choice>>>) =>
    onResolve(
      merges.map((m) => ({
        sectionId: m.sectionId,
        answer: resolveMerge(m, picked[m.sectionId] ?? {}),
      })),
    );
  return (
    <Dialog open={open} modalType="alert">
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Someone else changed these sections</DialogTitle>
          <DialogContent>
            <Text as="p">
              Your text is safe. Check what they changed and choose what to keep where you both
              wrote.
            </Text>
            {merges.map((m) => (
              <section
                key={m.sectionId}
                className={styles.section}
                aria-label={sectionTitle(m.sectionId)}
              >
                <Text as="h3" weight="semibold" size={400}>
                  {sectionTitle(m.sectionId)}
                </Text>
                {m.theirChanges.filter((c) => !m.conflicts.some((x) => x.field === c.field))
                  .length > 0 && (
                  <ul className={styles.list} aria-label="Their changes, kept">
                    {m.theirChanges
                      .filter((c) => !m.conflicts.some((x) => x.field === c.field))
                      .map((c) => (
                        <li key={c.field}>
                          {LABELS[c.field]}: now “{shown(c.field, c.theirs, scale)}” (kept; you had
                          not changed it)
                        </li>
                      ))}
                  </ul>
                )}
                {m.conflicts.map((c) => (
                  <RadioGroup
                    key={c.field}
                    aria-label={`${LABELS[c.field]}: which to keep`}
                    value={choices[m.sectionId]?.[c.field] ?? 'mine'}
                    onChange={(_, d) =>
                      setChoices((prev) => ({
                        ...prev,
                        [m.sectionId]: { ...prev[m.sectionId], [c.field]: d.value as Choice },
                      }))
                    }
                  >
                    <Text weight="semibold">{LABELS[c.field]}</Text>
                    <Radio value="mine" label={`Keep mine: ${shown(c.field, c.mine, scale)}`} />
                    <Radio
                      value="theirs"
                      label={`Take theirs: ${shown(c.field, c.theirs, scale)}`}
                    />
                    {TEXT_MERGE_FIELDS.has(c.field) && (
                      <Radio value="both" label="Combine: mine, then theirs" />
                    )}
                  </RadioGroup>
                ))}
              </section>
            ))}
          </DialogContent>
          <DialogActions fluid>
            <Button onClick={() => resolve(all('mine'))}>Keep all mine</Button>
            <Button onClick={() => resolve(all('theirs'))}>Take all theirs</Button>
            <Button appearance="primary" onClick={() => resolve(choices)}>
              Save my choices
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
