import {
  Checkbox,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { memo, useId } from 'react';
import {
  EMPTY_ANSWER,
  FIELD_LABELS,
  fieldLabel,
  liveProblems,
  type Problem,
  type SectionAnswer,
  TEXT_FIELDS,
  type TextField,
} from '../../domain/answers.js';
import { GRADES, type Grade, type GradingScale } from '../../domain/grading.js';
import type { Section } from '../../domain/tools/index.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    paddingBlock: tokens.spacingVerticalL,
    borderTopStyle: 'solid',
    borderTopWidth: tokens.strokeWidthThin,
    borderTopColor: tokens.colorNeutralStroke2,
  },
  heading: { margin: 0 },
  prompts: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  grade: { display: 'flex', flexDirection: 'column' },
  descriptor: {
    display: 'block',
    paddingInlineStart: '32px',
    color: tokens.colorNeutralForeground2,
    marginBlockEnd: tokens.spacingVerticalS,
  },
  beside: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

export type AgencyGrade = { readonly agency: string; readonly grade: string };

export type SectionEditorProps = {
  readonly idPrefix: string;
  readonly section: Section;
  readonly answer: SectionAnswer | undefined;
  readonly scale: GradingScale;
  readonly readOnly: boolean;
  readonly onChange: (sectionId: string, answer: SectionAnswer) => void;
  /** For the lead auditor: each agency's grade for this section, beside the judgement. */
  readonly agencyGrades?: readonly AgencyGrade[];
  /** Problems from a refused submission, shown on their fields. */
  readonly problems?: readonly Problem[];
};

export const fieldId = (prefix: string, sectionId: string, field: string) =>
  `${prefix}-${sectionId}-${field}`;

/**
 * One section of an audit: prompts, the grade with its descriptors in view, the written fields,
 * or "not applicable" with a reason. Memoised: typing in one section re-renders only that section.
 */
export const SectionEditor = memo(function SectionEditor({
  idPrefix,
  section,
  answer = EMPTY_ANSWER,
  scale,
  readOnly,
  onChange,
  agencyGrades,
  problems = [],
}: SectionEditorProps) {
  const styles = useStyles();
  const headingId = useId();
  const shown = [
    ...liveProblems(section, answer),
    ...problems.filter((p) => !liveProblems(section, answer).some((l) => l.field === p.field)),
  ];
  const problemFor = (field: Problem['field']) => shown.find((p) => p.field === field)?.message;
  const notApplicable = answer.kind === 'notApplicable';
  const setText = (field: TextField, value: string) => {
    if (answer.kind === 'answered') onChange(section.id, { ...answer, [field]: value });
  };
  return (
    <section
      className={styles.root}
      aria-labelledby={headingId}
      id={fieldId(idPrefix, section.id, 'section')}
    >
      <Text as="h3" size={500} weight="semibold" className={styles.heading} id={headingId}>
        {section.title}
      </Text>
      <ul className={styles.prompts} aria-label={`What to look for: ${section.title}`}>
        {section.prompts.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      {agencyGrades && section.graded && (
        <div>
          <Text weight="semibold">Agency grades</Text>
          <ul className={styles.beside} aria-label={`Agency grades: ${section.title}`}>
            {agencyGrades.map((g) => (
              <li key={g.agency}>
                {g.agency}: {g.grade}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Checkbox
        id={fieldId(idPrefix, section.id, 'notApplicable')}
        label="This section does not apply to this case"
        checked={notApplicable}
        disabled={readOnly}
        onChange={(_, data) =>
          onChange(section.id, data.checked ? { kind: 'notApplicable', reason: '' } : EMPTY_ANSWER)
        }
      />
      {answer.kind === 'notApplicable' ? (
        <Field label={FIELD_LABELS.reason} required validationMessage={problemFor('reason')}>
          <Textarea
            id={fieldId(idPrefix, section.id, 'reason')}
            value={answer.reason}
            readOnly={readOnly}
            resize="vertical"
            onChange={(_, d) => onChange(section.id, { kind: 'notApplicable', reason: d.value })}
          />
        </Field>
      ) : (
        <>
          {section.graded && (
            <Field label={FIELD_LABELS.grade} required validationMessage={problemFor('grade')}>
              <RadioGroup
                id={fieldId(idPrefix, section.id, 'grade')}
                value={answer.grade ?? ''}
                disabled={readOnly}
                className={styles.grade}
                onChange={(_, d) => onChange(section.id, { ...answer, grade: d.value as Grade })}
              >
                {GRADES.map((g) => {
                  const describedBy = fieldId(idPrefix, section.id, `descriptor-${g}`);
                  return (
                    <div key={g}>
                      <Radio
                        value={g}
                        label={scale.labels[g]}
                        input={{ 'aria-describedby': describedBy }}
                      />
                      <Text size={200} className={styles.descriptor} id={describedBy}>
                        {section.descriptors[g]}
                      </Text>
                    </div>
                  );
                })}
              </RadioGroup>
            </Field>
          )}
          {(section.graded ? TEXT_FIELDS : (['evidence'] as const)).map((field) => (
            <Field
              key={field}
              label={fieldLabel(section, field)}
              required={field === 'impact' ? answer.grade !== undefined : !section.graded}
              validationMessage={problemFor(field)}
            >
              <Textarea
                id={fieldId(idPrefix, section.id, field)}
                value={answer[field]}
                readOnly={readOnly}
                resize="vertical"
                rows={field === 'evidence' ? 4 : 3}
                onChange={(_, d) => setText(field, d.value)}
              />
            </Field>
          ))}
        </>
      )}
    </section>
  );
});
