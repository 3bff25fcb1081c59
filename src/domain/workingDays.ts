/**
 * Working days in England and Wales: Monday to Friday, less the bank holidays. Sign-off and
 * feedback deadlines are set by the partnership in working days, so a deadline that falls over
 * Easter or Christmas moves with the holidays as the people doing the work would expect.
 *
 * Days are calendar days written as ISO dates (YYYY-MM-DD). A moment (a Date, or an ISO date-time
 * as the lists store it) is read as the day it was in London: an audit sent for sign-off at 00:30
 * British Summer Time on a Tuesday (23:30 UTC on Monday) was sent on the Tuesday.
 */

/** A calendar day, YYYY-MM-DD. */
export type IsoDay = string;

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// Real days already read: counting working days reads the same few hundred days again and again,
// and building a date to check one is the slowest part of it.
const parsedDays = new Map<string, number>();

/**
 * England and Wales bank holidays as GOV.UK publishes them (https://www.gov.uk/bank-holidays,
 * and its feed https://www.gov.uk/bank-holidays.json), with the substitute days (when a holiday
 * falls on a weekend the next weekday is the holiday) and the special ones (2022: the Platinum
 * Jubilee and the State Funeral of Queen Elizabeth II, with the spring bank holiday moved to
 * 2 June; 2023: the Coronation of King Charles III). Years after the last one here are refused
 * rather than guessed: add the next year's dates when GOV.UK publishes them.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: Readonly<Record<number, readonly IsoDay[]>> = {
  2022: [
    '2022-01-03', // New Year's Day (substitute day: 1 January was a Saturday)
    '2022-04-15', // Good Friday
    '2022-04-18', // Easter Monday
    '2022-05-02', // Early May bank holiday
    '2022-06-02', // Spring bank holiday (moved for the Jubilee)
    '2022-06-03', // Platinum Jubilee bank holiday
    '2022-08-29', // Summer bank holiday
    '2022-09-19', // Bank Holiday for the State Funeral of Queen Elizabeth II
    '2022-12-26', // Boxing Day
    '2022-12-27', // Christmas Day (substitute day: 25 December was a Sunday)
  ],
  2023: [
    '2023-01-02', // New Year's Day (substitute day: 1 January was a Sunday)
    '2023-04-07', // Good Friday
    '2023-04-10', // Easter Monday
    '2023-05-01', // Early May bank holiday
    '2023-05-08', // Bank holiday for the coronation of King Charles III
    '2023-05-29', // Spring bank holiday
    '2023-08-28', // Summer bank holiday
    '2023-12-25', // Christmas Day
    '2023-12-26', // Boxing Day
  ],
  2024: [
    '2024-01-01', // New Year's Day
    '2024-03-29', // Good Friday
    '2024-04-01', // Easter Monday
    '2024-05-06', // Early May bank holiday
    '2024-05-27', // Spring bank holiday
    '2024-08-26', // Summer bank holiday
    '2024-12-25', // Christmas Day
    '2024-12-26', // Boxing Day
  ],
  2025: [
    '2025-01-01', // New Year's Day
    '2025-04-18', // Good Friday
    '2025-04-21', // Easter Monday
    '2025-05-05', // Early May bank holiday
    '2025-05-26', // Spring bank holiday
    '2025-08-25', // Summer bank holiday
    '2025-12-25', // Christmas Day
    '2025-12-26', // Boxing Day
  ],
  2026: [
    '2026-01-01', // New Year's Day
    '2026-04-03', // Good Friday
    '2026-04-06', // Easter Monday
    '2026-05-04', // Early May bank holiday
    '2026-05-25', // Spring bank holiday
    '2026-08-31', // Summer bank holiday
    '2026-12-25', // Christmas Day
    '2026-12-28', // Boxing Day (substitute day: 26 December is a Saturday)
  ],
  2027: [
    '2027-01-01', // New Year's Day
    '2027-03-26', // Good Friday
    '2027-03-29', // Easter Monday
    '2027-05-03', // Early May bank holiday
    '2027-05-31', // Spring bank holiday
    '2027-08-30', // Summer bank holiday
    '2027-12-27', // Christmas Day (substitute day: 25 December is a Saturday)
    '2027-12-28', // Boxing Day (substitute day: 26 December is a Sunday)
  ],
  2028: [
    '2028-01-03', // New Year's Day (substitute day: 1 January is a Saturday)
    '2028-04-14', // Good Friday
    '2028-04-17', // Easter Monday
    '2028-05-01', // Early May bank holiday
    '2028-05-29', // Spring bank holiday
    '2028-08-28', // Summer bank holiday
    '2028-12-25', // Christmas Day
    '2028-12-26', // Boxing Day
  ],
};

/** A calendar of holidays for the years it knows; a day outside them cannot be counted. */
export type HolidayCalendar = {
  readonly firstYear: number;
  readonly lastYear: number;
  readonly holidays: ReadonlySet<IsoDay>;
};

