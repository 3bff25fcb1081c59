import { Text } from '@fluentui/react-components';
import { useCallback } from 'react';
import { type AgencyId, contributorLabel } from '../../domain/agencies.js';
import {
  describeInterval,
  feedbackTimeliness,
  type Timeliness,
  type TimelinessFigures,
  type TimelinessTargets,
} from '../../domain/feedback.js';
import { feedbackTimings } from '../../graph/feedback.js';
import { AsyncContent } from '../components/AsyncContent/AsyncContent.js';
import { useAsync } from '../components/AsyncContent/useAsync.js';
import { Section } from '../components/PageFrame/PageFrame.js';
import { RecordTable } from '../components/RecordTable/RecordTable.js';
import { useServices } from '../services/ServicesContext.js';

type Loaded = {
  readonly timeliness: Timeliness;
  readonly targets: TimelinessTargets;
  readonly audits: ReadonlyMap<string, string>;
};

/**
 * How swiftly feedback goes: working days from moderation agreeing an agency's grades to its
 * feedback being sent, and from sent to acknowledged, against the partnership's targets, overall,
 * per agency and per audit.
 */
export function FeedbackTimelinessPanel() {
  const { feedback, lifecycle, repositories, now } = useServices();
  const load = useCallback(async (): Promise<Loaded> => {
    const [records, audits, settings, sendTarget] = await Promise.all([
      feedback.all(),
      repositories.audits.list(),
      lifecycle.settings(),
      feedback.sendTarget(),
    ]);
    const targets = {
      sendWorkingDays: sendTarget,
      acknowledgeWorkingDays: settings.acknowledgementWorkingDays,
    };
    return {
      timeliness: feedbackTimeliness(feedbackTimings(records, audits), targets, now()),
      targets,
      audits: new Map(audits.map((a) => [a.id as string, a.caseReference])),
    };
  }, [feedback, lifecycle, repositories, now]);
  const { state, retry } = useAsync(load);
  const rows = (
    groups: ReadonlyMap<string, TimelinessFigures>,
    label: (key: string) => string,
    t: TimelinessTargets,
  ) =>
    [...groups].map(([key, f]) => ({
      key,
      label: label(key),
      toSend: describeInterval(f.toSend, t.sendWorkingDays, 'sent'),
      toAcknowledge: describeInterval(f.toAcknowledge, t.acknowledgeWorkingDays, 'acknowledged'),
    }));
  const table = (caption: string, by: string, data: ReturnType<typeof rows>) =>
    data.length === 0 ? null : (
      <RecordTable
        caption={caption}
        rows={data}
        rowKey={(r) => r.key}
        columns={[
          { key: 'by', header: by, cell: (r) => r.label },
          { key: 'send', header: 'Moderation to sent', cell: (r) => r.toSend },
          { key: 'ack', header: 'Sent to acknowledged', cell: (r) => r.toAcknowledge },
        ]}
      />
    );
  return (
    <Section title="Feedback timeliness">
      <AsyncContent
        state={state}
        retry={retry}
        what="feedback timeliness"
        isEmpty={() => false}
        empty={null}
      >
        {({ timeliness, targets, audits }) => (
          <>
            <Text as="p">
              From moderation agreeing an agency&apos;s grades to feedback sent:{' '}
              {describeInterval(timeliness.overall.toSend, targets.sendWorkingDays, 'sent')}.
            </Text>
            <Text as="p">
              From sent to acknowledged:{' '}
              {describeInterval(
                timeliness.overall.toAcknowledge,
                targets.acknowledgeWorkingDays,
                'acknowledged',
              )}
              .
            </Text>
            {table(
              'Feedback timeliness by agency',
              'Agency',
              rows(timeliness.byAgency, (k) => contributorLabel(k as AgencyId), targets),
            )}
            {table(
              'Feedback timeliness by audit',
              'Audit',
              rows(timeliness.byAudit, (k) => audits.get(k) ?? `Audit ${k}`, targets),
            )}
          </>
        )}
      </AsyncContent>
    </Section>
  );
}
