import type { TokenProvider } from '../../graph/client.js';

export type ThemeName = 'light' | 'dark' | 'highContrast';

export type SignedInUser = {
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
};

/**
 * What the tab needs from where it runs: Teams (framed), a browser signed in with MSAL, or local
 * mode on the emulator. Everything else in the tab is the same in all three.
 */
export type HostSession = {
  readonly kind: 'teams' | 'browser' | 'local';
  readonly user: SignedInUser;
  readonly tokens: TokenProvider;
  /** Tokens for SharePoint's REST API on the partnership's host (item permissions). */
  readonly sharePointTokens?: TokenProvider;
  readonly theme: ThemeName;
  /** A record to open first: Teams' subEntityId, or the URL's hash in a browser. */
  readonly deepLink: string | undefined;
  /** In Teams, the page shown is the channel tab's configuration page. */
  readonly isConfigPage: boolean;
  onThemeChange(listener: (theme: ThemeName) => void): () => void;
  /** Tells the host the first view is ready (Teams hides its loading screen). */
  notifyReady(): void;
  /** Local mode only: choose the theme; elsewhere the host decides. */
  setTheme?(theme: ThemeName): void;
  /** Local mode only: back to the sign-in picker. */
  signOut?(): void;
  /** Teams only: saves the channel tab's configuration. */
  saveTabConfig?(): void;
};

/** Teams' theme names as the host reports them. */
export function themeFromTeams(name: string | undefined): ThemeName {
  if (name === 'dark') return 'dark';
  if (name === 'contrast') return 'highContrast';
  return 'light';
}