/**
 * A calendar from holidays by year. The years must follow one another: a gap would count a
 * year's holidays as working days without anyone noticing.
 */
export function holidayCalendar(
  byYear: Readonly<Record<number, readonly IsoDay[]>>,
): HolidayCalendar {
  const years = Object.keys(byYear).map(Number);
  if (years.length === 0) throw new Error('A holiday calendar needs at least one year.');
  const firstYear = Math.min(...years);
  const lastYear = Math.max(...years);
  if (lastYear - firstYear + 1 !== years.length)
    throw new Error(`The holiday calendar misses a year between ${firstYear} and ${lastYear}.`);
  const holidays = new Set<IsoDay>();
  for (const year of years) {
    for (const day of byYear[year] as readonly IsoDay[]) {
      if (!day.startsWith(`${year}-`) || parseDay(day) === undefined)
        throw new Error(`${day} is not a date in ${year}.`);
      holidays.add(day);
    }
  }
  return { firstYear, lastYear, holidays };
}

export const ENGLAND_AND_WALES: HolidayCalendar = holidayCalendar(ENGLAND_AND_WALES_BANK_HOLIDAYS);

/**
 * Keeps an answer worked out, in a memory bounded to 100,000 (a few years of days or hours at the
 * most: emptied when full), and gives it back.
 */
function remember<K, V>(memory: Map<K, V>, key: K, value: V): V {
  if (memory.size >= 100_000) memory.clear();
  memory.set(key, value);
  return value;
}

