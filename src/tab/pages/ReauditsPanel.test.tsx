/** @jest-environment jsdom */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { AuditDigest } from '../../domain/report/digest.js';
import type { ReauditEntry } from '../../domain/report/reaudit.js';
import type { Services } from '../compositionRoot.js';
import { ServicesProvider } from '../services/ServicesContext.js';
import { ReauditsPanel } from './ReauditsPanel.js';

afterEach(cleanup);

const digest = (auditId: string, themeId: string | undefined): AuditDigest => ({
  auditId,
  caseReference: `NSP-CP-00${auditId}`,
  category: 'childProtection',
  toolVersion: 2,
  themeId,
  signedOffAt: '2026-04-20T10:00:00Z',
  agencies: ['health'],
  auditors: [],
  areas: [{ sectionId: 'planning', multiAgency: 'inadequate', agencies: [] }],
  reauditOf: undefined,
});

function renderPanel(entries: ReauditEntry[]) {
  const services = {
    now: () => new Date('2026-11-27T10:00:00Z'),
    repositories: { settings: { all: async () => new Map() } },
    reports: { reauditsDue: async () => entries },
  } as unknown as Services;
  render(
    <FluentProvider theme={teamsLightTheme}>
      <ServicesProvider services={services}>
        <ReauditsPanel />
      </ServicesProvider>
    </FluentProvider>,
  );
}

describe('ReauditsPanel', () => {
  it("opens the theme's Commission page for the original audit by id, never its case", async () => {
    renderPanel([
      { audit: digest('11', '3'), due: '2026-10-20', overdue: true },
      { audit: digest('12', undefined), due: '2026-12-20', overdue: false },
    ]);
    const link = await screen.findByRole('link', {
      name: 'Commission the re-audit of NSP-CP-0011',
    });
    expect(link.getAttribute('href')).toBe('#/programme/3/commission?reauditOf=11');
    expect(link.getAttribute('href')).not.toContain('NSP');
    // Without a theme there is no Commission page to open.
    expect(screen.getByText('From its theme, with Re-audit ticked')).toBeTruthy();
    expect(screen.getAllByRole('link')).toHaveLength(1);
  });
});
