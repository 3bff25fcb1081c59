import { describe, expect, it } from '@jest/globals';
import { retryDelaySeconds } from './outbox.js';

describe('the outbox backoff', () => {
  it('never comes sooner than Retry-After, whatever the jitter', () => {
    for (const r of [0, 0.25, 0.5, 0.999])
      for (const attempts of [1, 2, 3, 8]) {
        expect(retryDelaySeconds(attempts, 30, () => r)).toBeGreaterThanOrEqual(30);
        expect(retryDelaySeconds(attempts, 1, () => r)).toBeGreaterThanOrEqual(1);
      }
  });

  it('backs off exponentially with jitter when Graph does not say, up to a minute', () => {
    expect(retryDelaySeconds(1, undefined, () => 0)).toBe(1);
    expect(retryDelaySeconds(3, undefined, () => 0)).toBe(4);
    expect(retryDelaySeconds(3, undefined, () => 0.999)).toBeCloseTo(7.996);
    expect(retryDelaySeconds(20, undefined, () => 0.999)).toBeLessThanOrEqual(60);
    expect(retryDelaySeconds(20, 120, () => 0.999)).toBe(120);
  });
});
