/** @jest-environment jsdom */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { ComponentProps } from 'react';
import { MESSAGES } from '../../../domain/messages.js';
import { ProgressField } from './ProgressField.js';

afterEach(cleanup);

const show = (props: ComponentProps<typeof ProgressField>) =>
  render(
    <FluentProvider theme={teamsLightTheme}>
      <ProgressField {...props} />
    </FluentProvider>,
  );

describe('ProgressField', () => {
  it('names the run and says how far it has got, in words as well as the bar', () => {
    show({
      label: 'Sending feedback for Neglect',
      progress: { done: 3, total: 10 },
      result: undefined,
      failure: undefined,
    });
    const bar = screen.getByRole('progressbar', { name: 'Sending feedback for Neglect' });
    expect(bar.getAttribute('aria-valuenow')).toBe('3');
    expect(bar.getAttribute('aria-valuemax')).toBe('10');
    expect(screen.getByText('3 of 10 done')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows no bar before it starts or when there is nothing to do', () => {
    show({
      label: 'Sending',
      progress: { done: 0, total: 0 },
      result: 'Nothing to send.',
      failure: undefined,
    });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Nothing to send.');
  });

  it('says a failure as an alert with what to do next, and nothing in the status', () => {
    show({
      label: 'Changing who reads feedback',
      progress: undefined,
      result: undefined,
      failure: MESSAGES.feedbackFailed(new Error('network down')),
      then: 'Switch it again to finish.',
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/^The feedback was not changed/);
    expect(alert.textContent).toMatch(/ Switch it again to finish\.$/);
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
