import { type AppConfig, readBuildConfig } from '../config.js';
import { fetchLocalPeople, type LocalPerson, rememberedUserId } from './localHost.js';
import type { HostSession } from './host.types.js';

/**
 * Where the tab starts: the configuration, read once, and the host (Teams, the browser with MSAL,
 * or local mode's sign-in). Kept apart from the composition root so that the first screen needs
 * none of the graph layer.
 */

export type HostStart =
  | { readonly kind: 'session'; readonly session: HostSession }
  | {
      readonly kind: 'localSignIn';
      readonly people: LocalPerson[];
      readonly tenantId: string;
      readonly remembered: string | null;
    }
  | { readonly kind: 'redirecting' };

let config: AppConfig | undefined;
export function appConfig(): AppConfig {
  config ??= readBuildConfig();
  return config;
}

/** Graph's origin: the configured one, or this page's own origin in local mode. */
export const graphOrigin = (c: AppConfig): string => c.graphBaseUrl || window.location.origin;

function isFramed(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    // A cross-origin parent refuses the comparison: that is a frame too.
    return true;
  }
}

/**
 * Chooses the host without ever waiting on teams-js outside a frame: Teams code and MSAL are
 * loaded only when they are needed, so local mode's first view carries neither.
 */
export async function startHost(c: AppConfig): Promise<HostStart> {
  if (isFramed()) {
    const { startTeamsSession } = await import(/* webpackChunkName: "teams" */ './teamsHost.js');
    return { kind: 'session', session: await startTeamsSession(c) };
  }
  if (c.mode === 'tenant') {
    const { startBrowserSession } = await import(/* webpackChunkName: "msal" */ './browserHost.js');
    const session = await startBrowserSession(c);
    return session === 'redirecting' ? { kind: 'redirecting' } : { kind: 'session', session };
  }
  const { tenantId, users } = await fetchLocalPeople(graphOrigin(c));
  return { kind: 'localSignIn', people: users, tenantId, remembered: rememberedUserId() };
}
