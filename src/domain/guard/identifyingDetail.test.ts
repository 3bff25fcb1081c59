import { describe, expect, it } from '@jest/globals';
import {
  assertNoIdentifyingDetail,
  checkIdentifyingDetail,
  describeFindings,
  type DetailKind,
  type Finding,
  IdentifyingDetailError,
  isNhsNumber,
  isUpn,
  normaliseText,
} from './identifyingDetail.js';
import {
  CORPUS_CASE_REFERENCE,
  IDENTIFYING,
  PROFESSIONAL,
  corpusTexts,
} from './identifyingDetail.corpus.js';
import { VOCABULARY, wordsOf } from './vocabulary.js';
import { PROFESSIONAL_TERMS } from './vocabulary.terms.js';

/** What the guard reports for a text: each finding as kind@word, in order. */
const found = (text: string, allowed: readonly RegExp[] = []): string[] => {
  const result = checkIdentifyingDetail(text, allowed);
  return result.ok ? [] : result.findings.map((f) => `${f.kind}@${f.word}`);
};
/** Only the kinds, in order. */
const kinds = (text: string): DetailKind[] => {
  const result = checkIdentifyingDetail(text);
  return result.ok ? [] : result.findings.map((f) => f.kind);
};

describe('the corpus', () => {
  it('holds at least 300 texts, with every kind of detail and every source of professional text', () => {
    // Read in the test, not while Jest collects it (mutation testing's mutants are off then).
    const all = corpusTexts();
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(all.filter((t) => t.expected === 'pass').length).toBe(
      PROFESSIONAL.flatMap((g) => g.texts).length,
    );
    const groupKinds = new Set(IDENTIFYING.map((g) => g.kind));
    for (const kind of [
      'name',
      'initials',
      'dateOfBirth',
      'date',
      'nhsNumber',
      'niNumber',
      'upn',
      'postcode',
      'address',
      'email',
      'phone',
      'school',
      'link',
    ] as const)
      expect([kind, groupKinds.has(kind)]).toEqual([kind, true]);
    for (const g of [...IDENTIFYING, ...PROFESSIONAL])
      expect([g.category, g.texts.length >= 3]).toEqual([g.category, true]);
    expect(PROFESSIONAL.flatMap((g) => g.texts).length).toBeGreaterThanOrEqual(150);
  });

  // The corpus is checked as a few tests that loop over its texts, not as one test per text:
  // mutation testing runs every test that reaches a mutant, and hundreds of small tests made a
  // whole `npm run mutation` impractical. Every text is still checked, and a failure lists each
  // text the guard got wrong and what it found instead.
  const identifying = IDENTIFYING.flatMap((g) => g.texts.map((t) => [g.kind, t] as const));
  it(`stops each of the ${identifying.length} identifying texts as its kind`, () => {
    const wrong = identifying.flatMap(([kind, text]) => {
      const result = checkIdentifyingDetail(text, [CORPUS_CASE_REFERENCE]);
      const foundKinds = result.ok ? [] : result.findings.map((f) => f.kind);
      return foundKinds.includes(kind)
        ? []
        : [`"${text}" should be stopped as ${kind}; found: ${foundKinds.join(', ') || 'nothing'}`];
    });
    expect(wrong).toEqual([]);
  });

  const professional = PROFESSIONAL.flatMap((g) => g.texts);
  it(`lets through each of the ${professional.length} professional texts`, () => {
    const wrong = professional.flatMap((text) => {
      const result = checkIdentifyingDetail(text, [CORPUS_CASE_REFERENCE]);
      return result.ok
        ? []
        : [`"${text}" should pass; found: ${describeFindings(result.findings)}`];
    });
    expect(wrong).toEqual([]);
  });

  it('holds every word of the professional terms in the vocabulary', () => {
    const missing = PROFESSIONAL_TERMS.flatMap(wordsOf).filter((w) => !VOCABULARY.has(w));
    expect(missing).toEqual([]);
    expect(PROFESSIONAL_TERMS.length).toBeGreaterThanOrEqual(220);
  });

  it(`lets through each of the ${PROFESSIONAL_TERMS.length} professional terms, in any case`, () => {
    const wrong = PROFESSIONAL_TERMS.flatMap((term) =>
      [term, term.toUpperCase(), term.toLowerCase()].flatMap((text) => {
        const result = checkIdentifyingDetail(text);
        return result.ok
          ? []
          : [`"${text}" should pass; found: ${describeFindings(result.findings)}`];
      }),
    );
    expect(wrong).toEqual([]);
  });
});

