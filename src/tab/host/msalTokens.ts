import {
  type AccountInfo,
  InteractionRequiredAuthError,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import type { TokenProvider } from '../../graph/client.js';
import { GRAPH_SCOPES } from '../../graph/scopes.js';

/**
 * Graph tokens from MSAL: silently from the cache when it can, interactively when the user must
 * consent or sign in again. Tokens live in sessionStorage only (set where the client is made).
 */
export function msalTokenProvider(
  pca: IPublicClientApplication,
  account: AccountInfo,
  interactive: 'popup' | 'redirect',
  scopes: readonly string[] = GRAPH_SCOPES,
): TokenProvider {
  return {
    async getToken() {
      try {
        return (await pca.acquireTokenSilent({ scopes: [...scopes], account })).accessToken;
      } catch (e) {
        if (!(e instanceof InteractionRequiredAuthError)) throw e;
        if (interactive === 'popup')
          return (await pca.acquireTokenPopup({ scopes: [...scopes], account })).accessToken;
        await pca.acquireTokenRedirect({ scopes: [...scopes], account });
        throw new Error('Signing in again: the page will return here.');
      }
    },
  };
}

export const msalCache = { cacheLocation: 'sessionStorage' as const };
