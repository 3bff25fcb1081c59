/** @jest-environment jsdom */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { StoredAction } from '../../graph/actionPlan.js';
import type { Services } from '../compositionRoot.js';
import { ServicesProvider } from '../services/ServicesContext.js';
import { ActionsPage, planRows } from './ActionsPage.js';
import { toCsv } from '../../domain/report/safeCells.js';

afterEach(cleanup);

const NOW = new Date('2026-11-27T10:00:00Z');
const GRACE = { id: 'u-grace', displayName: 'Grace Lin' };
const OWEN = { id: 'u-owen', displayName: 'Owen Price' };
const annual = { key: 'a1:v2', title: 'Annual overview', version: 2 };
const neglect = { key: 'n1:v1', title: 'Neglect theme', version: 1 };

const action = (id: string, over: Partial<StoredAction>): StoredAction => ({
  itemId: id,
  eTag: `"${id}"`,
  id,
  recommendation: 'Health visitors join the first core group.',
  title: `Action ${id}`,
  agency: 'health',
  owner: GRACE,
  dueDate: '2026-12-10',
  status: 'notStarted',
  evidence: '',
  report: annual,
  ...over,
});

const ACTIONS = [
  action('1', {}),
  action('2', { owner: OWEN, agency: 'police', dueDate: '2026-12-20' }),
  action('3', {
    owner: OWEN,
    agency: 'police',
    recommendation: 'Police share notifications within a day.',
    report: neglect,
    dueDate: '2027-01-05',
  }),
];

function renderPage(options: { role?: Services['role']; actionId?: string } = {}) {
  const services = {
    role: options.role ?? 'businessManager',
    now: () => NOW,
    session: { user: { id: 'u-bm', displayName: 'Morgan Ellis' } },
    actionPlan: {
      list: async () => ACTIONS,
      canUpdate: (a: StoredAction) => options.role !== 'auditTeam' || a.owner?.id === GRACE.id,
    },
    reports: { list: async () => ({ versions: [], others: [] }) },
    caseReferenceFormat: /^NSP-[A-Z]{2,4}-\d{3,6}$/,
  } as unknown as Services;
  render(
    <FluentProvider theme={teamsLightTheme}>
      <ServicesProvider services={services}>
        <ActionsPage {...(options.actionId ? { actionId: options.actionId } : {})} />
      </ServicesProvider>
    </FluentProvider>,
  );
}

const titles = () =>
  within(screen.getByRole('table', { name: 'Actions' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[0]?.textContent);

const choose = (label: string, option: string) => {
  const select = screen.getByRole('combobox', { name: label }) as HTMLSelectElement;
  const value = [...select.options].find((o) => o.textContent === option)?.value;
  if (value === undefined) throw new Error(`no option ${option} in ${label}`);
  fireEvent.change(select, { target: { value } });
};

describe('ActionsPage', () => {
  it('filters the plan by owner, recommendation and report, each a labelled select', async () => {
    renderPage();
    await screen.findByRole('table', { name: 'Actions' });
    expect(titles()).toEqual(['Action 1', 'Action 2', 'Action 3']);
    expect(screen.getByRole('group', { name: 'Filter the plan' })).toBeTruthy();
    const owners = screen.getByRole('combobox', { name: 'Owner' }) as HTMLSelectElement;
    expect([...owners.options].map((o) => o.textContent)).toEqual([
      'Any owner',
      'Grace Lin',
      'Owen Price',
    ]);
    choose('Owner', 'Owen Price');
    expect(titles()).toEqual(['Action 2', 'Action 3']);
    expect(screen.getByText('Showing 2 of 3 actions: owned by Owen Price.')).toBeTruthy();
    choose('Recommendation', 'Health visitors join the first core group.');
    expect(titles()).toEqual(['Action 2']);
    choose('Owner', 'Any owner');
    expect(titles()).toEqual(['Action 1', 'Action 2']);
    choose('Recommendation', 'Any recommendation');
    choose('Report', 'Neglect theme, version 1');
    expect(titles()).toEqual(['Action 3']);
    expect(screen.getByText('Showing 1 of 3 actions: from Neglect theme, version 1.')).toBeTruthy();
    // The row says which report it came from.
    const row = within(screen.getByRole('table', { name: 'Actions' })).getAllByRole('row')[1]!;
    expect(within(row).getByText('Neglect theme, version 1')).toBeTruthy();
    choose('Report', 'Any report');
    expect(screen.getByText('Showing all 3 actions.')).toBeTruthy();
  });

  it('exports what the filters show, with each action’s report', async () => {
    renderPage();
    await screen.findByRole('table', { name: 'Actions' });
    choose('Owner', 'Owen Price');
    const blobs: Blob[] = [];
    const create = jest.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:plan';
    });
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: () => undefined });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    fireEvent.click(screen.getByRole('button', { name: 'Export the actions shown (CSV)' }));
    click.mockRestore();
    expect(blobs).toHaveLength(1);
    const csv = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.onerror = () => reject(reader.error);
      reader.readAsText(blobs[0]!);
    });
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Action,Recommendation,Report,Agency,Owner,Due,Status,Evidence');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Action 2', 'Action 3']);
    expect(lines[2]).toContain('"Neglect theme, version 1"');
    expect(lines[2]).toContain('Owen Price');
  });

  it('writes the rows the export takes, a formula-like title made safe', () => {
    const rows = planRows([action('9', { title: '=HYPERLINK("x")', report: undefined })], NOW);
    expect(rows[1]).toEqual([
      '=HYPERLINK("x")',
      'Health visitors join the first core group.',
      '',
      'Health',
      'Grace Lin',
      '2026-12-10',
      'Not started',
      '',
    ]);
    expect(toCsv(rows)).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('opens the action its card links to, when this person may update it', async () => {
    renderPage({ role: 'auditTeam', actionId: '1' });
    expect(await screen.findByRole('heading', { name: 'Update: Action 1' })).toBeTruthy();
    cleanup();
    renderPage({ role: 'auditTeam', actionId: '2' });
    await screen.findByRole('table', { name: 'Actions' });
    expect(screen.queryByRole('heading', { name: /^Update:/ })).toBeNull();
  });
});
