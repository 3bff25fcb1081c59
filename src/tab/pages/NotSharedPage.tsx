import { Link, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { PageFrame } from '../components/PageFrame/PageFrame.js';
import { hashOf } from '../routing/router.js';

/**
 * What a person sees for a record or an area that is not theirs: a plain page that says what they
 * may not open and who can, never an error dump. SharePoint refuses it in any case.
 */
export function NotSharedPage({ sentence, home = true }: { sentence: string; home?: boolean }) {
  return (
    <PageFrame title="This is not shared with you">
      <MessageBar intent="warning">
        <MessageBarBody>{sentence}</MessageBarBody>
      </MessageBar>
      {home && (
        <p>
          <Link href={hashOf({ area: 'feedback' })}>Go to what is shared with you</Link>.
        </p>
      )}
    </PageFrame>
  );
}
