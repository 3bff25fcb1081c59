import { CASE_PROFILE, COMMON_AFTER } from './common.js';
import { type AuditTool, descriptors } from './types.js';

export const CHILDREN_IN_CARE_V1: AuditTool = {
  id: 'childrenInCare',
  version: 1,
  title: 'Children in care',
  summary: 'For children looked after by the local authority.',
  sections: [
    CASE_PROFILE,
    {
      id: 'carePlanningPermanence',
      title: 'Care planning and permanence',
      graded: true,
      agencies: ['socialCare'],
      prompts: [
        'Is there a care plan that sets out how the child will achieve permanence?',
        'Are reviews timely, and does the independent reviewing officer challenge drift?',
      ],
      descriptors: descriptors(
        'Permanence is secured without delay through a plan the child understands; reviews are timely and challenging.',
        'A clear care plan with a permanence plan by the second review; reviews on time with effective oversight.',
        'Permanence planning is slow; reviews happen but do not challenge delay.',
        'No permanence plan, or drift that has left the child without stability.',
      ),
    },
    {
      id: 'placement',
      title: 'Placement: match, stability, missing episodes',
      graded: true,
      agencies: ['socialCare', 'police', 'education'],
      prompts: [
        'Does the placement meet the child’s needs?',
        'Has the child had to move, and why?',
        'After any missing episode, was a return interview offered and did it inform the plan?',
      ],
      descriptors: descriptors(
        'A well-matched, stable placement; missing episodes are rare and each is followed by a return interview that changes the plan where needed.',
        'The placement meets the child’s needs and is stable; return interviews follow missing episodes.',
        'Placement moves or a weak match; return interviews missing or without follow-up.',
        'Repeated breakdowns, or missing episodes that exposed the child to harm without response.',
      ),
    },
    {
      id: 'healthEducation',
      title: 'Health and education',
      graded: true,
      agencies: ['health', 'education', 'socialCare'],
      prompts: [
        'Are health assessments and dental checks up to date?',
        'Is there a current personal education plan that improves attainment and attendance?',
      ],
      descriptors: descriptors(
        'Health and education needs are met and the child is making strong progress, helped by plans that are acted on.',
        'Health assessments are timely and followed up; the personal education plan is current and effective.',
        'Assessments or plans are late or not followed up; progress is patchy.',
        'Health or education needs are unmet and unaddressed.',
      ),
    },
    {
      id: 'relationshipsTransition',
      title: 'Relationships, identity and transition',
      graded: true,
      agencies: ['socialCare', 'health', 'education'],
      prompts: [
        'Is family time arranged as the child wishes and as is safe?',
        'Is life-story work under way?',
        'From 16, is there a pathway plan the young person helped write?',
      ],
      descriptors: descriptors(
        'The child keeps the relationships that matter, knows their story, and leaves care with a plan they own.',
        'Family time, life-story work and pathway planning are in place and reviewed with the child.',
        'Family time is irregular, life-story work has not started, or pathway planning is late.',
        'Important relationships were lost through neglect of planning, or the young person faces leaving care with no plan.',
      ),
    },
    ...COMMON_AFTER,
  ],
};
