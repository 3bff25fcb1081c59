import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { type AgencyId, contributorLabel, MULTI_AGENCY } from '../../domain/agencies.js';
import { AGREEMENT_STATUSES, gradesAgreedAt } from '../../domain/agencyAgreement.js';
import { MESSAGES, type UserMessage } from '../../domain/messages.js';
import type { AgreementOutcome, AuditCase } from '../../graph/lifecycle.js';
import { formatDate } from '../components/format.js';
import { Section } from '../components/PageFrame/PageFrame.js';
import { UserMessageText } from '../components/UserMessage/UserMessage.js';
import { useServices } from '../services/ServicesContext.js';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingInlineStart: 0,
    margin: 0,
    listStyleType: 'none',
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
  },
});

/**
 * Which agencies' grades moderation has agreed: feedback to an agency's practitioners may go from
 * then, before sign-off. Everyone on the audit sees where each agency stands; the lead auditor,
 * while moderating, agrees an agency's grades or undoes the agreement. The lifecycle service
 * decides and stores (src/graph/lifecycle.ts): a refusal shows its sentence.
 */
export function GradesAgreement({ c, onChanged }: { c: AuditCase; onChanged: () => void }) {
  const styles = useStyles();
  const { lifecycle, session } = useServices();
  const { audit } = c;
  const moderating =
    audit.leadAuditor?.id === session.user.id && AGREEMENT_STATUSES.includes(audit.status);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | UserMessage | undefined>();
  const agencies = c.contributions.flatMap((k) =>
    k.contributor === MULTI_AGENCY ? [] : [k.contributor],
  );

  async function run(kind: 'agree' | 'undo', agency: AgencyId) {
    setBusy(true);
    setProblem(undefined);
    let outcome: AgreementOutcome;
    try {
      outcome =
        kind === 'agree'
          ? await lifecycle.agree(c, agency)
          : await lifecycle.undoAgreement(c, agency);
    } catch (e) {
      setBusy(false);
      // Kept on screen: an agreement that landed before its trail event failed is finished by
      // `resume` the next time the audit is opened.
      setProblem(MESSAGES.agreementFailed(e));
      return;
    }
    setBusy(false);
    if (outcome.kind === 'refused' || outcome.kind === 'conflict') setProblem(outcome.reason);
    else onChanged();
  }

  return (
    <Section title="Agreed grades by agency">
      <Text as="p">
        Feedback to an agency&apos;s practitioners can be sent once moderation has agreed that
        agency&apos;s grades, without waiting for sign-off. Agreed grades cannot be changed until
        the agreement is undone.
      </Text>
      <ul className={styles.list}>
        {agencies.map((agency) => {
          const name = contributorLabel(agency);
          const own = audit.gradesAgreed?.[agency];
          const at = gradesAgreedAt(audit, agency);
          return (
            <li key={agency} className={styles.row}>
              <Text>
                {name}:{' '}
                {at === undefined
                  ? 'not agreed yet'
                  : own
                    ? `grades agreed on ${formatDate(own.at)} by ${own.by.displayName}`
                    : `grades agreed when the audit went for sign-off, on ${formatDate(at)}`}
              </Text>
              {moderating && (
                <Button
                  disabled={busy}
                  onClick={() => void run(at === undefined ? 'agree' : 'undo', agency)}
                >
                  {at === undefined
                    ? `Agree ${name}'s grades`
                    : `Undo the agreement of ${name}'s grades`}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {problem !== undefined && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            {typeof problem === 'string' ? problem : <UserMessageText message={problem} />}
          </MessageBarBody>
        </MessageBar>
      )}
    </Section>
  );
}