/** Milliseconds at UTC midnight of an ISO day, or undefined when it is not a real date. */
function parseDay(day: string): number | undefined {
  const known = parsedDays.get(day);
  if (known !== undefined) return known;
  const m = DAY_PATTERN.exec(day);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 31 February over into March; a real date reads back as written.
  if (new Date(ms).toISOString().slice(0, 10) !== day) return undefined;
  return remember(parsedDays, day, ms);
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day a moment fell on in London. */
export function londonDay(moment: Date): IsoDay {
  if (Number.isNaN(moment.getTime())) throw new Error('The date is not a valid date.');
  const parts = Object.fromEntries(LONDON.formatToParts(moment).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

// London's offset from UTC has been a whole hour since 1847, so every moment of one UTC hour falls on the same
// London day: the time zone's formatter (slow) is asked once an hour, not once a date (a year's
// overview asks tens of thousands of times).
const HOUR_MS = 3_600_000;
const dayByHour = new Map<number, IsoDay>();

/** The London day of a moment given as milliseconds, remembered by the hour. */
function londonDayOfMs(ms: number): IsoDay {
  const hour = Math.floor(ms / HOUR_MS);
  const known = dayByHour.get(hour);
  if (known !== undefined) return known;
  return remember(dayByHour, hour, londonDay(new Date(hour * HOUR_MS)));
}

/**
 * The day of a date as given: an ISO day stays that day; an ISO date-time or a Date is the day it
 * was in London.
 */
export function toDay(date: Date | string): IsoDay {
  if (typeof date !== 'string') return londonDay(date);
  if (DAY_PATTERN.test(date)) {
    if (parseDay(date) === undefined) throw new Error(`${date} is not a real date.`);
    return date;
  }
  // A UTC instant as stored ("2026-05-06T10:11:12Z"): remembered by its hour.
  const utcHour = UTC_INSTANT.test(date) ? utcHourOf(date) : undefined;
  const known = utcHour === undefined ? undefined : dayByUtcHour.get(utcHour);
  if (known !== undefined) return known;
  const ms = Date.parse(date);
  if (Number.isNaN(ms)) throw new Error(`“${date}” is not a date.`);
  const day = londonDayOfMs(ms);
  return utcHour === undefined ? day : remember(dayByUtcHour, utcHour, day);
}

// Strict, so that every instant of a remembered hour is as real as the one first read.
// Months 01 to 12 and days 01 to 31 only, so that no two texts it accepts share an hour's key
// (utcHourOf counts 12 months and 31 days: "2026-01-32" would be "2026-02-01").
const UTC_INSTANT =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?Z$/;
const dayByUtcHour = new Map<number, IsoDay>();

/**
 * The hour of a UTC instant as one small number, read from its characters ("2026-05-06T10..." is
 * ((2026 x 12 + 5) x 31 + 6) x 24 + 10): no string is cut, and a number is a quick key.
 */
function utcHourOf(instant: string): number {
  return (
    ((digits(instant, 0, 4) * 12 + digits(instant, 5, 2)) * 31 + digits(instant, 8, 2)) * 24 +
    digits(instant, 11, 2)
  );
}

/** The number written by `count` digits from `at` (checked to be digits by the caller's pattern). */
function digits(text: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) v = v * 10 + text.charCodeAt(i) - 48;
  return v;
}

const dayMs = (day: IsoDay): number => parseDay(day) as number;
const fromMs = (ms: number): IsoDay => new Date(ms).toISOString().slice(0, 10);

function checkCovered(day: IsoDay, calendar: HolidayCalendar): void {
  const year = Number(day.slice(0, 4));
  if (year < calendar.firstYear || year > calendar.lastYear)
    throw new RangeError(
      `The bank holidays of ${year} are not in the calendar (it has ${calendar.firstYear} to ${calendar.lastYear}), so working days in ${year} cannot be counted.`,
    );
}

/** Monday to Friday and not a bank holiday. */
export function isWorkingDay(date: Date | string, calendar = ENGLAND_AND_WALES): boolean {
  const day = toDay(date);
  checkCovered(day, calendar);
  const weekday = new Date(dayMs(day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.has(day);
}

/**
 * The day n working days after a date: the first working day after it is 1. Counting starts the
 * day after, so the day itself never counts, whether or not it is a working day; n = 0 is the day
 * itself.
 */
export function addWorkingDays(
  date: Date | string,
  n: number,
  calendar = ENGLAND_AND_WALES,
): IsoDay {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(
      `A number of working days must be a whole number of 0 or more (got ${n}).`,
    );
  let ms = dayMs(toDay(date));
  checkCovered(fromMs(ms), calendar);
  let left = n;
  while (left > 0) {
    ms += DAY_MS;
    if (isWorkingDay(fromMs(ms), calendar)) left -= 1;
  }
  return fromMs(ms);
}

/**
 * Working days from one date to another: those after the first, up to and including the second.
 * So workingDaysBetween(d, addWorkingDays(d, n)) is n. Negative when the second comes first.
 */
export function workingDaysBetween(
  from: Date | string,
  to: Date | string,
  calendar = ENGLAND_AND_WALES,
): number {
  const a = dayMs(toDay(from));
  const b = dayMs(toDay(to));
  if (b < a) return -workingDaysBetween(fromMs(b), fromMs(a), calendar);
  const { start, counts } = numbering(calendar);
  const first = (a - start) / DAY_MS;
  const last = (b - start) / DAY_MS;
  // Outside the calendar's years: refused, naming the year (the first day after the calendar,
  // where counting day by day would stop).
  if (first < 0 || first >= counts.length) checkCovered(fromMs(a), calendar);
  if (last >= counts.length) checkCovered(`${calendar.lastYear + 1}-01-01`, calendar);
  return (counts[last] as number) - (counts[first] as number);
}

/**
 * A date's place among the calendar's working days: the working days from the calendar's first
 * day up to and including its London day. Two dates' numbers differ by the working days between
 * them (workingDaysBetween), so a set of dates read once each can be measured by subtraction.
 */
export function workingDayNumber(date: Date | string, calendar = ENGLAND_AND_WALES): number {
  const ms = dayMs(toDay(date));
  const { start, counts } = numbering(calendar);
  const i = (ms - start) / DAY_MS;
  if (i < 0 || i >= counts.length) checkCovered(fromMs(ms), calendar);
  return counts[i] as number;
}

/** Each day of a calendar's years, and the working days from its first day up to that day. */
type Numbering = { readonly start: number; readonly counts: Int32Array };
const numberings = new WeakMap<HolidayCalendar, Numbering>();

/** Worked out once a calendar, so that counting working days between two dates is a subtraction. */
function numbering(calendar: HolidayCalendar): Numbering {
  const known = numberings.get(calendar);
  if (known) return known;
  const start = Date.UTC(calendar.firstYear, 0, 1);
  const counts = new Int32Array((Date.UTC(calendar.lastYear + 1, 0, 1) - start) / DAY_MS);
  let count = 0;
  for (let i = 0; i < counts.length; i++) {
    const ms = start + i * DAY_MS;
    const weekday = new Date(ms).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !calendar.holidays.has(fromMs(ms))) count += 1;
    counts[i] = count;
  }
  const made = { start, counts };
  numberings.set(calendar, made);
  return made;
}

/** Where a deadline stands: still to come, due today, overdue, or met (on time or late). */
export type Deadline =
  | { readonly kind: 'upcoming'; readonly due: IsoDay; readonly workingDaysLeft: number }
  | { readonly kind: 'dueToday'; readonly due: IsoDay }
  | { readonly kind: 'overdue'; readonly due: IsoDay; readonly workingDaysOverdue: number }
  | { readonly kind: 'met'; readonly due: IsoDay; readonly workingDaysLate: number };

/** The day a sign-off is due: the partnership's number of working days after it was asked for. */
export const signOffDueDay = (
  sentForSignOffAt: Date | string,
  workingDays: number,
  calendar = ENGLAND_AND_WALES,
): IsoDay => addWorkingDays(sentForSignOffAt, workingDays, calendar);

/**
 * Where a deadline stands on a day. Work done on the due day or before is on time; work still open
 * after it is overdue by the working days since. workingDaysOverdue can be 0 when the due day was
 * followed only by a weekend or holidays: it is overdue all the same.
 */
export function deadline(
  due: IsoDay,
  now: Date | string,
  doneAt: Date | string | undefined,
  calendar = ENGLAND_AND_WALES,
): Deadline {
  const dueDay = toDay(due);
  if (doneAt !== undefined) {
    // Done before the due day counts as on time, not as negative lateness.
    const late = Math.max(0, workingDaysBetween(dueDay, doneAt, calendar));
    return { kind: 'met', due: dueDay, workingDaysLate: late };
  }
  const today = toDay(now);
  if (today === dueDay) return { kind: 'dueToday', due: dueDay };
  if (dayMs(today) < dayMs(dueDay))
    return {
      kind: 'upcoming',
      due: dueDay,
      workingDaysLeft: workingDaysBetween(today, dueDay, calendar),
    };
  return {
    kind: 'overdue',
    due: dueDay,
    workingDaysOverdue: workingDaysBetween(dueDay, today, calendar),
  };
}

/** A deadline in plain words, for a list or a card. */
export function describeDeadline(d: Deadline): string {
  const days = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;
  switch (d.kind) {
    case 'upcoming':
      return `Due ${d.due}, in ${days(d.workingDaysLeft)}`;
    case 'dueToday':
      return `Due today (${d.due})`;
    case 'overdue':
      return d.workingDaysOverdue === 0
        ? `Overdue: it was due ${d.due}`
        : `Overdue by ${days(d.workingDaysOverdue)}: it was due ${d.due}`;
    case 'met':
      return d.workingDaysLate === 0
        ? `Done on time (due ${d.due})`
        : `Done ${days(d.workingDaysLate)} late (due ${d.due})`;
  }
}
