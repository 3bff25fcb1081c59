import { Field, ProgressBar, Text } from '@fluentui/react-components';
import type { UserMessage } from '../../../domain/messages.js';
import { UserMessageText } from '../UserMessage/UserMessage.js';

export type Progress = { readonly done: number; readonly total: number };

export type ProgressFieldProps = {
  /** What is being done, said as the bar's label ("Sending feedback for Neglect"). */
  readonly label: string;
  /** How far it has got; no bar while undefined or when there is nothing to do. */
  readonly progress: Progress | undefined;
  /** What it came to, read out politely when it is said. */
  readonly result: string | undefined;
  /** Why it stopped, read out at once; `then` says what to do next. */
  readonly failure: UserMessage | undefined;
  readonly then?: string;
};

/**
 * A long run of writes (sending a theme's feedback, sharing it with agency leads): a labelled bar
 * with "3 of 10 done" under it, then the result in a polite live region, or the failure as an
 * alert. The bar's numbers are text as well, for screen readers that do not read progress bars.
 */
export function ProgressField({ label, progress, result, failure, then }: ProgressFieldProps) {
  return (
    <>
      {progress && progress.total > 0 ? (
        <Field
          label={label}
          validationMessage={`${progress.done} of ${progress.total} done`}
          validationState="none"
        >
          <ProgressBar value={progress.done} max={progress.total} />
        </Field>
      ) : null}
      <Text block role="status" aria-live="polite">
        {result}
      </Text>
      {failure ? (
        <Text block role="alert">
          <UserMessageText message={failure} />
          {then ? ` ${then}` : null}
        </Text>
      ) : null}
    </>
  );
}
