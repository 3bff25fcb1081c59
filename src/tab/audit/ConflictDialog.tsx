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
import { bothTexts, resolveText, type TextMerge } from '../../domain/diff3.js';
import type { GradingScale } from '../../domain/grading.js';
import {
  type Choice,
  defaultChoice,
  type FieldConflict,
  type MergeField,
  type PlaceChoice,
  resolveMerge,
  type SectionMerge,
} from '../../domain/merge.js';
import { counted } from '../../domain/plural.js';

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
  combined: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingInlineStart: tokens.spacingHorizontalL,
  },
  // A place both changed: marked by its number in brackets and an outline, not by colour alone.
  place: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorNeutralForeground1,
    outline: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
  },
});

const LABELS: Record<MergeField, string> = { kind: 'Applies to this case', ...FIELD_LABELS };

function shown(field: MergeField, value: string, scale: GradingScale): string {
  if (value === '') return '(empty)';
  if (field === 'grade') return scale.labels[value as keyof GradingScale['labels']] ?? value;
  if (field === 'kind') return value === 'notApplicable' ? 'Not applicable' : 'Answered';
  return value;
}

type Places = Partial<Record<MergeField, readonly PlaceChoice[]>>;

/** The combined text as it will be saved, each place both changed marked [1], [2], ... */
function CombinedPreview({
  merge,
  places,
  id,
}: {
  merge: TextMerge;
  places: readonly PlaceChoice[];
  id: string;
}) {
  const styles = useStyles();
  let n = 0;
  return (
    <Text as="p" id={id} className={styles.value}>
      {merge.chunks.map((chunk, i) => {
        if (chunk.kind === 'settled') return <span key={i}>{chunk.text}</span>;
        const place = n++;
        const choice = places[place] ?? 'both';
        const text =
          choice === 'mine'
            ? chunk.mine
            : choice === 'theirs'
              ? chunk.theirs
              : bothTexts(chunk.mine, chunk.theirs);
        return (
          <mark key={i} className={styles.place}>
            [{place + 1}] {text === '' ? '(nothing)' : text}
          </mark>
        );
      })}
    </Text>
  );
}

/**
 * "Combine both changes" for a text: the merged text, and for each place where the same words
 * were changed both ways, a choice of mine, theirs or both (both unless chosen).
 */
function CombinedChoices({
  label,
  conflict,
  places,
  idPrefix,
  onChange,
}: {
  label: string;
  conflict: FieldConflict & { combined: TextMerge };
  places: readonly PlaceChoice[];
  idPrefix: string;
  onChange: (places: readonly PlaceChoice[]) => void;
}) {
  const styles = useStyles();
  const merge = conflict.combined;
  const conflicts = merge.chunks.filter((c) => c.kind === 'conflict');
  const previewId = `${idPrefix}-combined`;
  return (
    <div className={styles.combined} role="group" aria-label={`${label}, combined`}>
      <Text>
        {merge.conflicts === 0
          ? 'Combined: both sets of changes, the words you share once.'
          : `Combined: both sets of changes. You both changed the same words in ${counted(merge.conflicts, 'place')}, marked [1]${merge.conflicts > 1 ? ` to [${merge.conflicts}]` : ''}: choose what to keep at each.`}
      </Text>
      <CombinedPreview merge={merge} places={places} id={previewId} />
      {conflicts.map((chunk, i) => (
        <RadioGroup
          key={i}
          aria-label={`${label}, place ${i + 1} of ${merge.conflicts}: which to keep`}
          aria-describedby={previewId}
          value={places[i] ?? 'both'}
          onChange={(_, d) => {
            const next = conflicts.map((_c, j) => places[j] ?? 'both');
            next[i] = d.value as PlaceChoice;
            onChange(next);
          }}
        >
          <Text weight="semibold">Place [{i + 1}]</Text>
          <Radio value="mine" label={`Yours: ${chunk.mine === '' ? '(nothing)' : chunk.mine}`} />
          <Radio
            value="theirs"
            label={`Theirs: ${chunk.theirs === '' ? '(nothing)' : chunk.theirs}`}
          />
          <Radio
            value="both"
            label={`Both: ${bothTexts(chunk.mine, chunk.theirs) || '(nothing)'}`}
          />
        </RadioGroup>
      ))}
    </div>
  );
}

/**
 * After someone else saved the same sections: what they changed, and for each field both of you
 * changed, a choice of yours, theirs or (for text) both sets of changes combined, word by word,
 * against the version you both started from. Nothing is decided for the user: a text whose
 * changes touched different words starts combined (nothing of either is lost), anything else
 * starts as yours.
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
  const [places, setPlaces] = useState<Record<string, Places>>({});
  // A new set of conflicts starts with no choices made.
  useEffect(() => {
    setChoices({});
    setPlaces({});
  }, [merges]);
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
        answer: resolveMerge(m, picked[m.sectionId] ?? {}, places[m.sectionId] ?? {}),
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
                {m.conflicts.map((c) => {
                  const choice = choices[m.sectionId]?.[c.field] ?? defaultChoice(c);
                  const combined = c.combined;
                  const fieldPlaces = places[m.sectionId]?.[c.field] ?? [];
                  return (
                    <div key={c.field}>
                      <RadioGroup
                        aria-label={`${LABELS[c.field]}: which to keep`}
                        value={choice}
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
                        {combined && (
                          <Radio
                            value="combine"
                            label={
                              combined.conflicts === 0
                                ? `Combine both changes: ${shown(c.field, resolveText(combined), scale)}`
                                : `Combine both changes (${counted(combined.conflicts, 'place')} to choose)`
                            }
                          />
                        )}
                      </RadioGroup>
                      {combined && choice === 'combine' && combined.conflicts > 0 && (
                        <CombinedChoices
                          label={LABELS[c.field]}
                          conflict={{ ...c, combined }}
                          places={fieldPlaces}
                          idPrefix={`conflict-${m.sectionId}-${c.field}`}
                          onChange={(next) =>
                            setPlaces((prev) => ({
                              ...prev,
                              [m.sectionId]: { ...prev[m.sectionId], [c.field]: next },
                            }))
                          }
                        />
                      )}
                    </div>
                  );
                })}
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
