/**
 * Deep links carry a record as `kind:id` (Teams' subEntityId) and the tab routes to it. Only ids
 * travel in links: never a case reference or anything about a child.
 */
export type RecordLink = {
  readonly kind: 'audit' | 'feedback' | 'action' | 'report';
  readonly id: string;
};

export function parseSubEntityId(value: string | undefined | null): RecordLink | undefined {
  if (!value) return undefined;
  const m = /^(audit|feedback|action|report):(\d{1,9})$/.exec(value.trim());
  return m ? { kind: m[1] as RecordLink['kind'], id: m[2] as string } : undefined;
}

export const subEntityId = (link: RecordLink): string => `${link.kind}:${link.id}`;
