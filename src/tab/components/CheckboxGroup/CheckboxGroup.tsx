import { Checkbox, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useId } from 'react';

const useStyles = makeStyles({
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  legend: {
    padding: 0,
    marginBlockEnd: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightRegular,
  },
  required: {
    color: tokens.colorPaletteRedForeground3,
    paddingInlineStart: tokens.spacingHorizontalXS,
  },
  options: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * A set of checkboxes under one legend. Fluent's Field gives its one control the field's id, so a
 * group of controls gets a fieldset of its own, each checkbox labelled by its own text.
 */
export function CheckboxGroup<T extends string>({
  id,
  legend,
  options,
  selected,
  onChange,
  required,
  validationMessage,
}: {
  id: string;
  legend: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  selected: readonly T[];
  onChange: (next: T[]) => void;
  required?: boolean;
  validationMessage?: string | undefined;
}) {
  const styles = useStyles();
  const errorId = useId();
  return (
    <fieldset
      className={styles.fieldset}
      id={id}
      tabIndex={-1}
      aria-describedby={validationMessage ? errorId : undefined}
    >
      <legend className={styles.legend}>
        {legend}
        {required && (
          <span className={styles.required} aria-hidden="true">
            *
          </span>
        )}
      </legend>
      <div className={styles.options}>
        {options.map((o) => (
          <Checkbox
            key={o.value}
            label={o.label}
            checked={selected.includes(o.value)}
            onChange={(_, d) =>
              onChange(d.checked ? [...selected, o.value] : selected.filter((x) => x !== o.value))
            }
          />
        ))}
      </div>
      {validationMessage && (
        <Text id={errorId} size={200} className={styles.error} role="alert">
          {validationMessage}
        </Text>
      )}
    </fieldset>
  );
}
