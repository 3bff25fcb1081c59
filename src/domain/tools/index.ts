import type { AgencyId, ContributorId } from '../agencies.js';
import { MULTI_AGENCY } from '../agencies.js';
import { CHILD_IN_NEED_V1 } from './childInNeed.js';
import { CHILD_PROTECTION_V1, CHILD_PROTECTION_V2 } from './childProtection.js';
import { CHILDREN_IN_CARE_V1 } from './childrenInCare.js';
import { EARLY_INTERVENTION_V1 } from './earlyIntervention.js';
import type { AuditTool, Section, ToolId } from './types.js';

export type { AuditTool, Descriptors, Section, ToolId } from './types.js';

/** Every version of every tool: an audit keeps the version it was made on. */
export const TOOL_VERSIONS: Readonly<Record<ToolId, readonly AuditTool[]>> = {
  childProtection: [CHILD_PROTECTION_V1, CHILD_PROTECTION_V2],
  childInNeed: [CHILD_IN_NEED_V1],
  earlyIntervention: [EARLY_INTERVENTION_V1],
  childrenInCare: [CHILDREN_IN_CARE_V1],
};

export class UnknownToolError extends Error {}

export function latestTool(id: ToolId): AuditTool {
  const versions = TOOL_VERSIONS[id];
  return versions[versions.length - 1] as AuditTool;
}

export function toolVersion(id: ToolId, version: number): AuditTool {
  const tool = TOOL_VERSIONS[id]?.find((t) => t.version === version);
  if (!tool) throw new UnknownToolError(`There is no version ${version} of the ${id} tool.`);
  return tool;
}

export const ALL_TOOLS: readonly AuditTool[] = Object.values(TOOL_VERSIONS).flat();

/** The sections a contributor answers: an agency its own, the lead auditor all of them. */
export function sectionsFor(tool: AuditTool, contributor: ContributorId): Section[] {
  if (contributor === MULTI_AGENCY) return [...tool.sections];
  return tool.sections.filter(
    (s) => s.agencies === 'all' || s.agencies.includes(contributor as AgencyId),
  );
}
