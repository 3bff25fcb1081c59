import {
  CORPUS_CASE_REFERENCE,
  IDENTIFYING,
  PROFESSIONAL,
  corpusTexts,
} from '../src/domain/guard/identifyingDetail.corpus.js';
import { checkIdentifyingDetail, extendGuardLists } from '../src/domain/guard/identifyingDetail.js';
import { GUARD_LISTS } from '../src/domain/guard/lists.js';
import type { Figure } from './emulator.bench.js';

/**
 * The identifying-detail guard on its own corpus: per category, how many identifying texts it
 * stopped with the right kind of detail named, and how many professional texts it let through;
 * then how many texts a second it checks (the corpus over and over, for at least a second). First
 * with its own lists (as in the tab's first moments), then with the larger lists loaded.
 */
export function benchGuard(): Figure[] {
  const own = corpusFigures('own lists');
  const started = performance.now();
  extendGuardLists(GUARD_LISTS);
  const loading = performance.now() - started;
  return [
    ...own,
    { name: 'guard: adding the larger lists', value: Math.round(loading), unit: 'ms' },
    ...corpusFigures('larger lists'),
  ];
}

function corpusFigures(lists: string): Figure[] {
  const figures: Figure[] = [];
  const allowed = [CORPUS_CASE_REFERENCE];
  let stopped = 0;
  let identifying = 0;
  for (const group of IDENTIFYING) {
    const right = group.texts.filter((text) => {
      const result = checkIdentifyingDetail(text, allowed);
      return !result.ok && result.findings.some((f) => f.kind === group.kind);
    }).length;
    stopped += right;
    identifying += group.texts.length;
    figures.push({
      name: `guard (${lists}) stopped, ${group.category} (of ${group.texts.length})`,
      value: right,
      unit: 'texts',
    });
  }
  let passed = 0;
  let professional = 0;
  for (const group of PROFESSIONAL) {
    const right = group.texts.filter((text) => checkIdentifyingDetail(text, allowed).ok).length;
    passed += right;
    professional += group.texts.length;
    figures.push({
      name: `guard (${lists}) passed, ${group.category} (of ${group.texts.length})`,
      value: right,
      unit: 'texts',
    });
  }
  figures.push(
    {
      name: `guard (${lists}) stopped, all identifying (of ${identifying})`,
      value: stopped,
      unit: 'texts',
    },
    {
      name: `guard (${lists}) passed, all professional (of ${professional})`,
      value: passed,
      unit: 'texts',
    },
  );

  const texts = corpusTexts().map((c) => c.text);
  let checked = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    for (const text of texts) checkIdentifyingDetail(text, allowed);
    checked += texts.length;
  }
  const seconds = (performance.now() - started) / 1000;
  figures.push({
    name: `guard (${lists}) throughput`,
    value: Math.round(checked / seconds),
    unit: 'texts/s',
  });
  return figures;
}
