import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { HostSession } from '../host/host.types.js';

const useStyles = makeStyles({
  root: {
    padding: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

/** The channel tab's configuration page in Teams: one tab, nothing to choose, so it is valid at once. */
export function ChannelTabConfig({ session }: { session: HostSession }) {
  const styles = useStyles();
  useEffect(() => {
    session.saveTabConfig?.();
    session.notifyReady();
  }, [session]);
  return (
    <main className={styles.root}>
      <Text as="h1" size={600} weight="semibold">
        Add Case audit to this channel
      </Text>
      <Text as="p">
        The tab shows the partnership's audits, programme, reports, actions and feedback to the
        channel&apos;s members. Select Save to add it.
      </Text>
    </main>
  );
}
