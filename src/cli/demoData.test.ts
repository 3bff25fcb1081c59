import { describe, expect, it } from '@jest/globals';
import { progressOf } from '../domain/answers.js';
import { MULTI_AGENCY } from '../domain/agencies.js';
import { latestTool } from '../domain/tools/index.js';
import {
  DEMO_AUDITS,
  DEMO_FEEDBACK,
  type DemoAudit,
  demoAnswers,
  demoContributors,
} from './demoData.js';

/** What the audit's status says of its contributors, as the lifecycle moves it. */
function statusProblems(a: DemoAudit): string[] {
  const contributors = demoContributors(a);
  const agencies = contributors.filter((c) => c.contributor !== MULTI_AGENCY);
  const lead = contributors.find((c) => c.contributor === MULTI_AGENCY)!;
  const all = (s: string) => agencies.every((c) => c.progress.status === s);
  const problems: string[] = [];
  const expect = (ok: boolean, why: string) => {
    if (!ok) problems.push(`${a.caseReference} is ${a.status} but ${why}`);
  };
  switch (a.status) {
    case 'commissioned':
      expect(all('notStarted') && lead.progress.status === 'notStarted', 'someone has started');
      break;
    case 'inProgress':
      expect(!all('notStarted'), 'no agency has started');
      expect(!all('submitted'), 'every agency has submitted (it would be in moderation)');
      break;
    case 'moderation':
      expect(all('submitted'), 'not every agency has submitted');
      expect(lead.progress.status !== 'submitted', 'the multi-agency judgement is complete');
      break;
    case 'awaitingSignOff':
    case 'signedOff':
      expect(all('submitted'), 'not every agency has submitted');
      expect(lead.progress.status === 'submitted', 'the multi-agency judgement is not complete');
      break;
  }
  return problems;
}

describe('the demo data tells one consistent story', () => {
  it('every contributor’s status matches the answers behind it', () => {
    const found = DEMO_AUDITS.flatMap((a) =>
      demoContributors(a).map((c) => {
        const answers = Object.fromEntries(
          demoAnswers(a, c.contributor, c.progress).map((x) => [x.sectionId, x.answer]),
        );
        const p = progressOf(latestTool(a.category), c.contributor, answers);
        const state = p.done === 0 ? 'notStarted' : p.done === p.total ? 'submitted' : 'inProgress';
        return `${a.caseReference} ${c.contributor}: ${c.progress.status} with ${state} answers`;
      }),
    );
    expect(found.filter((line) => !/: (\w+) with \1 answers$/.test(line))).toEqual([]);
  });

  it('every audit’s status matches its contributors', () => {
    expect(DEMO_AUDITS.flatMap(statusProblems)).toEqual([]);
  });

  it('fixes what the issue found: a submitted audit with no answers, one in progress with none', () => {
    const cin = DEMO_AUDITS.find((a) => a.caseReference === 'NSP-CIN-0201')!;
    for (const c of demoContributors(cin)) {
      const p = progressOf(
        latestTool(cin.category),
        c.contributor,
        Object.fromEntries(
          demoAnswers(cin, c.contributor, c.progress).map((x) => [x.sectionId, x.answer]),
        ),
      );
      expect(p.done).toBe(p.total);
    }
    const cp = DEMO_AUDITS.find((a) => a.caseReference === 'NSP-CP-0101')!;
    const care = demoContributors(cp).find((c) => c.contributor === 'socialCare')!;
    expect(demoAnswers(cp, 'socialCare', care.progress).length).toBeGreaterThan(0);
  });

  it('has an example of each stage for its role to open', () => {
    const statuses = new Set(DEMO_AUDITS.map((a) => a.status));
    for (const s of ['commissioned', 'inProgress', 'moderation', 'awaitingSignOff', 'signedOff'])
      expect({ stage: s, present: statuses.has(s as DemoAudit['status']) }).toEqual({
        stage: s,
        present: true,
      });
    // Feedback goes only to practitioners of signed-off audits.
    for (const f of DEMO_FEEDBACK) expect(DEMO_AUDITS[f.audit]?.status).toBe('signedOff');
    // The overview has something to count: overdue, due this week, a child at risk now.
    const open = DEMO_AUDITS.filter((a) =>
      ['commissioned', 'inProgress', 'moderation'].includes(a.status),
    );
    expect(open.some((a) => a.dueInDays < 0)).toBe(true);
    expect(open.some((a) => a.dueInDays >= 0 && a.dueInDays < 7)).toBe(true);
    expect(DEMO_AUDITS.some((a) => a.childAtRisk)).toBe(true);
  });
});
