/**
 * `npm run mutation:summary`: the last mutation run's figures per file, from Stryker's JSON report
 * (reports/mutation/mutation.json), written to reports/mutation-summary.txt (committed) and printed.
 * The same figures as the clear-text table Stryker prints, one row per file with its full path,
 * then every mutant no test noticed (survived or not covered), so that each can be killed or named
 * as equivalent in docs/testing.md. Files under `src/domain` below 85% are marked, and so is every
 * such mutant whose file and line no row of docs/testing.md's tables of equivalent mutants names
 * (a row's first cell: `file.ts:LINE`, more lines as `:LINE` or `:FROM-TO`), so the list left to
 * examine is exact.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';

type Status =
  | 'Killed'
  | 'Survived'
  | 'NoCoverage'
  | 'Timeout'
  | 'CompileError'
  | 'RuntimeError'
  | 'Ignored'
  | 'Pending';
type Position = { readonly line: number; readonly column: number };
type Mutant = {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: Status;
  readonly location: { readonly start: Position; readonly end: Position };
};
type Report = {
  readonly files: Record<string, { readonly source: string; readonly mutants: readonly Mutant[] }>;
};

const REPORT = 'reports/mutation/mutation.json';
const DOCS = 'docs/testing.md';
const OUT = 'reports/mutation-summary.txt';
const AIM = 85;

const report = JSON.parse(readFileSync(REPORT, 'utf8')) as Report;

/** "file.ts:line" for every line the tables of equivalent mutants name (from "### Surviving mutants" on). */
const named = new Set<string>();
const docs = readFileSync(DOCS, 'utf8');
for (const row of docs.slice(docs.indexOf('### Surviving mutants')).split('\n')) {
  const first = /^\|([^|]+)\|/.exec(row)?.[1] ?? '';
  const file = /([\w./-]+\.ts):\d/.exec(first)?.[1];
  if (!file) continue;
  // ":112-114" names lines 112 to 114.
  for (const [, from, to] of first.matchAll(/:(\d+)(?:-(\d+))?/g))
    for (let n = Number(from); n <= Number(to ?? from); n++) named.add(`${file}:${n}`);
}
const isNamed = (file: string, lineNo: number): boolean =>
  [...named].some((n) => {
    const [f, l] = n.split(':');
    return Number(l) === lineNo && (file === f || file.endsWith(`/${f}`));
  });
const unnamed: string[] = [];
const count = (mutants: readonly Mutant[], ...statuses: Status[]) =>
  mutants.filter((m) => statuses.includes(m.status)).length;

const rows: string[][] = [];
const missed: string[] = [];
const below: string[] = [];
for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) =>
  a.localeCompare(b),
)) {
  const killed = count(mutants, 'Killed');
  const timedOut = count(mutants, 'Timeout');
  const survived = count(mutants, 'Survived');
  const uncovered = count(mutants, 'NoCoverage');
  const errors = count(mutants, 'CompileError', 'RuntimeError');
  const tested = killed + timedOut + survived + uncovered;
  if (tested === 0) continue; // only static mutants, all ignored: no score
  const score = (100 * (killed + timedOut)) / tested;
  if (file.startsWith('src/domain/') && score < AIM) below.push(file);
  rows.push([
    file,
    score.toFixed(2),
    String(killed),
    String(timedOut),
    String(survived),
    String(uncovered),
    String(errors),
  ]);
  const lines = source.split('\n');
  for (const m of mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) {
    const { start, end } = m.location;
    const text =
      start.line === end.line
        ? (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1)
        : `${(lines[start.line - 1] ?? '').slice(start.column - 1)} …`;
    const status = m.status === 'Survived' ? 'survived' : 'not covered';
    const entry = `${file}:${start.line}:${start.column} ${status} ${m.mutatorName}: ${oneLine(text)} -> ${oneLine(m.replacement ?? '')}`;
    missed.push(isNamed(file, start.line) ? `${entry} (named equivalent)` : entry);
    if (!isNamed(file, start.line)) unnamed.push(entry);
  }
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}

const header = ['file', 'score %', 'killed', 'timed out', 'survived', 'no coverage', 'errors'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]) =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
const text = [
  `Mutation figures from ${REPORT} (written ${statSync(REPORT).mtime.toISOString()})`,
  '',
  line(header),
  `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`,
  ...rows.map(line),
  '',
  below.length === 0
    ? `Every src/domain file with tested mutants is at ${AIM}% or more.`
    : `Below ${AIM}%: ${below.join(', ')}`,
  '',
  `Not noticed by any test (${missed.length}):`,
  ...missed,
  '',
  unnamed.length === 0
    ? `Every mutant no test noticed is named as equivalent in ${DOCS}.`
    : `Not named as equivalent in ${DOCS} (${unnamed.length}):`,
  ...unnamed,
  '',
].join('\n');

writeFileSync(OUT, text);
process.stdout.write(text);
