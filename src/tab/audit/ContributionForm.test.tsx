/** @jest-environment jsdom */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from '@jest/globals';
import { EMPTY_ANSWER, type SectionAnswer } from '../../domain/answers.js';
import { GRADING_SCALES, type GradingScale } from '../../domain/grading.js';
import type { AgencyContribution, Audit, Id } from '../../domain/records.js';
import { latestTool } from '../../domain/tools/index.js';
import type {
  AuditEvent,
  AuditWorkspaceRepository,
  SaveOutcome,
  SectionChange,
} from '../../graph/auditWorkspace.js';
import type { StoredSectionAnswer } from '../../graph/sectionAnswers.js';
import { ContributionForm } from './ContributionForm.js';
import { useContributionEditor } from './useContributionEditor.js';

afterEach(cleanup);

const tool = latestTool('childInNeed');
const audit = {
  id: '5' as Id<'audit'>,
  caseReference: 'NSP-CIN-0005',
  category: 'childInNeed',
  status: 'inProgress',
  toolVersion: 1,
  agencies: ['police'],
  childAtRiskReason: undefined,
  themeId: undefined,
  leadAuditor: undefined,
  signOffManager: undefined,
  commissionedBy: undefined,
  dueDate: undefined,
  childAtRisk: false,
  eTag: '"a,1"',
} as Audit;
const contribution: AgencyContribution = {
  id: '9' as Id<'contribution'>,
  auditId: audit.id,
  contributor: 'police',
  auditor: { id: 'me', displayName: 'Dana Whitfield' },
  status: 'notStarted',
  dueDate: undefined,
  eTag: '"c,1"',
};

type Script = (changes: readonly SectionChange[], call: number) => SaveOutcome[] | Error;

/** A hand-written fake with the repository's shape: it records what the form sends. */
function fakeRepo(script: Script) {
  const sent: SectionChange[][] = [];
  const events: AuditEvent[] = [];
  const statuses: string[] = [];
  let version = 1;
  const stored = (sectionId: string, answer: SectionAnswer): StoredSectionAnswer => ({
    itemId: sectionId,
    eTag: `"${sectionId},${++version}"`,
    auditId: audit.id,
    contributor: 'police',
    sectionId,
    answer,
  });
  const repo = {
    load: async () => {
      throw new Error('not used');
    },
    saveSections: async (_a: string, _c: string, changes: readonly SectionChange[]) => {
      sent.push([...changes]);
      const result = script(changes, sent.length);
      if (result instanceof Error) throw result;
      return result;
    },
    setStatus: async (c: AgencyContribution, status: AgencyContribution['status']) => {
      statuses.push(status);
      return { ...c, status, eTag: `"c,${++version}"` };
    },
    ensureContribution: async () => contribution,
    raiseChildAtRisk: async (a: Audit) => a,
    appendEvent: async (e: AuditEvent) => {
      events.push(e);
    },
  } as unknown as AuditWorkspaceRepository;
  return { repo, sent, events, statuses, stored };
}

function Harness({
  repo,
  initial = [],
  scale = GRADING_SCALES.current,
}: {
  repo: AuditWorkspaceRepository;
  initial?: StoredSectionAnswer[];
  scale?: GradingScale;
}) {
  const editor = useContributionEditor({
    repo,
    audit,
    tool,
    contribution,
    stored: initial,
    me: { id: 'me', displayName: 'Dana Whitfield' },
    now: () => new Date('2026-11-26T10:00:00Z'),
    onContributionChange: () => undefined,
  });
  return (
    <FluentProvider theme={teamsLightTheme}>
      <ContributionForm tool={tool} contribution={contribution} editor={editor} scale={scale} />
    </FluentProvider>
  );
}

const section = (title: string) => screen.getByRole('region', { name: title });
const SLOW = { timeout: 5000 };

