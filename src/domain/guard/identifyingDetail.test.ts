import { describe, expect, it } from '@jest/globals';
import {
  assertNoIdentifyingDetail,
  checkIdentifyingDetail,
  IdentifyingDetailError,
} from './identifyingDetail.js';

const CASE_REFERENCE = /\bNSP-[A-Z]{2,3}-\d{4}\b/;

/** Texts a notification may carry: practice, process, pseudonymised references. */
const MUST_PASS = [
  'Audit commissioned: NSP-CP-0101',
  'Three audits commissioned for the theme Neglect: children on child protection plans for over a year',
  'You have been assigned an audit for your agency. Due 10 Dec.',
  'Your audit is overdue: it was due 3 Nov.',
  'The audit programme for 2026-27 has been published.',
  'Child at risk now: open the audit and act at once.',
  'Feedback on your practice is ready to read.',
  'Sign-off requested for NSP-CIN-0201',
  'Planned for May 2026, sample of 6 cases',
  'Child in need plans that drift',
  'Early help: stepping up and stepping down',
  'Health assessments for children in care (baseline)',
  'Multi-agency working was good: information shared promptly.',
  'The strategy discussion included social care, police and health.',
  'Management oversight was inconsistent; the chronology was out of date.',
  'The child was seen alone and their views changed the plan.',
  'Return interviews followed every missing episode.',
  'The core group met monthly and tracked progress against the plan.',
  'Requires improvement to be good',
  'Outstanding practice: creative, research-informed, strong joint work.',
  "Agency: Children's social care",
  'Agency: Police',
  'Agency: Health',
  'Agency: Education',
  'Agency: Early help',
  'Lead auditor and moderator',
  'Open the audit in Teams',
  'Priority source: Child safeguarding practice review',
  'Priority source: Performance indicator',
  'Drill-down into a known concern or an earlier audit',
  'Period under review: the last 12 months, judged mainly on the last 6.',
  'Sample size 8',
  'Case reference NSP-EH-0301 is ready for sign-off.',
  'Audits due this week: 4',
  'Thank you for acknowledging the feedback.',
  'The plan had no contingency; the family did not understand it.',
  'Strong joint work between the school and the health visitor.',
  'Step-down to early help was planned with the family.',
  'Pathway planning from 16 was late.',
  'Life-story work has started.',
  'Personal education plan current and effective.',
  'Conference held in time with reports shared beforehand.',
  'The audit was returned for changes to the impact statements.',
  'Neglect theme: 6 of 6 audits commissioned',
  'Overview report published for the partnership board.',
  'Action plan: 3 actions, 1 overdue',
  'Re-audit due in six months.',
  'Your reflection has been saved.',
  'Agencies involved: social care, police, health, education.',
  'Due 28 Feb',
  'Week 48 summary for the core audit team',
  'Case NSP-CP-0102 has two agencies outstanding.',
];

/** Texts that must never leave the site: each holds something that identifies a person. */
const MUST_STOP = [
  'Jane Smith was seen at home.',
  'Audit for Tyler Jones',
  'Mrs Patel attended the conference.',
  'Mr Okonkwo refused the visit.',
  'Concerns about Kayden Brown and his sister',
  'Child: Amelia Rose Carter',
  'Ms Hughes, the class teacher, raised it.',
  'Dr Ahmed completed the health assessment.',
  'Siobhan Murphy (mother) did not attend.',
  'Spoke to Liam Walsh at school.',
  'DOB 12/03/2015',
  'Date of birth: 4 July 2016',
  'born 2017-05-21',
  'Born on 3rd March 2014',
  'd.o.b. 01.02.2013',
  'The child, born in 2015, was seen.',
  'Seen on 14/10/2025 at the family home.',
  'Incident on 2025-09-30',
  'Visit 21 September 2025',
  'NHS number 943 476 5919',
  'NHS no: 9434765919',
  'Health record 943-476-5919',
  'Ref 401 023 2137 from the GP',
  'Lives at LS1 4AP',
  'Address: 12 High Street, M1 1AE',
  'Postcode SW1P 4RR',
  'moved to B33 8TH last month',
  'school in EC1A 1BB',
  'Call mum on 07700 900123',
  'Phone +44 20 7946 0958',
  'Landline 0113 496 0000',
  'Contact 07700900456 after school',
  'Tel: 020 7946 0123',
  'Email mum.smith@example.com',
  'Father: dave.jones@mail.example',
  'Contact the carer at foster.carer@fictional.example',
  'Jayden Smith, DOB 05/06/2012, NHS 943 476 5919',
  'Case of Ella-Mae Thompson',
  'Grace Okafor-Brown was excluded.',
  'Noah Williams (aged 7)',
  'Visited Isla Morgan and baby',
  'Harry Evans told the officer he was scared.',
  'Sophie Turner said she was hungry.',
  'Oliver Clarke missing again',
  'Mia Robinson moved placement',
  'Referral for Ava Wilson',
  'Strategy discussion about Jack Taylor',
  'Freddie Hall and Poppy Hall',
  'Mrs Khan called on 07700 900789',
  'The baby was born on 2/3/2024.',
  'Meet at WA1 1AA, flat 3',
  'The social worker, Aisha Begum, visited.',
];

describe('the identifying-detail guard', () => {
  it('has a corpus of at least 50 texts each way', () => {
    expect(MUST_PASS.length).toBeGreaterThanOrEqual(50);
    expect(MUST_STOP.length).toBeGreaterThanOrEqual(50);
  });

  it.each(MUST_PASS)('lets through: %s', (text) => {
    expect(checkIdentifyingDetail(text, [CASE_REFERENCE])).toEqual({ ok: true });
  });

  it.each(MUST_STOP)('stops: %s', (text) => {
    expect(checkIdentifyingDetail(text, [CASE_REFERENCE]).ok).toBe(false);
  });

  it('names what it found without repeating the text', () => {
    try {
      assertNoIdentifyingDetail('Card text', 'DOB 12/03/2015, NHS number 943 476 5919', [
        CASE_REFERENCE,
      ]);
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(IdentifyingDetailError);
      expect((e as Error).message).toMatch(/^Card text: This text seems to hold /);
      expect((e as Error).message).toContain('a date of birth');
      expect((e as Error).message).toContain('an NHS number');
      expect((e as Error).message).not.toContain('943');
    }
  });

  it('does not take a ten-digit number that fails the NHS check for an NHS number', () => {
    const result = checkIdentifyingDetail('Batch 123 456 7890 processed');
    expect(result.ok ? [] : result.findings.map((f) => f.kind)).not.toContain('nhsNumber');
  });
});
