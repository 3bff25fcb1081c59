import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
} from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { THEME_LABELS } from '../../themes.js';
import type { ThemeName } from '../../host/host.types.js';
import { AreaLinks } from './AreaLinks.js';
import type { AreasDrawerProps, ShellProps } from './Shell.types.js';
import { useNarrowViewport } from './useNarrowViewport.js';
import { useShell } from './useShell.js';
import { useShellStyles } from './useShellStyles.styles.js';

/**
 * The drawer is a chunk of its own, fetched as soon as the screen is narrow. Should the fetch
 * fail (the network dropped), the areas are shown as a plain list under the header instead, so
 * that every area stays reachable.
 */
const AreasDrawer = lazy(() =>
  import(/* webpackChunkName: "drawer" */ './AreasDrawer.js').then(
    (m) => ({ default: m.AreasDrawer }),
    () => ({ default: AreasWithoutDrawer }),
  ),
);

function AreasWithoutDrawer({ open, onClose, areas, activeArea }: AreasDrawerProps) {
  return open ? (
    <nav aria-label="Areas">
      <AreaLinks areas={areas} activeArea={activeArea} onFollow={() => onClose('followed')} />
    </nav>
  ) : null;
}

/** The frame of every page: banner, navigation to the product's areas, and the main content. */
export function Shell({
  appName,
  userName,
  route,
  areas,
  theme,
  onThemeChange,
  onSignOut,
  notice,
  children,
}: ShellProps) {
  const styles = useShellStyles();
  const { activeArea } = useShell(route);
  const narrow = useNarrowViewport();
  const [drawerOpen, setDrawerOpen] = useState(false);
  useEffect(() => {
    if (!narrow) setDrawerOpen(false);
  }, [narrow]);
  const areasButton = useRef<HTMLButtonElement>(null);
  const closedBy = useRef<'dismissed' | 'followed'>('dismissed');
  const closeDrawer = (how: 'dismissed' | 'followed') => {
    closedBy.current = how;
    setDrawerOpen(false);
  };
  // Once the drawer has gone (not while its focus trap still holds): dismissed, focus returns to
  // the button that opened it; an area followed, to the new page's heading, as on a wide screen.
  const afterDrawerClosed = () => {
    // Focus already placed outside the drawer (the new page's heading, or the person moved on):
    // leave it there rather than pull it back.
    const active = document.activeElement;
    if (active && active !== document.body && !active.closest('[role="dialog"]')) return;
    if (closedBy.current === 'dismissed') areasButton.current?.focus();
    else document.querySelector<HTMLElement>('#main-content h1')?.focus();
  };
  return (
    <div className={styles.root}>
      <a
        className={styles.skip}
        href="#main-content"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className={styles.header}>
        {narrow && (
          <Button ref={areasButton} aria-haspopup="dialog" onClick={() => setDrawerOpen(true)}>
            Areas
          </Button>
        )}
        <Text className={styles.appName}>{appName}</Text>
        <div className={styles.controls}>
          <Text>Signed in as {userName}</Text>
          {onThemeChange && (
            <Field label="Theme" orientation="horizontal">
              <Select value={theme} onChange={(_, data) => onThemeChange(data.value as ThemeName)}>
                {(Object.keys(THEME_LABELS) as ThemeName[]).map((t) => (
                  <option key={t} value={t}>
                    {THEME_LABELS[t]}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {onSignOut && <Button onClick={onSignOut}>Sign out</Button>}
        </div>
      </header>
      <div className={styles.body}>
        {narrow ? (
          <Suspense fallback={null}>
            <AreasDrawer
              open={drawerOpen}
              onClose={closeDrawer}
              onClosed={afterDrawerClosed}
              areas={areas}
              activeArea={activeArea}
            />
          </Suspense>
        ) : (
          <nav className={styles.nav} aria-label="Areas">
            <AreaLinks areas={areas} activeArea={activeArea} />
          </nav>
        )}
        <main id="main-content" className={styles.main} tabIndex={-1}>
          {notice && (
            <MessageBar intent="info" className={styles.notice}>
              <MessageBarBody>{notice}</MessageBarBody>
            </MessageBar>
          )}
          {children}
        </main>
      </div>
    </div>
  );
}
