import { describe, expect, it } from '@jest/globals';
import { PacedLimiter, SendLimiter } from './rateLimiter.js';

/** A clock that only moves when the limiter sleeps, so every wait is seen exactly. */
function fakeTime(start = 10_000) {
  let now = start;
  const waits: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    waits,
  };
}

describe('SendLimiter', () => {
  it('lets as many sends through in a second as allowed, then waits for the oldest to leave', async () => {
    const t = fakeTime();
    const limiter = new SendLimiter(2, t.clock, t.sleep);
    await limiter.acquire('channel-a');
    t.advance(100);
    await limiter.acquire('channel-a');
    expect(t.waits).toEqual([]);
    await limiter.acquire('channel-a');
    // The first send left the window 1000 ms after it was made: 900 ms from now, and 5 ms spare.
    expect(t.waits).toEqual([905]);
  });

  it('counts each key on its own', async () => {
    const t = fakeTime();
    const limiter = new SendLimiter(1, t.clock, t.sleep);
    await limiter.acquire('chat-1');
    await limiter.acquire('chat-2');
    expect(t.waits).toEqual([]);
    await limiter.acquire('chat-1');
    expect(t.waits).toEqual([1005]);
  });

  it('forgets a send once a full second has passed', async () => {
    const t = fakeTime();
    const limiter = new SendLimiter(1, t.clock, t.sleep);
    await limiter.acquire('chat-1');
    t.advance(999);
    await limiter.acquire('chat-1');
    expect(t.waits).toEqual([6]);
    t.advance(1000);
    await limiter.acquire('chat-1');
    expect(t.waits).toEqual([6]);
  });

  it('waits on the real clock by default', async () => {
    const limiter = new SendLimiter(1);
    const started = Date.now();
    await limiter.acquire('k');
    await limiter.acquire('k');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('counts a longer window when asked, so that late arrivals never make one too many', async () => {
    const t = fakeTime();
    const limiter = new SendLimiter(1, t.clock, t.sleep, 1050);
    await limiter.acquire('app');
    await limiter.acquire('app');
    expect(t.waits).toEqual([1055]);
  });

  it('spaces shared sends evenly, never in a burst', async () => {
    const t = fakeTime();
    const paced = new PacedLimiter(20, 1050, t.clock, t.sleep);
    const at: number[] = [];
    for (let i = 0; i < 3; i++) {
      await paced.acquire();
      at.push(t.clock());
    }
    // 20 a second over 1050 ms: one slot every 52.5 ms.
    expect(at).toEqual([10_000, 10_052.5, 10_105]);
    // A caller who comes back late is not owed the slots it missed.
    t.advance(1000);
    await paced.acquire();
    expect(t.waits).toEqual([52.5, 52.5]);
  });
});
