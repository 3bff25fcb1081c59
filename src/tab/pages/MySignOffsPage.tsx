import { Badge, Link } from '@fluentui/react-components';
import { useCallback } from 'react';
import { AUDIT_STATUS_LABELS, CATEGORY_LABELS, type Audit } from '../../domain/records.js';
import { mySignOffs, type SignOffItem } from '../../domain/signOffs.js';
import { describeDeadline } from '../../domain/workingDays.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { PageFrame } from '../components/PageFrame/PageFrame.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { hashOf } from '../routing/router.js';
import { useServices } from '../services/ServicesContext.js';

type Row = SignOffItem<Audit & { readonly signOffDue: string | undefined }>;

/** Where a deadline stands, as a badge beside its words (the words carry it for screen readers). */
function DeadlineBadge({ row }: { row: Row }) {
  const d = row.deadline;
  if (!d) return <>No due day recorded</>;
  const color = d.kind === 'overdue' ? 'danger' : d.kind === 'dueToday' ? 'warning' : 'informative';
  const label = d.kind === 'overdue' ? 'Overdue' : d.kind === 'dueToday' ? 'Due today' : 'Upcoming';
  return (
    <>
      <Badge appearance="filled" color={color}>
        {label}
      </Badge>{' '}
      {describeDeadline(d)}
    </>
  );
}

/** "My sign-offs": the audits waiting for the signed-in sign-off manager, soonest due first. */
export function MySignOffsPage() {
  const { lifecycle, session, now } = useServices();
  const load = useCallback(async (): Promise<Row[]> => {
    const audits = await lifecycle.awaitingSignOffBy(session.user.id);
    return mySignOffs(
      audits.map((a) => ({ ...a, signOffDue: a.signOffDue })),
      session.user.id,
      now(),
    );
  }, [lifecycle, session.user.id, now]);
  const { state, retry } = useAsync(load);
  return (
    <PageFrame
      title="My sign-offs"
      intro="Audits waiting for your sign-off, soonest due first. Due days count working days, England and Wales bank holidays left out."
    >
      <AsyncContent
        state={state}
        retry={retry}
        what="your sign-offs"
        isEmpty={(rows) => rows.length === 0}
        empty="No audits are waiting for your sign-off."
      >
        {(rows) => (
          <RecordTable
            caption="Audits awaiting your sign-off"
            rows={rows}
            rowKey={(r) => r.audit.id}
            columns={[
              {
                key: 'case',
                header: 'Case',
                cell: (r) => (
                  <Link href={hashOf({ area: 'audit', id: r.audit.id })}>
                    {r.audit.caseReference}
                  </Link>
                ),
              },
              {
                key: 'category',
                header: 'Category',
                cell: (r) => CATEGORY_LABELS[r.audit.category],
              },
              {
                key: 'lead',
                header: 'Lead auditor',
                cell: (r) => r.audit.leadAuditor?.displayName ?? '—',
              },
              { key: 'status', header: 'Status', cell: (r) => AUDIT_STATUS_LABELS[r.audit.status] },
              { key: 'due', header: 'Due', cell: (r) => <DeadlineBadge row={r} /> },
            ]}
          />
        )}
      </AsyncContent>
    </PageFrame>
  );
}
