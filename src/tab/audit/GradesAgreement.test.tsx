/** @jest-environment jsdom */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { AgencyId } from '../../domain/agencies.js';
import type { Audit, AgencyContribution } from '../../domain/records.js';
import type { Services } from '../compositionRoot.js';
import type { AgreementOutcome, AuditCase } from '../../graph/lifecycle.js';
import { ServicesProvider } from '../services/ServicesContext.js';
import { GradesAgreement } from './GradesAgreement.js';

afterEach(cleanup);

const LEAD = { id: 'user-lead', displayName: 'Ruth Adeyemi' };

const contribution = (contributor: string) =>
  ({ id: contributor, contributor, status: 'submitted' }) as unknown as AgencyContribution;

function caseOf(audit: Partial<Audit>): AuditCase {
  return {
    audit: { id: '4', status: 'moderation', leadAuditor: LEAD, eTag: '"1"', ...audit } as Audit,
    contributions: ['socialCare', 'police', 'multiAgency'].map(contribution),
  } as unknown as AuditCase;
}

function renderIt(
  c: AuditCase,
  options: { me?: string; outcome?: () => Promise<AgreementOutcome> } = {},
) {
  const calls: Array<[string, AgencyId]> = [];
  let changed = 0;
  const outcome =
    options.outcome ??
    (async (): Promise<AgreementOutcome> => ({ kind: 'agreed', audit: c.audit }));
  const services = {
    session: { user: { id: options.me ?? LEAD.id, displayName: 'Someone' } },
    lifecycle: {
      agree: async (_: AuditCase, agency: AgencyId) => {
        calls.push(['agree', agency]);
        return outcome();
      },
      undoAgreement: async (_: AuditCase, agency: AgencyId) => {
        calls.push(['undo', agency]);
        return outcome();
      },
    },
  } as unknown as Services;
  render(
    <FluentProvider theme={teamsLightTheme}>
      <ServicesProvider services={services}>
        <GradesAgreement c={c} onChanged={() => changed++} />
      </ServicesProvider>
    </FluentProvider>,
  );
  return { calls, changed: () => changed };
}

const AGREED = {
  gradesAgreed: { socialCare: { at: '2026-11-20T10:15:00Z', by: LEAD } },
};

describe("the agencies' agreed grades", () => {
  it('shows each agency (not the multi-agency judgement) with where its agreement stands', () => {
    renderIt(caseOf(AGREED), { me: 'someone-else' });
    const region = screen.getByRole('region', { name: 'Agreed grades by agency' });
    expect(region.textContent).toContain(
      "Children's social care: grades agreed on 20 Nov 2026 by Ruth Adeyemi",
    );
    expect(region.textContent).toContain('Police: not agreed yet');
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    // Only the lead auditor, while moderating, agrees or undoes.
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('shows an audit moderated before agreements were kept as agreed when it went for sign-off', () => {
    renderIt(caseOf({ status: 'awaitingSignOff', sentForSignOffAt: '2026-11-02T10:00:00Z' }));
    expect(screen.getByRole('region', { name: 'Agreed grades by agency' }).textContent).toContain(
      'Police: grades agreed when the audit went for sign-off, on 2 Nov 2026',
    );
    // Not in moderation any more: the lead has nothing to press.
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('offers the lead to undo an older audit’s agreement once it is returned from sign-off', async () => {
    const { calls } = renderIt(
      caseOf({ status: 'returned', sentForSignOffAt: '2026-11-02T10:00:00Z' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: "Undo the agreement of Police's grades" }),
    );
    await waitFor(() => expect(calls).toEqual([['undo', 'police']]));
    expect(screen.queryByRole('button', { name: "Agree Police's grades" })).toBeNull();
  });

  it("lets the lead agree an agency's grades by keyboard, then loads the audit again", async () => {
    const { calls, changed } = renderIt(caseOf(AGREED));
    const agree = screen.getByRole('button', { name: "Agree Police's grades" });
    agree.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(changed()).toBe(1));
    expect(calls).toEqual([['agree', 'police']]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('lets the lead undo an agreement while moderating (returned from sign-off too)', async () => {
    const { calls, changed } = renderIt(caseOf({ ...AGREED, status: 'returned' }));
    await userEvent.click(
      screen.getByRole('button', { name: "Undo the agreement of Children's social care's grades" }),
    );
    await waitFor(() => expect(changed()).toBe(1));
    expect(calls).toEqual([['undo', 'socialCare']]);
  });

  it("shows a refusal's sentence and a conflict's, and loads nothing", async () => {
    const reason = 'Give the multi-agency grade for Assessment before agreeing Police’s grades.';
    const { changed } = renderIt(caseOf({}), {
      outcome: async () => ({ kind: 'refused', reason }),
    });
    await userEvent.click(screen.getByRole('button', { name: "Agree Police's grades" }));
    expect((await screen.findByRole('alert')).textContent).toBe(reason);
    expect(changed()).toBe(0);
    cleanup();
    renderIt(caseOf({}), {
      outcome: async () => ({ kind: 'conflict', reason: 'Someone else changed this audit.' }),
    });
    await userEvent.click(screen.getByRole('button', { name: "Agree Police's grades" }));
    expect((await screen.findByRole('alert')).textContent).toBe('Someone else changed this audit.');
  });

  it('says plainly when the write failed, and keeps the buttons usable', async () => {
    const { changed } = renderIt(caseOf({}), {
      outcome: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const button = screen.getByRole('button', { name: "Agree Police's grades" });
    await userEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^The agency's agreed grades did not change because this device could not reach Microsoft 365/,
    );
    expect(changed()).toBe(0);
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });
});
