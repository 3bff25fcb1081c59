/**
 * A sliding-window limiter per key (a channel, a chat): at most `perSecond` sends in any second,
 * kept below Teams' published limits so that the sender is never the cause of a 429.
 */
export class SendLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly perSecond: number,
    private readonly clock: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Waits for a slot for this key and takes it. */
  async acquire(key: string): Promise<void> {
    for (;;) {
      const now = this.clock();
      const window = (this.recent.get(key) ?? []).filter((t) => now - t < 1000);
      if (window.length < this.perSecond) {
        window.push(now);
        this.recent.set(key, window);
        return;
      }
      // Wait until the oldest send leaves the window, with a little room for clock skew.
      await this.sleep(1000 - (now - (window[0] as number)) + 5);
    }
  }
}
