import { CASE_PROFILE, COMMON_AFTER } from './common.js';
import { type AuditTool, descriptors, type Section } from './types.js';

const REFERRAL: Section = {
  id: 'referralStrategy',
  title: 'Referral, strategy discussion and section 47 enquiry',
  graded: true,
  agencies: ['socialCare', 'police', 'health'],
  prompts: [
    'Was the referral acted on in time, and the threshold decision reasoned?',
    'Did the strategy discussion include social care, police and health, and agree clear actions?',
    'Was the section 47 enquiry timely, and was the child seen and spoken to?',
  ],
  descriptors: descriptors(
    'Swift, well-reasoned decisions; a strategy discussion with every relevant agency that set clear actions; an enquiry that put the child at its centre.',
    'The referral was acted on in time; the strategy discussion involved social care, police and health; the enquiry was timely and saw the child.',
    'Delays or gaps: a partner missing from the strategy discussion, actions unclear, or the child seen late.',
    'Risk was not recognised or acted on: no strategy discussion, or an enquiry that did not see the child.',
  ),
};

const CONFERENCE: Section = {
  id: 'conference',
  title: 'Child protection conference',
  graded: true,
  agencies: 'all',
  carriesFrom: ['conferenceAndPlan'],
  prompts: [
    'Was the conference held in time, with reports shared beforehand?',
    'Did every involved agency attend or send a report?',
    'Were the child and family helped to take part?',
  ],
  descriptors: descriptors(
    'A timely, well-attended conference where agencies shared analysis, not only facts, and the family understood and shaped the decisions.',
    'Held in time; agencies attended or reported; the family took part and understood why the plan was needed.',
    'Held late, with agencies absent or reports shared on the day; the family took little part.',
    'The conference did not happen when it should, or its decision left the child unprotected.',
  ),
};

const PLAN_CORE_GROUPS: Section = {
  id: 'planCoreGroups',
  title: 'The plan and core groups',
  graded: true,
  agencies: 'all',
  carriesFrom: ['conferenceAndPlan'],
  prompts: [
    'Is the plan specific and measurable, with a contingency if it does not work?',
    'Do core groups meet regularly and review progress against the plan?',
    'Does each agency know and do its part?',
  ],
  descriptors: descriptors(
    'A sharp, child-focused plan with measurable outcomes and a real contingency; core groups drive it and progress is plain.',
    'A specific plan with timescales and a contingency; core groups meet regularly and track progress.',
    'A vague plan or one without a contingency; core groups irregular or not reviewing progress.',
    'No workable plan, or core groups that did not meet: the child’s protection depended on chance.',
  ),
};

const REVIEW_STEP_DOWN: Section = {
  id: 'reviewStepDown',
  title: 'Review and step-down',
  graded: true,
  agencies: ['socialCare', 'health', 'education'],
  prompts: [
    'Were review conferences held in time and did they test whether risk had reduced?',
    'Was the decision to end the plan based on evidence of sustained change?',
    'Was step-down to child in need or early help planned with the family and agencies?',
  ],
  descriptors: descriptors(
    'Reviews test change rigorously; ending the plan rests on sustained evidence and step-down is seamless for the child.',
    'Reviews are timely and judge progress against the plan; step-down is planned and agreed with agencies.',
    'Reviews restate the plan without testing change, or step-down is abrupt or unclear.',
    'The plan ended without evidence that the child is safer, or drifted for want of review.',
  ),
};

/** Version 1 judged the conference and the plan together; version 2 judges them apart. */
const CONFERENCE_AND_PLAN_V1: Section = {
  id: 'conferenceAndPlan',
  title: 'Child protection conference, plan and core groups',
  graded: true,
  agencies: 'all',
  prompts: [
    'Was the conference timely and well attended?',
    'Is the plan specific, measurable and with a contingency?',
    'Do core groups meet and review progress?',
  ],
  descriptors: descriptors(
    'A timely conference and a sharp plan that core groups drive; progress is plain.',
    'Conference in time and well attended; a specific plan with a contingency; regular core groups.',
    'Delays, absent agencies, a vague plan or irregular core groups.',
    'No conference or plan that protected the child.',
  ),
};

export const CHILD_PROTECTION_V1: AuditTool = {
  id: 'childProtection',
  version: 1,
  title: 'Child protection',
  summary: 'For children subject to a child protection plan, from referral to step-down.',
  sections: [CASE_PROFILE, REFERRAL, CONFERENCE_AND_PLAN_V1, REVIEW_STEP_DOWN, ...COMMON_AFTER],
};

export const CHILD_PROTECTION_V2: AuditTool = {
  id: 'childProtection',
  version: 2,
  title: 'Child protection',
  summary: 'For children subject to a child protection plan, from referral to step-down.',
  sections: [
    CASE_PROFILE,
    REFERRAL,
    CONFERENCE,
    PLAN_CORE_GROUPS,
    REVIEW_STEP_DOWN,
    ...COMMON_AFTER,
  ],
};
