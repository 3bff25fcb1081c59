import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CASE_REFERENCE_FORMAT } from '../commissioning.js';
import {
  caseReferenceFormatProblem,
  MAX_DIGIT_RUN,
  MAX_LETTER_RUN,
  partnershipCaseReferenceFormat,
} from './caseReferenceFormat.js';

const TAIL =
  '. References travel in notifications, so the format must admit only codes such as NSP-CP-0101.';
const problem = (source: string) => caseReferenceFormatProblem(source)?.replace(TAIL, '');

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
      'The case reference format would admit lower-case letters: use capitals such as [A-Z]',
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
});
