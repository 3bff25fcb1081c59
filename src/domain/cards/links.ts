import type { Area } from './cards.types.js';

/**
 * Where a card's button leads: the record or the page in the tab. In Teams a deep link to the
 * app's personal tab with the record (`audit:12`) or the page (`area:programme`) as subEntityId;
 * in local mode the local tab's own URL. Only ids and page names travel in links, never a case
 * reference or anything about a child.
 */
export type LinkTarget =
  | { readonly kind: 'audit'; readonly id: string }
  | { readonly kind: 'feedback'; readonly id: string }
  | { readonly kind: 'action'; readonly id: string }
  | { readonly kind: 'area'; readonly area: Area };

export type LinkBase =
  | { readonly mode: 'local'; readonly tabUrl: string }
  | { readonly mode: 'teams'; readonly teamsAppId: string; readonly tenantId: string };

const AREA_PATHS: Record<Area, string> = {
  myAudits: 'my-audits',
  programme: 'programme',
  reports: 'reports',
  actions: 'actions',
  feedback: 'feedback',
};

export function deepLink(base: LinkBase, target: LinkTarget): string {
  if (base.mode === 'local') {
    const hash =
      target.kind === 'audit'
        ? `#/audits/${target.id}`
        : target.kind === 'feedback'
          ? `#/feedback/${target.id}`
          : target.kind === 'action'
            ? `#/actions/${target.id}`
            : `#/${AREA_PATHS[target.area]}`;
    return `${base.tabUrl.replace(/\/+$/, '')}/index.html${hash}`;
  }
  // An area travels by its page's path ("area:programme"), so the button opens that page rather
  // than the tab's first one.
  const subEntityId =
    target.kind === 'area' ? `area:${AREA_PATHS[target.area]}` : `${target.kind}:${target.id}`;
  const params = new URLSearchParams({
    tenantId: base.tenantId,
    label: 'Case audit',
    context: JSON.stringify({ subEntityId }),
  });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(base.teamsAppId)}/myAudits?${params.toString()}`;
}
