import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { Figure } from './emulator.bench.js';

const ROOT = join(import.meta.dirname, '..');

/** The first view's JavaScript, raw and gzip, from a fresh production build. */
export function benchBundle(): Figure[] {
  execFileSync('npx', ['webpack', '--env', 'target=local'], { cwd: ROOT, stdio: 'ignore' });
  const dir = join(ROOT, 'dist', 'local');
  const report = JSON.parse(readFileSync(join(dir, 'bundle-report.json'), 'utf8')) as {
    files: string[];
    raw: number;
    gzip: number;
    budgetGzip: number;
    lazyChunks: string[];
  };
  const lazy = report.lazyChunks.filter((f) => existsSync(join(dir, f)));
  const lazyGzip = lazy.reduce(
    (sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length,
    0,
  );
  const lazyRaw = lazy.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  const kib = (n: number) => Math.round((n / 1024) * 10) / 10;
  return [
    { name: 'bundle: first view JavaScript, raw', value: kib(report.raw), unit: 'KiB' },
    {
      name: `bundle: first view JavaScript, gzip (budget ${kib(report.budgetGzip)} KiB)`,
      value: kib(report.gzip),
      unit: 'KiB',
    },
    {
      name: `bundle: loaded only when needed (Teams SDK, MSAL, ...: ${lazy.length} chunks), raw`,
      value: kib(lazyRaw),
      unit: 'KiB',
    },
    { name: 'bundle: loaded only when needed, gzip', value: kib(lazyGzip), unit: 'KiB' },
  ];
}
