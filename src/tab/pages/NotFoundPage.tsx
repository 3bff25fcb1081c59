import { Link } from '@fluentui/react-components';
import { hashOf } from '../routing/router.js';
import { PageFrame } from '../components/PageFrame/PageFrame.js';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <PageFrame title="Page not found">
      <p>
        There is nothing at “{path}”.{' '}
        <Link href={hashOf({ area: 'myAudits' })}>Go to My audits</Link>.
      </p>
    </PageFrame>
  );
}
