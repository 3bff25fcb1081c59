import { parseArgs } from 'node:util';
import { PackageError, packageApp } from './packageApp.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { env: { type: 'string', default: 'dev' } } });
  const result = await packageApp({ root: process.cwd(), envName: values.env as string });
  console.log(
    `Wrote ${result.zipPath}: upload it in Teams (Apps > Manage your apps > Upload an app) or the Teams admin center.`,
  );
}

main().catch((e: unknown) => {
  console.error(
    e instanceof PackageError ? e.message : `Packaging failed: ${(e as Error).message}`,
  );
  process.exit(1);
});
