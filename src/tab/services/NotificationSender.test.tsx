/** @jest-environment jsdom */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { useEffect } from 'react';
import type { DrainReport } from '../../graph/outbox.js';
import type { Services } from '../compositionRoot.js';
import { NotificationSender, useNotifications } from './NotificationSender.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');

beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
});
afterEach(() => {
  cleanup();
  jest.useRealTimers();
});

const report = (over: Partial<DrainReport>): DrainReport => ({
  sent: 0,
  retrying: 0,
  failed: 0,
  skipped: 0,
  problems: [],
  waiting: 0,
  nextAttemptAt: undefined,
  ...over,
});

function SendOnMount() {
  const { send } = useNotifications();
  useEffect(() => void send([]), [send]);
  return null;
}

/** A practitioner's services (no reminders), with an outbox whose drains answer in turn. */
function servicesWith(reports: DrainReport[]) {
  const drain = jest.fn(async () => reports.shift() ?? report({}));
  const services = {
    role: 'practitioner',
    outbox: { drain, enqueue: jest.fn(async () => undefined) },
  } as unknown as Services;
  return { services, drain };
}

const visibleLine = () => screen.queryByText(/notification/, { selector: 'span' })?.textContent;
const announced = () => screen.getByRole('status').textContent;

describe('NotificationSender', () => {
  it('counts down to the next try and sends again while the tab stays open', async () => {
    const { services, drain } = servicesWith([
      report({ retrying: 4, waiting: 4, nextAttemptAt: new Date(T0 + 12_000) }),
      report({ sent: 4 }),
    ]);
    render(
      <FluentProvider theme={teamsLightTheme}>
        <NotificationSender services={services}>
          <SendOnMount />
        </NotificationSender>
      </FluentProvider>,
    );
    await act(async () => jest.advanceTimersByTimeAsync(0));
    expect(drain).toHaveBeenCalledTimes(1);
    const first =
      '4 notifications could not be sent yet. They are kept, waiting to be sent. They will be tried again in 12 seconds.';
    expect(visibleLine()).toBe(first);
    expect(announced()).toBe(first);

    await act(async () => jest.advanceTimersByTimeAsync(1000));
    expect(visibleLine()).toMatch(/They will be tried again in 11 seconds\.$/);
    // The countdown is shown, not announced: screen readers hear the count once.
    expect(announced()).toBe(first);
    await act(async () => jest.advanceTimersByTimeAsync(10_000));
    expect(visibleLine()).toMatch(/They will be tried again in 1 second\.$/);
    expect(drain).toHaveBeenCalledTimes(1);

    await act(async () => jest.advanceTimersByTimeAsync(1000));
    expect(drain).toHaveBeenCalledTimes(2);
    expect(visibleLine()).toBeUndefined();
    expect(announced()).toBe('');
  });

  it('says plainly when the outbox cannot be reached, with what Graph said in the details', async () => {
    const down = Object.assign(new Error('Injected fault: 503. Retry after 1 seconds.'), {
      statusCode: 503,
      code: 'serviceNotAvailable',
    });
    const drain = jest.fn(async (): Promise<DrainReport> => {
      throw down;
    });
    const services = {
      role: 'practitioner',
      outbox: { drain, enqueue: jest.fn(async () => undefined) },
    } as unknown as Services;
    render(
      <FluentProvider theme={teamsLightTheme}>
        <NotificationSender services={services}>
          <SendOnMount />
        </NotificationSender>
      </FluentProvider>,
    );
    await act(async () => jest.advanceTimersByTimeAsync(0));
    expect(announced()).toBe(
      'Notifications could not be sent because Microsoft 365 is not answering just now. They are kept, waiting to be sent. They will be tried again in 5 seconds, and when you next open the tab.',
    );
    expect(announced()).not.toMatch(/Injected|503/);
    expect(screen.getByRole('button', { name: 'Details' })).toBeTruthy();
    expect(
      screen.getByText('503 serviceNotAvailable: Injected fault: 503. Retry after 1 seconds.'),
    ).toBeTruthy();
    await act(async () => jest.advanceTimersByTimeAsync(5000));
    expect(drain).toHaveBeenCalledTimes(2);
  });

  it('stops trying when the tab closes', async () => {
    const { services, drain } = servicesWith([
      report({ waiting: 2, nextAttemptAt: new Date(T0 + 3000) }),
    ]);
    const { unmount } = render(
      <FluentProvider theme={teamsLightTheme}>
        <NotificationSender services={services}>
          <SendOnMount />
        </NotificationSender>
      </FluentProvider>,
    );
    await act(async () => jest.advanceTimersByTimeAsync(0));
    unmount();
    await act(async () => jest.advanceTimersByTimeAsync(60_000));
    expect(drain).toHaveBeenCalledTimes(1);
  });
});
