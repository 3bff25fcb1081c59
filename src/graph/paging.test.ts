import { describe, expect, it } from '@jest/globals';
import { relativeLink } from './paging.js';

describe('relativeLink', () => {
  it('strips the origin and version of Graph and of the emulator alike', () => {
    expect(
      relativeLink('https://graph.microsoft.com/v1.0/sites/a/lists/b/items?$skiptoken=x'),
    ).toBe('/sites/a/lists/b/items?$skiptoken=x');
    expect(relativeLink('http://127.0.0.1:53100/v1.0/users?$skiptoken=2')).toBe(
      '/users?$skiptoken=2',
    );
  });
  it('leaves a relative path alone', () => {
    expect(relativeLink('/me')).toBe('/me');
  });
});