describe('normalisation', () => {
  it('folds full-width digits and letters, and non-breaking spaces, by NFKC', () => {
    expect(normaliseText('０７７００\u00A0ＡＢ\u202Fx')).toBe('07700 AB x');
  });

  it('removes every invisible character', () => {
    expect(
      normaliseText(
        'a\u00ADb\u180Ec\u200Bd\u200Ce\u200Df\u200Eg\u200Fh\u2060i\u2063j\u2064k\uFEFFl',
      ),
    ).toBe('abcdefghijkl');
  });

  it('maps every Cyrillic and Greek look-alike to its Latin letter', () => {
    expect(normaliseText('авекмнорстухіјѕԁһӏԛԝ')).toBe('abekmhopctyxijsdhlqw');
    expect(normaliseText('АВЕКМНОРСТУХІЈЅ')).toBe('ABEKMHOPCTYXIJS');
    expect(normaliseText('ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ')).toBe('ABEZHIKMNOPTYX');
    expect(normaliseText('αικνορτυ')).toBe('aikvoptu');
  });

  it('leaves other letters, accents included, as they are', () => {
    expect(normaliseText('Zoë Ωmega δ')).toBe('Zoë Ωmega δ');
  });

  it('makes typographic apostrophes and dashes plain', () => {
    expect(normaliseText('O‘B’ʼ`')).toBe("O'B'''");
    expect(normaliseText('a‐b‑c‒d–e—f―g−h')).toBe('a-b-c-d-e-f-g-h');
  });

  it('reads a disguised detail as the plain one', () => {
    expect(found('Jаne Smith')).toEqual(['name@1']); // Cyrillic a
    expect(found('Ja\u200Bne Smi\u200Bth')).toEqual(['name@1']);
    expect(found('Call ０７７００ ９００１２３')).toEqual(['phone@2']);
    expect(found('LS1\u00A04AP')).toEqual(['postcode@1']);
    expect(found('O’Brien')).toEqual(['name@1']);
  });
});

describe('NHS numbers', () => {
  it('accepts ten digits whose last is the modulus 11 check of the first nine', () => {
    expect(isNhsNumber('9434765919')).toBe(true);
    expect(isNhsNumber('9990126704')).toBe(true);
  });

  it('refuses a wrong check digit, a check of 10, and anything not ten digits', () => {
    expect(isNhsNumber('9434765918')).toBe(false);
    expect(isNhsNumber('9434765910')).toBe(false);
    // 1000000000: the weighted sum is 10, so the check is 11 - 10 = 1.
    expect(isNhsNumber('1000000000')).toBe(false);
    expect(isNhsNumber('1000000001')).toBe(true);
    // 0000000060: the weighted sum is 12, remainder 1, so the check would be 10: no NHS number.
    for (let last = 0; last <= 9; last++)
      expect([String(last), isNhsNumber(`000000006${last}`)]).toEqual([String(last), false]);
    expect(isNhsNumber('943476591')).toBe(false);
    expect(isNhsNumber('94347659190')).toBe(false);
    expect(isNhsNumber('943476591a')).toBe(false);
  });

  it('takes a remainder of 0 to a check digit of 0', () => {
    // 0000000000: sum 0, 11 - 0 = 11, which means 0.
    expect(isNhsNumber('0000000000')).toBe(true);
    expect(isNhsNumber('0000000001')).toBe(false);
  });

  it('finds an NHS number however it is written', () => {
    for (const t of ['999 012 6704', '9990126704', '999-012-6704', '999.012.6704'])
      expect([t, found(`No ${t}`)]).toEqual([t, ['nhsNumber@2']]);
  });

  it('finds a number after "NHS no" even when the check fails, and not "NHS 111"', () => {
    expect(kinds('NHS no 999 012 6705')).toEqual(['nhsNumber']);
    expect(kinds('NHS number: 1234567')).toEqual(['nhsNumber']);
    expect(kinds('NHS#123456')).toEqual(['nhsNumber']);
    expect(kinds('NHS num 123456')).toEqual(['nhsNumber']);
    expect(kinds('NHS no 12345')).toEqual([]);
    expect(kinds('NHS 111 was called')).toEqual([]);
    expect(kinds('Batch 123 456 7890 processed')).toEqual([]);
  });
});

