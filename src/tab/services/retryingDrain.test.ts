import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { DrainReport } from '../../graph/outbox.js';
import { createRetryingDrain, type DrainState, failureWaitMs } from './retryingDrain.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');

const report = (over: Partial<DrainReport>): DrainReport => ({
  sent: 0,
  retrying: 0,
  failed: 0,
  skipped: 0,
  problems: [],
  waiting: 0,
  nextAttemptAt: undefined,
  ...over,
});

beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
});
afterEach(() => {
  jest.useRealTimers();
});

/** A drain whose reports are given in turn; records when it ran. */
function drains(...reports: Array<DrainReport | Error>) {
  const calls: number[] = [];
  const drain = jest.fn(async () => {
    calls.push(Date.now());
    const next = reports.shift();
    if (next === undefined) return report({});
    if (next instanceof Error) throw next;
    return next;
  });
  return { drain, calls };
}

describe('createRetryingDrain', () => {
  it('drains again by itself at the time the first waiting notification may be tried', async () => {
    const { drain, calls } = drains(
      report({ retrying: 4, waiting: 4, nextAttemptAt: new Date(T0 + 12_000) }),
      report({ sent: 4 }),
    );
    const states: DrainState[] = [];
    const drainer = createRetryingDrain({ drain, onChange: (s) => states.push(s) });
    await drainer.run();
    expect(states.at(-1)).toEqual({ kind: 'waiting', count: 4, at: new Date(T0 + 12_000) });
    await jest.advanceTimersByTimeAsync(11_999);
    expect(calls).toEqual([T0]);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([T0, T0 + 12_000]);
    expect(states.at(-1)).toEqual({ kind: 'idle' });
    // Nothing waits: no more drains.
    await jest.advanceTimersByTimeAsync(600_000);
    expect(calls).toHaveLength(2);
  });

  it('never drains again sooner than a second, even for an item due already', async () => {
    const { drain, calls } = drains(
      report({ waiting: 1, nextAttemptAt: new Date(T0 - 5000) }),
      report({ sent: 1 }),
    );
    const drainer = createRetryingDrain({ drain, onChange: () => undefined });
    await drainer.run();
    await jest.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([T0, T0 + 1000]);
  });

  it('backs off after failed drains (5 s, 10 s, ...) and says when it tries again', async () => {
    const down = Object.assign(new Error('Service Unavailable'), { statusCode: 503 });
    const { drain, calls } = drains(down, down, report({ sent: 2 }));
    const states: DrainState[] = [];
    const drainer = createRetryingDrain({ drain, onChange: (s) => states.push(s) });
    await drainer.run();
    expect(states.at(-1)).toEqual({ kind: 'failed', error: down, at: new Date(T0 + 5000) });
    await jest.advanceTimersByTimeAsync(5000);
    expect(states.at(-1)).toEqual({ kind: 'failed', error: down, at: new Date(T0 + 15_000) });
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual([T0, T0 + 5000, T0 + 15_000]);
    expect(states.at(-1)).toEqual({ kind: 'idle' });
    expect([1, 2, 3, 4, 5, 9].map(failureWaitMs)).toEqual([
      5000, 10_000, 20_000, 40_000, 60_000, 60_000,
    ]);
  });

  it('waits at least the failure backoff when items could not be reached, whatever their time', async () => {
    const { drain, calls } = drains(
      report({
        retrying: 1,
        problems: ['7: unreachable'],
        waiting: 1,
        nextAttemptAt: new Date(T0),
      }),
    );
    const drainer = createRetryingDrain({ drain, onChange: () => undefined });
    await drainer.run();
    await jest.advanceTimersByTimeAsync(4999);
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
  });

  it('stays quiet, with no retry, for a failure that means nothing to send', async () => {
    const refused = Object.assign(new Error('Access denied'), { statusCode: 403 });
    const { drain, calls } = drains(refused);
    const states: DrainState[] = [];
    const drainer = createRetryingDrain({
      drain,
      onChange: (s) => states.push(s),
      isQuiet: (e) => (e as { statusCode?: number }).statusCode === 403,
    });
    await drainer.run();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(calls).toHaveLength(1);
    expect(states).toEqual([{ kind: 'idle' }]);
  });

  it('shows the progress of a send', async () => {
    const states: DrainState[] = [];
    const drainer = createRetryingDrain({
      drain: async (onProgress) => {
        onProgress(0, 2);
        onProgress(1, 2);
        onProgress(2, 2);
        return report({ sent: 2 });
      },
      onChange: (s) => states.push(s),
    });
    await drainer.run();
    expect(states).toEqual([
      { kind: 'sending', done: 0, total: 2 },
      { kind: 'sending', done: 1, total: 2 },
      { kind: 'idle' },
    ]);
  });

  it('runs one more drain when asked during a drain, and none at once twice', async () => {
    let release: () => void = () => undefined;
    let runs = 0;
    const drainer = createRetryingDrain({
      drain: async () => {
        runs++;
        if (runs === 1) await new Promise<void>((r) => (release = r));
        return report({});
      },
      onChange: () => undefined,
    });
    const first = drainer.run();
    void drainer.run();
    void drainer.run();
    expect(runs).toBe(1);
    release();
    await first;
    expect(runs).toBe(2);
  });

  it('tries nothing more once stopped (the tab closed): what waits stays for the next opening', async () => {
    const { drain, calls } = drains(report({ waiting: 3, nextAttemptAt: new Date(T0 + 2000) }));
    const drainer = createRetryingDrain({ drain, onChange: () => undefined });
    await drainer.run();
    drainer.stop();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(calls).toHaveLength(1);
    await drainer.run();
    expect(calls).toHaveLength(1);
  });
});
