import { useCallback } from 'react';
import { agencyLabel } from '../../domain/agencies.js';
import type { Feedback } from '../../domain/records.js';
import { useServices } from '../services/ServicesContext.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { formatDate } from '../components/format.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { PageFrame, Section } from '../components/PageFrame/PageFrame.js';

const STATUS: Record<Feedback['status'], string> = {
  draft: 'Draft',
  sent: 'Sent',
  acknowledged: 'Acknowledged',
};

export function FeedbackPage() {
  const { repositories, session } = useServices();
  const load = useCallback(async () => {
    const [mine, all] = await Promise.all([
      repositories.feedback.forPractitioner(session.user.id),
      repositories.feedback.list(),
    ]);
    return { mine, all };
  }, [repositories, session.user.id]);
  const { state, retry } = useAsync(load);
  const table = (caption: string, rows: Feedback[]) => (
    <RecordTable
      caption={caption}
      rows={rows}
      rowKey={(f) => f.id}
      columns={[
        { key: 'to', header: 'Practitioner', cell: (f) => f.practitioner?.displayName ?? '—' },
        { key: 'agency', header: 'Agency', cell: (f) => agencyLabel(f.agency) },
        { key: 'status', header: 'Status', cell: (f) => STATUS[f.status] },
        { key: 'sent', header: 'Sent', cell: (f) => formatDate(f.sentAt) },
        { key: 'ack', header: 'Acknowledged', cell: (f) => formatDate(f.acknowledgedAt) },
      ]}
    />
  );
  return (
    <PageFrame
      title="Feedback"
      intro="Swift feedback to the practitioners whose cases were audited: about practice, not blame."
    >
      <AsyncContent
        state={state}
        retry={retry}
        what="feedback"
        isEmpty={(d) => d.all.length === 0 && d.mine.length === 0}
        empty="No feedback has been sent yet."
      >
        {(data) => (
          <>
            {data.mine.length > 0 && (
              <Section title="Feedback to you">{table('Feedback to you', data.mine)}</Section>
            )}
            <Section title="All feedback">
              {table('All feedback sent to practitioners', data.all)}
            </Section>
          </>
        )}
      </AsyncContent>
    </PageFrame>
  );
}
