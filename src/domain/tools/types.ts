import type { AgencyId } from '../agencies.js';
import type { Category } from '../records.js';
import type { Grade } from '../grading.js';

export type ToolId = Category;

export type Descriptors = Readonly<Record<Grade, string>>;

type SectionBase = {
  readonly id: string;
  readonly title: string;
  /** What the auditor looks for in the record. */
  readonly prompts: readonly string[];
  /** The agencies whose auditors answer this section; the lead auditor answers every section. */
  readonly agencies: 'all' | readonly AgencyId[];
  /** In a newer version of a tool: the sections of the older one whose answers carry over. */
  readonly carriesFrom?: readonly string[];
};

export type Section =
  | (SectionBase & { readonly graded: true; readonly descriptors: Descriptors })
  | (SectionBase & { readonly graded: false });

export type AuditTool = {
  readonly id: ToolId;
  readonly version: number;
  readonly title: string;
  readonly summary: string;
  readonly sections: readonly Section[];
};

/** A descriptor for each grade, in order: outstanding, good, requires improvement, inadequate. */
export const descriptors = (
  outstanding: string,
  good: string,
  requiresImprovement: string,
  inadequate: string,
): Descriptors => ({
  outstanding,
  good,
  requiresImprovement,
  inadequate,
});
