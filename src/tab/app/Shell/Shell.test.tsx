/** @jest-environment jsdom */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Shell } from './Shell.js';

afterEach(cleanup);

const renderShell = (props: Partial<React.ComponentProps<typeof Shell>> = {}) =>
  render(
    <FluentProvider theme={teamsLightTheme}>
      <Shell
        appName="Case audit"
        userName="Priya Shah"
        route={{ area: 'programme' }}
        theme="light"
        {...props}
      >
        <p>content</p>
      </Shell>
    </FluentProvider>,
  );

describe('Shell', () => {
  it('names the areas in a navigation landmark and marks the current one', () => {
    renderShell();
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    const links = Array.from(nav.querySelectorAll('a')).map((a) => a.textContent);
    expect(links).toEqual([
      'Overview',
      'My audits',
      'Register',
      'Programme',
      'Reports',
      'Actions',
      'Feedback',
    ]);
    expect(screen.getByRole('link', { name: 'Programme' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(screen.getByRole('link', { name: 'Reports' }).getAttribute('aria-current')).toBeNull();
    expect(screen.getByRole('main').textContent).toContain('content');
  });

  it('marks My audits while a record is open, and nothing on an unknown page', () => {
    renderShell({ route: { area: 'audit', id: '3' } });
    expect(screen.getByRole('link', { name: 'My audits' }).getAttribute('aria-current')).toBe(
      'page',
    );
    cleanup();
    renderShell({ route: { area: 'notFound', path: 'x' } });
    expect(screen.queryByRole('link', { current: 'page' })).toBeNull();
  });

  it('offers the theme switch and sign-out only when the host lets the user choose', async () => {
    renderShell();
    expect(screen.queryByLabelText('Theme')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    cleanup();
    const onThemeChange = jest.fn();
    const onSignOut = jest.fn();
    renderShell({ onThemeChange, onSignOut, notice: 'Every record here is fictional.' });
    await userEvent.selectOptions(screen.getByLabelText('Theme'), 'High contrast');
    expect(onThemeChange).toHaveBeenCalledWith('highContrast');
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(onSignOut).toHaveBeenCalled();
    expect(screen.getByText('Every record here is fictional.')).toBeTruthy();
  });
});
