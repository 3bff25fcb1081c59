import { describe, expect, it } from '@jest/globals';
import { backoffSeconds, describeSaveStatus } from './saveStatus.js';

describe('save status', () => {
  it('says plainly that the text is kept when saving fails', () => {
    expect(
      describeSaveStatus({ kind: 'retrying', reason: 'Graph answered 503.', inSeconds: 4 }),
    ).toBe('Not saved: Graph answered 503. Your text is kept here; trying again in 4 s.');
  });
  it('backs off exponentially with jitter, never below Retry-After nor above a minute', () => {
    expect(backoffSeconds(1, 0, () => 1)).toBe(2);
    expect(backoffSeconds(3, 0, () => 0)).toBe(4);
    expect(backoffSeconds(10, 0, () => 1)).toBe(60);
    expect(backoffSeconds(1, 30, () => 0)).toBe(30);
  });
});
