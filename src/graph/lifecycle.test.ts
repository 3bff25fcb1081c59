import { describe, expect, it } from '@jest/globals';
import { parseStoredMove } from './lifecycle.js';

const event = {
  key: 'sentForSignOff|audit:7|abc123',
  auditId: '7',
  type: 'sentForSignOff',
  actor: { id: 'u-1', displayName: 'Ruth Adeyemi' },
  details: 'Sent for sign-off.',
};

describe('the last move kept on the audit (LastMove)', () => {
  it('reads back the trail event and its time as the move stored them', () => {
    const at = '2026-11-27T10:00:00Z';
    expect(parseStoredMove(JSON.stringify({ event, at }))).toEqual({ event, at });
  });

  it('is no move at all when missing, not JSON, or missing what the trail event needs', () => {
    expect(parseStoredMove(undefined)).toBeUndefined();
    expect(parseStoredMove('')).toBeUndefined();
    expect(parseStoredMove('{not json')).toBeUndefined();
    expect(parseStoredMove(JSON.stringify({ event }))).toBeUndefined();
    expect(
      parseStoredMove(JSON.stringify({ event: { ...event, key: '' }, at: '2026-11-27T10:00:00Z' })),
    ).toBeUndefined();
    expect(
      parseStoredMove(
        JSON.stringify({ event: { ...event, actor: { displayName: 'x' } }, at: '2026-11-27' }),
      ),
    ).toBeUndefined();
  });

  it('keeps empty details as empty rather than refusing the move', () => {
    const { details: _omitted, ...withoutDetails } = event;
    expect(
      parseStoredMove(JSON.stringify({ event: withoutDetails, at: '2026-11-27T10:00:00Z' }))?.event
        .details,
    ).toBe('');
  });
});
