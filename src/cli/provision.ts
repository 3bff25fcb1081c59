import { createGraphClient } from '../graph/client.js';
import { describeStep, provisionSite } from '../graph/provision.js';
import { readGraphTarget } from './args.js';

/**
 * `npm run provision -- --site <site id or hostname:/path> [--graph-url URL] [--token T]`
 * Creates or updates every list and column on the site; safe to run again.
 */
async function main(): Promise<void> {
  const { target } = readGraphTarget(process.argv.slice(2), process.env);
  const client = createGraphClient({
    baseUrl: target.graphUrl,
    tokens: { getToken: async () => target.token },
  });
  const result = await provisionSite(client, target.site);
  for (const step of result.steps) console.log(describeStep(step));
  console.log(`Site ${result.siteId} is provisioned.`);
}

main().catch((e: unknown) => {
  console.error(`Provisioning failed: ${(e as Error).message}`);
  process.exit(1);
});
