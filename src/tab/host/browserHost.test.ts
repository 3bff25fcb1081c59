/** @jest-environment jsdom */
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { GRAPH_SCOPES } from '../../graph/scopes.js';
import type { AppConfig } from '../config.js';

/** The browser host (a tenant build outside Teams) against a stand-in for MSAL's redirect flow. */
const mockMsal = {
  redirect: null as unknown,
  accounts: [] as unknown[],
  loginRedirect: jest.fn(async (_request: unknown) => undefined),
  config: undefined as unknown,
};

jest.mock('@azure/msal-browser', () => ({
  InteractionRequiredAuthError: class extends Error {},
  PublicClientApplication: class {
    constructor(config: unknown) {
      mockMsal.config = config;
    }
    initialize = async () => undefined;
    handleRedirectPromise = async () => mockMsal.redirect;
    getActiveAccount = () => null;
    getAllAccounts = () => mockMsal.accounts;
    loginRedirect = mockMsal.loginRedirect;
    setActiveAccount = () => undefined;
    acquireTokenSilent = async () => ({ accessToken: 'token-2' });
  },
}));

const config = {
  mode: 'tenant',
  graphBaseUrl: 'https://graph.microsoft.com',
  clientId: '0c0a0d17-0000-4000-8000-00000000de02',
  tenantId: 'f1c7104a-0000-4000-8000-00000000feed',
  siteRef: 'x:/sites/y',
  teamId: '7ea30000-0000-4000-8000-000000000001',
  channelId: '19:c@thread.tacv2',
  tabUrl: 'https://audit.example',
  teamsAppId: '0c0a0d17-0000-4000-8000-00000000de01',
} as AppConfig & { mode: 'tenant' };

beforeEach(() => {
  jest.clearAllMocks();
  // jsdom has no media queries: a light, non-forced-colours system.
  window.matchMedia = ((query: string) => ({
    matches: false,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia;
  mockMsal.redirect = null;
  mockMsal.accounts = [];
  window.location.hash = '#/audits/5';
});

describe('the browser host', () => {
  it('signs in by redirect, carrying the record the user came for', async () => {
    const { startBrowserSession } = await import('./browserHost.js');
    await expect(startBrowserSession(config)).resolves.toBe('redirecting');
    expect(mockMsal.loginRedirect).toHaveBeenCalledWith({
      scopes: [...GRAPH_SCOPES],
      state: '#/audits/5',
    });
    expect(mockMsal.config).toMatchObject({
      auth: { redirectUri: 'https://audit.example/index.html' },
      cache: { cacheLocation: 'sessionStorage' },
    });
  });

  it('comes back signed in, at the record, with tokens from MSAL', async () => {
    window.location.hash = '';
    mockMsal.redirect = {
      account: { localAccountId: 'oid-9', name: 'Ruth Adeyemi', username: 'ruth@example' },
      state: '#/audits/5',
    };
    const { startBrowserSession } = await import('./browserHost.js');
    const session = await startBrowserSession(config);
    if (session === 'redirecting') throw new Error('expected a session');
    expect(session.user).toEqual({
      id: 'oid-9',
      displayName: 'Ruth Adeyemi',
      userPrincipalName: 'ruth@example',
    });
    expect(window.location.hash).toBe('#/audits/5');
    expect(session.theme).toBe('light');
    await expect(session.tokens.getToken()).resolves.toBe('token-2');
  });
});
