import {
  CORPUS_CASE_REFERENCE,
  IDENTIFYING,
  PROFESSIONAL,
  corpusTexts,
} from '../src/domain/guard/identifyingDetail.corpus.js';
import { checkIdentifyingDetail } from '../src/domain/guard/identifyingDetail.js';
import type { Figure } from './emulator.bench.js';

/**
 * The identifying-detail guard on its own corpus: per category, how many identifying texts it
 * stopped with the right kind of detail named, and how many professional texts it let through;
 * then how many texts a second it checks (the corpus over and over, for at least a second).
 */
export function benchGuard(): Figure[] {
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
      name: `guard stopped, ${group.category} (of ${group.texts.length})`,
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
      name: `guard passed, ${group.category} (of ${group.texts.length})`,
      value: right,
      unit: 'texts',
    });
  }
  figures.push(
    { name: `guard stopped, all identifying (of ${identifying})`, value: stopped, unit: 'texts' },
    { name: `guard passed, all professional (of ${professional})`, value: passed, unit: 'texts' },
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
    name: 'guard throughput',
    value: Math.round(checked / seconds),
    unit: 'texts/s',
  });
  return figures;
}
