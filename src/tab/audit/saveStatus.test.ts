import { describe, expect, it } from '@jest/globals';
import { backoffSeconds, describeSaveStatus, saveStatusDetails } from './saveStatus.js';

describe('save status', () => {
  it('says plainly that the text is kept when saving fails, and what Graph said only in the details', () => {
    const failure = Object.assign(new Error('Graph answered 503.'), { status: 503 });
    expect(describeSaveStatus({ kind: 'retrying', failure, inSeconds: 4 })).toBe(
      'Not saved yet because Microsoft 365 is not answering just now. Your text is kept here. Trying again in 4 seconds.',
    );
    expect(saveStatusDetails({ kind: 'retrying', failure, inSeconds: 4 })).toBe(
      '503: Graph answered 503.',
    );
    expect(describeSaveStatus({ kind: 'notSubmitted', failure })).toBe(
      'Not submitted because Microsoft 365 is not answering just now. Your answers are saved. Submit again in a moment.',
    );
    expect(saveStatusDetails({ kind: 'saving' })).toBe('');
  });
  it('backs off exponentially with jitter, never below Retry-After nor above a minute', () => {
    expect(backoffSeconds(1, 0, () => 1)).toBe(2);
    expect(backoffSeconds(3, 0, () => 0)).toBe(4);
    expect(backoffSeconds(10, 0, () => 1)).toBe(60);
    expect(backoffSeconds(1, 30, () => 0)).toBe(30);
  });
});
