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
  it('opens an action by its id, as its card links to it', () => {
    expect(parseHash('#/actions/42')).toEqual({ area: 'actions', actionId: '42' });
    expect(hashOf({ area: 'actions', actionId: '42' })).toBe('#/actions/42');
    expect(hashOf({ area: 'actions' })).toBe('#/actions');
    expect(parseHash('#/actions')).toEqual({ area: 'actions' });
  });
  it('names a re-audit’s original by its audit id, never its case', () => {
    const route = { area: 'commission', themeId: '3', reauditOf: '17' } as const;
    expect(hashOf(route)).toBe('#/programme/3/commission?reauditOf=17');
    expect(parseHash(hashOf(route))).toEqual(route);
    expect(parseHash('#/programme/3/commission')).toEqual({ area: 'commission', themeId: '3' });
    // Anything but an id is not carried.
    expect(parseHash('#/programme/3/commission?reauditOf=NSP-CP-0101')).toEqual({
      area: 'commission',
      themeId: '3',
    });
  });
  it('turns a Teams subEntityId into the record it names', () => {
    expect(routeFromDeepLink('audit:7')).toEqual({ area: 'audit', id: '7' });
    expect(routeFromDeepLink('action:3')).toEqual({ area: 'actions', actionId: '3' });
    expect(routeFromDeepLink('report:4')).toEqual({ area: 'reports' });
    expect(routeFromDeepLink('feedback:12')).toEqual({ area: 'feedbackItem', id: '12' });
    expect(routeFromDeepLink(undefined)).toBeUndefined();
  });
  it("turns a Teams area link into that page, and an unknown page into the tab's first", () => {
    expect(routeFromDeepLink('area:programme')).toEqual({ area: 'programme' });
    expect(routeFromDeepLink('area:my-audits')).toEqual({ area: 'myAudits' });
    expect(routeFromDeepLink('area:actions')).toEqual({ area: 'actions' });
    expect(routeFromDeepLink('area:reports')).toEqual({ area: 'reports' });
    expect(routeFromDeepLink('area:feedback')).toEqual({ area: 'feedback' });
    expect(routeFromDeepLink('area:nowhere')).toBeUndefined();
  });
});
