/** The agencies whose records are audited. Stored by id; shown by label. */
export const AGENCIES = [
  { id: 'socialCare', label: "Children's social care" },
  { id: 'health', label: 'Health' },
  { id: 'police', label: 'Police' },
  { id: 'education', label: 'Education' },
  { id: 'earlyHelp', label: 'Early help' },
  { id: 'probation', label: 'Probation' },
] as const;

export type AgencyId = (typeof AGENCIES)[number]['id'];

/** The lead auditor's multi-agency judgement is kept beside the agencies' contributions. */
export const MULTI_AGENCY = 'multiAgency' as const;
export type ContributorId = AgencyId | typeof MULTI_AGENCY;

export const AGENCY_IDS: readonly AgencyId[] = AGENCIES.map((a) => a.id);

export function isAgencyId(value: string): value is AgencyId {
  return (AGENCY_IDS as readonly string[]).includes(value);
}

export function contributorLabel(id: ContributorId): string {
  return id === MULTI_AGENCY
    ? 'Multi-agency judgement'
    : (AGENCIES.find((a) => a.id === id)?.label ?? id);
}

/** An agency's label for display; text that is not a known id is shown as it is. */
export const agencyLabel = (value: string): string =>
  AGENCIES.find((a) => a.id === value)?.label ?? value;
