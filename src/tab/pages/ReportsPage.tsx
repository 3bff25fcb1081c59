import { useCallback } from 'react';
import { useServices } from '../services/ServicesContext.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { formatDate } from '../components/format.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { PageFrame } from '../components/PageFrame/PageFrame.js';

export function ReportsPage() {
  const { repositories } = useServices();
  const load = useCallback(() => repositories.reports.list(), [repositories]);
  const { state, retry } = useAsync(load);
  return (
    <PageFrame
      title="Overview reports"
      intro="Reports drawn from sets of audits, for the partnership's board."
    >
      <AsyncContent
        state={state}
        retry={retry}
        what="the overview reports"
        isEmpty={(d) => d.length === 0}
        empty="No overview report has been written yet."
      >
        {(reports) => (
          <RecordTable
            caption="Overview reports"
            rows={reports}
            rowKey={(r) => r.id}
            columns={[
              { key: 'title', header: 'Report', cell: (r) => r.title },
              { key: 'scope', header: 'Drawn from', cell: (r) => r.scope },
              {
                key: 'status',
                header: 'Status',
                cell: (r) => (r.status === 'published' ? 'Published' : 'Draft'),
              },
              { key: 'published', header: 'Published', cell: (r) => formatDate(r.publishedAt) },
            ]}
          />
        )}
      </AsyncContent>
    </PageFrame>
  );
}
