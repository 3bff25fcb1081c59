import { Link } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { ReauditSettings } from '../../domain/report/reaudit.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { formatDate } from '../components/format.js';
import { Section } from '../components/PageFrame/PageFrame.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { useServices } from '../services/ServicesContext.js';
import { hashOf } from '../routing/router.js';

/** The partnership's re-audit settings: months after sign-off (6 unless set), and whether "requires improvement" counts. */
export function reauditSettings(settings: ReadonlyMap<string, string>): ReauditSettings {
  const months = Number(settings.get('reauditMonths') ?? '6');
  return {
    months: Number.isInteger(months) && months >= 1 ? months : 6,
    includeRequiresImprovement: settings.get('reauditRequiresImprovement') === 'true',
  };
}

/**
 * Re-audits due on the Programme page: signed-off cases whose grades call for a re-audit, due in
 * the next 60 days or overdue, not yet re-audited. Each opens its theme's Commission page with the
 * case, category and agencies filled in and the new audit linked to that original; once
 * commissioned it leaves this list.
 */
export function ReauditsPanel() {
  const { reports, repositories, now } = useServices();
  const load = useCallback(async () => {
    const settings = reauditSettings(await repositories.settings.all());
    return reports.reauditsDue(now(), settings);
  }, [reports, repositories, now]);
  const { state, retry } = useAsync(load);
  return (
    <Section title="Re-audits due">
      <AsyncContent
        state={state}
        retry={retry}
        what="the re-audits due"
        isEmpty={(d) => d.length === 0}
        empty="No re-audit is due in the next 60 days."
      >
        {(entries) => (
          <RecordTable
            caption="Re-audits due"
            rows={entries}
            rowKey={(e) => e.audit.auditId}
            columns={[
              { key: 'ref', header: 'Case', cell: (e) => e.audit.caseReference },
              { key: 'signed', header: 'Signed off', cell: (e) => formatDate(e.audit.signedOffAt) },
              {
                key: 'due',
                header: 'Re-audit due',
                cell: (e) => `${formatDate(e.due)}${e.overdue ? ' (overdue)' : ''}`,
              },
              {
                key: 'commission',
                header: 'Commission',
                cell: (e) =>
                  e.audit.themeId && /^\d+$/.test(e.audit.themeId) ? (
                    // The original by its id: the link carries no case reference.
                    <Link
                      href={hashOf({
                        area: 'commission',
                        themeId: e.audit.themeId,
                        reauditOf: e.audit.auditId,
                      })}
                    >
                      {`Commission the re-audit of ${e.audit.caseReference}`}
                    </Link>
                  ) : (
                    'From its theme, with Re-audit ticked'
                  ),
              },
            ]}
          />
        )}
      </AsyncContent>
    </Section>
  );
}
