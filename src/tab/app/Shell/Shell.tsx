import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  mergeClasses,
  Select,
  Text,
} from '@fluentui/react-components';
import { THEME_LABELS } from '../../themes.js';
import type { ThemeName } from '../../host/host.types.js';
import { AREAS, areaHash } from '../../routing/router.js';
import type { ShellProps } from './Shell.types.js';
import { useShell } from './useShell.js';
import { useShellStyles } from './useShellStyles.styles.js';

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
        <nav className={styles.nav} aria-label="Areas">
          <ul className={styles.navList}>
            {AREAS.filter((a) => !areas || areas.includes(a.area)).map((a) => (
              <li key={a.area}>
                <a
                  className={mergeClasses(
                    styles.navLink,
                    activeArea === a.area && styles.navCurrent,
                  )}
                  href={areaHash(a.area)}
                  aria-current={activeArea === a.area ? 'page' : undefined}
                >
                  {a.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
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
