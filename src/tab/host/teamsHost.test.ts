/** @jest-environment jsdom */
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { GRAPH_SCOPES } from '../../graph/scopes.js';
import type { AppConfig } from '../config.js';

/**
 * The Teams host adapter against hand-made stand-ins for teams-js and MSAL, with the calls the
 * SDKs' own types describe: what is read from the context, what is asked of MSAL, and when Teams
 * is told the tab is ready.
 */
const mockTeams = {
  initialize: jest.fn(async () => undefined),
  getContext: jest.fn<() => Promise<unknown>>(),
  notifySuccess: jest.fn(),
  themeHandler: undefined as undefined | ((theme: string) => void),
};
const mockMsal = {
  ssoSilent: jest.fn<(request: unknown) => Promise<unknown>>(),
  acquireTokenSilent: jest.fn<(request: unknown) => Promise<unknown>>(),
  setActiveAccount: jest.fn(),
  config: undefined as unknown,
};

jest.mock('@microsoft/teams-js', () => ({
  app: {
    initialize: mockTeams.initialize,
    getContext: mockTeams.getContext,
    notifySuccess: mockTeams.notifySuccess,
    registerOnThemeChangeHandler: (h: (theme: string) => void) => {
      mockTeams.themeHandler = h;
    },
  },
  pages: {
    config: { registerOnSaveHandler: jest.fn(), setValidityState: jest.fn(), setConfig: jest.fn() },
  },
}));
jest.mock('@azure/msal-browser', () => ({
  InteractionRequiredAuthError: class extends Error {},
  createNestablePublicClientApplication: async (config: unknown) => {
    mockMsal.config = config;
    return {
      getActiveAccount: () => null,
      getAllAccounts: () => [],
      ssoSilent: mockMsal.ssoSilent,
      setActiveAccount: mockMsal.setActiveAccount,
      acquireTokenSilent: mockMsal.acquireTokenSilent,
    };
  },
}));

const config: AppConfig = {
  mode: 'tenant',
  graphBaseUrl: 'https://graph.microsoft.com',
  clientId: '0c0a0d17-0000-4000-8000-00000000de02',
  tenantId: 'f1c7104a-0000-4000-8000-00000000feed',
  siteRef: 'x:/sites/y',
  teamId: '7ea30000-0000-4000-8000-000000000001',
  channelId: '19:c@thread.tacv2',
  tabUrl: 'https://audit.example',
  teamsAppId: '0c0a0d17-0000-4000-8000-00000000de01',
};
const account = { localAccountId: 'oid-1', name: 'Priya Shah', username: 'priya@example' };

beforeEach(() => {
  jest.clearAllMocks();
  mockTeams.getContext.mockResolvedValue({
    app: { theme: 'dark' },
    user: { id: 'oid-1', userPrincipalName: 'priya@example', loginHint: 'priya@example' },
    page: { frameContext: 'content', subPageId: 'audit:42' },
  });
  mockMsal.ssoSilent.mockResolvedValue({ account });
  mockMsal.acquireTokenSilent.mockResolvedValue({ accessToken: 'token-1' });
});

describe('the Teams host', () => {
  it('initialises teams-js, reads theme, user and deep link, and gets Graph tokens through nested app auth', async () => {
    const { startTeamsSession } = await import('./teamsHost.js');
    const session = await startTeamsSession(config);
    expect(mockTeams.initialize).toHaveBeenCalledTimes(1);
    expect(session).toMatchObject({
      kind: 'teams',
      theme: 'dark',
      deepLink: 'audit:42',
      isConfigPage: false,
      user: { id: 'oid-1', displayName: 'Priya Shah' },
    });
    expect(mockMsal.config).toMatchObject({
      auth: {
        clientId: config.clientId,
        authority: `https://login.microsoftonline.com/${config.tenantId}`,
      },
      cache: { cacheLocation: 'sessionStorage' },
    });
    expect(mockMsal.ssoSilent).toHaveBeenCalledWith({
      scopes: [...GRAPH_SCOPES],
      loginHint: 'priya@example',
    });
    await expect(session.tokens.getToken()).resolves.toBe('token-1');
    expect(mockMsal.acquireTokenSilent).toHaveBeenCalledWith({
      scopes: [...GRAPH_SCOPES],
      account,
    });
    expect(mockTeams.notifySuccess).not.toHaveBeenCalled();
    session.notifyReady();
    expect(mockTeams.notifySuccess).toHaveBeenCalledTimes(1);
  });

  it("follows Teams' theme changes, high contrast included", async () => {
    const { startTeamsSession } = await import('./teamsHost.js');
    const session = await startTeamsSession(config);
    const seen: string[] = [];
    session.onThemeChange((t) => seen.push(t));
    mockTeams.themeHandler?.('contrast');
    mockTeams.themeHandler?.('default');
    expect(seen).toEqual(['highContrast', 'light']);
  });

  it('refuses a build for the emulator inside Teams, saying why', async () => {
    const { startTeamsSession } = await import('./teamsHost.js');
    await expect(
      startTeamsSession({ ...config, mode: 'emulator', graphBaseUrl: '' } as AppConfig),
    ).rejects.toThrow(/needs a build configured for a tenant/);
  });
});
