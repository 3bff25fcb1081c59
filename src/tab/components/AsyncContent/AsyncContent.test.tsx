/** @jest-environment jsdom */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from '@jest/globals';
import { AsyncContent } from './AsyncContent.js';
import { useAsync } from './useAsync.js';

afterEach(cleanup);

function Harness({ load }: { load: () => Promise<string[]> }) {
  const { state, retry } = useAsync(load);
  return (
    <FluentProvider theme={teamsLightTheme}>
      <AsyncContent
        state={state}
        retry={retry}
        what="the themes"
        isEmpty={(d) => d.length === 0}
        empty="Nothing planned yet."
      >
        {(items) => (
          <ul>
            {items.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        )}
      </AsyncContent>
    </FluentProvider>
  );
}

describe('AsyncContent with useAsync', () => {
  it('shows loading, then the content', async () => {
    let resolve: (v: string[]) => void = () => undefined;
    const load = () => new Promise<string[]>((r) => (resolve = r));
    render(<Harness load={load} />);
    expect(screen.getByText('Loading the themes…')).toBeTruthy();
    await act(async () => resolve(['Neglect']));
    expect(screen.getByRole('listitem').textContent).toBe('Neglect');
  });

  it('shows the empty state when there is nothing', async () => {
    render(<Harness load={async () => []} />);
    expect(await screen.findByText('Nothing planned yet.')).toBeTruthy();
  });

  it('says what failed and why, and a retry loads again', async () => {
    let calls = 0;
    const load = async () => {
      calls++;
      if (calls === 1)
        throw Object.assign(new Error('Service Unavailable'), {
          statusCode: 503,
          code: 'serviceNotAvailable',
        });
      return ['Neglect'];
    };
    render(<Harness load={load} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Could not load the themes because Microsoft 365 is not answering just now. Nothing was changed. Try again in a moment.',
    );
    // What Graph said is in the details, behind a disclosure, not in the sentence.
    const said = screen.getByText('503 serviceNotAvailable: Service Unavailable');
    expect(said.hidden).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Details' }));
    expect(said.hidden).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByRole('listitem')).textContent).toBe('Neglect');
    expect(calls).toBe(2);
  });
});
