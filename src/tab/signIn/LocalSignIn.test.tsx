/** @jest-environment jsdom */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { LocalSignIn } from './LocalSignIn.js';

afterEach(cleanup);

const people = [
  {
    id: 'a',
    displayName: 'Morgan Ellis',
    userPrincipalName: 'morgan@x',
    jobTitle: 'Business manager',
    department: 'Business unit',
  },
  {
    id: 'b',
    displayName: 'Tom Okafor',
    userPrincipalName: 'tom@x',
    jobTitle: 'Auditor',
    department: 'Health',
  },
];

describe('LocalSignIn', () => {
  it('shows each person with role and agency and signs in the one chosen by keyboard', async () => {
    const onSignIn = jest.fn();
    render(
      <FluentProvider theme={teamsLightTheme}>
        <LocalSignIn people={people} remembered={null} onSignIn={onSignIn} />
      </FluentProvider>,
    );
    expect(screen.getByRole('radio', { name: 'Tom Okafor: Auditor, Health' })).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'Tom Okafor: Auditor, Health' }));
    await user.keyboard('{Enter}');
    expect(onSignIn).toHaveBeenCalledWith(people[1]);
  });

  it('preselects the person who signed in last in this tab', () => {
    render(
      <FluentProvider theme={teamsLightTheme}>
        <LocalSignIn people={people} remembered="b" onSignIn={() => undefined} />
      </FluentProvider>,
    );
    expect(screen.getByRole('button', { name: 'Sign in as Tom Okafor' })).toBeTruthy();
  });
});
