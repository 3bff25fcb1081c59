import { CASE_PROFILE, COMMON_AFTER } from './common.js';
import { type AuditTool, descriptors } from './types.js';

export const CHILD_IN_NEED_V1: AuditTool = {
  id: 'childInNeed',
  version: 1,
  title: 'Child in need',
  summary: 'For children in need of services under a child in need plan.',
  sections: [
    CASE_PROFILE,
    {
      id: 'assessment',
      title: 'Assessment',
      graded: true,
      agencies: ['socialCare', 'health', 'education'],
      prompts: [
        'Was the assessment completed in time?',
        'Does it analyse, not only describe, and reason why the threshold is met?',
        'Did other agencies contribute what they knew?',
      ],
      descriptors: descriptors(
        "A timely, analytical assessment that explains the child's needs and their causes, with every agency's knowledge in it.",
        'Completed in time; analyses needs and risks and reasons the threshold decision; agencies contributed.',
        'Late, or descriptive rather than analytical; the threshold decision is not explained.',
        'No adequate assessment: needs or risks were missed and the decision rests on nothing.',
      ),
    },
    {
      id: 'planReviews',
      title: 'Plan and reviews',
      graded: true,
      agencies: 'all',
      prompts: [
        'Is the plan focused on outcomes for the child?',
        'Do reviews happen on time and change the plan when it is not working?',
        'Is drift noticed and challenged?',
      ],
      descriptors: descriptors(
        'An outcome-focused plan that reviews keep alive; drift is spotted early and challenged.',
        'The plan sets out outcomes and who does what; reviews are timely and adjust it.',
        'The plan lists tasks more than outcomes; reviews are late or change nothing; some drift.',
        'No plan worth the name, or months of drift with no one noticing.',
      ),
    },
    {
      id: 'escalationClosure',
      title: 'Escalation and closure',
      graded: true,
      agencies: 'all',
      prompts: [
        'When concerns grew, was the case escalated promptly?',
        'Was closure agreed with agencies and the family, with evidence that needs are met?',
      ],
      descriptors: descriptors(
        'Escalation and closure decisions are timely, evidenced and shared with everyone involved; the family knows where to turn.',
        'Concerns are escalated promptly; closure is based on evidence and agreed with agencies.',
        'Escalation is slow, or closure is decided without checking with agencies or the family.',
        'Rising risk was not escalated, or the case closed with the child’s needs unmet.',
      ),
    },
    ...COMMON_AFTER,
  ],
};
