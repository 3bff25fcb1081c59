import {
  Badge,
  type BadgeProps,
  makeStyles,
  ProgressBar,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  AUDIT_STATUS_LABELS,
  type AuditStatus,
  type ContributionStatus,
} from '../../../domain/records.js';

/** Each stage its own colour, and always its words: colour alone never carries the meaning. */
const AUDIT_COLOURS: Record<AuditStatus, BadgeProps['color']> = {
  commissioned: 'informative',
  inProgress: 'brand',
  moderation: 'important',
  awaitingSignOff: 'warning',
  returned: 'severe',
  signedOff: 'success',
  closed: 'subtle',
  withdrawn: 'subtle',
};

export function AuditStatusBadge({ status }: { status: AuditStatus }) {
  return (
    <Badge appearance="tint" shape="rounded" color={AUDIT_COLOURS[status]}>
      {AUDIT_STATUS_LABELS[status]}
    </Badge>
  );
}

export const CONTRIBUTION_LABELS: Record<ContributionStatus, string> = {
  notStarted: 'Not started',
  inProgress: 'In progress',
  submitted: 'Submitted',
  returned: 'Returned',
};

const CONTRIBUTION_COLOURS: Record<ContributionStatus, BadgeProps['color']> = {
  notStarted: 'informative',
  inProgress: 'brand',
  submitted: 'success',
  returned: 'severe',
};

export function ContributionStatusBadge({ status }: { status: ContributionStatus }) {
  return (
    <Badge appearance="tint" shape="rounded" color={CONTRIBUTION_COLOURS[status]}>
      {CONTRIBUTION_LABELS[status]}
    </Badge>
  );
}

const useStyles = makeStyles({
  progress: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minWidth: '6rem',
  },
});

/**
 * A count of a total as words and a bar: the words are the bar's accessible name, so a screen
 * reader hears "2 of 6 commissioned" rather than a bare percentage.
 */
export function CountBar({ value, total, label }: { value: number; total: number; label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.progress}>
      <Text size={200}>{label}</Text>
      <ProgressBar
        value={Math.min(value, Math.max(total, 1))}
        max={Math.max(total, 1)}
        thickness="large"
        aria-label={label}
        aria-valuetext={label}
      />
    </div>
  );
}
