import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CASE_REFERENCE_FORMAT } from '../commissioning.js';
import {
  caseReferenceFormatProblem,
  MAX_DIGIT_RUN,
  MAX_GROUP_DEPTH,
  MAX_LETTER_RUN,
  partnershipCaseReferenceFormat,
} from './caseReferenceFormat.js';

const TAIL =
  '. References travel in notifications, so the format must admit only codes such as NSP-CP-0101.';
const problem = (source: string) => caseReferenceFormatProblem(source)?.replace(TAIL, '');
/** A dash inside `depth` groups, one in another, before NSP and a digit. */
const nested = (depth: number) => `^${'('.repeat(depth)}-${')'.repeat(depth)}NSP\\d$`;
const TOO_DEEP = `The case reference format nests groups more than ${MAX_GROUP_DEPTH} deep: write it with fewer ( ) inside one another`;

describe('case reference formats', () => {
  it.each([
    DEFAULT_CASE_REFERENCE_FORMAT,
    '^NSP-(CP|CIN|EH)-\\d{4}$',
    '^(?:NSP|LSC)/\\d{6}$',
    '^(?<area>[A-Z]{3})-\\d{4}$',
    '^NSP-[0-9]{4}[A-Z]?$',
    '^([A-Z]{3}-)?\\d{4}$',
    '^[A-Z]{2}\\.\\d{5}$',
    '^NSP\\u002D\\x41\\d{4}$',
    '^CP_\\d{3,7}$',
    '^[-A-Z]{2}\\d{3}$',
    '^\\bNSP\\d{3}\\b$',
    '^NSP-\\d{4}?$',
    '^NSP-\\d{2,4}?$',
  ])('accepts %s', (source) => {
    expect(caseReferenceFormatProblem(source)).toBeUndefined();
  });

  it('refuses an expression that does not compile', () => {
    expect(problem('^(NSP$')).toBe('The case reference format is not a valid regular expression');
  });

  it('refuses a format that does not anchor a whole reference', () => {
    const anchor =
      'The case reference format must match a whole reference: start it with ^ and end it with $';
    expect(problem('.+')).toBe(anchor);
    expect(problem('[A-Z]{2}-\\d{4}$')).toBe(anchor);
    expect(problem('^[A-Z]{2}-\\d{4}')).toBe(anchor);
    expect(problem('^[A-Z]{2}-\\d{4}\\$')).toBe(anchor);
  });

  it('refuses parts it cannot read rather than guess', () => {
    for (const source of [
      '^NSP-(?=\\d)\\d{4}$',
      '^NSP-(?!0)\\d{4}$',
      '^(A)\\1\\d{4}$',
      '^NSP-\\p{Lu}\\d{4}$',
      '^NSP-[\\p{Lu}]\\d{4}$',
      '^\\cA\\d{4}$',
      '^\\k<a>\\d$',
    ])
      expect([source, problem(source)]).toEqual([
        source,
        expect.stringMatching(/^The case reference format uses a part this check cannot read/),
      ]);
  });

  it('refuses alternatives outside a group', () => {
    expect(problem('^CP-\\d{4}|CIN-\\d{4}$')).toBe(
      'The case reference format has alternatives outside a group: put them inside ( ) between ^ and $',
    );
  });

  it('refuses a format that admits any character', () => {
    for (const source of ['^.+$', '^.{4}$', '^[^-]{4}$', '^NSP-.\\d{4}$'])
      expect([source, problem(source)]).toEqual([
        source,
        'The case reference format would admit any character',
      ]);
  });

  it('refuses spaces, however written', () => {
    for (const source of [
      '^[A-Z ]{2}\\d{4}$',
      '^\\d{4}\\s\\d{2}$',
      '^NSP \\d{4}$',
      '^\\d{2}\\t\\d{2}$',
      '^[\\s\\d]{4}$',
      '^\\d{2}\\u0020\\d{2}$',
      '^[\\t\\d]{4}$',
    ])
      expect([source, problem(source)]).toEqual([
        source,
        'The case reference format would admit spaces, and with them words',
      ]);
  });

  it('refuses any repeat without an upper bound', () => {
    for (const source of [
      '^\\w+$',
      '^[A-Z]+-\\d{4}$',
      '^NSP-\\d*$',
      '^NSP-\\d{4,}$',
      '^(NSP-\\d)+$',
      '^([A-Z]{2}(-\\d)*)\\d$',
    ])
      expect([source, problem(source)]).toEqual([
        source,
        'The case reference format would admit a reference of any length (a *, + or {n,} repeat)',
      ]);
  });

  it('refuses lower-case letters', () => {
    for (const source of [
      '^[A-Za-z]{2}-\\d{4}$',
      '^\\w{4}$',
      '^\\S{4}$',
      '^nsp-\\d{4}$',
      '^\\D{2}\\d$',
    ])
      expect([source, problem(source)]).toEqual([
        source,
        expect.stringMatching(
          /^The case reference format would admit (lower-case letters|spaces|any character)/,
        ),
      ]);
    expect(problem('^[a-f]{2}\\d{4}$')).toBe(
      'The case reference format would admit lower-case letters, or letters of a script without capitals: use capitals such as [A-Z]',
    );
  });

  it(`refuses more than ${MAX_LETTER_RUN} letters in a row, counting groups and literals`, () => {
    expect(problem('^[A-Z]{2,7}-\\d{4}$')).toBe(
      'The case reference format would admit 7 letters in a row, enough for a name: allow at most 6',
    );
    expect(problem('^([A-Z]{3}){3}\\d$')).toMatch(/admit 9 letters in a row/);
    expect(problem('^NSPCP[A-Z]{2}\\d$')).toMatch(/admit 7 letters in a row/);
    expect(problem('^[A-Z]{3}(CP|CIN)[A-Z]\\d$')).toMatch(/admit 7 letters in a row/);
    expect(problem('^([A-Z]{2}|[A-Z]{4})[A-Z]{3}\\d$')).toMatch(/admit 7 letters in a row/);
    expect(problem('^[A-Z]{3}-[A-Z]{3}-\\d$')).toBeUndefined();
    expect(problem('^[A-Z]{6}\\d$')).toBeUndefined();
  });

  it(`refuses more than ${MAX_DIGIT_RUN} digits in a row`, () => {
    expect(problem('^NSP-\\d{10}$')).toBe(
      'The case reference format would admit 10 digits in a row, enough for a date of birth, an NHS or a phone number: allow at most 7',
    );
    expect(problem('^NSP-\\d{4}-?\\d{4}$')).toMatch(/admit 8 digits in a row/);
    expect(problem('^NSP-(\\d{4}){2}$')).toMatch(/admit 8 digits in a row/);
    expect(problem('^NSP-\\d{7}$')).toBeUndefined();
  });

  it('requires at least one digit', () => {
    for (const source of [
      '^[A-Z]{3}$',
      '^NSP-\\d?$',
      '^NSP(-\\d)?$',
      '^NSP-\\d{0,3}$',
      '^NSP-(\\d|[A-Z])$',
      '^NSP-[A-Z0-9]{4}$',
    ])
      expect([source, problem(source)]).toEqual([
        source,
        'The case reference format must require at least one digit',
      ]);
    expect(problem('^NSP-(\\d|[0-9]{2})$')).toBeUndefined();
  });

  it('writes every refusal as one plain sentence ending with why it matters', () => {
    expect(caseReferenceFormatProblem('^.+$')).toBe(
      'The case reference format would admit any character. References travel in notifications, so the format must admit only codes such as NSP-CP-0101.',
    );
  });
});