describe('unique pupil numbers', () => {
  it('accepts the check letter of characters 2 to 13 weighted 2 to 13, mod 23', () => {
    expect(isUpn('T820400125001')).toBe(true);
    expect(isUpn('t820400125001')).toBe(true);
    expect(isUpn('Z37360000123A')).toBe(true);
  });

  it('refuses a wrong check letter, a wrong length and letters outside the table', () => {
    expect(isUpn('A820400125001')).toBe(false);
    expect(isUpn('T82040012500')).toBe(false);
    expect(isUpn('T8204001250011')).toBe(false);
    expect(isUpn('T82040012500I')).toBe(false);
    expect(isUpn('820400125001T')).toBe(false);
    // A valid number with a letter in front is fourteen characters, not a number ending in one.
    expect(isUpn('MT820400125001')).toBe(false);
    // I, O and S are not in the table: no check letter makes them valid, whatever the sum.
    expect(isUpn('P82040012500I')).toBe(false);
  });

  it('stops a valid number anywhere, and any such number after "UPN"', () => {
    expect(kinds('Pupil T820400125001')).toEqual(['upn']);
    expect(kinds('Pupil A820400125001')).toEqual([]);
    expect(kinds('UPN A820400125001')).toEqual(['upn']);
    expect(kinds('unique pupil number: A820400125001')).toEqual(['upn']);
  });
});

