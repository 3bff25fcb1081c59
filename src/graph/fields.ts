import { type ContributorId, contributorLabel } from '../domain/agencies.js';
import type { Category, ContributionStatus, PersonRef } from '../domain/records.js';

/**
 * The fields the product writes to its lists, each shape written once: the tab's services and
 * the command-line tools (seeding the demo) store the same record the same way.
 */

/**
 * A short stable hash (two 32-bit FNV-style sums, 16 hex digits) of a text: keys made from long
 * or many parts stay within a key column's 255 characters, and the same parts give the same key.
 */
export function stableHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ text.charCodeAt(i), 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

/** An entry of the append-only trail (AuditEvents). */
export type AuditEvent = {
  /** Its idempotency key (unique column EventKey): the same event is never written twice. */
  readonly key: string;
  readonly auditId: string;
  readonly type: string;
  readonly actor: PersonRef;
  readonly details: string;
};

export function eventFields(event: AuditEvent, at: Date | string): Record<string, unknown> {
  return {
    Title: event.type,
    EventKey: event.key,
    AuditId: Number(event.auditId),
    EventType: event.type,
    ActorId: event.actor.id,
    ActorName: event.actor.displayName,
    At: typeof at === 'string' ? at : at.toISOString(),
    Details: event.details,
  };
}

/** One contribution per audit and contributor: the key that keeps it single. */
export const contributionKey = (auditId: string, contributor: ContributorId): string =>
  `${auditId}:${contributor}`;

export type ContributionInput = {
  readonly auditId: string;
  readonly caseReference: string;
  readonly contributor: ContributorId;
  readonly auditor: PersonRef;
  readonly status: ContributionStatus;
  readonly dueDate: string | undefined;
};

export function contributionFields(c: ContributionInput): Record<string, unknown> {
  return {
    Title: `${c.caseReference} — ${contributorLabel(c.contributor)}`,
    ContributionKey: contributionKey(c.auditId, c.contributor),
    AuditId: Number(c.auditId),
    Agency: c.contributor,
    AuditorId: c.auditor.id,
    AuditorName: c.auditor.displayName,
    Status: c.status,
    ...(c.dueDate ? { DueDate: c.dueDate } : {}),
  };
}

/** A theme of the programme as a person writes it. */
export type ThemeFieldsInput = {
  readonly title: string;
  readonly year: string;
  readonly prioritySource: string;
  readonly categories: readonly string[];
  readonly plannedMonth: string;
  readonly sampleSize: number;
};

export const themeFields = (t: ThemeFieldsInput): Record<string, unknown> => ({
  Title: t.title,
  Year: t.year,
  PrioritySource: t.prioritySource,
  Categories: t.categories.join(','),
  PlannedMonth: t.plannedMonth,
  SampleSize: t.sampleSize,
});

export type AuditInput = {
  readonly caseReference: string;
  readonly category: Category;
  readonly themeId: string;
  readonly status: string;
  readonly tool: { readonly id: string; readonly version: number };
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly agencies: readonly string[];
  readonly leadAuditor: PersonRef | undefined;
  readonly signOffManager: PersonRef | undefined;
  readonly commissionedBy: PersonRef;
  readonly commissionedAt: string;
  readonly dueDate: string;
  /** Each agency's auditor, kept so that a commissioning left half done can be finished. */
  readonly auditors?: Readonly<Partial<Record<string, PersonRef>>>;
  /** The earlier audit of the same case that this one re-audits. */
  readonly reauditOf?: string;
};

export function auditFields(a: AuditInput): Record<string, unknown> {
  return {
    Title: a.caseReference,
    CaseReference: a.caseReference,
    Category: a.category,
    ThemeId: Number(a.themeId),
    Status: a.status,
    ToolId: a.tool.id,
    ToolVersion: a.tool.version,
    PeriodStart: a.periodStart,
    PeriodEnd: a.periodEnd,
    Agencies: a.agencies.join(','),
    LeadAuditorId: a.leadAuditor?.id,
    LeadAuditorName: a.leadAuditor?.displayName,
    SignOffManagerId: a.signOffManager?.id,
    SignOffManagerName: a.signOffManager?.displayName,
    CommissionedById: a.commissionedBy.id,
    CommissionedByName: a.commissionedBy.displayName,
    CommissionedAt: a.commissionedAt,
    DueDate: a.dueDate,
    ChildAtRisk: false,
    ...(a.auditors ? { Auditors: JSON.stringify(a.auditors) } : {}),
    ...(a.reauditOf ? { ReauditOfId: Number(a.reauditOf) } : {}),
  };
}
