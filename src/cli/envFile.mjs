import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads env/.env.<name> and then env/.env.<name>.user (secrets, never committed) in the
 * Teams Toolkit's KEY=value format. Later files win.
 * @param {string} root
 * @param {string} name
 * @returns {Record<string, string>}
 */
export function readEnvFiles(root, name) {
  const values = {};
  const files = [join(root, 'env', `.env.${name}`), join(root, 'env', `.env.${name}.user`)];
  if (!existsSync(files[0])) throw new Error(`No environment file env/.env.${name}`);
  for (const file of files) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
      const m = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
      if (m) values[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
    }
  }
  return values;
}

/**
 * The tab's build-time configuration from an environment: what src/tab/config.ts validates.
 * @param {Record<string, string>} env
 */
export function tabConfigFrom(env) {
  return {
    mode: env.APP_MODE,
    graphBaseUrl: env.GRAPH_URL ?? '',
    clientId: env.AAD_APP_CLIENT_ID ?? '',
    tenantId: env.TENANT_ID ?? '',
    siteRef: env.SHAREPOINT_SITE ?? '',
    teamId: env.TEAM_ID ?? '',
    channelId: env.CHANNEL_ID ?? '',
    tabUrl: env.TAB_ENDPOINT ?? '',
    teamsAppId: env.TEAMS_APP_ID ?? '',
  };
}
