import { createLocalToken, type LocalUser } from '../../graph/localToken.js';
import { GRAPH_SCOPES, SHAREPOINT_SCOPE } from '../../graph/scopes.js';
import type { HostSession, ThemeName } from './host.types.js';

/** A seeded person of the emulator's fictional tenant, as the sign-in picker shows them. */
export type LocalPerson = LocalUser & { readonly jobTitle: string; readonly department: string };

const USER_KEY = 'caseAudit.localUser';
const THEME_KEY = 'caseAudit.theme';

/** The emulator's seeded users, for the sign-in picker. Only local mode asks for them. */
export async function fetchLocalPeople(
  graphBaseUrl: string,
): Promise<{ tenantId: string; users: LocalPerson[] }> {
  const res = await fetch(`${graphBaseUrl}/_emulator/api/users`);
  if (!res.ok)
    throw new Error(
      `The Graph emulator did not list its users (HTTP ${res.status}). Is it running? npm start starts it.`,
    );
  return (await res.json()) as { tenantId: string; users: LocalPerson[] };
}

/** Who signed in last in this tab, kept only for this browser tab's session (an id, nothing more). */
export const rememberedUserId = (): string | null => sessionStorage.getItem(USER_KEY);
export const savedTheme = (): ThemeName => {
  const t = localStorage.getItem(THEME_KEY);
  return t === 'dark' || t === 'highContrast' ? t : 'light';
};

export function startLocalSession(
  person: LocalPerson,
  tenantId: string,
  onSignOut: () => void,
  /** The partnership's SharePoint host, whose REST API the emulator answers. */
  sharePointHost = 'fictional-northshire.sharepoint.com',
): HostSession {
  sessionStorage.setItem(USER_KEY, person.id);
  const listeners = new Set<(t: ThemeName) => void>();
  let token: { value: string; expires: number } | undefined;
  let sharePointToken: { value: string; expires: number } | undefined;
  return {
    kind: 'local',
    user: {
      id: person.id,
      displayName: person.displayName,
      userPrincipalName: person.userPrincipalName,
    },
    tokens: {
      getToken: async () => {
        const now = Date.now();
        if (!token || token.expires - now < 60_000)
          token = {
            value: createLocalToken(person, tenantId, GRAPH_SCOPES, now),
            expires: now + 3_600_000,
          };
        return token.value;
      },
    },
    // SharePoint's REST API wants a token for the SharePoint host; the emulator checks it too.
    sharePointTokens: {
      getToken: async () => {
        const now = Date.now();
        if (!sharePointToken || sharePointToken.expires - now < 60_000)
          sharePointToken = {
            value: createLocalToken(
              person,
              tenantId,
              [SHAREPOINT_SCOPE],
              now,
              3600,
              `https://${sharePointHost}`,
            ),
            expires: now + 3_600_000,
          };
        return sharePointToken.value;
      },
    },
    theme: savedTheme(),
    deepLink: undefined,
    isConfigPage: false,
    onThemeChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notifyReady: () => undefined,
    setTheme: (theme) => {
      localStorage.setItem(THEME_KEY, theme);
      listeners.forEach((l) => l(theme));
    },
    signOut: () => {
      sessionStorage.removeItem(USER_KEY);
      onSignOut();
    },
  };
}
