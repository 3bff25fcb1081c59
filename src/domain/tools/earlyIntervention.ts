import { CASE_PROFILE, COMMON_AFTER } from './common.js';
import { type AuditTool, descriptors } from './types.js';

export const EARLY_INTERVENTION_V1: AuditTool = {
  id: 'earlyIntervention',
  version: 1,
  title: 'Early intervention (early help)',
  summary: 'For children and families receiving early help before statutory thresholds are met.',
  sections: [
    CASE_PROFILE,
    {
      id: 'identificationConsent',
      title: 'Identification and consent',
      graded: true,
      agencies: 'all',
      prompts: [
        'Were the family’s needs spotted early, by whom?',
        'Was informed consent sought and recorded?',
      ],
      descriptors: descriptors(
        'Needs were spotted early by a practitioner who knew the family well; consent was informed and freely given.',
        'Needs were identified in good time and the family consented with a clear understanding of the help offered.',
        'Needs were noticed late, or consent is unrecorded or unclear.',
        'Clear signs were missed for a long time, or help proceeded without the family’s consent.',
      ),
    },
    {
      id: 'teamAroundFamily',
      title: 'Early help assessment and the team around the family',
      graded: true,
      agencies: ['earlyHelp', 'health', 'education', 'socialCare'],
      prompts: [
        'Is there an early help assessment that the family recognises?',
        'Is there a lead professional and one plan?',
        'Does the team around the family meet and review the plan?',
      ],
      descriptors: descriptors(
        'One shared assessment and plan owned with the family; a strong lead professional; the team meets and the plan works.',
        'An early help assessment, a named lead professional and one plan that the team reviews regularly.',
        'Assessment thin or missing; no clear lead professional; the plan is reviewed irregularly.',
        'No assessment or plan; the family was passed between agencies without coordinated help.',
      ),
    },
    {
      id: 'stepUpStepDown',
      title: 'Step-up and step-down',
      graded: true,
      agencies: ['earlyHelp', 'socialCare'],
      prompts: [
        'When needs grew, was the case stepped up promptly and smoothly?',
        'When stepped down from social care, was early help ready and the family kept informed?',
      ],
      descriptors: descriptors(
        'Transitions are seamless: the family keeps the same trusted people where possible and nothing is lost on the way.',
        'Step-up and step-down happen promptly with a handover agreed between services and the family.',
        'Transitions are slow or poorly handed over; the family has to tell their story again.',
        'Escalating risk stayed in early help, or the family was stepped down to nothing.',
      ),
    },
    ...COMMON_AFTER,
  ],
};
