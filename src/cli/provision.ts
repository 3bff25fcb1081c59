import { createGraphClient } from '../graph/client.js';
import { applySitePermissions, describePermissionStep } from '../graph/permissions.js';
import { describeStep, provisionSite } from '../graph/provision.js';
import { createSharePointRest } from '../graph/sharePointRest.js';
import { readGraphTarget } from './args.js';

/**
 * `npm run provision -- --site <hostname:/path> [--graph-url URL] [--token T]
 *   [--sharepoint-token S] [--sharepoint-url URL]`
 * Creates or updates every list and column on the site; with a SharePoint token also its
 * permission levels and each list's permissions. Safe to run again. `--sharepoint-url` replaces
 * the SharePoint host's origin (the emulator's, in local mode).
 */
async function main(): Promise<void> {
  const { target, values: read } = readGraphTarget(process.argv.slice(2), process.env, {
    'sharepoint-token': { type: 'string' },
    'sharepoint-url': { type: 'string' },
  });
  const values = read as Record<string, string | boolean | undefined>;
  const client = createGraphClient({
    baseUrl: target.graphUrl,
    tokens: { getToken: async () => target.token },
  });
  const result = await provisionSite(client, target.site);
  for (const step of result.steps) console.log(describeStep(step));
  const sharePointToken =
    (values['sharepoint-token'] as string | undefined) ?? process.env['SHAREPOINT_TOKEN'];
  if (!sharePointToken) {
    console.log(
      `Site ${result.siteId} has its lists, but not their permissions: give --sharepoint-token to set them (docs/deploy.md).`,
    );
    return;
  }
  const site = (await client
    .api(`/sites/${encodeURIComponent(result.siteId)}`)
    .select('webUrl')
    .get()) as { webUrl: string };
  const override = values['sharepoint-url'] as string | undefined;
  const siteUrl = override
    ? `${override.replace(/\/+$/, '')}${new URL(site.webUrl).pathname}`
    : site.webUrl;
  const rest = createSharePointRest({ siteUrl, tokens: { getToken: async () => sharePointToken } });
  const steps = await applySitePermissions(rest, result.listIds);
  for (const step of steps) console.log(describePermissionStep(step));
  console.log(`Site ${result.siteId} is provisioned, with its permissions.`);
}

main().catch((e: unknown) => {
  console.error(`Provisioning failed: ${(e as Error).message}`);
  process.exit(1);
});
