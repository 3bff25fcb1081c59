/** @jest-environment jsdom */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from '@jest/globals';
import { MESSAGES } from '../../../domain/messages.js';
import { UserMessageText } from './UserMessage.js';

afterEach(cleanup);

describe('UserMessageText', () => {
  it("shows the product's sentence, and Graph's words only once Details is opened", async () => {
    const error = Object.assign(new Error('Injected fault: 429. Retry after 1 seconds.'), {
      statusCode: 429,
      code: 'TooManyRequests',
    });
    render(
      <FluentProvider theme={teamsLightTheme}>
        <div>
          <UserMessageText message={MESSAGES.publishFailed(error)} />
        </div>
      </FluentProvider>,
    );
    const details = screen.getByRole('button', { name: 'Details' });
    expect(details.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText(/The programme was not published because/)).toBeTruthy();
    // Graph's words are not in the sentence, and hidden until asked for.
    expect(screen.getByText(/The programme was not published because/).textContent).not.toMatch(
      /Injected|429/,
    );
    const said = screen.getByText(
      '429 TooManyRequests: Injected fault: 429. Retry after 1 seconds.',
    );
    expect(said.hidden).toBe(true);
    expect(details.getAttribute('aria-controls')).toBe(said.id);
    await userEvent.click(details);
    expect(details.getAttribute('aria-expanded')).toBe('true');
    expect(said.hidden).toBe(false);
  });

  it('has no Details when there is nothing more to say', () => {
    render(
      <FluentProvider theme={teamsLightTheme}>
        <UserMessageText message={{ happened: 'A.', kept: 'B.', next: 'C.', details: '' }} />
      </FluentProvider>,
    );
    expect(screen.queryByRole('button', { name: 'Details' })).toBeNull();
  });
});
