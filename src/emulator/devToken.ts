import { createDevToken } from './auth.js';
import {
  DEFAULT_DEV_SCOPES,
  findSeedUser,
  SEED_USERS,
  SHAREPOINT_DEV_SCOPES,
  SHAREPOINT_HOST,
  TENANT_ID,
} from './tenant.js';

/**
 * `npm run --silent dev-token -- <upn or id> [--scopes "A B"] [--sharepoint]` prints a development
 * token (for Graph, or with --sharepoint for SharePoint's REST API on the partnership's host);
 * `--list` lists the seeded users. The tokens are unsigned: only the emulator accepts them.
 */
function main(argv: string[]): number {
  if (argv.includes('--list')) {
    for (const u of SEED_USERS)
      console.log(`${u.userPrincipalName}\t${u.displayName}\t${u.jobTitle}, ${u.department}`);
    return 0;
  }
  const who = argv.find((a) => !a.startsWith('--'));
  if (!who) {
    console.error(
      'Usage: npm run --silent dev-token -- <userPrincipalName or id> [--scopes "Scope.One Scope.Two"] | --list',
    );
    return 2;
  }
  const user = findSeedUser(who);
  if (!user) {
    console.error(`No seeded user '${who}'. See: npm run --silent dev-token -- --list`);
    return 2;
  }
  const i = argv.indexOf('--scopes');
  const sharePoint = argv.includes('--sharepoint');
  const scopes =
    i >= 0 && argv[i + 1]
      ? (argv[i + 1] as string).split(/[\s,]+/).filter(Boolean)
      : sharePoint
        ? SHAREPOINT_DEV_SCOPES
        : DEFAULT_DEV_SCOPES;
  console.log(
    createDevToken(user, {
      tenantId: TENANT_ID,
      scopes,
      ...(sharePoint ? { audience: `https://${SHAREPOINT_HOST}` } : {}),
    }),
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
