import { describe, expect, it } from '@jest/globals';
import { hashOf, parseHash, routeFromDeepLink } from './router.js';

describe('hash routes', () => {
  it('opens My audits by default and every area by its path', () => {
    expect(parseHash('')).toEqual({ area: 'myAudits' });
    expect(parseHash('#/programme')).toEqual({ area: 'programme' });
    expect(parseHash('#/feedback/')).toEqual({ area: 'feedback' });
  });
  it('round-trips a record route and reports an unknown path', () => {
    expect(parseHash(hashOf({ area: 'audit', id: '42' }))).toEqual({ area: 'audit', id: '42' });
    expect(parseHash('#/nowhere')).toEqual({ area: 'notFound', path: 'nowhere' });
    expect(parseHash(hashOf({ area: 'signOffs' }))).toEqual({ area: 'signOffs' });
  });
  it('turns a Teams subEntityId into the record it names', () => {
    expect(routeFromDeepLink('audit:7')).toEqual({ area: 'audit', id: '7' });
    expect(routeFromDeepLink('action:3')).toEqual({ area: 'actions' });
    expect(routeFromDeepLink(undefined)).toBeUndefined();
  });
});
