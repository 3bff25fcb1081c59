/** @jest-environment jsdom */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from '@jest/globals';
import { RecordTable } from './RecordTable.js';

afterEach(cleanup);

/** jsdom lays nothing out: the widths a browser would measure, as given. */
function widths(scrollWidth: number, clientWidth: number): () => void {
  const proto = HTMLElement.prototype;
  const saved = [
    Object.getOwnPropertyDescriptor(proto, 'scrollWidth'),
    Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
  ] as const;
  Object.defineProperty(proto, 'scrollWidth', { configurable: true, get: () => scrollWidth });
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => clientWidth });
  return () => {
    if (saved[0]) Object.defineProperty(proto, 'scrollWidth', saved[0]);
    if (saved[1]) Object.defineProperty(proto, 'clientWidth', saved[1]);
  };
}

const renderTable = () =>
  render(
    <FluentProvider theme={teamsLightTheme}>
      <RecordTable
        caption="Audits assigned to you"
        columns={[
          { key: 'ref', header: 'Case reference', cell: (r: { ref: string }) => r.ref },
          { key: 'status', header: 'Status', cell: () => 'In progress' },
        ]}
        rows={[{ ref: 'NSP-CP-0101' }]}
        rowKey={(r) => r.ref}
      />
    </FluentProvider>,
  );

describe('RecordTable', () => {
  it('is a named, focusable region when it is wider than the screen, so keys scroll it', () => {
    const restore = widths(600, 280);
    try {
      renderTable();
      const region = screen.getByRole('region', { name: 'Audits assigned to you' });
      expect(region.tabIndex).toBe(0);
      expect(region.contains(screen.getByRole('table', { name: 'Audits assigned to you' }))).toBe(
        true,
      );
    } finally {
      restore();
    }
  });

  it('adds no tab stop and no region when it fits', () => {
    const restore = widths(600, 600);
    try {
      renderTable();
      expect(screen.queryByRole('region')).toBeNull();
      expect(screen.getByRole('table', { name: 'Audits assigned to you' })).toBeTruthy();
      expect(document.querySelector('[tabindex="0"]')).toBeNull();
    } finally {
      restore();
    }
  });
});
