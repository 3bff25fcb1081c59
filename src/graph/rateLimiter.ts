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
    /**
     * The window counted, in milliseconds: a little over a second leaves room for requests that
     * reach Graph later than they were let go, so that Graph's own second never holds one more.
     */
    private readonly windowMs = 1000,
  ) {}

  /** Waits for a slot for this key and takes it. */
  async acquire(key: string): Promise<void> {
    for (;;) {
      const now = this.clock();
      const window = (this.recent.get(key) ?? []).filter((t) => now - t < this.windowMs);
      if (window.length < this.perSecond) {
        window.push(now);
        this.recent.set(key, window);
        return;
      }
      // Wait until the oldest send leaves the window, with a little room for clock skew.
      await this.sleep(this.windowMs - (now - (window[0] as number)) + 5);
    }
  }
}

/**
 * Evenly spaced sends, for a limit shared by every send of the app (Teams' per-app limits): one
 * slot every `windowMs / perSecond` milliseconds, never a burst. A burst let go at once can reach
 * Graph spread out, its first late and the next burst's first early, so that Graph's own second
 * holds one too many; evenly spaced sends leave the same room between every two.
 */
export class PacedLimiter {
  private next = 0;

  constructor(
    private readonly perSecond: number,
    private readonly windowMs = 1050,
    private readonly clock: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Waits for the next slot and takes it. */
  async acquire(): Promise<void> {
    const now = this.clock();
    const slot = Math.max(now, this.next);
    this.next = slot + this.windowMs / this.perSecond;
    if (slot > now) await this.sleep(slot - now);
  }
}
