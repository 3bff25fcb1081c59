import { useCallback } from 'react';
import { agencyLabel } from '../../domain/agencies.js';
import type { Action } from '../../domain/records.js';
import { useServices } from '../services/ServicesContext.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { DueDate } from '../components/format.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { PageFrame } from '../components/PageFrame/PageFrame.js';

const STATUS: Record<Action['status'], string> = {
  notStarted: 'Not started',
  inProgress: 'In progress',
  done: 'Done',
};

export function ActionsPage() {
  const { repositories, now } = useServices();
  const load = useCallback(() => repositories.actions.list(), [repositories]);
  const { state, retry } = useAsync(load);
  const today = now();
  return (
    <PageFrame
      title="Action plan"
      intro="What each agency agreed to do after the overview reports, and how it is going."
    >
      <AsyncContent
        state={state}
        retry={retry}
        what="the action plan"
        isEmpty={(d) => d.length === 0}
        empty="There are no actions yet."
      >
        {(actions) => (
          <RecordTable
            caption="Actions"
            rows={actions}
            rowKey={(a) => a.id}
            columns={[
              { key: 'title', header: 'Action', cell: (a) => a.title },
              { key: 'agency', header: 'Agency', cell: (a) => agencyLabel(a.agency) },
              { key: 'owner', header: 'Owner', cell: (a) => a.owner?.displayName ?? '—' },
              {
                key: 'due',
                header: 'Due',
                cell: (a) => <DueDate iso={a.dueDate} finished={a.status === 'done'} now={today} />,
              },
              { key: 'status', header: 'Status', cell: (a) => STATUS[a.status] },
            ]}
          />
        )}
      </AsyncContent>
    </PageFrame>
  );
}
