/** @jest-environment jsdom */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from '@jest/globals';
import { gradeKappa } from '../../domain/consistency.js';
import type { Grade } from '../../domain/grading.js';
import type { GradePair } from '../../domain/moderation.js';
import type { Audit } from '../../domain/records.js';
import type { Services } from '../compositionRoot.js';
import { ServicesProvider } from '../services/ServicesContext.js';
import { ConsistencyPanel } from './ConsistencyPanel.js';

afterEach(cleanup);

const ME = 'user-lead';

const pair = (
  sectionId: string,
  areaTitle: string,
  agency: GradePair['agency'],
  auditor: { id: string; name: string } | undefined,
  agencyGrade: Grade,
  moderatedGrade: Grade,
): GradePair => ({
  auditId: '1',
  sectionId,
  areaTitle,
  agency,
  auditorId: auditor?.id,
  auditorName: auditor?.name,
  agencyGrade,
  moderatedGrade,
});

const dana = { id: 'user-dana', name: 'Dana Whitfield' };
const tom = { id: 'user-tom', name: 'Tom Okafor' };

/**
 * Four pairs whose quadratic-weighted kappa is worked by hand: Good-Good twice, RI-RI, Good-RI.
 * With w = 1 − (i − j)²/9, pₒ = (3 + 8/9)/4 = 35/36; rows Good 3/4, RI 1/4; columns 1/2 each;
 * pₑ = 3/8 + (3/8)(8/9) + (1/8)(8/9) + 1/8 = 17/18; κ = (35/36 − 34/36)/(1 − 34/36) = 0.5.
 */
const PAIRS: GradePair[] = [
  pair('childsVoice', "The child's voice", 'police', dana, 'good', 'good'),
  pair('childsVoice', "The child's voice", 'health', tom, 'good', 'good'),
  pair(
    'identity',
    'Identity and diversity',
    'police',
    dana,
    'requiresImprovement',
    'requiresImprovement',
  ),
  pair('identity', 'Identity and diversity', 'police', undefined, 'good', 'requiresImprovement'),
];

function renderPanel(options: { role: Services['role']; leads: boolean; pairs: GradePair[] }): {
  asked: Audit[][];
} {
  const audits = [
    { id: '1', status: 'signedOff', leadAuditor: options.leads ? { id: ME } : { id: 'other' } },
  ] as unknown as Audit[];
  const asked: Audit[][] = [];
  const services = {
    role: options.role,
    session: { user: { id: ME, displayName: 'Ruth Adeyemi' } },
    repositories: { audits: { list: async () => audits } },
    lifecycle: {
      gradePairs: async (a: Audit[]) => {
        asked.push(a);
        return options.pairs;
      },
    },
  } as unknown as Services;
  render(
    <FluentProvider theme={teamsLightTheme}>
      <ServicesProvider services={services}>
        <ConsistencyPanel />
      </ServicesProvider>
    </FluentProvider>,
  );
  return { asked };
}

const rowsOf = (caption: string) =>
  within(screen.getByRole('table', { name: caption }))
    .getAllByRole('row')
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );

describe('ConsistencyPanel', () => {
  it('shows kappa with its interval, pairs and words, overall and by area, agency and auditor', async () => {
    const { asked } = renderPanel({ role: 'auditTeam', leads: true, pairs: PAIRS });
    await screen.findByRole('table', { name: 'Grading consistency by area' });
    expect(screen.getByRole('heading', { name: 'Grading consistency' })).toBeTruthy();
    expect(asked).toHaveLength(1);
    const overall = screen.getByText(/^Agreement between agencies' grades and moderated grades/);
    expect(overall.textContent).toMatch(
      /\(weighted kappa\): moderate agreement \(κ 0\.50, 95% CI -?\d\.\d\d to \d\.\d\d, 4 pairs\)$/,
    );
    // The interval shown is the one worked out for these pairs, in its column and in the words.
    const worked = gradeKappa(PAIRS);
    expect(worked.kind === 'estimate' && worked.kappa).toBeCloseTo(0.5, 12);
    expect(overall.textContent).toContain(worked.words);
    const [identity] = rowsOf('Grading consistency by area');
    expect(identity![4]).toContain(`95% CI ${identity![2]}, 2 pairs`);
    // The child's voice: both pairs Good-Good, so chance alone gives full agreement.
    const sameGrade =
      'Kappa cannot be measured: in all 2 pairs both gave the same single grade, so agreement is no better than chance could give.';
    expect(rowsOf('Grading consistency by area')).toEqual([
      [
        'Identity and diversity',
        '0.00',
        expect.stringMatching(/^-?\d\.\d\d to \d\.\d\d$/),
        '2',
        expect.stringMatching(/^slight agreement \(κ 0\.00, 95% CI .*, 2 pairs\)$/),
      ],
      ["The child's voice", '—', '—', '2', sameGrade],
    ]);
    expect(rowsOf('Grading consistency by agency').map((r) => [r[0], r[1], r[3]])).toEqual([
      ['Health', '—', '1'],
      ['Police', expect.stringMatching(/^\d\.\d\d$/), '3'],
    ]);
    // A pair whose audit names no auditor is grouped apart, not dropped.
    expect(rowsOf('Grading consistency by auditor').map((r) => [r[0], r[3]])).toEqual([
      ['Auditor not recorded', '1'],
      ['Dana Whitfield', '2'],
      ['Tom Okafor', '1'],
    ]);
  });

  it('says in words when there are no pairs yet, with no tables', async () => {
    renderPanel({ role: 'businessManager', leads: false, pairs: [] });
    await screen.findByText(
      "Agreement between agencies' grades and moderated grades (weighted kappa): No pairs of grades to compare yet.",
    );
    expect(screen.queryAllByRole('table')).toEqual([]);
  });

  it('says when too few pairs differ to measure anything', async () => {
    renderPanel({
      role: 'businessManager',
      leads: false,
      pairs: [PAIRS[0]!, PAIRS[1]!],
    });
    await screen.findByText(
      "Agreement between agencies' grades and moderated grades (weighted kappa): Kappa cannot be measured: in all 2 pairs both gave the same single grade, so agreement is no better than chance could give.",
    );
    expect(rowsOf('Grading consistency by agency')).toEqual([
      ['Health', '—', '—', '1', expect.stringMatching(/^Kappa cannot be measured: in all 1 pair /)],
      ['Police', '—', '—', '1', expect.stringMatching(/^Kappa cannot be measured: in all 1 pair /)],
    ]);
  });

  it('is not shown to someone who neither manages the partnership nor leads an audit', async () => {
    const { asked } = renderPanel({ role: 'auditTeam', leads: false, pairs: PAIRS });
    // Shown while the audits are read to decide; then gone, and no answers were read.
    expect(screen.getByRole('heading', { name: 'Grading consistency' })).toBeTruthy();
    await waitFor(() =>
      expect(screen.queryByRole('heading', { name: 'Grading consistency' })).toBeNull(),
    );
    expect(asked).toEqual([]);
  });
});
