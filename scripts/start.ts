import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDevToken } from '../src/emulator/auth.js';
import { startEmulator } from '../src/emulator/server.js';
import {
  DEFAULT_DEV_SCOPES,
  findSeedUser,
  SEED_USERS,
  SHAREPOINT_DEV_SCOPES,
  SHAREPOINT_HOST,
  TENANT_ID,
} from '../src/emulator/tenant.js';
import { seedDemoData } from '../src/cli/seedDemo.js';
import { serveTab } from '../src/cli/serveTab.js';
import { createGraphClient } from '../src/graph/client.js';
import { applySitePermissions, describePermissionStep } from '../src/graph/permissions.js';
import { describeStep, provisionSite } from '../src/graph/provision.js';
import { createSharePointRest } from '../src/graph/sharePointRest.js';
import { readEnvFiles } from '../src/cli/envFile.mjs';

/**
 * `npm start`: the tab on the Graph emulator with fictional demo data. Starts the emulator,
 * provisions the lists and seeds the demo records through Graph (as any client would), then
 * serves the built tab. A second start keeps everything.
 */
async function main(): Promise<void> {
  const env = readEnvFiles(process.cwd(), 'local');
  const port = Number(process.env['PORT'] ?? 53000);
  const emulatorPort = Number(process.env['GRAPH_EMULATOR_PORT'] ?? 53100);
  // DATA_DIR holds everything a local run keeps (the emulator's tenant is its `graph` folder);
  // GRAPH_EMULATOR_DATA_DIR, where set, names the emulator's folder itself.
  const dataDir =
    process.env['GRAPH_EMULATOR_DATA_DIR'] || join(process.env['DATA_DIR'] || '.data', 'graph');
  for (const [name, value] of [
    ['PORT', port],
    ['GRAPH_EMULATOR_PORT', emulatorPort],
  ] as const)
    if (!Number.isInteger(value) || value < 0 || value > 65535)
      throw new Error(`${name} must be a port number from 0 to 65535, not "${process.env[name]}".`);

  // The emulator refuses activity types the app's manifest does not declare, as Teams does.
  const manifest = JSON.parse(readFileSync('appPackage/manifest.json', 'utf8')) as {
    activities?: { activityTypes?: Array<{ type: string }> };
  };
  const activityTypes = (manifest.activities?.activityTypes ?? []).map((a) => a.type);
  const emulator = await startEmulator({ port: emulatorPort, dataDir, activityTypes });
  const manager = findSeedUser('morgan.ellis@northshire.example');
  if (!manager) throw new Error('The seeded business manager is missing from the tenant.');
  const token = createDevToken(manager, { tenantId: TENANT_ID, scopes: DEFAULT_DEV_SCOPES });
  const client = createGraphClient({
    baseUrl: emulator.url,
    tokens: { getToken: async () => token },
  });
  const site = env['SHAREPOINT_SITE'] as string;
  const provisioned = await provisionSite(client, site);
  const changes = provisioned.steps.filter((s) => s.kind !== 'listUpToDate');
  console.log(changes.length === 0 ? 'Lists: up to date.' : changes.map(describeStep).join('\n'));
  // Permissions are SharePoint's REST API's (Graph grants people none), with a SharePoint token.
  const sharePointToken = createDevToken(manager, {
    tenantId: TENANT_ID,
    scopes: SHAREPOINT_DEV_SCOPES,
    audience: `https://${SHAREPOINT_HOST}`,
  });
  const rest = createSharePointRest({
    siteUrl: `${emulator.url}${new URL(`https://${site.replace(':', '')}`).pathname}`,
    tokens: { getToken: async () => sharePointToken },
  });
  const permissionSteps = await applySitePermissions(rest, provisioned.listIds);
  if (permissionSteps.length > 0)
    console.log(permissionSteps.map(describePermissionStep).join('\n'));
  // Each auditor's demo answers are written as that auditor, who can then go on editing them.
  const clientAs = (upn: string) => {
    const person = findSeedUser(upn);
    if (!person) throw new Error(`The seeded person ${upn} is missing from the tenant.`);
    const personToken = createDevToken(person, { tenantId: TENANT_ID, scopes: DEFAULT_DEV_SCOPES });
    return createGraphClient({
      baseUrl: emulator.url,
      tokens: { getToken: async () => personToken },
    });
  };
  const seeded = await seedDemoData(client, provisioned, Date.now(), rest, clientAs);
  console.log(
    seeded === 'seeded' ? 'Demo data: seeded (fictional).' : 'Demo data: already there, kept.',
  );

  const tab = await serveTab({ distDir: 'dist/local', port, emulatorUrl: emulator.url });
  console.log(`\nCase audit (local mode) is at ${tab.url} (data kept in ${dataDir})`);
  console.log(
    `Graph emulator: ${emulator.graphUrl}; what was posted to Teams: ${emulator.url}/_emulator/`,
  );
  console.log('\nSign in as any of these fictional people:');
  for (const u of SEED_USERS)
    console.log(`  ${u.displayName.padEnd(16)} ${u.jobTitle}, ${u.department}`);
  const stop = () => {
    void Promise.all([tab.close(), emulator.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`npm start failed: ${(e as Error).message}`);
  process.exit(1);
});
