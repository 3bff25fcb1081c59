import { describe, expect, it } from '@jest/globals';
import { parseSubEntityId, subEntityId } from './subEntity.js';

describe('subEntityId', () => {
  it('round-trips a record link', () => {
    expect(parseSubEntityId(subEntityId({ kind: 'audit', id: '12' }))).toEqual({
      kind: 'audit',
      id: '12',
    });
  });
  it('ignores anything that is not a known kind with a numeric id', () => {
    expect(parseSubEntityId('audit:NSP-CP-0101')).toBeUndefined();
    expect(parseSubEntityId('child:1')).toBeUndefined();
    expect(parseSubEntityId('')).toBeUndefined();
  });
});
