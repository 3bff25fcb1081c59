import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import type { AsyncContentProps } from './AsyncContent.types.js';
import { useAsyncContentStyles } from './useAsyncContentStyles.styles.js';

/** Loading, failed (saying what failed, with a retry), empty, or the content. */
export function AsyncContent<T>({
  state,
  retry,
  what,
  isEmpty,
  empty,
  children,
}: AsyncContentProps<T>) {
  const styles = useAsyncContentStyles();
  switch (state.status) {
    case 'loading':
      return (
        <div className={styles.loading}>
          <Spinner size="small" label={`Loading ${what}…`} />
        </div>
      );
    case 'error':
      return (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Could not load {what}.</MessageBarTitle>
            {state.error.message}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={retry}>Try again</Button>
          </MessageBarActions>
        </MessageBar>
      );
    case 'ready':
      return isEmpty(state.data) ? (
        <div className={styles.empty}>{empty}</div>
      ) : (
        <>{children(state.data)}</>
      );
  }
}
