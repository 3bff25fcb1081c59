import { Link } from '@fluentui/react-components';
import { contributorLabel } from '../../domain/agencies.js';
import { useCallback } from 'react';
import { progressOf } from '../../domain/answers.js';
import { toolVersion } from '../../domain/tools/index.js';
import { type AgencyContribution, type Audit, CATEGORY_LABELS } from '../../domain/records.js';
import {
  AuditStatusBadge,
  ContributionStatusBadge,
  CountBar,
} from '../components/StatusBadge/StatusBadge.js';
import { hashOf } from '../routing/router.js';
import { useServices } from '../services/ServicesContext.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { DueDate } from '../components/format.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { PageFrame, Section } from '../components/PageFrame/PageFrame.js';

type Mine = {
  contributions: Array<{
    contribution: AgencyContribution;
    audit: Audit | undefined;
    progress: { done: number; total: number } | undefined;
  }>;
  led: Audit[];
};

export function MyAuditsPage() {
  const { repositories, session, now } = useServices();
  const load = useCallback(async (): Promise<Mine> => {
    const [contributions, led, audits] = await Promise.all([
      repositories.contributions.assignedTo(session.user.id),
      repositories.audits.ledBy(session.user.id),
      repositories.audits.list(),
    ]);
    const byId = new Map(audits.map((a) => [a.id, a]));
    const contributors = [...new Set(contributions.map((c) => c.contributor))];
    const answers = (
      await Promise.all(contributors.map((c) => repositories.answers.forContributor(c)))
    ).flat();
    const progress = (c: AgencyContribution, audit: Audit | undefined) => {
      if (!audit) return undefined;
      const mine = Object.fromEntries(
        answers
          .filter((a) => a.auditId === c.auditId && a.contributor === c.contributor)
          .map((a) => [a.sectionId, a.answer]),
      );
      const p = progressOf(toolVersion(audit.category, audit.toolVersion), c.contributor, mine);
      return { done: p.done, total: p.total };
    };
    return {
      contributions: contributions.map((c) => ({
        contribution: c,
        audit: byId.get(c.auditId),
        progress: progress(c, byId.get(c.auditId)),
      })),
      led,
    };
  }, [repositories, session.user.id]);
  const { state, retry } = useAsync(load);
  const today = now();
  const auditLink = (audit: Audit | undefined) =>
    audit ? <Link href={hashOf({ area: 'audit', id: audit.id })}>{audit.caseReference}</Link> : '—';
  return (
    <PageFrame
      title="My audits"
      intro="Audits assigned to you, for your agency or as lead auditor."
    >
      <Link href={hashOf({ area: 'signOffs' })}>
        My sign-offs: audits waiting for you to sign off
      </Link>
      <AsyncContent
        state={state}
        retry={retry}
        what="your audits"
        isEmpty={(d) => d.contributions.length === 0 && d.led.length === 0}
        empty="No audits are assigned to you yet."
      >
        {(data) => (
          <>
            <Section title="For your agency">
              {data.contributions.length === 0 ? (
                <p>No agency contributions are assigned to you.</p>
              ) : (
                <RecordTable
                  caption="Agency contributions assigned to you"
                  rows={data.contributions}
                  rowKey={(r) => r.contribution.id}
                  columns={[
                    { key: 'case', header: 'Case reference', cell: (r) => auditLink(r.audit) },
                    {
                      key: 'category',
                      header: 'Category',
                      cell: (r) => (r.audit ? CATEGORY_LABELS[r.audit.category] : '—'),
                    },
                    {
                      key: 'agency',
                      header: 'Agency',
                      cell: (r) => contributorLabel(r.contribution.contributor),
                    },
                    {
                      key: 'status',
                      header: 'Status',
                      cell: (r) => <ContributionStatusBadge status={r.contribution.status} />,
                    },
                    {
                      key: 'progress',
                      header: 'Progress',
                      cell: (r) =>
                        r.progress ? (
                          <CountBar
                            value={r.progress.done}
                            total={r.progress.total}
                            label={`${r.progress.done} of ${r.progress.total} sections`}
                          />
                        ) : (
                          '—'
                        ),
                    },
                    {
                      key: 'due',
                      header: 'Due',
                      cell: (r) => (
                        <DueDate
                          iso={r.contribution.dueDate}
                          finished={r.contribution.status === 'submitted'}
                          now={today}
                        />
                      ),
                    },
                  ]}
                />
              )}
            </Section>
            <Section title="As lead auditor">
              {data.led.length === 0 ? (
                <p>You are not lead auditor on any audit.</p>
              ) : (
                <RecordTable
                  caption="Audits you lead"
                  rows={data.led}
                  rowKey={(a) => a.id}
                  columns={[
                    { key: 'case', header: 'Case reference', cell: (a) => auditLink(a) },
                    {
                      key: 'category',
                      header: 'Category',
                      cell: (a) => CATEGORY_LABELS[a.category],
                    },
                    {
                      key: 'status',
                      header: 'Status',
                      cell: (a) => <AuditStatusBadge status={a.status} />,
                    },
                    {
                      key: 'due',
                      header: 'Due',
                      cell: (a) => (
                        <DueDate
                          iso={a.dueDate}
                          finished={a.status === 'signedOff' || a.status === 'closed'}
                          now={today}
                        />
                      ),
                    },
                  ]}
                />
              )}
            </Section>
          </>
        )}
      </AsyncContent>
    </PageFrame>
  );
}