describe('each detector on its own', () => {
  it('emails, written and spoken', () => {
    expect(found('Email jane.smith+1@example.co.uk now')).toEqual(['email@2']);
    expect(kinds('jane at example dot com')).toEqual(['email']);
    expect(kinds('jane (at) example (dot) com')).toEqual(['email']);
    expect(kinds('jane(at)example.com')).toEqual(['email']);
    expect(kinds('jane [at] example [dot] com')).toEqual(['email']);
    expect(kinds('jane at example.com')).toEqual(['email']);
    expect(kinds('Seen at school. Then the plan was agreed.')).toEqual([]);
    expect(kinds('Met at 10.30 at the office')).toEqual([]);
  });

  it('links: web addresses, bare domains and markdown links', () => {
    expect(kinds('See https://x.example/a')).toEqual(['link']);
    expect(kinds('See http://x.example/a')).toEqual(['link']);
    expect(kinds('See www.example.com')).toEqual(['link']);
    expect(kinds('See example.org/a')).toEqual(['link']);
    expect(kinds('See example.net')).toEqual(['link']);
    expect(kinds('See gov.uk')).toEqual(['link']);
    expect(kinds('[the file](records/12)')).toEqual(['link']);
    expect(kinds('See [brackets] (not a link)')).toEqual([]);
    for (const tld of ['com', 'org', 'net', 'uk', 'io', 'info', 'me', 'ly'])
      expect([tld, kinds(`See records.${tld}`)]).toEqual([tld, ['link']]);
    expect(kinds('See records.xyz')).toEqual([]);
  });

  it('phones: mobile, landline, brackets, +44 and 0044', () => {
    expect(found('Call 07700 900123 today')).toEqual(['phone@2']);
    expect(kinds('07700900123')).toEqual(['phone']);
    expect(kinds('(0113) 496 0000')).toEqual(['phone']);
    expect(kinds('+44 7700 900123')).toEqual(['phone']);
    expect(kinds('+44 (0) 7700 900123')).toEqual(['phone']);
    expect(kinds('0044 7700 900123')).toEqual(['phone']);
    expect(kinds('0044 (0)113 496 0000')).toEqual(['phone']);
    expect(kinds('+44 12345')).toEqual([]);
    expect(kinds('Called 999, then 101 and NHS 111')).toEqual([]);
    expect(kinds('Reference 1234 5678 90')).toEqual([]);
    expect(kinds('Call 0770 090 01')).toEqual([]);
    expect(kinds('Call 0770 090 012')).toEqual(['phone']);
    expect(kinds('Call 0077 0090 0123')).toEqual([]);
    expect(kinds('Call 07700 900 1234 5')).toEqual([]);
    // 0044 inside a national number is not a country code.
    expect(kinds('Call 07700 441234')).toEqual(['phone']);
    expect(kinds('00 44 7700 900123')).toEqual(['phone']);
    // +44 and nine national digits (a short area's number), a 0 among them.
    expect(kinds('+44 16977 3040')).toEqual(['phone']);
    // +44 and eleven national digits: too long for a UK number.
    expect(kinds('+44 7700 900 1234')).toEqual([]);
  });

  it("phones: another country's number written with its +, from 8 to 15 digits", () => {
    expect(found('Dad lives abroad: +1 212 555 0144')).toEqual(['phone@4']);
    // 13 digits, a 44 among them: an Irish number (Mullingar), not a UK one.
    expect(kinds('Ring +353 44 93 12345')).toEqual(['phone']);
    expect(kinds('+33 6 12 34 56 78')).toEqual(['phone']);
    expect(kinds('+49 30 1234 5678 901')).toEqual(['phone']);
    expect(kinds('+1 234 567')).toEqual([]);
    expect(kinds('+49 30 1234 5678 9012')).toEqual([]);
    // Written with 00, only the UK's 0044 is read as a country code.
    expect(kinds('Call 0033 6123 4567')).toEqual([]);
  });

  it('National Insurance numbers, spaced, dashed or run together, in any case', () => {
    expect(kinds('NI JG103721A')).toEqual(['niNumber']);
    expect(kinds('NI jg 10 37 21 a')).toEqual(['niNumber']);
    expect(kinds('NI JG-10-37-21-D')).toEqual(['niNumber']);
    expect(kinds('NI JG103721E')).toEqual([]);
    for (const prefix of ['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ', 'DA', 'AD', 'QA', 'AO'])
      expect([prefix, kinds(`NI ${prefix}103721A`)]).toEqual([prefix, []]);
  });

  it('full dates: numeric, ISO, written, and eight digits', () => {
    expect(found('Seen 14/10/2025')).toEqual(['date@2']);
    expect(kinds('Seen 14-10-2025')).toEqual(['date']);
    expect(kinds('Seen 14.10.2025')).toEqual(['date']);
    expect(kinds('Seen 14/10/25')).toEqual(['date']);
    expect(kinds('Seen 14/10-2025')).toEqual([]);
    expect(kinds('Seen 2025-10-14')).toEqual(['date']);
    expect(kinds('Seen 2025/10/14')).toEqual(['date']);
    expect(kinds('Seen 14 October 2025')).toEqual(['date']);
    expect(kinds('Seen 14th of Oct. 2025')).toEqual(['date']);
    expect(kinds('Seen October 14th, 2025')).toEqual(['date']);
    expect(kinds('Seen 14102025')).toEqual(['date']);
    expect(kinds('Seen 20251014')).toEqual(['date']);
    expect(kinds('Seen 32/10/2025')).toEqual([]);
    expect(kinds('Seen 14/13/2025')).toEqual([]);
    expect(kinds('Seen 31022025')).toEqual([]);
    expect(kinds('Seen 14002025')).toEqual([]);
    expect(kinds('Seen 00102025')).toEqual([]);
    expect(kinds('Seen 31121899')).toEqual([]);
    expect(kinds('Seen 31122100')).toEqual([]);
    expect(kinds('Seen 29022024')).toEqual(['date']);
    expect(kinds('Seen 31042025')).toEqual([]);
    // The edges of what a run of digits may be: the 1st, January and December, a 31-day July,
    // 1900 and 2099.
    expect(kinds('Seen 01102025')).toEqual(['date']);
    expect(kinds('Seen 15012025')).toEqual(['date']);
    expect(kinds('Seen 15122025')).toEqual(['date']);
    expect(kinds('Seen 31072025')).toEqual(['date']);
    expect(kinds('Seen 15061900')).toEqual(['date']);
    expect(kinds('Seen 15062099')).toEqual(['date']);
    // Single-digit days and months with dots and a four-digit year are a date, not a section number.
    expect(kinds('Seen 1.3.2025')).toEqual(['date']);
    expect(kinds('Seen 14 October')).toEqual([]);
    expect(kinds('Planned for October 2025')).toEqual([]);
    expect(kinds('guidance 2.3.12')).toEqual([]);
  });

  it('dates of birth: any date near a birth word, and parts of one', () => {
    expect(found('DOB 12/03/2015')).toEqual(['dateOfBirth@2']);
    expect(kinds('d.o.b. 12.03.15')).toEqual(['dateOfBirth']);
    expect(kinds('date of birth 2015-03-12')).toEqual(['dateOfBirth']);
    expect(kinds('birthdate 12 March 2015')).toEqual(['dateOfBirth']);
    expect(kinds('DOB 12032015')).toEqual(['dateOfBirth']);
    expect(kinds('DOB 120315')).toEqual(['dateOfBirth']);
    expect(kinds('born 2015')).toEqual(['dateOfBirth']);
    expect(kinds('born in 2015')).toEqual(['dateOfBirth']);
    // The part of a date is looked for after the whole birth word, however long.
    expect(kinds('date of birth 2015')).toEqual(['dateOfBirth']);
    expect(kinds('born on 12 March')).toEqual(['dateOfBirth']);
    expect(kinds('born March 12')).toEqual(['dateOfBirth']);
    expect(kinds('birthday 12/3')).toEqual(['dateOfBirth']);
    expect(kinds('born prematurely at 32 weeks')).toEqual([]);
    // A birth word counts for a date only within 30 characters before it.
    expect(kinds('born early; the review was 12/03/2025')).toEqual(['dateOfBirth']);
    expect(kinds('born early; much later, the review was held 12/03/2025')).toEqual(['date']);
    expect(kinds('dob, then 2015')).toEqual([]);
    expect(kinds('DOB: 2015')).toEqual(['dateOfBirth']);
    expect(kinds('born in Poland')).toEqual([]);
    expect(kinds('120315')).toEqual([]);
    // Seven digits are neither DDMMYYYY nor DDMMYY, even after a birth word.
    expect(kinds('DOB 1203159')).toEqual([]);
    // An ISO date with a one-digit month near a birth word: the date is the date of birth.
    expect(kinds('born early; the review was 2015-3-12')).toEqual(['dateOfBirth']);
  });

  it('postcodes, in any case, with or without the space', () => {
    expect(found('At LS1 4AP now')).toEqual(['postcode@2']);
    expect(kinds('ls14ap')).toEqual(['postcode']);
    expect(kinds('EC1A 1BB')).toEqual(['postcode']);
    expect(kinds('GIR 0AA')).toEqual(['postcode']);
    expect(kinds('B33 8TH')).toEqual(['postcode']);
    expect(kinds('W1 1AA')).toEqual(['postcode']);
    expect(kinds('Y9 2nd term')).toEqual([]);
    expect(kinds('KS2 3rd year')).toEqual([]);
    expect(kinds('LS1 4AI')).toEqual([]);
  });

  it('addresses: number and street, flats, "Address:"', () => {
    expect(found('At 12 acacia avenue')).toEqual(['address@2']);
    expect(kinds('12 High Street')).toEqual(['address']);
    expect(kinds('12 high street')).toEqual(['address']);
    expect(kinds('12a Mill Lane')).toEqual(['address']);
    expect(kinds('4 Ash Close')).toEqual(['address']);
    expect(kinds('4 ash close')).toEqual(['address']);
    expect(kinds('Flat 4')).toEqual(['address']);
    expect(kinds('apartment 4b')).toEqual(['address']);
    expect(kinds('Address: 4')).toEqual(['address']);
    expect(kinds('apt 4')).toEqual(['address']);
    expect(kinds('4 New Close')).toEqual(['address']);
    // Typed with caps lock on: a capital anywhere in the street type counts.
    expect(kinds('4 nEW lANE')).toEqual(['address']);
    expect(kinds('had 4 new close calls')).toEqual([]);
    expect(kinds('4 new close')).toEqual([]);
    expect(kinds('4 new park')).toEqual([]);
    expect(kinds('4 ash park')).toEqual(['address']);
    expect(kinds('3 visits close together')).toEqual([]);
    expect(kinds('2 weeks in family court')).toEqual([]);
    expect(kinds('2 weeks in Family Court')).toEqual([]);
    // Two spaces between ordinary words make no unknown word.
    expect(kinds('4 new  old close')).toEqual([]);
    // One unknown word among ordinary ones before a street type is enough.
    expect(kinds('4 new ash park')).toEqual(['address']);
  });

  it('schools: saints, academies, primaries, in capitals or not', () => {
    expect(found("At St Mary's Primary today")).toEqual(['school@2']);
    expect(kinds('Oakfield Academy')).toEqual(['school']);
    expect(kinds('Oakfield High School')).toEqual(['school']);
    expect(kinds('Oakfield School')).toEqual(['school']);
    expect(kinds('Oakfield Nursery')).toEqual(['school']);
    expect(kinds('attends oakfield primary')).toEqual(['school']);
    expect(kinds('attends oakfield academy')).toEqual(['school']);
    expect(kinds('walked to school')).toEqual([]);
    // A plain "school" after a lower-case word is too common to stop ("hates school").
    expect(kinds('attends kingsway school')).toEqual([]);
    expect(kinds('Virtual School')).toEqual([]);
    expect(kinds('the primary school')).toEqual([]);
    // A school type before another is the kind of school, not a name.
    expect(kinds('Moved up to the Junior School in September')).toEqual([]);
    expect(kinds('Offered a place at a Grammar School')).toEqual([]);
    expect(kinds('Oakfield Junior School')).toEqual(['school']);
    expect(found('Spoke to Junior about it')).toEqual(['name@3']);
    for (const type of [
      'Primary',
      'Infant',
      'Infants',
      'Junior',
      'Juniors',
      'Academy',
      'School',
      'College',
      'Nursery',
      'Grammar',
      'High',
    ])
      expect([type, found(`At Oakfield ${type}`)]).toEqual([type, ['school@2']]);
    for (const type of ['primary', 'infants', 'juniors', 'academy', 'grammar'])
      expect([type, found(`at oakfield ${type}`)]).toEqual([type, ['school@2']]);
    for (const type of ['infant', 'junior', 'college', 'nursery', 'high'])
      expect([type, found(`at oakfield ${type}`)]).toEqual([type, []]);
    expect(found("Attends St Mary's C of E Primary")).toEqual(['school@2']);
    expect(found('Oakfield, Primary')).toEqual([]);
  });

  it("schools: a name's words joined by spaces only, at most five of them before the type", () => {
    expect(found('Oakfield  Academy')).toEqual(['school@1']);
    expect(found(' Oakfield Academy')).toEqual(['school@1']);
    // A comma or a bracket ends the school's name; two spaces do not.
    expect(found('Seen by Zebedee, Oakfield Academy')).toEqual(['name@3', 'school@4']);
    expect(found('Seen by Zebedee (Oakfield Academy)')).toEqual(['name@3', 'school@4']);
    expect(found('Seen by Zebedee  Oakfield Academy')).toEqual(['school@3']);
    // Five ordinary capitalised words before the type: the unknown word before them is a name.
    expect(found('Seen by Zebedee Early Help Family Support Hub Academy')).toEqual(['name@3']);
    // A word already in a school's name is not reported again as part of a person's name.
    expect(found('In April Oakfield Academy held the meeting')).toEqual(['school@3']);
  });

  it('initials: dotted, and after a role', () => {
    expect(found('J.S. seen')).toEqual(['initials@1']);
    expect(kinds('J. S. seen')).toEqual(['initials']);
    expect(kinds('A.B.C. seen')).toEqual(['initials']);
    expect(kinds('Child AB seen')).toEqual(['initials']);
    expect(kinds('Child: ABC')).toEqual(['initials']);
    expect(kinds('Child CP plan')).toEqual([]);
    expect(kinds('D.O.B. unknown')).toEqual([]);
    expect(kinds('N.B. the plan')).toEqual([]);
    expect(kinds('e.g. the plan')).toEqual([]);
    for (const abbreviation of ['U.K.', 'N.B.', 'E.G.', 'I.E.', 'P.S.', 'A.M.', 'P.M.', 'D.O.B'])
      expect([abbreviation, kinds(`${abbreviation} the plan`)]).toEqual([abbreviation, []]);
    // Spaced out, an abbreviation is still one; with a third letter before or after, initials.
    expect(kinds('N. B. the plan')).toEqual([]);
    expect(found('Seen J.A.M. today')).toEqual(['initials@2']);
    expect(found('Seen by A.M.B.')).toEqual(['initials@3']);
  });

  it('names: an initial and a surname', () => {
    expect(found('Seen by J. Smith')).toEqual(['name@3']);
    expect(kinds('Seen by J Okafor')).toEqual(['name']);
    expect(kinds('Seen by A. Okafor')).toEqual(['name']);
    expect(kinds('Plan B Review')).toEqual([]);
    expect(found('Seen by J Zebedee')).toEqual(['name@3']);
    expect(found('Seen by J. Zebedee')).toEqual(['name@3']);
    expect(found('Seen by A. Zebedee')).toEqual(['name@3']);
    expect(found('Seen by A Zebedee')).toEqual(['name@4']);
    expect(found('Seen by I Zebedee')).toEqual(['name@4']);
    // An initial and a surname across a line break: still one name.
    expect(found('Seen by J\nZebedee')).toEqual(['name@3']);
  });

  it('names: the lists, in any case', () => {
    expect(found('spoke to jayden')).toEqual(['name@3']);
    expect(kinds('JAYDEN')).toEqual(['name']);
    expect(kinds('ella-mae')).toEqual(['name']);
    expect(kinds('smith-jones')).toEqual(['name']);
    expect(kinds('Chloé')).toEqual(['name']);
    expect(kinds('harry')).toEqual([]);
    expect(kinds('in may')).toEqual([]);
    // Hyphenated: a known first name with another part, in lower case after a colon.
    expect(found('child: ruby-zebedee')).toEqual(['name@2']);
  });

  it('names: Irish and Scottish shapes', () => {
    expect(kinds("o'driscoll")).toEqual(['name']);
    expect(kinds('mcgregor')).toEqual(['name']);
    expect(kinds('MacAulay')).toEqual(['name']);
    expect(kinds("at six o'clock")).toEqual([]);
    expect(kinds('machine')).toEqual([]);
    expect(kinds("O'Sullivan")).toEqual(['name']);
    expect(kinds("who'll attend")).toEqual([]);
    expect(kinds("arrived about six o'clock-ish")).toEqual([]);
    // A part of a double-barrelled name, in any case for Mc and O'.
    expect(found('spoke to mcgregor-zebedee')).toEqual(['name@3']);
    expect(found("spoke to zebedee-o'driscoll")).toEqual(['name@3']);
    expect(found('spoke to Zebedee-MacAulay')).toEqual(['name@3']);
    expect(kinds('a well-machined part')).toEqual([]);
    // Mc only at a word's start: HMCTS (the courts' service) holds "mcts".
    expect(kinds('The hearing was listed by HMCTS')).toEqual([]);
    // Mac only at the start of a word or of a part of one: a computer's name is not a surname.
    expect(kinds('works on her iMacMini')).toEqual([]);
    // A lower-case first part and a Mac part: the shape alone finds it.
    expect(kinds('zebedee-MacAulay')).toEqual(['name']);
    expect(found("went to mcgregor's house")).toEqual(['name@3']);
    // A stray apostrophe later in the name keeps its shape.
    expect(found("spoke to o'ne'ill")).toEqual(['name@3']);
    expect(found("spoke to mcdo'nald")).toEqual(['name@3']);
    // Two letters at least after O' or Mc.
    expect(kinds("said it was o'k")).toEqual([]);
    expect(kinds('two mcs hosted the night')).toEqual([]);
  });

  it('names: a title and the word after it', () => {
    expect(found('Seen by Mrs Zebedee')).toEqual(['name@3']);
    expect(kinds('mrs zebedee')).toEqual(['name']);
    expect(kinds('Mr. Brown')).toEqual(['name']);
    expect(kinds('Dr Quill')).toEqual(['name']);
    expect(kinds('Miss Quill')).toEqual(['name']);
    expect(kinds('did not miss appointments')).toEqual([]);
    expect(kinds('Mrs was written')).toEqual([]);
    // The name starts at the title; a capitalised title takes a lower-case word only if it is a name.
    expect(found('Dr Quill')).toEqual(['name@1']);
    expect(found('Miss Quill')).toEqual(['name@1']);
    expect(found("Dr ok'd it")).toEqual([]);
    // Only a space or ". " joins a title to the name.
    expect(found('Seen by Dr, Quill')).toEqual(['name@3', 'name@4']);
  });

  it('names: after a role, with or without a colon or bracket', () => {
    expect(found('child: ruby')).toEqual(['name@2']);
    expect(found('YP Harry')).toEqual(['name@2']);
    expect(found('Mum (Sarah)')).toEqual(['name@2']);
    expect(found('Health Visitor Jane Smith')).toEqual(['name@3']);
    expect(kinds('Child: Zebedee')).toEqual(['name']);
    expect(kinds('Mum may attend')).toEqual([]);
    expect(kinds('child: seen alone')).toEqual([]);
    expect(kinds('Child Protection')).toEqual([]);
    // A surname in capitals after a role is a name, not initials.
    expect(found('Child ZEBEDEE')).toEqual(['name@2']);
  });

  it('names: two capitalised words that are not vocabulary', () => {
    expect(found('Seen: Zebedee Quill')).toEqual(['name@2']);
    expect(kinds('April Quill')).toEqual(['name']);
    expect(kinds('Hidden Harm')).toEqual([]);
    expect(kinds('May June')).toEqual([]);
    // The name starts at the first word, a first name that is also a word.
    expect(found('April Quill')).toEqual(['name@1']);
    // A lower-case word after a name is not part of it.
    expect(checkIdentifyingDetail('Spoke to Zebedee abt school')).toEqual({
      ok: false,
      findings: [{ kind: 'name', start: 9, end: 16, word: 3 }],
    });
  });

  it('names: a capitalised word before a verb of a person, or as a possessive', () => {
    expect(found('Zebedee said no')).toEqual(['name@1']);
    expect(kinds('Ruby was scared')).toEqual(['name']);
    expect(kinds('Zebedee was scared')).toEqual([]);
    expect(kinds("Ruby's bedroom")).toEqual(['name']);
    // The possessive inside a hyphenated name, at a sentence's start.
    expect(found("Ruby's-April toys were in the room")).toEqual(['name@1']);
    expect(kinds("Let's meet")).toEqual([]);
    expect(kinds('Neglect was found')).toEqual([]);
    expect(kinds('Police said no')).toEqual([]);
    expect(found(' Zebedee said no')).toEqual(['name@1']);
  });

  it('names: a capitalised unknown word mid-sentence, but not at a sentence start or as an acronym', () => {
    expect(found('Spoke to Zebedee today')).toEqual(['name@3']);
    expect(kinds('Zebedee. Then')).toEqual([]);
    expect(kinds('Seen. Zebedee')).toEqual([]);
    expect(kinds('Referred to ABCD today')).toEqual([]);
    expect(kinds('Seen in the Leads meeting')).toEqual([]);
    expect(kinds('Seen in Plan B today')).toEqual([]);
    expect(found('Seen with (Zebedee) today')).toEqual(['name@3']);
    for (const stop of ['.', '!', '?', ':', ';', '•', '\n', '"', '“'])
      expect([stop, kinds(`Seen${stop} Zebedee then`)]).toEqual([stop, []]);
    // A stop counts only right before the word (spaces between allowed).
    expect(found('Seen: (Zebedee) today')).toEqual(['name@2']);
    expect(kinds('Seen.  Zebedee then')).toEqual([]);
  });

  it('names: plurals and hyphenated compounds of ordinary words are ordinary words', () => {
    expect(kinds('Both Nurseries were visited')).toEqual([]);
    expect(found('Spoke to Jeffries today')).toEqual(['name@3']);
    expect(kinds('Seen at a Police-Led meeting')).toEqual([]);
    // Trailing dashes and apostrophes are not part of the word.
    expect(kinds('Referred to the Police-- no further action')).toEqual([]);
    // A word that starts with a small letter is no proper name, capitals inside or not.
    expect(kinds('Uses an iPad at home')).toEqual([]);
  });
});

