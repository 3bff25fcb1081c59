import { useEffect, useState } from 'react';
import { parseSubEntityId } from '../host/subEntity.js';
import {
  filtersFromQuery,
  filtersToQuery,
  type RegisterFilters,
} from '../../domain/registerFilters.js';

/** The tab's places. Hash routes, so that a browser deep link and a Teams subEntityId meet. */
export type Route =
  | { readonly area: 'overview' }
  | { readonly area: 'myAudits' }
  | { readonly area: 'register'; readonly filters: RegisterFilters }
  | { readonly area: 'programme' }
  | { readonly area: 'reports' }
  /** The action plan; with an action's id (its cards' deep link) that action is opened. */
  | { readonly area: 'actions'; readonly actionId?: string }
  | { readonly area: 'feedback' }
  | { readonly area: 'audit'; readonly id: string }
  /** Commissioning for a theme; a re-audit names its original audit by id (never its case). */
  | { readonly area: 'commission'; readonly themeId: string; readonly reauditOf?: string }
  /** The audits waiting for the signed-in sign-off manager (linked from My audits). */
  | { readonly area: 'signOffs' }
  /** One practitioner's feedback, opened in full (the feedback card's deep link). */
  | { readonly area: 'feedbackItem'; readonly id: string }
  /** The feedback of one audit: naming practitioners and writing to them. */
  | { readonly area: 'auditFeedback'; readonly auditId: string }
  | { readonly area: 'notFound'; readonly path: string };

export type Area =
  'overview' | 'myAudits' | 'register' | 'programme' | 'reports' | 'actions' | 'feedback';

export const AREAS: ReadonlyArray<{ area: Area; path: string; label: string }> = [
  { area: 'overview', path: 'overview', label: 'Overview' },
  { area: 'myAudits', path: 'my-audits', label: 'My audits' },
  { area: 'register', path: 'register', label: 'Register' },
  { area: 'programme', path: 'programme', label: 'Programme' },
  { area: 'reports', path: 'reports', label: 'Reports' },
  { area: 'actions', path: 'actions', label: 'Actions' },
  { area: 'feedback', path: 'feedback', label: 'Feedback' },
];

export const areaHash = (area: Area): string =>
  `#/${AREAS.find((a) => a.area === area)?.path ?? ''}`;

export function parseHash(hash: string): Route {
  const [rawPath = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const path = rawPath.replace(/\/$/, '');
  if (path === '') return { area: 'myAudits' };
  // The register's filters travel in the link, so a link opens a filtered register.
  if (path === 'register') return { area: 'register', filters: filtersFromQuery(query) };
  const area = AREAS.find((a) => a.path === path);
  if (area) return { area: area.area } as Route;
  if (path === 'sign-offs') return { area: 'signOffs' };
  const commission = /^programme\/(\d{1,9})\/commission$/.exec(path);
  if (commission) {
    const reauditOf = /^reauditOf=(\d{1,9})$/.exec(query)?.[1];
    return {
      area: 'commission',
      themeId: commission[1] as string,
      ...(reauditOf ? { reauditOf } : {}),
    };
  }
  const action = /^actions\/(\d{1,9})$/.exec(path);
  if (action) return { area: 'actions', actionId: action[1] as string };
  const feedback = /^feedback\/(\d{1,9})$/.exec(path);
  if (feedback) return { area: 'feedbackItem', id: feedback[1] as string };
  const auditFeedback = /^audits\/(\d{1,9})\/feedback$/.exec(path);
  if (auditFeedback) return { area: 'auditFeedback', auditId: auditFeedback[1] as string };
  const record = /^audits\/(\d{1,9})$/.exec(path);
  if (record) return { area: 'audit', id: record[1] as string };
  return { area: 'notFound', path };
}

export function hashOf(route: Route): string {
  switch (route.area) {
    case 'audit':
      return `#/audits/${route.id}`;
    case 'commission':
      return `#/programme/${route.themeId}/commission${route.reauditOf ? `?reauditOf=${route.reauditOf}` : ''}`;
    case 'actions':
      return route.actionId ? `#/actions/${route.actionId}` : areaHash('actions');
    case 'signOffs':
      return '#/sign-offs';
    case 'feedbackItem':
      return `#/feedback/${route.id}`;
    case 'auditFeedback':
      return `#/audits/${route.auditId}/feedback`;
    case 'notFound':
      return `#/${route.path}`;
    case 'register': {
      const query = filtersToQuery(route.filters);
      return `#/register${query ? `?${query}` : ''}`;
    }
    default:
      return areaHash(route.area);
  }
}

/** A Teams subEntityId (`audit:12`, `area:programme`) as the route it opens. */
export function routeFromDeepLink(deepLink: string | undefined): Route | undefined {
  const link = parseSubEntityId(deepLink);
  if (link?.kind === 'area') {
    // Only the tab's own pages: a path it does not know opens the first page, not "not found".
    const route = parseHash(`#/${link.path}`);
    return route.area === 'notFound' ? undefined : route;
  }
  if (link?.kind === 'audit') return { area: 'audit', id: link.id };
  if (link?.kind === 'feedback') return { area: 'feedbackItem', id: link.id };
  if (link?.kind === 'action') return { area: 'actions', actionId: link.id };
  if (link) return { area: link.kind === 'report' ? 'reports' : 'feedback' };
  return undefined;
}

/**
 * The current route, and a count of visits: following a link, even to the page already shown,
 * is a new visit (the page reloads its data and its heading takes focus again).
 */
export function useHashRoute(): { route: Route; visit: number; navigate: (route: Route) => void } {
  const [{ route, visit }, setState] = useState(() => ({
    route: parseHash(window.location.hash),
    visit: 0,
  }));
  useEffect(() => {
    const onChange = () =>
      setState((s) => ({ route: parseHash(window.location.hash), visit: s.visit + 1 }));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = (next: Route) => {
    window.location.hash = hashOf(next);
  };
  return { route, visit, navigate };
}
