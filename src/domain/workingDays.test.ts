import { describe, expect, it } from '@jest/globals';
import {
  ENGLAND_AND_WALES,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  addWorkingDays,
  deadline,
  describeDeadline,
  holidayCalendar,
  isWorkingDay,
  londonDay,
  signOffDueDay,
  toDay,
  workingDayNumber,
  workingDaysBetween,
} from './workingDays.js';

describe('the England and Wales calendar (GOV.UK dates)', () => {
  it('covers 2022 to 2028 with every published bank holiday', () => {
    expect(ENGLAND_AND_WALES.firstYear).toBe(2022);
    expect(ENGLAND_AND_WALES.lastYear).toBe(2028);
    // Eight a year, plus the special ones: two in 2022 (Platinum Jubilee, State Funeral), one in 2023 (Coronation).
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[2022]).toHaveLength(10);
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[2023]).toHaveLength(9);
    for (const year of [2024, 2025, 2026, 2027, 2028])
      expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[year]).toHaveLength(8);
    expect(ENGLAND_AND_WALES.holidays.size).toBe(59);
  });

  it('puts every bank holiday on a weekday (substitute days replace weekend ones)', () => {
    for (const day of ENGLAND_AND_WALES.holidays) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      expect([day, weekday !== 0 && weekday !== 6]).toEqual([day, true]);
    }
  });

  it('knows weekends, holidays and ordinary weekdays', () => {
    expect(isWorkingDay('2026-11-27')).toBe(true); // a Friday
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-29')).toBe(false); // Sunday
    expect(isWorkingDay('2026-04-03')).toBe(false); // Good Friday
    expect(isWorkingDay('2026-04-06')).toBe(false); // Easter Monday
    expect(isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute (26th is a Saturday)
    expect(isWorkingDay('2027-12-27')).toBe(false); // Christmas substitute
    expect(isWorkingDay('2027-12-28')).toBe(false); // Boxing Day substitute
    expect(isWorkingDay('2028-01-03')).toBe(false); // New Year substitute
    expect(isWorkingDay('2023-05-08')).toBe(false); // Coronation
    expect(isWorkingDay('2022-09-19')).toBe(false); // State Funeral
    expect(isWorkingDay('2022-05-30')).toBe(true); // the usual spring holiday, moved in 2022
  });
});

describe('addWorkingDays', () => {
  it('skips a weekend', () => {
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-28', 1)).toBe('2026-11-30'); // from a Saturday
    expect(addWorkingDays('2026-11-23', 5)).toBe('2026-11-30');
  });

  it('skips Easter: Thursday before Good Friday to the Tuesday after Easter Monday', () => {
    expect(addWorkingDays('2025-04-17', 1)).toBe('2025-04-22');
    expect(addWorkingDays('2024-03-28', 1)).toBe('2024-04-02');
    expect(addWorkingDays('2027-03-25', 2)).toBe('2027-03-31');
  });

  it('skips Christmas and Boxing Day on a weekend, with their substitute days', () => {
    // 2026: Christmas Friday, Boxing Day Saturday, substitute Monday 28th.
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    // 2027: both on the weekend, substitutes Monday 27th and Tuesday 28th.
    expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
  });

  it('crosses a year into a substitute New Year holiday', () => {
    expect(addWorkingDays('2027-12-31', 1)).toBe('2028-01-04');
    expect(addWorkingDays('2027-12-23', 5)).toBe('2028-01-04'); // 24, 29, 30, 31 December, 4 January
  });

  it('skips the special bank holidays', () => {
    expect(addWorkingDays('2023-05-05', 1)).toBe('2023-05-09'); // Coronation Monday
    expect(addWorkingDays('2022-06-01', 1)).toBe('2022-06-06'); // Jubilee Thursday and Friday
  });

  it('returns the day itself for 0, and reads a date-time as its day in London', () => {
    expect(addWorkingDays('2026-11-28', 0)).toBe('2026-11-28');
    // 23:30 UTC on Thursday 4 June 2026 is 00:30 on Friday in London: one working day to Monday.
    expect(workingDaysBetween('2026-06-04T23:30:00Z', '2026-06-08T09:00:00Z')).toBe(1);
    expect(workingDaysBetween('2026-06-04T22:30:00Z', '2026-06-08T09:00:00Z')).toBe(2);
    // In winter London is on UTC: 23:30 on Thursday 3 December is still Thursday.
    expect(workingDaysBetween('2026-12-03T23:30:00Z', '2026-12-07T09:00:00Z')).toBe(2);
  });

  it("is the difference of the two dates' working-day numbers", () => {
    for (const [a, b] of [
      ['2026-12-24', '2026-12-31'],
      ['2022-01-01', '2028-12-31'],
      ['2026-06-04T23:30:00Z', '2026-06-08T09:00:00Z'],
      ['2025-04-17', '2025-04-22'],
    ] as const)
      expect(workingDayNumber(b) - workingDayNumber(a)).toBe(workingDaysBetween(a, b));
    // The calendar's first day is a Saturday: nothing worked yet; the Monday after is the first.
    expect(workingDayNumber('2022-01-01')).toBe(0);
    expect(workingDayNumber('2022-01-03')).toBe(0);
    expect(workingDayNumber('2022-01-04')).toBe(1);
    expect(() => workingDayNumber('2029-01-01')).toThrow(
      'The bank holidays of 2029 are not in the calendar',
    );
    expect(() => workingDayNumber('2021-12-31')).toThrow(
      'The bank holidays of 2021 are not in the calendar',
    );
    // A calendar's numbering is made on its first use and kept: a new calendar's is made here,
    // so that this test sees it made, up to the calendar's last day and not past it.
    const fresh = holidayCalendar(ENGLAND_AND_WALES_BANK_HOLIDAYS);
    expect(workingDayNumber('2028-12-29', fresh)).toBe(workingDayNumber('2028-12-29'));
    expect(() => workingDayNumber('2029-01-01', fresh)).toThrow(
      'The bank holidays of 2029 are not in the calendar',
    );
  });

  it('refuses years outside the calendar', () => {
    expect(() => workingDaysBetween('2028-12-20', '2029-01-05')).toThrow(
      'The bank holidays of 2029 are not in the calendar',
    );
    expect(() => workingDaysBetween('2021-12-20', '2022-01-05')).toThrow(
      'The bank holidays of 2021 are not in the calendar',
    );
    // The first day after the calendar is refused too, not counted as nothing.
    expect(() => workingDaysBetween('2028-12-20', '2029-01-01')).toThrow(
      'The bank holidays of 2029 are not in the calendar',
    );
    // Both days past the calendar: the refusal names the year asked about.
    expect(() => workingDaysBetween('2030-03-02', '2030-03-09')).toThrow(
      'The bank holidays of 2030 are not in the calendar',
    );
  });

  it('counts backwards as negative, and refuses a year outside the calendar on either side', () => {
    expect(workingDaysBetween('2026-11-30', '2026-11-27')).toBe(-1);
    expect(workingDaysBetween('2026-12-30', '2026-12-21')).toBe(-5);
    expect(() => workingDaysBetween('2022-01-05', '2021-12-20')).toThrow(
      'The bank holidays of 2021 are not in the calendar',
    );
  });

  it('refuses a number of working days below 0 or not whole', () => {
    expect(() => addWorkingDays('2026-11-27', -1)).toThrow(
      'A number of working days must be a whole number of 0 or more (got -1).',
    );
    expect(() => addWorkingDays('2026-11-27', 1.5)).toThrow(
      'A number of working days must be a whole number of 0 or more (got 1.5).',
    );
  });
});