describe('findings', () => {
  it('give the word each detail starts in, counting words of the text as written', () => {
    const result = checkIdentifyingDetail('Seen  by (Mrs Quill) on 07700 900123');
    expect(result).toEqual({
      ok: false,
      findings: [
        { kind: 'name', start: 10, end: 19, word: 3 },
        { kind: 'phone', start: 24, end: 36, word: 6 },
      ],
    });
  });

  it('join details of one kind side by side, and keep apart those with words between', () => {
    expect(found('Jane Smith')).toEqual(['name@1']);
    expect(found('Jayden and Kayden')).toEqual(['name@1', 'name@3']);
    expect(found('Seen by Zebedee  Quill')).toEqual(['name@3']);
    expect(found('Call Zebedee 07700 900123')).toEqual(['name@2', 'phone@3']);
  });

  it('take out the allowed patterns first, keeping positions', () => {
    expect(found('NSP-CP-0101 and Jayden', [CORPUS_CASE_REFERENCE])).toEqual(['name@3']);
    expect(found('NSP-CP-0101 and Jayden', [/NSP-CP-0101/g])).toEqual(['name@3']);
    expect(found('AB123456C and Jayden', [/\bAB\d{6}C\b/])).toEqual(['name@3']);
    expect(found('AB123456C and Jayden')).toEqual(['niNumber@1', 'name@3']);
  });
});

