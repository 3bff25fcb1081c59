import { useCallback } from 'react';
import { CATEGORY_LABELS, PRIORITY_SOURCE_LABELS } from '../../domain/records.js';
import { useServices } from '../app/ServicesContext.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { PageFrame } from './PageFrame.js';

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const month = (yyyyMm: string) =>
  /^\d{4}-\d{2}$/.test(yyyyMm) ? MONTH.format(new Date(`${yyyyMm}-01T00:00:00Z`)) : yyyyMm;

export function ProgrammePage() {
  const { repositories } = useServices();
  const load = useCallback(() => repositories.programme.list(), [repositories]);
  const { state, retry } = useAsync(load);
  return (
    <PageFrame
      title="Audit programme"
      intro="The year's themes, why each was chosen, and when it is planned."
    >
      <AsyncContent
        state={state}
        retry={retry}
        what="the audit programme"
        isEmpty={(d) => d.length === 0}
        empty="No programme has been planned yet."
      >
        {(themes) => (
          <RecordTable
            caption="Programme themes"
            rows={themes}
            rowKey={(t) => t.id}
            columns={[
              { key: 'title', header: 'Theme', cell: (t) => t.title },
              { key: 'year', header: 'Year', cell: (t) => t.year },
              {
                key: 'source',
                header: 'Priority source',
                cell: (t) => PRIORITY_SOURCE_LABELS[t.prioritySource],
              },
              {
                key: 'categories',
                header: 'Categories of case',
                cell: (t) => t.categories.map((c) => CATEGORY_LABELS[c]).join(', '),
              },
              { key: 'month', header: 'Planned', cell: (t) => month(t.plannedMonth) },
              { key: 'sample', header: 'Sample size', cell: (t) => t.sampleSize },
              {
                key: 'status',
                header: 'Status',
                cell: (t) => (t.status === 'published' ? 'Published' : 'Draft'),
              },
            ]}
          />
        )}
      </AsyncContent>
    </PageFrame>
  );
}
