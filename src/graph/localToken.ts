/**
 * Unsigned development tokens for local mode, which only the Graph emulator accepts: the same
 * claims as an Entra ID access token for Graph, with `alg: none`. graph.microsoft.com refuses
 * them, so they can never reach a tenant's data.
 */
export type LocalUser = {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
};

const base64url = (text: string): string => {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

export function createLocalToken(
  user: LocalUser,
  tenantId: string,
  scopes: readonly string[],
  nowMs: number,
  lifetimeSeconds = 3600,
  /** Graph's, or `https://{tenant}.sharepoint.com` for SharePoint's REST API. */
  audience = 'https://graph.microsoft.com',
): string {
  const now = Math.floor(nowMs / 1000);
  const claims = {
    aud: audience,
    iss: `https://sts.windows.net/${tenantId}/`,
    tid: tenantId,
    oid: user.id,
    upn: user.userPrincipalName,
    name: user.displayName,
    scp: scopes.join(' '),
    iat: now,
    nbf: now,
    exp: now + lifetimeSeconds,
    ver: '1.0',
    appid: '00000000-0000-0000-0000-00000000da7a',
  };
  return `${base64url(JSON.stringify({ typ: 'JWT', alg: 'none' }))}.${base64url(JSON.stringify(claims))}.`;
}