describe('the message', () => {
  const at = (kind: DetailKind, word: number): Finding => ({ kind, start: 0, end: 1, word });

  it('names each kind once with its words, in plain sentences, never the detail', () => {
    expect(describeFindings([at('date', 5)])).toBe(
      'This text seems to hold a full date that could be a date of birth (word 5). Only pseudonymised case references may leave the audit site: reword it and try again.',
    );
    expect(describeFindings([at('name', 1), at('postcode', 4), at('name', 6)])).toBe(
      "This text seems to hold a person's name (words 1 and 6) and a postcode (word 4). Only pseudonymised case references may leave the audit site: reword it and try again.",
    );
    expect(
      describeFindings([
        at('name', 1),
        at('name', 2),
        at('name', 2),
        at('name', 3),
        at('email', 9),
      ]),
    ).toMatch(
      /^This text seems to hold a person's name \(words 1, 2 and 3\) and an email address \(word 9\)\. /,
    );
  });

  it('has a label for every kind', () => {
    const labels: Record<DetailKind, string> = {
      name: "a person's name",
      initials: "a person's initials",
      dateOfBirth: 'a date of birth',
      date: 'a full date that could be a date of birth',
      nhsNumber: 'an NHS number',
      niNumber: 'a National Insurance number',
      upn: 'a unique pupil number',
      postcode: 'a postcode',
      address: 'an address',
      email: 'an email address',
      phone: 'a phone number',
      school: "a school's name",
      link: 'a link',
    };
    for (const [kind, label] of Object.entries(labels))
      expect(describeFindings([at(kind as DetailKind, 2)])).toContain(`hold ${label} (word 2).`);
  });

  it('is thrown with the field it came from, and does not repeat the detail', () => {
    let thrown: unknown;
    try {
      assertNoIdentifyingDetail('Theme title', 'DOB 12/03/2015, NHS number 943 476 5919', [
        CORPUS_CASE_REFERENCE,
      ]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(IdentifyingDetailError);
    const error = thrown as IdentifyingDetailError;
    expect(error.where).toBe('Theme title');
    expect(error.findings.map((f) => f.kind)).toEqual(['dateOfBirth', 'nhsNumber']);
    expect(error.message).toBe(
      'Theme title: This text seems to hold a date of birth (word 2) and an NHS number (word 5). Only pseudonymised case references may leave the audit site: reword it and try again.',
    );
    expect(JSON.stringify(error.findings)).not.toMatch(/943|2015/);
  });

  it('is not thrown for a text without detail', () => {
    expect(() => assertNoIdentifyingDetail('Theme title', 'Hidden Harm')).not.toThrow();
  });
});
