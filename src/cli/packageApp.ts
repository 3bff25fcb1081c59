import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { GRAPH_SCOPES } from '../graph/scopes.js';
import { readEnvFiles } from './envFile.mjs';

/** What is wrong with a package, every problem named. Nothing is written when there is one. */
export class PackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The app package is not valid:\n- ${problems.join('\n- ')}`);
  }
}

const require = createRequire(import.meta.url);
const MIN_MANIFEST_VERSION = [1, 22];

/** Fills `${{NAME}}` from the environment; an unset name is a problem, not an empty string. */
export function fillPlaceholders(
  template: string,
  env: Readonly<Record<string, string>>,
  problems: string[],
  envName: string,
): string {
  return template.replace(/\$\{\{([A-Z][A-Z0-9_]*)\}\}/g, (_, name: string) => {
    const value = env[name];
    if (value === undefined || value === '') {
      problems.push(`${name} is not set in env/.env.${envName} (or env/.env.${envName}.user)`);
      return '';
    }
    return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  });
}

function schemaFor(version: string): object {
  const path = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
  );
  return JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as object;
}

/** Validates a manifest against the JSON schema of its own manifestVersion, shipped in @microsoft/app-manifest. */
export function validateManifest(manifest: Record<string, unknown>): string[] {
  const version = manifest['manifestVersion'];
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version))
    return [`manifestVersion '${String(version)}' is not a version such as 1.24`];
  const [major, minor] = version.split('.').map(Number) as [number, number];
  const [minMajor, minMinor] = MIN_MANIFEST_VERSION as [number, number];
  if (major < minMajor || (major === minMajor && minor < minMinor)) {
    return [
      `manifestVersion ${version} is too old: 1.22 or later is needed for webApplicationInfo.nestedAppAuthInfo`,
    ];
  }
  let schema: object;
  try {
    schema = schemaFor(version);
  } catch {
    return [`no JSON schema ships for manifestVersion ${version}`];
  }
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (e) =>
      `manifest${e.instancePath.replace(/\//g, '.') || ''} ${e.message ?? 'is not valid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params['allowedValues'] as unknown[]).join(', ')})` : ''}`,
  );
}

/** Teams' icon rules: colour 192x192; outline 32x32, white on a transparent background. */
export function checkIcons(color: Buffer, outline: Buffer): string[] {
  const problems: string[] = [];
  const read = (name: string, data: Buffer): PNG | undefined => {
    try {
      return PNG.sync.read(data);
    } catch {
      problems.push(`${name} is not a PNG image`);
      return undefined;
    }
  };
  const c = read('color.png', color);
  if (c && (c.width !== 192 || c.height !== 192))
    problems.push(`color.png is ${c.width}x${c.height}; it must be 192x192`);
  const o = read('outline.png', outline);
  if (o) {
    if (o.width !== 32 || o.height !== 32)
      problems.push(`outline.png is ${o.width}x${o.height}; it must be 32x32`);
    let opaqueBackground = false;
    let notWhite = 0;
    for (let i = 0; i < o.data.length; i += 4) {
      const alpha = o.data[i + 3] as number;
      if (alpha === 0) continue;
      if (o.data[i] !== 255 || o.data[i + 1] !== 255 || o.data[i + 2] !== 255) notWhite++;
    }
    if ((o.data[3] as number) !== 0) opaqueBackground = true;
    if (opaqueBackground) problems.push('outline.png must have a transparent background');
    if (notWhite > 0)
      problems.push(
        `outline.png must be white on transparent: ${notWhite} pixels are another colour`,
      );
  }
  return problems;
}

export type PackageResult = {
  readonly zipPath: string;
  readonly manifest: Record<string, unknown>;
};

/**
 * `npm run package -- --env dev`: fills the manifest from the environment, validates it and the
 * icons, and writes appPackage/build/appPackage.<env>.zip with manifest and icons at its root.
 */
export async function packageApp(options: {
  root: string;
  envName: string;
  appPackageDir?: string;
}): Promise<PackageResult> {
  const dir = options.appPackageDir ?? join(options.root, 'appPackage');
  const problems: string[] = [];
  let env: Record<string, string>;
  try {
    env = readEnvFiles(options.root, options.envName);
  } catch (e) {
    throw new PackageError([(e as Error).message]);
  }
  for (const file of ['manifest.json', 'color.png', 'outline.png']) {
    if (!existsSync(join(dir, file))) problems.push(`${file} is missing from ${dir}`);
  }
  if (problems.length > 0) throw new PackageError(problems);
  const filled = fillPlaceholders(
    readFileSync(join(dir, 'manifest.json'), 'utf8'),
    env,
    problems,
    options.envName,
  );
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(filled) as Record<string, unknown>;
  } catch (e) {
    throw new PackageError([
      ...problems,
      `manifest.json is not valid JSON: ${(e as Error).message}`,
    ]);
  }
  // The NAA prefetch must ask for exactly the scopes the tab asks for, in the same order.
  const info = manifest['webApplicationInfo'] as
    { nestedAppAuthInfo?: Array<{ scopes: string[] }> } | undefined;
  for (const naa of info?.nestedAppAuthInfo ?? []) naa.scopes = [...GRAPH_SCOPES];
  problems.push(...validateManifest(manifest));
  const color = readFileSync(join(dir, 'color.png'));
  const outline = readFileSync(join(dir, 'outline.png'));
  problems.push(...checkIcons(color, outline));
  if (problems.length > 0) throw new PackageError(problems);
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2));
  zip.file('color.png', color);
  zip.file('outline.png', outline);
  const outDir = join(dir, 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${options.envName}.zip`);
  writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { zipPath, manifest };
}
