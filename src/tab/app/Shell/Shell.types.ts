import type { ThemeName } from '../../host/host.types.js';
import type { Area, Route } from '../../routing/router.js';

export type ShellProps = {
  readonly appName: string;
  readonly userName: string;
  readonly route: Route;
  /** The areas this person's role may open; the others are not shown. All when absent. */
  readonly areas?: readonly Area[];
  readonly theme: ThemeName;
  /** Local mode shows a theme switch and a sign-out; in Teams the host decides both. */
  readonly onThemeChange?: (theme: ThemeName) => void;
  readonly onSignOut?: () => void;
  /** Shown above the content when the data is fictional. */
  readonly notice?: string;
  readonly children: React.ReactNode;
};

export type ShellState = {
  readonly activeArea: Area | undefined;
};

/** The areas' drawer on a narrow screen. */
export type AreasDrawerProps = {
  readonly open: boolean;
  /** Asked to close: dismissed (Escape, Close) or because an area's link was followed. */
  readonly onClose: (how: 'dismissed' | 'followed') => void;
  /** Once it has closed (its animation ended), to place focus. */
  readonly onClosed: () => void;
  readonly areas: readonly Area[] | undefined;
  readonly activeArea: Area | undefined;
};
