import { Badge } from '@fluentui/react-components';
import { isOverdue } from '../../domain/records.js';

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

export const formatDate = (iso: string | undefined): string =>
  iso ? DATE.format(new Date(iso)) : '—';

/** A due date, marked when it has passed and the work is still open. */
export function DueDate({
  iso,
  finished,
  now,
}: {
  iso: string | undefined;
  finished: boolean;
  now: Date;
}) {
  if (!iso) return <>—</>;
  return (
    <>
      {formatDate(iso)}
      {isOverdue(iso, finished, now) && (
        <>
          {' '}
          <Badge appearance="filled" color="danger">
            Overdue
          </Badge>
        </>
      )}
    </>
  );
}
