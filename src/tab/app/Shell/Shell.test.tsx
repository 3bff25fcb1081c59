/** @jest-environment jsdom */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
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

describe('Shell on a narrow screen', () => {
  const matchMedia = window.matchMedia;
  afterEach(() => {
    window.matchMedia = matchMedia;
  });
  /** A viewport that answers every media query as given (jsdom has no layout of its own). */
  const viewportMatching = (matches: boolean) => {
    window.matchMedia = ((query: string) => ({
      matches,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    })) as typeof window.matchMedia;
  };

  it('puts the areas in a drawer behind a button, which closes when an area is followed', async () => {
    viewportMatching(true);
    renderShell({ onSignOut: jest.fn() });
    expect(screen.queryByRole('navigation', { name: 'Areas' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Areas' }));
    const drawer = await screen.findByRole('dialog', { name: 'Areas' });
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    expect(drawer.contains(nav)).toBe(true);
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
    await userEvent.click(screen.getByRole('link', { name: 'Reports' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('keeps the areas beside the content on a wide screen', () => {
    viewportMatching(false);
    renderShell();
    expect(screen.getByRole('navigation', { name: 'Areas' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Areas' })).toBeNull();
  });
});