describe('how the check reads a format', () => {
  const SPACES = 'The case reference format would admit spaces, and with them words';
  const LOWER =
    'The case reference format would admit lower-case letters, or letters of a script without capitals: use capitals such as [A-Z]';
  const ANY_LENGTH =
    'The case reference format would admit a reference of any length (a *, + or {n,} repeat)';
  const CANNOT_READ = expect.stringMatching(
    /^The case reference format uses a part this check cannot read/,
  );
  const letters = (n: number) =>
    `The case reference format would admit ${n} letters in a row, enough for a name: allow at most ${MAX_LETTER_RUN}`;

  it('keeps the kinds of characters a class admits apart', () => {
    // Letters beside digits: neither run is counted as the other.
    expect(problem('^[A-Z]{3}\\d{5}$')).toBeUndefined();
    // Letters, digits and spaces but no punctuation: refused for the spaces, not as "anything".
    expect(problem('^[A-Za-z0-9 ]{1,5}$')).toBe(SPACES);
  });

  it('reads a range up to and including its last character', () => {
    // A-a runs through [\\]^_` to the lower-case a.
    expect(problem('^NSP[A-a]\\d{4}$')).toBe(LOWER);
    // An escaped end of a range: ! to / is punctuation only, so the six letters stay a run of six.
    expect(problem('^[A-Z]{6}[!-\\/]\\d{4}$')).toBeUndefined();
    // A dash before the closing bracket is a dash, not a range.
    expect(problem('^NSP[A-]\\d{4}$')).toBeUndefined();
    // An escaped dash in a class is punctuation, not a space.
    expect(problem('^NSP[\\-/]\\d{4}$')).toBeUndefined();
  });

  it('reads escaped line breaks and other controls as spaces, in a class or not', () => {
    for (const e of ['n', 'r', 'f', 'v'])
      expect([e, problem(`^NSP\\${e}\\d{4}$`)]).toEqual([e, SPACES]);
    expect(problem('^NSP[\\n]\\d{4}$')).toBe(SPACES);
  });

  it('does not let an anchor or a word boundary inside the format split a run of letters', () => {
    expect(problem('^[A-Z]{4}^[A-Z]{3}\\d$')).toBe(letters(7));
    expect(problem('^[A-Z]{4}$[A-Z]{3}\\d$')).toBe(letters(7));
    expect(problem('^[A-Z]{6}\\B\\d{4}$')).toBeUndefined();
    // A lazy repeat is the same repeat: four and three letters are still seven in a row.
    expect(problem('^[A-Z]{4}?[A-Z]{3}\\d$')).toBe(letters(7));
  });

  it('reads every group, named or not, from where it starts', () => {
    expect(problem('^([A-Z]{4})([A-Z]{3})(?<n>\\d)$')).toBe(letters(7));
  });

  it('refuses escapes and classes it cannot read in full', () => {
    expect(problem('^NSP\\u-1234$')).toEqual(CANNOT_READ);
    expect(problem('^NSP\\x-12$')).toEqual(CANNOT_READ);
    expect(problem('^NSP\\x4G\\d$')).toEqual(CANNOT_READ);
    // [^] (any character) and [] (none) are JavaScript's own, and refused.
    expect(problem('^NSP[^]\\d{4}$')).toEqual(CANNOT_READ);
    expect(problem('^NSP[]\\d{4}$')).toEqual(CANNOT_READ);
  });

  it('refuses a format whose [] would hide groups and alternatives in a class', () => {
    // JavaScript reads [] as nothing, so "[]|" leaves the other alternative: nine capitals in a
    // row, a name. Read as one class from [ to the next ], that looked like one capital.
    const capitals = '^\\d(?:[]|(?:J|A|N|E|S|M|I|T|H){9}[-])$';
    expect(new RegExp(capitals).test('1JANESMITH-')).toBe(true);
    expect(problem(capitals)).toEqual(CANNOT_READ);
    // Here the class took in a group's ( and its ) seemed to end the format early: "1]jane smith".
    const early = '^\\d(?:[]|(]))[a-z ]{1,20}$';
    expect(new RegExp(early).test('1]jane smith')).toBe(true);
    expect(problem(early)).toEqual(CANNOT_READ);
  });

  it('counts letters of scripts without capitals as letters, written plainly or escaped', () => {
    // Chinese characters are letters that are neither capitals nor small letters (\p{Lo}): a
    // name written in them must not pass as a run of nothing.
    expect(problem('^[一-鿿]{3}\\d$')).toBe(LOWER);
    expect(problem('^[\\u4e00-\\u9fff]{3}\\d$')).toBe(LOWER);
    expect(problem('^NSP\\u4e00\\d$')).toBe(LOWER);
    expect(problem('^[\\x41-\\x5a]{3}\\d$')).toBeUndefined();
    expect(problem('^[\\x41-\\x5a]{7}\\d$')).toBe(letters(7));
    // Capitals of other scripts are capitals: counted in a run like A to Z.
    expect(problem('^[А-Я]{3}\\d$')).toBeUndefined();
    expect(problem('^[А-Я]{7}\\d$')).toBe(letters(7));
    // Title-case (ǅ) and modifier letters (ʰ) are letters but not capitals.
    expect(problem('^NSPǅ\\d$')).toBe(LOWER);
    expect(problem('^NSPʰ\\d$')).toBe(LOWER);
  });

  it('reads a range of any width whole', () => {
    // A to U+FFFF: capitals, small letters, no-break spaces and punctuation but no digit (\d is
    // 0 to 9 only), so it is refused for its spaces; from U+0000 it holds the digits too.
    expect(problem('^[A-\\uffff]$')).toBe(SPACES);
    expect(problem('^[\\u0000-\\uffff]$')).toMatch(/would admit any character$/);
    // The last character of a wide range is read: U+4E00 to U+9FFF ends on letters, with none
    // before U+4E00 in it.
    expect(problem('^[\\u3400-\\u4dbf]\\d$')).toBe(LOWER);
    expect(problem('^[\\u4dc0-\\u4dff]\\d$')).toBeUndefined();
  });

  it('reads escapes inside a class as the characters they name', () => {
    // \b in a class is a backspace, a control: neither a letter nor a space.
    expect(problem('^NSP[\\b]\\d$')).toBeUndefined();
    // A class escape after a dash is that class, the dash and the first character: no range.
    expect(problem('^[!-\\d]{8}$')).toMatch(/would admit 8 digits in a row/);
    expect(problem('^NSP[!-\\d]\\d$')).toBeUndefined();
    expect(problem('^NSP[a-\\d]\\d$')).toBe(LOWER);
  });

  it('reads an escaped letter in a class as that letter', () => {
    // [\a] is the letter a (an identity escape), not a control character.
    expect(problem('^NSP[\\a]\\d$')).toBe(LOWER);
  });

  it('reads a range that starts at the backspace \\b up to its end', () => {
    // U+0008 to U+000D runs through the tab and the line breaks.
    expect(problem('^NSP[\\b-\\r]\\d$')).toBe(SPACES);
  });

  it('reads a class escape inside a class as that class', () => {
    expect(problem('^NSP-[\\d]{4}$')).toBeUndefined();
  });

  it('adds nothing of its own for a lazy repeat', () => {
    // Letters, digits and spaces, no punctuation: the ? after {1,5} is not a character.
    expect(problem('^[A-Za-z0-9 ]{1,5}?$')).toBe(SPACES);
  });

  it(`refuses groups nested more than ${MAX_GROUP_DEPTH} deep, and counts groups side by side apart`, () => {
    expect(problem(nested(MAX_GROUP_DEPTH))).toBeUndefined();
    expect(problem(nested(MAX_GROUP_DEPTH + 1))).toBe(TOO_DEEP);
    // JavaScript compiles a format nested thousands deep; the check refuses it as well.
    expect(problem(nested(5000))).toBe(TOO_DEEP);
    expect(problem(`^NSP${'(-)'.repeat(MAX_GROUP_DEPTH + 1)}\\d$`)).toBeUndefined();
  });

  it('reads a brace that is not a repeat as the characters it is', () => {
    expect(problem('^NSP{x}\\d{4}$')).toBe(LOWER);
  });

  it('refuses an unbounded repeat in any alternative of a group', () => {
    expect(problem('^NSP(-\\d+|\\d{4})$')).toBe(ANY_LENGTH);
  });

  it('takes only a $ at the very end as the end of a reference', () => {
    expect(problem('^NSP$\\d{4}')).toBe(
      'The case reference format must match a whole reference: start it with ^ and end it with $',
    );
  });
});