describe('days and moments', () => {
  it('reads a moment as its London day, in summer and in winter time', () => {
    expect(londonDay(new Date('2026-06-01T23:30:00Z'))).toBe('2026-06-02');
    expect(londonDay(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
    expect(toDay('2026-06-01T22:59:59Z')).toBe('2026-06-01');
    expect(toDay('2026-06-01T23:00:00Z')).toBe('2026-06-02');
    expect(toDay('2026-03-09')).toBe('2026-03-09');
  });

  it('gives every stored instant of three years its own London day, though days are remembered by the hour', () => {
    // Each hour of 2025 and 2026, at a minute and second that move with it, read as stored and
    // compared with London's time zone asked afresh: an hour remembered under another hour's
    // key would give a day off by one somewhere, around midnight or a change of the clocks.
    const wrong: string[] = [];
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 3_600_000) {
      const instant = new Date(ms + ((ms / 3_600_000) % 60) * 61_000).toISOString();
      const stored = instant.replace('.000Z', 'Z');
      const expected = londonDay(new Date(instant));
      if (toDay(instant) !== expected) wrong.push(instant);
      if (toDay(stored) !== expected) wrong.push(stored);
    }
    expect(wrong).toEqual([]);
    // Texts that are no instant are refused, even when a real hour with their key is remembered.
    expect(toDay('2026-02-01T05:00:00Z')).toBe('2026-02-01');
    expect(toDay('2026-01-31T10:00:00Z')).toBe('2026-01-31');
    expect(toDay('2025-12-15T10:00:00Z')).toBe('2025-12-15');
    expect(toDay('2026-01-15T10:00:00Z')).toBe('2026-01-15');
    for (const text of [
      '2026-01-32T05:00:00Z',
      '2026-02-00T10:00:00Z',
      '2026-00-15T10:00:00Z',
      '2025-13-15T10:00:00Z',
    ])
      expect(() => toDay(text)).toThrow(`“${text}” is not a date.`);
  });

  it('refuses what is not a date', () => {
    expect(() => toDay('2026-02-31')).toThrow('2026-02-31 is not a real date.');
    expect(() => toDay('next Tuesday')).toThrow('“next Tuesday” is not a date.');
    expect(() => toDay('x2026-01-01')).toThrow('“x2026-01-01” is not a date.');
    expect(() => toDay('2026-01-01x')).toThrow('“2026-01-01x” is not a date.');
    expect(() => londonDay(new Date('nonsense'))).toThrow('The date is not a valid date.');
    expect(() => toDay(new Date('nonsense'))).toThrow('The date is not a valid date.');
    expect(() => isWorkingDay('2026-13-01')).toThrow('not a real date');
  });
});

describe('holidayCalendar', () => {
  it('builds a calendar from years that follow one another', () => {
    const cal = holidayCalendar({ 2031: ['2031-01-01'], 2030: ['2030-01-01'] });
    expect(cal.firstYear).toBe(2030);
    expect(cal.lastYear).toBe(2031);
    expect(isWorkingDay('2030-01-01', cal)).toBe(false);
    expect(isWorkingDay('2030-01-02', cal)).toBe(true);
    expect(addWorkingDays('2030-12-31', 1, cal)).toBe('2031-01-02');
  });

  it('refuses an empty calendar, a missing year, and dates that do not belong', () => {
    expect(() => holidayCalendar({})).toThrow('A holiday calendar needs at least one year.');
    expect(() => holidayCalendar({ 2030: [], 2032: [] })).toThrow(
      'The holiday calendar misses a year between 2030 and 2032.',
    );
    expect(() => holidayCalendar({ 2030: ['2031-01-01'] })).toThrow(
      '2031-01-01 is not a date in 2030.',
    );
    expect(() => holidayCalendar({ 2030: ['2030-02-30'] })).toThrow(
      '2030-02-30 is not a date in 2030.',
    );
    // Not written as an ISO day at all: the same plain refusal, not a TypeError.
    expect(() => holidayCalendar({ 2030: ['2030-1-1'] })).toThrow(
      '2030-1-1 is not a date in 2030.',
    );
  });
});

describe('sign-off due and overdue', () => {
  it('is due the set number of working days after it was sent, holidays counted out', () => {
    // Sent Monday 21 December 2026, five working days: 22, 23, 24, 29, 30.
    expect(signOffDueDay('2026-12-21T10:00:00Z', 5)).toBe('2026-12-30');
  });

  it('is upcoming before the day, with the working days left', () => {
    expect(deadline('2026-12-30', '2026-12-24T09:00:00Z', undefined)).toEqual({
      kind: 'upcoming',
      due: '2026-12-30',
      workingDaysLeft: 2,
    });
  });

  it('is due today on the day', () => {
    expect(deadline('2026-12-30', new Date('2026-12-30T16:00:00Z'), undefined)).toEqual({
      kind: 'dueToday',
      due: '2026-12-30',
    });
  });

  it('is overdue after the day, by the working days since', () => {
    expect(deadline('2026-12-30', '2027-01-05', undefined)).toEqual({
      kind: 'overdue',
      due: '2026-12-30',
      workingDaysOverdue: 3, // 31 December, 4 and 5 January (1 January is a holiday)
    });
    // Due on Friday 4 December 2026, still open on the Saturday: overdue, by no working day yet.
    expect(deadline('2026-12-04', '2026-12-05', undefined)).toEqual({
      kind: 'overdue',
      due: '2026-12-04',
      workingDaysOverdue: 0,
    });
  });

  it('is met on time on or before the day, and late after it', () => {
    expect(deadline('2026-12-30', '2027-02-01', '2026-12-30T17:00:00Z')).toEqual({
      kind: 'met',
      due: '2026-12-30',
      workingDaysLate: 0,
    });
    expect(deadline('2026-12-30', '2027-02-01', '2026-12-22')).toEqual({
      kind: 'met',
      due: '2026-12-30',
      workingDaysLate: 0,
    });
    expect(deadline('2026-12-30', '2027-02-01', '2027-01-04')).toEqual({
      kind: 'met',
      due: '2026-12-30',
      workingDaysLate: 2,
    });
  });

  it('says where a deadline stands in plain words', () => {
    expect(describeDeadline({ kind: 'upcoming', due: '2026-12-30', workingDaysLeft: 1 })).toBe(
      'Due 2026-12-30, in 1 working day',
    );
    expect(describeDeadline({ kind: 'upcoming', due: '2026-12-30', workingDaysLeft: 2 })).toBe(
      'Due 2026-12-30, in 2 working days',
    );
    expect(describeDeadline({ kind: 'dueToday', due: '2026-12-30' })).toBe(
      'Due today (2026-12-30)',
    );
    expect(describeDeadline({ kind: 'overdue', due: '2026-12-04', workingDaysOverdue: 0 })).toBe(
      'Overdue: it was due 2026-12-04',
    );
    expect(describeDeadline({ kind: 'overdue', due: '2026-12-04', workingDaysOverdue: 3 })).toBe(
      'Overdue by 3 working days: it was due 2026-12-04',
    );
    expect(describeDeadline({ kind: 'met', due: '2026-12-30', workingDaysLate: 0 })).toBe(
      'Done on time (due 2026-12-30)',
    );
    expect(describeDeadline({ kind: 'met', due: '2026-12-30', workingDaysLate: 1 })).toBe(
      'Done 1 working day late (due 2026-12-30)',
    );
  });
});
