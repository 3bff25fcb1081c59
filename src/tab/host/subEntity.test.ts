import { describe, expect, it } from '@jest/globals';
import { parseSubEntityId, subEntityId } from './subEntity.js';

describe('subEntityId', () => {
  it('round-trips a record link', () => {
    expect(parseSubEntityId(subEntityId({ kind: 'audit', id: '12' }))).toEqual({
      kind: 'audit',
      id: '12',
    });
  });
  it('round-trips a page of the tab', () => {
    expect(parseSubEntityId(subEntityId({ kind: 'area', path: 'my-audits' }))).toEqual({
      kind: 'area',
      path: 'my-audits',
    });
    expect(parseSubEntityId(' area:programme ')).toEqual({ kind: 'area', path: 'programme' });
  });
  it('ignores a page name that is not lower-case letters and dashes', () => {
    expect(parseSubEntityId('area:NSP-CP-0101')).toBeUndefined();
    expect(parseSubEntityId('area:programme/3')).toBeUndefined();
    expect(parseSubEntityId('area:')).toBeUndefined();
  });
  it('ignores anything that is not a known kind with a numeric id', () => {
    expect(parseSubEntityId('audit:NSP-CP-0101')).toBeUndefined();
    expect(parseSubEntityId('child:1')).toBeUndefined();
    expect(parseSubEntityId('')).toBeUndefined();
  });
});
