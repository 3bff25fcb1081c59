import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components';
import { MESSAGES } from '../../../domain/messages.js';
import { UserMessageText } from '../UserMessage/UserMessage.js';
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
            <UserMessageText message={MESSAGES.loadFailed(what, state.error)} />
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
