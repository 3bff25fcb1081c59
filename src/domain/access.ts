/**
 * The role model as the tab knows it. SharePoint enforces access (docs/access.md); this decides
 * what the tab shows each person, and the plain sentence a refusal gets: what they may not do and
 * who can.
 */

/** A person's standing on the partnership site, from the site's groups. */
export type SiteRole = 'businessManager' | 'auditTeam' | 'practitioner' | 'outsider';

export type AreaId =
  'overview' | 'myAudits' | 'register' | 'programme' | 'reports' | 'actions' | 'feedback';

/**
 * The areas each role may open; per-audit roles (lead, sign-off manager) are within the audit
 * team. The register lists every audit: the lead auditor needs it, and the audit team reads every
 * audit in SharePoint anyway. The overview of the year is the business manager's own landing.
 */
export const AREAS_FOR: Readonly<Record<SiteRole, readonly AreaId[]>> = {
  businessManager: [
    'overview',
    'myAudits',
    'register',
    'programme',
    'reports',
    'actions',
    'feedback',
  ],
  auditTeam: ['myAudits', 'register', 'programme', 'reports', 'actions', 'feedback'],
  practitioner: ['feedback'],
  outsider: [],
};

export type Action =
  | { readonly kind: 'openArea'; readonly area: AreaId }
  | { readonly kind: 'openAudit' }
  | { readonly kind: 'commission' }
  | { readonly kind: 'planProgramme' }
  | { readonly kind: 'editContribution' }
  | { readonly kind: 'changeSettings' };

export function may(role: SiteRole, action: Action): boolean {
  switch (action.kind) {
    case 'openArea':
      return AREAS_FOR[role].includes(action.area);
    case 'openAudit':
      return role === 'businessManager' || role === 'auditTeam';
    case 'commission':
    case 'planProgramme':
    case 'changeSettings':
      return role === 'businessManager';
    case 'editContribution':
      return role === 'businessManager' || role === 'auditTeam';
  }
}

const AREA_WORDS: Record<AreaId, string> = {
  overview: "the overview of the year's audits",
  myAudits: 'the audits',
  register: 'the audit register',
  programme: 'the audit programme',
  reports: 'the overview reports',
  actions: 'the action plan',
  feedback: 'feedback',
};

/** The sentence a person gets when they try what is not theirs: what they may not do, and who can. */
export function refusal(action: Action): string {
  switch (action.kind) {
    case 'openArea':
      return AREAS_FOR.auditTeam.includes(action.area)
        ? `You may not open ${AREA_WORDS[action.area]}: only the partnership's business managers and the audit team can.`
        : `You may not open ${AREA_WORDS[action.area]}: only the partnership's business managers can.`;
    case 'openAudit':
      return 'This audit is not shared with you. Only the partnership’s business managers and the audit team can open audits; practitioners see the feedback sent to them.';
    case 'commission':
      return "You may not commission audits: only the partnership's business managers can.";
    case 'planProgramme':
      return "You may not change the audit programme: only the partnership's business managers can.";
    case 'editContribution':
      return 'You may not change this contribution: only its named auditor and the audit’s lead auditor can. What you typed is still here.';
    case 'changeSettings':
      return "You may not change the partnership's settings: only its business managers can.";
  }
}

/** For someone outside the partnership: nothing of the site is theirs. */
export const NOT_IN_PARTNERSHIP =
  "The partnership's audit site is not shared with you. Only members of the safeguarding partnership's audit team, its business managers and the practitioners sent feedback can open it; ask the partnership's business manager if you should be one of them.";
