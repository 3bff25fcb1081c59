/**
 * Deep links carry a record as `kind:id` (Teams' subEntityId), or a page of the tab as
 * `area:<path>` (a card that opens the programme, say), and the tab routes to it. Only ids and
 * page names travel in links: never a case reference or anything about a child.
 */
export type RecordLink =
  | { readonly kind: 'audit' | 'feedback' | 'action' | 'report'; readonly id: string }
  | { readonly kind: 'area'; readonly path: string };

export function parseSubEntityId(value: string | undefined | null): RecordLink | undefined {
  if (!value) return undefined;
  const area = /^area:([a-z][a-z-]{0,29})$/.exec(value.trim());
  if (area) return { kind: 'area', path: area[1] as string };
  const m = /^(audit|feedback|action|report):(\d{1,9})$/.exec(value.trim());
  return m
    ? { kind: m[1] as 'audit' | 'feedback' | 'action' | 'report', id: m[2] as string }
    : undefined;
}

export const subEntityId = (link: RecordLink): string =>
  link.kind === 'area' ? `area:${link.path}` : `${link.kind}:${link.id}`;
