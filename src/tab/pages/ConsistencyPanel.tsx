import { Text } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { Kappa } from '../../domain/agreement.js';
import { type GradingConsistency, gradingConsistency } from '../../domain/consistency.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { Section } from '../components/PageFrame/PageFrame.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { useServices } from '../services/ServicesContext.js';

type Loaded = { readonly show: boolean; readonly consistency: GradingConsistency | undefined };

const figure = (k: Kappa) => (k.kind === 'estimate' ? k.kappa.toFixed(2) : '—');
const interval = (k: Kappa) =>
  k.kind === 'estimate' ? `${k.lower.toFixed(2)} to ${k.upper.toFixed(2)}` : '—';

/**
 * Grading consistency (weighted kappa between agencies' grades and moderated grades) over every
 * audit moderation has finished with: for the business manager and the lead auditors.
 */
export function ConsistencyPanel() {
  const { lifecycle, repositories, role, session } = useServices();
  const load = useCallback(async (): Promise<Loaded> => {
    const audits = await repositories.audits.list();
    const show =
      role === 'businessManager' || audits.some((a) => a.leadAuditor?.id === session.user.id);
    if (!show) return { show, consistency: undefined };
    return { show, consistency: gradingConsistency(await lifecycle.gradePairs(audits)) };
  }, [lifecycle, repositories, role, session.user.id]);
  const { state, retry } = useAsync(load);
  if (state.status === 'ready' && !state.data.show) return null;
  return (
    <Section title="Grading consistency">
      <AsyncContent
        state={state}
        retry={retry}
        what="grading consistency"
        isEmpty={() => false}
        empty={null}
      >
        {({ consistency }) =>
          consistency && (
            <>
              <Text as="p">
                Agreement between agencies&apos; grades and moderated grades (weighted kappa):{' '}
                {consistency.overall.words}
              </Text>
              {(
                [
                  ['Area', consistency.byArea],
                  ['Agency', consistency.byAgency],
                  ['Auditor', consistency.byAuditor],
                ] as const
              ).map(([by, groups]) =>
                groups.length === 0 ? null : (
                  <RecordTable
                    key={by}
                    caption={`Grading consistency by ${by.toLowerCase()}`}
                    rows={[...groups]}
                    rowKey={(g) => g.key}
                    columns={[
                      { key: 'who', header: by, cell: (g) => g.label },
                      { key: 'kappa', header: 'Kappa', cell: (g) => figure(g.kappa) },
                      { key: 'ci', header: '95% interval', cell: (g) => interval(g.kappa) },
                      { key: 'pairs', header: 'Pairs', cell: (g) => String(g.kappa.pairs) },
                      { key: 'words', header: 'In words', cell: (g) => g.kappa.words },
                    ]}
                  />
                ),
              )}
            </>
          )
        }
      </AsyncContent>
    </Section>
  );
}
