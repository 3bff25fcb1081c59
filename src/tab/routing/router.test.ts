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
    expect(parseHash('#/feedback/12')).toEqual({ area: 'feedbackItem', id: '12' });
    expect(parseHash(hashOf({ area: 'auditFeedback', auditId: '5' }))).toEqual({
      area: 'auditFeedback',
      auditId: '5',
    });
  });
  it('carries the register’s filters in the link, so a link opens a filtered register', () => {
    expect(parseHash('#/register')).toEqual({
      area: 'register',
      filters: { sort: 'due', descending: false },
    });
    const route = {
      area: 'register',
      filters: { status: 'awaitingSignOff', overdue: true, sort: 'reference', descending: false },
    } as const;
    expect(hashOf(route)).toBe('#/register?status=awaitingSignOff&overdue=1&sort=reference');
    expect(parseHash(hashOf(route))).toEqual(route);
    expect(parseHash('#/overview')).toEqual({ area: 'overview' });
  });
  it('turns a Teams subEntityId into the record it names', () => {
    expect(routeFromDeepLink('audit:7')).toEqual({ area: 'audit', id: '7' });
    expect(routeFromDeepLink('action:3')).toEqual({ area: 'actions' });
    expect(routeFromDeepLink('feedback:12')).toEqual({ area: 'feedbackItem', id: '12' });
    expect(routeFromDeepLink(undefined)).toBeUndefined();
  });
});
