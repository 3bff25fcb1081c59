import { descriptors, type Section } from './types.js';

/**
 * The sections every tool has. In our own words, drawn from the partnership's grading table:
 * impact on the child first, then practice, then oversight and recording.
 */

export const CASE_PROFILE: Section = {
  id: 'caseProfile',
  title: 'Case profile',
  graded: false,
  agencies: 'all',
  prompts: [
    'Legal status of the child and any orders in force.',
    'Who lives in the household, and who else matters to the child.',
    'Which agencies are involved, since when, and in what role.',
    'The period of the record read (usually 12 months) and the period judged (mainly the last 6).',
  ],
};

export const CHILDS_VOICE: Section = {
  id: 'childsVoice',
  title: "The child's voice and lived experience",
  graded: true,
  agencies: 'all',
  prompts: [
    'Was the child seen, and seen alone where that was right for them?',
    "Are the child's words, behaviour and wishes recorded, not only adults' accounts of them?",
    "Did the child's views change what was decided or planned?",
    "Does the record give a sense of a day in the child's life?",
  ],
  descriptors: descriptors(
    "The child's experience runs through the record in their own words; their views visibly shaped decisions, and they would recognise the plan as theirs.",
    'The child is seen regularly, alone where appropriate; their wishes and feelings are recorded and taken into account in decisions.',
    'The child is seen, but their views are recorded thinly or late, or it is unclear whether they made any difference to what happened.',
    'The child was not seen, or not heard: their experience is missing from the record and decisions were made without it.',
  ),
};

export const IDENTITY_DIVERSITY: Section = {
  id: 'identityDiversity',
  title: 'Identity and diversity',
  graded: true,
  agencies: 'all',
  prompts: [
    "Are the child's culture, faith, language, disability and gender understood and recorded?",
    'Were interpreters or advocates used where the child or family needed them?',
    'Did the work adapt to who the child and family are?',
  ],
  descriptors: descriptors(
    "Practitioners understand the child's identity in depth and the work is shaped by it; interpreters and advocates are used as a matter of course.",
    "The child's identity and needs arising from it are assessed and considered in planning; interpreters or advocates are used when needed.",
    'Identity is recorded as facts but not considered in the work; the need for an interpreter or advocate was missed or met late.',
    "The child's identity was ignored or misunderstood in ways that left needs unmet or the child or family unable to take part.",
  ),
};

export const MULTI_AGENCY_WORKING: Section = {
  id: 'multiAgencyWorking',
  title: 'Multi-agency working',
  graded: true,
  agencies: 'all',
  prompts: [
    'Was information shared promptly with the agencies that needed it?',
    'Were disagreements between agencies raised and escalated, and resolved?',
    'Did each agency do what the plan asked of it, when it asked?',
  ],
  descriptors: descriptors(
    'Agencies work as one: information moves at once, challenge is welcomed and resolves quickly, and each agency adds something the child could feel.',
    'Information is shared in good time; agencies attend, contribute and carry out their part of the plan; disagreements are escalated.',
    'Information is shared late or partly; some agencies miss meetings or tasks; disagreements linger without escalation.',
    'Agencies worked in isolation: information that would have protected the child was not shared, or concerns were not acted on.',
  ),
};

export const OVERSIGHT: Section = {
  id: 'oversight',
  title: 'Management oversight, supervision and recording',
  graded: true,
  agencies: 'all',
  prompts: [
    'Are management decisions visible in the record, with their reasons?',
    'Is drift noticed and challenged in supervision?',
    'Is the chronology current, and does the record tell the child’s story?',
  ],
  descriptors: descriptors(
    "Reflective supervision is evident and well reasoned; decisions are recorded with their rationale; the record tells the child's story clearly.",
    'Regular, visible management direction; decisions and their reasons are recorded; the record and chronology are up to date.',
    'Oversight is inconsistent: gaps in supervision, decisions without reasons, or a chronology or plan that is out of date.',
    'There is little or no management oversight; drift went unchallenged and the record is too poor to follow what happened.',
  ),
};

export const IMPACT_OUTCOMES: Section = {
  id: 'impactOutcomes',
  title: 'Impact and outcomes',
  graded: true,
  agencies: 'all',
  prompts: [
    'What is better for the child because of the work done?',
    'Has risk reduced, and is the child safer?',
    'What would the child say about the help they received?',
  ],
  descriptors: descriptors(
    'Clear, sustained improvement in the child’s safety and well-being that the child could describe.',
    'Risks were identified and reduced in good time, and the child’s needs are being met.',
    'The child has not been left at risk, but progress is slow, unclear or not sustained.',
    'The child has been harmed or left at risk, or their needs remain unmet.',
  ),
};

/** The graded common sections, in the order they follow a tool's own sections. */
export const COMMON_AFTER: readonly Section[] = [
  CHILDS_VOICE,
  IDENTITY_DIVERSITY,
  MULTI_AGENCY_WORKING,
  OVERSIGHT,
  IMPACT_OUTCOMES,
];
