import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../src/emulator/server.js';
import {
  auditsForRaises,
  commissionings,
  faultsAt,
  NO_FAULTS,
  notifications,
  openTwoTabs,
  raises,
  sectionSaves,
  type Tally,
} from '../tests/support/reliability.js';
import type { Figure } from './emulator.bench.js';

/**
 * Two tabs of one business manager at once, with no faults, then 30% and 50% injected faults
 * (429, 503 and 504 with Retry-After of one second, lost answers of single writes, of whole
 * `$batch` requests and of writes inside batches): 1,000 section saves, 200 notifications, 100
 * commissionings and 100 child-at-risk raises, each counted by reading back (lost, doubled),
 * with its time against the fault-free run. Each level runs on a fresh emulator.
 */
export async function benchReliability(
  scale = { saves: 1000, notifications: 200, commissionings: 100, raises: 100 },
): Promise<Figure[]> {
  const figures: Figure[] = [];
  const baseline = new Map<string, number>();
  // RELIABILITY_LEVELS=0,0.5 runs only those levels (0 gives the baseline the ratios need).
  const levels = (process.env['RELIABILITY_LEVELS'] ?? '0,0.3,0.5').split(',').map(Number);
  for (const level of levels) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-reliability-'));
    const emulator = await startEmulator({ port: 0, dataDir: dir });
    try {
      const { lists, tabs } = await openTwoTabs(emulator);
      const theme = await tabs[0]!.programme.addTheme(
        {
          title: 'Neglect',
          year: '2026-27',
          prioritySource: 'baseline',
          categories: ['childProtection'],
          plannedMonth: '2026-12',
          sampleSize: 6,
        },
        'bench-theme-0001',
      );
      const audits = await auditsForRaises(tabs[0]!, lists, { count: scale.raises, first: 1 });
      // Five editors a tab, ten sections each: rounds make up the saves asked for.
      const rounds = Math.max(1, Math.round(scale.saves / (2 * 5 * 10)));
      emulator.setFaults(level === 0 ? NO_FAULTS : faultsAt(level, 40 + level * 10));
      const tallies: Tally[] = [];
      try {
        tallies.push(
          await sectionSaves(tabs, lists, { editors: 5, sections: 10, rounds, firstAudit: 5000 }),
        );
        tallies.push(await notifications(tabs, lists, { count: scale.notifications, first: 1 }));
        tallies.push(
          await commissionings(tabs, lists, {
            count: scale.commissionings,
            first: 1,
            themeId: theme.id,
          }),
        );
        tallies.push(await raises(tabs, lists, audits));
      } finally {
        emulator.setFaults(NO_FAULTS);
      }
      const stats = emulator.stats();
      const at: Figure[] = [];
      const label = level === 0 ? 'no faults' : `${Math.round(level * 100)}% faults`;
      for (const t of tallies) {
        if (level === 0) baseline.set(t.what, t.ms);
        const base = baseline.get(t.what) ?? t.ms;
        const prefix = `reliability, ${label}, ${t.expected.toLocaleString('en-GB')} ${t.what}`;
        at.push({ name: `${prefix}: lost`, value: t.lost, unit: '' });
        at.push({ name: `${prefix}: doubled`, value: t.doubled, unit: '' });
        at.push({ name: `${prefix}: took`, value: Math.round(t.ms) / 1000, unit: 's' });
        if (level > 0)
          at.push({
            name: `${prefix}: time against no faults`,
            value: Math.round((t.ms / base) * 10) / 10,
            unit: '×',
          });
      }
      at.push({
        name: `reliability, ${label}: injected faults`,
        value: stats.injectedFaults,
        unit: '',
      });
      at.push({
        name: `reliability, ${label}: lost answers`,
        value: stats.lostAnswers,
        unit: '',
      });
      at.push({
        name: `reliability, ${label}: rate-limited`,
        value: stats.rateLimited,
        unit: '',
      });
      // Progress as each level ends: the whole suite takes minutes.
      for (const f of at) console.error(`  ${f.name}: ${f.value} ${f.unit}`);
      figures.push(...at);
    } finally {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures;
}