describe('the contribution form', () => {
  it('shows the descriptors where the grade is chosen, and asks for the impact once a grade is given', async () => {
    const { repo, stored } = fakeRepo((changes) =>
      changes.map((c) => ({
        kind: 'saved',
        sectionId: c.sectionId,
        stored: stored(c.sectionId, c.answer),
      })),
    );
    render(<Harness repo={repo} />);
    const voice = section("The child's voice and lived experience");
    const good = within(voice).getByRole('radio', { name: 'Good' });
    expect(good.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(good.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /seen regularly, alone where appropriate/,
    );
    await userEvent.click(good);
    expect(
      within(voice).getByText(
        'Describe the impact on the child: it is required once a grade is given.',
      ),
    ).toBeTruthy();
  });

  it("uses the partnership's wording of the grades: the 2009 scale says Adequate", () => {
    const { repo } = fakeRepo(() => []);
    render(<Harness repo={repo} scale={GRADING_SCALES.ofsted2009} />);
    const voice = section("The child's voice and lived experience");
    expect(within(voice).getByRole('radio', { name: 'Adequate' })).toBeTruthy();
    expect(
      within(voice).queryByRole('radio', { name: 'Requires improvement to be good' }),
    ).toBeNull();
  });

  it('saves within seconds of the last keystroke, with the version it was edited from', async () => {
    const { repo, sent, stored, events, statuses } = fakeRepo((changes) =>
      changes.map((c) => ({
        kind: 'saved',
        sectionId: c.sectionId,
        stored: stored(c.sectionId, c.answer),
      })),
    );
    const base: StoredSectionAnswer = {
      itemId: '1',
      eTag: '"x,3"',
      auditId: audit.id,
      contributor: 'police',
      sectionId: 'oversight',
      answer: { ...EMPTY_ANSWER, evidence: 'Before.' } as SectionAnswer,
    };
    render(<Harness repo={repo} initial={[base]} />);
    const evidence = within(
      section('Management oversight, supervision and recording'),
    ).getByLabelText('Evidence from the record');
    await userEvent.type(evidence, ' After.');
    expect(screen.getByRole('status').textContent).toBe('Changes not saved yet.');
    await waitFor(
      () => expect(screen.getByRole('status').textContent).toMatch(/All changes saved/),
      SLOW,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]![0]!.base?.eTag).toBe('"x,3"');
    expect(sent[0]![0]!.answer).toMatchObject({ evidence: 'Before. After.' });
    expect(statuses).toEqual(['inProgress']);
    // The move to "in progress" records its own trail event in the service (setStatus).
    expect(events.map((e) => e.type)).toEqual(['answersSaved']);
    expect(events[0]!.key).toMatch(/^answersSaved\|/);
  });

  it('keeps the text and says so plainly when the network fails, then saves on retry', async () => {
    const { repo, sent, stored } = fakeRepo((changes, call) =>
      call === 1
        ? new TypeError('Failed to fetch')
        : changes.map((c) => ({
            kind: 'saved',
            sectionId: c.sectionId,
            stored: stored(c.sectionId, c.answer),
          })),
    );
    render(<Harness repo={repo} />);
    const impact = within(section('Impact and outcomes')).getByLabelText('Impact on the child');
    await userEvent.type(impact, 'Safer at school.');
    await waitFor(
      () =>
        expect(screen.getByRole('status').textContent).toMatch(
          /^Not saved yet because this device could not reach Microsoft 365 \(the network may be down\)\. Your text is kept here\. Trying again in \d+ seconds?\.$/,
        ),
      SLOW,
    );
    expect((impact as HTMLTextAreaElement).value).toBe('Safer at school.');
    await waitFor(
      () => expect(screen.getByRole('status').textContent).toMatch(/All changes saved/),
      { timeout: 8000 },
    );
    expect(sent.length).toBe(2);
  });

  it('shows what the other person changed and saves the choice made field by field', async () => {
    const theirs: SectionAnswer = {
      kind: 'answered',
      grade: 'inadequate',
      evidence: 'Their evidence.',
      workedWell: '',
      toImprove: '',
      impact: 'Their impact.',
    };
    const { repo, sent, stored } = fakeRepo((changes, call) =>
      call === 1
        ? [{ kind: 'conflict', sectionId: 'oversight', current: stored('oversight', theirs) }]
        : changes.map((c) => ({
            kind: 'saved',
            sectionId: c.sectionId,
            stored: stored(c.sectionId, c.answer),
          })),
    );
    render(<Harness repo={repo} />);
    const oversight = section('Management oversight, supervision and recording');
    await userEvent.click(within(oversight).getByRole('radio', { name: 'Good' }));
    await userEvent.type(within(oversight).getByLabelText(/Impact on the child/), 'My impact.');
    const dialog = await screen.findByRole('alertdialog', {}, SLOW);
    expect(within(dialog).getByText('Someone else changed these sections')).toBeTruthy();
    expect(
      within(dialog).getByText(
        /Evidence from the record: now “Their evidence.” \(kept; you had not changed it\)/,
      ),
    ).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Take theirs: Inadequate' }));
    await userEvent.click(
      within(dialog).getByRole('radio', { name: 'Combine both changes (1 place to choose)' }),
    );
    // Both wrote into the empty impact: the place is marked, both kept until chosen.
    const place = within(dialog).getByRole('radiogroup', {
      name: 'Impact on the child, place 1 of 1: which to keep',
    });
    expect(within(dialog).getByText('[1] My impact. Their impact.').tagName).toBe('MARK');
    expect(
      (
        within(place).getByRole('radio', {
          name: 'Both: My impact. Their impact.',
        }) as HTMLInputElement
      ).checked,
    ).toBe(true);
    await userEvent.click(within(place).getByRole('radio', { name: 'Theirs: Their impact.' }));
    expect(within(dialog).getByText('[1] Their impact.').tagName).toBe('MARK');
    await userEvent.click(
      within(place).getByRole('radio', { name: 'Both: My impact. Their impact.' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save my choices' }));
    await waitFor(() => expect(sent.length).toBe(2), SLOW);
    expect(sent[1]![0]!.answer).toEqual({
      kind: 'answered',
      grade: 'inadequate',
      evidence: 'Their evidence.',
      workedWell: '',
      toImprove: '',
      impact: 'My impact. Their impact.',
    });
    expect(sent[1]![0]!.base?.answer).toEqual(theirs);
  });

  it('refuses to submit with what is missing listed, and submits a complete contribution read-only', async () => {
    const { repo, stored, statuses } = fakeRepo((changes) =>
      changes.map((c) => ({
        kind: 'saved',
        sectionId: c.sectionId,
        stored: stored(c.sectionId, c.answer),
      })),
    );
    render(<Harness repo={repo} />);
    await userEvent.click(screen.getByRole('button', { name: 'Submit police' }));
    const alert = (await screen.findByText(/This cannot be submitted yet/)).closest(
      '[role="alert"]',
    ) as HTMLElement;
    expect(alert.textContent).toContain('Describe the impact on the child.');
    expect(
      within(alert).getByRole('link', {
        name: 'Case profile, Facts of the case (no names, dates of birth or addresses)',
      }),
    ).toBeTruthy();
    cleanup();
    const complete = Object.fromEntries(
      tool.sections
        .filter((s) => s.agencies === 'all')
        .map((s) => [
          s.id,
          stored(
            s.id,
            s.graded
              ? {
                  kind: 'answered',
                  grade: 'good',
                  evidence: 'E',
                  workedWell: '',
                  toImprove: '',
                  impact: 'I',
                }
              : ({ ...EMPTY_ANSWER, evidence: 'Facts' } as SectionAnswer),
          ),
        ]),
    );
    render(<Harness repo={repo} initial={Object.values(complete)} />);
    await userEvent.click(screen.getByRole('button', { name: 'Submit police' }));
    await waitFor(
      () =>
        expect(screen.getByRole('status').textContent).toBe(
          'Submitted: read-only until a moderator returns it.',
        ),
      SLOW,
    );
    expect(statuses).toContain('submitted');
    expect(screen.queryByRole('button', { name: 'Submit police' })).toBeNull();
  });
});
