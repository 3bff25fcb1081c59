import { createNestablePublicClientApplication } from '@azure/msal-browser';
import { app, pages } from '@microsoft/teams-js';
import { GRAPH_SCOPES } from '../../graph/scopes.js';
import type { AppConfig } from '../config.js';
import { type HostSession, themeFromTeams, type ThemeName } from './host.types.js';
import { sharePointScopes } from '../../graph/scopes.js';
import { msalCache, msalTokenProvider } from './msalTokens.js';

/**
 * Inside Teams: teams-js gives the context (user, theme, team, channel, subEntityId) and nested
 * app authentication gives Graph tokens through the host, with no sign-in page of our own.
 */
export async function startTeamsSession(config: AppConfig): Promise<HostSession> {
  await app.initialize();
  const context = await app.getContext();
  if (config.mode !== 'tenant')
    throw new Error(
      'Inside Teams the tab needs a build configured for a tenant (APP_MODE=tenant).',
    );
  const pca = await createNestablePublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: `https://login.microsoftonline.com/${config.tenantId}`,
    },
    cache: msalCache,
  });
  const hint = context.user?.loginHint ?? context.user?.userPrincipalName;
  let account = pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? null;
  if (!account) {
    const result = await pca.ssoSilent({
      scopes: [...GRAPH_SCOPES],
      ...(hint ? { loginHint: hint } : {}),
    });
    account = result.account;
  }
  pca.setActiveAccount(account);
  const listeners = new Set<(t: ThemeName) => void>();
  app.registerOnThemeChangeHandler((name) => listeners.forEach((l) => l(themeFromTeams(name))));
  const isConfigPage = context.page.frameContext === 'settings';
  return {
    kind: 'teams',
    user: {
      id: context.user?.id ?? account.localAccountId,
      displayName: account.name ?? context.user?.userPrincipalName ?? '',
      userPrincipalName: context.user?.userPrincipalName ?? account.username,
    },
    tokens: msalTokenProvider(pca, account, 'popup'),
    sharePointTokens: msalTokenProvider(pca, account, 'popup', sharePointScopes(config.siteRef)),
    theme: themeFromTeams(context.app.theme),
    deepLink: context.page.subPageId,
    isConfigPage,
    onThemeChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notifyReady: () => app.notifySuccess(),
    ...(isConfigPage
      ? {
          saveTabConfig: () => {
            pages.config.registerOnSaveHandler((event) => {
              void pages.config
                .setConfig({
                  entityId: 'case-audit',
                  suggestedDisplayName: 'Case audit',
                  contentUrl: `${config.tabUrl}/index.html#/my-audits`,
                  websiteUrl: `${config.tabUrl}/index.html#/my-audits`,
                })
                .then(
                  () => event.notifySuccess(),
                  (e: unknown) => event.notifyFailure((e as Error).message),
                );
            });
            pages.config.setValidityState(true);
          },
        }
      : {}),
  };
}
