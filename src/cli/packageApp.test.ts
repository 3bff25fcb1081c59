import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GRAPH_SCOPES } from '../graph/scopes.js';
import { checkIcons, PackageError, packageApp } from './packageApp.js';

const ROOT = join(import.meta.dirname, '../..');
let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'package-'));
  cpSync(join(ROOT, 'appPackage'), join(work, 'appPackage'), {
    recursive: true,
    filter: (src) => !src.includes('build'),
  });
  cpSync(join(ROOT, 'env'), join(work, 'env'), {
    recursive: true,
    filter: (src) => !src.endsWith('.user'),
  });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const editManifest = (edit: (m: Record<string, any>) => void) => {
  const path = join(work, 'appPackage', 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest));
};

async function problemsOf(promise: Promise<unknown>): Promise<readonly string[]> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(PackageError);
    return (e as PackageError).problems;
  }
  throw new Error('expected the package to be refused');
}

describe('packageApp', () => {
  it('writes a zip with a filled, schema-valid manifest and the icons at its root', async () => {
    const { zipPath, manifest } = await packageApp({ root: work, envName: 'dev' });
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const inZip = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(inZip).toEqual(manifest);
    expect(JSON.stringify(inZip)).not.toContain('${{');
    expect(inZip.staticTabs[0].contentUrl).toBe(
      'https://audit.fictional-northshire.example/index.html#/my-audits',
    );
    expect(inZip.webApplicationInfo.nestedAppAuthInfo[0].scopes).toEqual([...GRAPH_SCOPES]);
    expect(inZip.configurableTabs[0].context).toEqual(['channelTab']);
  });

  it('names an environment value that is missing', async () => {
    writeFileSync(
      join(work, 'env', '.env.dev'),
      readFileSync(join(work, 'env', '.env.dev'), 'utf8').replace(/^TAB_DOMAIN=.*$/m, ''),
    );
    expect(await problemsOf(packageApp({ root: work, envName: 'dev' }))).toContain(
      'TAB_DOMAIN is not set in env/.env.dev (or env/.env.dev.user)',
    );
  });

  it('lets env/.env.dev.user override the example values', async () => {
    writeFileSync(
      join(work, 'env', '.env.dev.user'),
      'TAB_ENDPOINT=https://audit.real-partnership.example\n',
    );
    const { manifest } = await packageApp({ root: work, envName: 'dev' });
    expect((manifest['staticTabs'] as any)[0].contentUrl).toBe(
      'https://audit.real-partnership.example/index.html#/my-audits',
    );
  });

  it('refuses a manifest the schema refuses, with the reason', async () => {
    editManifest((m) => {
      m.accentColor = 'blue';
      delete m.developer.name;
    });
    const problems = await problemsOf(packageApp({ root: work, envName: 'dev' }));
    expect(problems.some((p) => p.startsWith('manifest.accentColor'))).toBe(true);
    expect(problems.some((p) => p.includes("must have required property 'name'"))).toBe(true);
  });

  it('refuses a manifest version too old for nested app authentication', async () => {
    editManifest((m) => {
      m.manifestVersion = '1.16';
    });
    expect((await problemsOf(packageApp({ root: work, envName: 'dev' })))[0]).toMatch(
      /1\.22 or later/,
    );
  });

  it('refuses icons of the wrong size or an outline that is not white on transparent', () => {
    const png = (size: number, rgba: [number, number, number, number]) => {
      const p = new PNG({ width: size, height: size });
      for (let i = 0; i < p.data.length; i += 4) p.data.set(rgba, i);
      return PNG.sync.write(p);
    };
    const good = readFileSync(join(ROOT, 'appPackage', 'color.png'));
    const outline = readFileSync(join(ROOT, 'appPackage', 'outline.png'));
    expect(checkIcons(good, outline)).toEqual([]);
    expect(checkIcons(png(100, [0, 0, 0, 255]), outline)).toEqual([
      'color.png is 100x100; it must be 192x192',
    ]);
    const problems = checkIcons(good, png(32, [255, 0, 0, 255]));
    expect(problems).toContain('outline.png must have a transparent background');
    expect(problems.some((p) => p.includes('must be white on transparent'))).toBe(true);
  });
});
