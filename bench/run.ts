import { benchBundle } from './bundle.bench.js';
import { benchEmulator, type Figure } from './emulator.bench.js';
import { benchFeedback } from './feedback.bench.js';
import { benchFirstView } from './firstView.bench.js';
import { benchFormLatency } from './formLatency.bench.js';
import { benchGuard } from './guard.bench.js';
import { benchReliability } from './reliability.bench.js';
import { benchReport } from './report.bench.js';

/** `npm run bench`: prints every benchmark's figures. Figures, not pass/fail: read them. */
async function main(): Promise<void> {
  const only = process.argv[2];
  const suites: Array<[string, () => Promise<Figure[]>]> = [
    ['bundle', async () => [...benchBundle(), ...(await benchFirstView())]],
    ['emulator', () => benchEmulator()],
    ['form', () => benchFormLatency()],
    ['guard', async () => benchGuard()],
    ['reliability', () => benchReliability()],
    ['report', () => benchReport()],
    ['feedback', () => benchFeedback()],
  ];
  for (const [name, run] of suites) {
    if (only && only !== name) continue;
    for (const f of await run())
      console.log(`${f.name}: ${f.value.toLocaleString('en-GB')} ${f.unit}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