describe("the partnership's format", () => {
  const fallback = DEFAULT_CASE_REFERENCE_FORMAT;

  it('is the setting when it is acceptable', () => {
    const chosen = partnershipCaseReferenceFormat('^NSP-\\d{4}$', fallback);
    expect(chosen.format.source).toBe('^NSP-\\d{4}$');
    expect(chosen.problem).toBeUndefined();
  });

  it('is the default when nothing is set', () => {
    for (const setting of [undefined, '', '  ']) {
      const chosen = partnershipCaseReferenceFormat(setting, fallback);
      expect(chosen.format.source).toBe(fallback);
      expect(chosen.problem).toBeUndefined();
    }
  });

  it('is the default, with the reason, when the setting would admit free text', () => {
    const chosen = partnershipCaseReferenceFormat('^.+$', fallback);
    expect(chosen.format.source).toBe(fallback);
    expect(chosen.problem).toBe(caseReferenceFormatProblem('^.+$'));
    expect(chosen.format.test('Jane Smith')).toBe(false);
  });

  it('is the default, with the reason, when the setting nests groups thousands deep', () => {
    // It once overflowed the check's stack, which would have stopped the tab from starting.
    const chosen = partnershipCaseReferenceFormat(nested(5000), fallback);
    expect(chosen.format.source).toBe(fallback);
    expect(chosen.problem).toBe(`${TOO_DEEP}${TAIL}`);
  });
});
