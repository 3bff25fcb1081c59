import type { DrainReport } from '../../graph/outbox.js';

/**
 * Drains the outbox now, and again while the tab stays open at the time the first waiting
 * notification may be tried (its NextAttemptAt, which already honours Retry-After and the
 * backoff). Closing the tab stops the timer: what is left stays in the outbox, as stored, for the
 * next opening. No React here, so the timing is tested on its own.
 */

export type DrainState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sending'; readonly done: number; readonly total: number }
  /** Notifications waiting in the outbox, the next try at `at`. */
  | { readonly kind: 'waiting'; readonly count: number; readonly at: Date }
  /** The outbox itself could not be read or written: tried again at `at`. */
  | { readonly kind: 'failed'; readonly error: unknown; readonly at: Date };

export type RetryingDrainOptions = {
  readonly drain: (onProgress: (done: number, total: number) => void) => Promise<DrainReport>;
  readonly onChange: (state: DrainState) => void;
  /** A failure that means "nothing for this person to send" (no write rights): no retry. */
  readonly isQuiet?: (error: unknown) => boolean;
  readonly now?: () => number;
};

/** Never sooner than this after a drain, so an item due already cannot make the tab spin. */
export const MIN_WAIT_MS = 1000;
/** After a drain that failed, or left items Graph could not be reached for: 5 s, doubling to 60 s. */
export function failureWaitMs(failures: number): number {
  return Math.min(60_000, 5000 * 2 ** Math.max(0, failures - 1));
}

export function createRetryingDrain(options: RetryingDrainOptions) {
  const now = options.now ?? (() => Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let failures = 0;

  const schedule = (at: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), Math.max(0, at - now()));
  };

  async function once(): Promise<void> {
    let report: DrainReport;
    try {
      report = await options.drain((done, total) => {
        if (!stopped && total > 0 && done < total)
          options.onChange({ kind: 'sending', done, total });
      });
    } catch (error) {
      if (stopped) return;
      if (options.isQuiet?.(error)) {
        options.onChange({ kind: 'idle' });
        return;
      }
      failures++;
      const at = new Date(now() + failureWaitMs(failures));
      options.onChange({ kind: 'failed', error, at });
      schedule(at.getTime());
      return;
    }
    if (stopped) return;
    failures = report.problems.length > 0 ? failures + 1 : 0;
    if (report.waiting === 0 || !report.nextAttemptAt) {
      options.onChange({ kind: 'idle' });
      return;
    }
    const earliest = now() + (failures > 0 ? failureWaitMs(failures) : MIN_WAIT_MS);
    const at = new Date(Math.max(report.nextAttemptAt.getTime(), earliest));
    options.onChange({ kind: 'waiting', count: report.waiting, at });
    schedule(at.getTime());
  }

  /** Drains now; a call while a drain runs makes one more drain after it (something was queued). */
  async function run(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return running;
    }
    clearTimeout(timer);
    running = (async () => {
      do {
        again = false;
        await once();
      } while (again && !stopped);
    })();
    try {
      await running;
    } finally {
      running = undefined;
    }
  }

  return {
    run,
    /** The tab is closing (or the sender unmounts): no more tries from here. */
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

export type RetryingDrain = ReturnType<typeof createRetryingDrain>;
