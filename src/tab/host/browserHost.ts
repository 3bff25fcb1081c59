import { PublicClientApplication } from '@azure/msal-browser';
import { GRAPH_SCOPES } from '../../graph/scopes.js';
import type { AppConfig } from '../config.js';
import type { HostSession, ThemeName } from './host.types.js';
import { sharePointScopes } from '../../graph/scopes.js';
import { msalCache, msalTokenProvider } from './msalTokens.js';

/**
 * Outside Teams with a build for a tenant: the tab is a plain web page that signs in with MSAL
 * by redirect. The theme follows the system's colour scheme and contrast settings.
 */
export async function startBrowserSession(
  config: AppConfig & { mode: 'tenant' },
): Promise<HostSession | 'redirecting'> {
  const pca = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: `https://login.microsoftonline.com/${config.tenantId}`,
      redirectUri: `${config.tabUrl}/index.html`,
    },
    cache: msalCache,
  });
  await pca.initialize();
  const redirect = await pca.handleRedirectPromise();
  const account = redirect?.account ?? pca.getActiveAccount() ?? pca.getAllAccounts()[0];
  if (!account) {
    // Keep the record the user came for: the hash survives the round trip as state.
    await pca.loginRedirect({ scopes: [...GRAPH_SCOPES], state: window.location.hash });
    return 'redirecting';
  }
  pca.setActiveAccount(account);
  if (redirect?.state && redirect.state.startsWith('#')) window.location.hash = redirect.state;
  const query = (q: string) => window.matchMedia(q);
  const current = (): ThemeName =>
    query('(forced-colors: active)').matches
      ? 'highContrast'
      : query('(prefers-color-scheme: dark)').matches
        ? 'dark'
        : 'light';
  return {
    kind: 'browser',
    user: {
      id: account.localAccountId,
      displayName: account.name ?? account.username,
      userPrincipalName: account.username,
    },
    tokens: msalTokenProvider(pca, account, 'redirect'),
    sharePointTokens: msalTokenProvider(pca, account, 'redirect', sharePointScopes(config.siteRef)),
    theme: current(),
    deepLink: undefined,
    isConfigPage: false,
    onThemeChange: (listener) => {
      const onChange = () => listener(current());
      const queries = [query('(forced-colors: active)'), query('(prefers-color-scheme: dark)')];
      queries.forEach((q) => q.addEventListener('change', onChange));
      return () => queries.forEach((q) => q.removeEventListener('change', onChange));
    },
    notifyReady: () => undefined,
  };
}
