import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback } from 'react';
import { AUDIT_STATUS_LABELS, CATEGORY_LABELS } from '../../domain/records.js';
import { useServices } from '../app/ServicesContext.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { DueDate } from '../components/format.js';
import { PageFrame } from './PageFrame.js';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0 },
});

/** One audit, opened from a list or straight from a deep link (a card, a Teams subEntityId). */
export function AuditRecordPage({ id }: { id: string }) {
  const { repositories, now } = useServices();
  const styles = useStyles();
  const load = useCallback(() => repositories.audits.get(id), [repositories, id]);
  const { state, retry } = useAsync(load);
  const title = state.status === 'ready' ? `Audit ${state.data.caseReference}` : 'Audit';
  return (
    <PageFrame title={title}>
      <AsyncContent
        state={state}
        retry={retry}
        what={`audit ${id}`}
        isEmpty={() => false}
        empty={null}
      >
        {(audit) => (
          <dl className={styles.facts}>
            <dt className={styles.term}>Case reference</dt>
            <dd className={styles.value}>{audit.caseReference}</dd>
            <dt className={styles.term}>Category</dt>
            <dd className={styles.value}>{CATEGORY_LABELS[audit.category]}</dd>
            <dt className={styles.term}>Status</dt>
            <dd className={styles.value}>{AUDIT_STATUS_LABELS[audit.status]}</dd>
            <dt className={styles.term}>Lead auditor</dt>
            <dd className={styles.value}>{audit.leadAuditor?.displayName ?? '—'}</dd>
            <dt className={styles.term}>Sign-off manager</dt>
            <dd className={styles.value}>{audit.signOffManager?.displayName ?? '—'}</dd>
            <dt className={styles.term}>Due</dt>
            <dd className={styles.value}>
              <DueDate
                iso={audit.dueDate}
                finished={audit.status === 'signedOff' || audit.status === 'closed'}
                now={now()}
              />
            </dd>
            {audit.childAtRisk && (
              <>
                <dt className={styles.term}>Escalation</dt>
                <dd className={styles.value}>
                  <Badge appearance="filled" color="danger">
                    Child at risk now: escalated
                  </Badge>
                </dd>
              </>
            )}
          </dl>
        )}
      </AsyncContent>
    </PageFrame>
  );
}
