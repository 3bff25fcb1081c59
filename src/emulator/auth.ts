import { GraphError } from './errors.js';

/**
 * Development tokens: unsigned JWTs (alg "none") with the claims an Entra ID v1 access token for
 * Graph carries. Only the emulator accepts them; graph.microsoft.com would refuse them, as it
 * should.
 */
export type TokenClaims = {
  aud: string;
  iss: string;
  tid: string;
  oid: string;
  upn: string;
  name: string;
  scp: string;
  iat: number;
  nbf: number;
  exp: number;
  ver: '1.0';
  appid: string;
};

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
/** SharePoint Online's first-party app id, which a SharePoint token may carry as its audience. */
export const SHAREPOINT_APP_ID = '00000003-0000-0ff1-ce00-000000000000';

const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

export function createDevToken(
  user: { id: string; userPrincipalName: string; displayName: string },
  options: {
    tenantId: string;
    scopes: readonly string[];
    appId?: string;
    lifetimeSeconds?: number;
    now?: number;
    /** Graph by default; `https://{tenant}.sharepoint.com` for SharePoint's REST API. */
    audience?: string;
  },
): string {
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const claims: TokenClaims = {
    aud: options.audience ?? GRAPH_AUDIENCE,
    iss: `https://sts.windows.net/${options.tenantId}/`,
    tid: options.tenantId,
    oid: user.id,
    upn: user.userPrincipalName,
    name: user.displayName,
    scp: options.scopes.join(' '),
    iat: now,
    nbf: now,
    exp: now + (options.lifetimeSeconds ?? 3600),
    ver: '1.0',
    appid: options.appId ?? '00000000-0000-0000-0000-00000000da7a',
  };
  return `${b64url(JSON.stringify({ typ: 'JWT', alg: 'none' }))}.${b64url(JSON.stringify(claims))}.`;
}

const invalidToken = (message: string): GraphError =>
  new GraphError(401, 'InvalidAuthenticationToken', message);

/** Reads and checks the bearer token of a request; throws Graph's 401 when it is unusable. */
export function readBearer(
  header: string | undefined,
  tenantId: string,
  nowMs = Date.now(),
  audiences: readonly string[] = [GRAPH_AUDIENCE, '00000003-0000-0000-c000-000000000000'],
): TokenClaims {
  if (!header) throw invalidToken('Access token is empty.');
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw invalidToken('Access token is empty.');
  const parts = (m[1] as string).split('.');
  if (parts.length !== 3)
    throw invalidToken('IDX14100: JWT is not well formed, there are no dots (.).');
  let claims: Partial<TokenClaims>;
  try {
    claims = JSON.parse(
      Buffer.from(parts[1] as string, 'base64url').toString('utf8'),
    ) as Partial<TokenClaims>;
  } catch {
    throw invalidToken('IDX14102: Unable to decode the payload as Base64Url encoded string.');
  }
  if (!audiences.includes(String(claims.aud))) {
    throw invalidToken(`Invalid audience Uri '${String(claims.aud)}'.`);
  }
  if (claims.tid !== tenantId) throw invalidToken('Invalid tenant in the access token.');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) {
    throw invalidToken('Lifetime validation failed, the token is expired.');
  }
  if (typeof claims.oid !== 'string' || typeof claims.scp !== 'string') {
    throw invalidToken('The access token has no user or no scopes.');
  }
  return claims as TokenClaims;
}

export const scopesOf = (claims: TokenClaims): Set<string> =>
  new Set(claims.scp.split(' ').filter((s) => s.length > 0));

/** Graph refuses a call whose token lacks every scope the API accepts, with this message. */
export function requireScope(claims: TokenClaims, accepted: readonly string[]): void {
  const held = scopesOf(claims);
  if (accepted.some((scope) => held.has(scope))) return;
  throw new GraphError(
    403,
    'Forbidden',
    `Missing scope permissions on the request. API requires one of '${accepted.join(', ')}'. Scopes on the request '${claims.scp}'`,
  );
}
