/**
 * The identifying-detail guard: every free text that leaves the audit site (theme titles, case
 * references, card texts, comments, feedback) passes here first. It stops what looks like a
 * person's name or initials, a date of birth or any full date, an NHS, National Insurance or
 * unique pupil number, a postcode or an address, an email address, a phone number, a school's name
 * or a link. It errs towards stopping: a person can reword a refused text, but a child's details
 * sent to a channel cannot be unsent.
 *
 * The text is normalised first, so that look-alike letters, zero-width characters and full-width
 * digits cannot carry a detail past the detectors. Each detector then looks at what the earlier
 * ones left: a found detail is blanked out (kept in place, so positions hold) before the next looks.
 */
import { AMBIGUOUS_NAMES, KNOWN_NAMES } from './names.js';
import { VOCABULARY } from './vocabulary.js';

export type DetailKind =
  | 'name'
  | 'initials'
  | 'dateOfBirth'
  | 'date'
  | 'nhsNumber'
  | 'niNumber'
  | 'upn'
  | 'postcode'
  | 'address'
  | 'email'
  | 'phone'
  | 'school'
  | 'link';

/**
 * One detail found: its kind and where it is (character offsets in the normalised text, and the
 * number of the word it starts in, counting from 1). Never the detail itself, so that a finding
 * can be logged or shown without carrying what it found.
 */
export type Finding = {
  readonly kind: DetailKind;
  readonly start: number;
  readonly end: number;
  readonly word: number;
};

export type GuardResult =
  { readonly ok: true } | { readonly ok: false; readonly findings: readonly Finding[] };

const KIND_LABELS: Record<DetailKind, string> = {
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

// ---------------------------------------------------------------------------------------------
// Normalisation

/** Zero-width and invisible formatting characters, which NFKC keeps: removed. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g;

/** Cyrillic and Greek letters that look like Latin ones, mapped to the Latin letter they mimic. */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  І: 'I',
  Ј: 'J',
  Ѕ: 'S',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  α: 'a',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
};
const HOMOGLYPH = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'g');

/**
 * The text as the detectors read it: NFKC (full-width digits and letters, non-breaking and other
 * spaces, ligatures become their plain forms), invisible characters removed, look-alike letters
 * mapped to Latin, typographic apostrophes and dashes made plain.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(HOMOGLYPH, (c) => HOMOGLYPHS[c] ?? c)
    .replace(/[‘’ʼ`]/g, "'")
    .replace(/[‐‑‒–—―−]/g, '-');
}

/** Lower case without accents: how a word is looked up in the lists. */
const plain = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

// ---------------------------------------------------------------------------------------------
// Check digits

/** NHS numbers: ten digits whose tenth is a modulus 11 check of the first nine. */
export function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

/** The letters of a unique pupil number's check character, by remainder (DfE UPN guide). */
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * Unique pupil numbers: a check letter, then twelve digits (or eleven and a letter for a
 * temporary number). The check letter is the sum of characters 2 to 13 weighted 2 to 13, mod 23.
 */
export function isUpn(upn: string): boolean {
  const u = upn.toUpperCase();
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(u)) return false;
  let sum = 0;
  for (let i = 1; i < 13; i++) {
    const c = u[i]!;
    const value = /\d/.test(c) ? Number(c) : UPN_LETTERS.indexOf(c);
    if (value < 0) return false;
    sum += value * (i + 1);
  }
  return UPN_LETTERS[sum % 23] === u[0];
}

// ---------------------------------------------------------------------------------------------
// Detectors. Each reads the text with what earlier detectors found blanked out.

type Hit = { readonly kind: DetailKind; readonly start: number; readonly end: number };

class Scan {
  readonly hits: Hit[] = [];
  constructor(public text: string) {}

  add(kind: DetailKind, start: number, end: number): void {
    this.hits.push({ kind, start, end });
    this.text = this.text.slice(0, start) + ' '.repeat(end - start) + this.text.slice(end);
  }

  /** Every match of `re` (global) for which `kind` names a kind, blanked as it is found. */
  each(
    re: RegExp,
    kind: (m: RegExpExecArray, text: string) => DetailKind | undefined,
    span: (m: RegExpExecArray) => [number, number] = (m) => [m.index, m.index + m[0].length],
  ): void {
    const found: Array<[DetailKind, number, number]> = [];
    for (const m of this.text.matchAll(re)) {
      const k = kind(m, this.text);
      if (k) found.push([k, ...span(m)]);
    }
    for (const [k, s, e] of found) this.add(k, s, e);
  }
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** Emails said aloud or disguised: "jane at example dot com", "jane(at)example.com". */
const SPOKEN_EMAIL =
  /\b[\w.+-]+\s*(?:\(at\)|\[at\]|\sat\s)\s*[\w-]+(?:\s*(?:\(dot\)|\[dot\])\s*[\w-]+|\s+dot\s+[\w-]+|\.[a-z]{2,}\b)+(?!\/)/gi;
/** Markdown links, web addresses, bare domains. */
const LINK =
  /\[[^\]\n]*\]\([^)\s]*\)|\b(?:https?:\/\/|www\.)[^\s<>()]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|uk|io|info|me|ly)\b(?:\/\S*)?/gi;
const UPN = /\b[A-Z]\d{11}[0-9A-Z]\b/gi;
const UPN_CONTEXT = /\b(?:upn|pupil number)\W*$/i;
/** National Insurance numbers: two prefix letters (not BG, GB, NK, KN, TN, NT, ZZ), six digits, A-D. */
const NI_NUMBER =
  /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?[A-D]\b/gi;
/** A run of digits as phone and NHS numbers are written: spaced, dashed, dotted, bracketed. */
const DIGIT_RUN = /(?:\+|\(|\b)\d[\d\s().-]*\d\b/g;
const NHS_CONTEXT = /\bnhs\s*(?:no|number|num|#)\.?\s*[:#-]?\s*$/i;
const BIRTH_WORD = /\b(?:d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s*date|birthday|born)/gi;

const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?';
const YEAR = '(?:19|20)\\d{2}';
const NUMERIC_DATE = /\b(0?[1-9]|[12]\d|3[01])([/.-])(0?[1-9]|1[0-2])\2((?:19|20)\d{2}|\d{2})\b/g;
const ISO_DATE = /\b(?:19|20)\d{2}([/.-])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])\b/g;
const WORD_DATE = new RegExp(
  `\\b${DAY}(?:\\s+of)?\\s+(?:${MONTHS})\\.?,?\\s+${YEAR}\\b|\\b(?:${MONTHS})\\.?\\s+${DAY},?\\s+${YEAR}\\b`,
  'gi',
);
/** What may follow a birth word to make a date of birth, even without a full date. */
const AFTER_BIRTH = new RegExp(
  `^\\W{0,3}(?:(?:on|in)\\s+)?(?:${DAY}\\s+(?:${MONTHS})\\b|(?:${MONTHS})\\.?\\s+(?:${YEAR}|${DAY})\\b|${YEAR}\\b|\\d{1,2}[/.-]\\d{1,2}\\b)`,
  'i',
);

/** UK postcodes; a one-letter area is one of the eight that exist, so "Y9 2nd" is no postcode. */
const POSTCODE =
  /\b(?:GIR ?0AA|(?:[BEGLMNSW]|[A-PR-UWYZ][A-HK-Y])\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/gi;
const STREET_TYPES =
  'street|road|avenue|lane|close|drive|crescent|terrace|gardens|grove|mews|way|court|place|walk|view|park|green|hill|row|square|rise|gate|st|rd|ave';
/** Street types that make an address in any case; the others only capitalised or after an unknown word. */
const SURE_STREET = /^(?:street|road|avenue|crescent|terrace|gardens|mews)$/i;
const STRONG_STREET =
  /^(?:street|road|avenue|lane|close|drive|crescent|terrace|gardens|grove|mews)$/i;
const ADDRESS = new RegExp(
  `\\b\\d{1,4}[a-z]?,?\\s+((?:[\\p{L}'-]+\\s+){1,3})(${STREET_TYPES})\\b`,
  'giu',
);
const FLAT = /\b(?:flat|apartment|apt)\.?\s+\d{1,4}[a-z]?\b|\baddress\s*:\s*\d/gi;

/** A date as numbers: valid day and month, a plausible year. */
function isDate(day: number, month: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days && year >= 1900 && year <= 2099;
}

/** Eight digits as DDMMYYYY or YYYYMMDD, six as DDMMYY. */
function isRunDate(d: string): boolean {
  const n = (a: number, b: number) => Number(d.slice(a, b));
  if (d.length === 8) return isDate(n(0, 2), n(2, 4), n(4, 8)) || isDate(n(6, 8), n(4, 6), n(0, 4));
  if (d.length === 6) return isDate(n(0, 2), n(2, 4), 2000 + n(4, 6));
  return false;
}

const nearBirthWord = (text: string, start: number): boolean =>
  [...text.slice(Math.max(0, start - 30), start).matchAll(BIRTH_WORD)].length > 0;

/**
 * A phone number. A UK one: 0 and 9 or 10 more digits, or +44 / 0044 and the number without its 0.
 * Another country's, written with its +: 8 to 15 digits, the lengths international numbers have
 * (a family abroad is as identifiable as one at home). A foreign number written with 00 is left
 * alone: 00 also begins reference numbers, and only 0044 is read as a country.
 */
function isPhone(written: string, digits: string): boolean {
  const compact = written.replace(/[\s()]/g, '');
  if (/^(?:\+|00)44/.test(compact)) {
    const national = digits.slice(compact.startsWith('+') ? 2 : 4).replace(/^0/, '');
    return /^[1-9]\d{8,9}$/.test(national);
  }
  if (compact.startsWith('+')) return /^[1-9]\d{7,14}$/.test(digits);
  return /^0[1-9]\d{8,9}$/.test(digits);
}

function findNumbers(scan: Scan): void {
  scan.each(EMAIL, () => 'email');
  scan.each(SPOKEN_EMAIL, () => 'email');
  scan.each(LINK, () => 'link');
  scan.each(UPN, (m, text) =>
    isUpn(m[0]) || UPN_CONTEXT.test(text.slice(Math.max(0, m.index - 25), m.index))
      ? 'upn'
      : undefined,
  );
  scan.each(NI_NUMBER, () => 'niNumber');
  // Full dates before loose digit runs, so that 12.03.2015 is a date and not a number.
  scan.each(NUMERIC_DATE, (m, text) => {
    const birth = nearBirthWord(text, m.index);
    // Two-digit years with dots read as section numbers ("guidance 2.3.12") unless near a birth word.
    if (m[4]!.length === 2 && m[2] === '.' && !birth) return undefined;
    return birth ? 'dateOfBirth' : 'date';
  });
  scan.each(ISO_DATE, (m, text) => (nearBirthWord(text, m.index) ? 'dateOfBirth' : 'date'));
  scan.each(WORD_DATE, (m, text) => (nearBirthWord(text, m.index) ? 'dateOfBirth' : 'date'));
  scan.each(DIGIT_RUN, (m, text) => {
    const digits = m[0].replace(/\D/g, '');
    if (isNhsNumber(digits)) return 'nhsNumber';
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    if (NHS_CONTEXT.test(before) && digits.length >= 6) return 'nhsNumber';
    if (isPhone(m[0], digits)) return 'phone';
    if (isRunDate(digits) && (digits.length === 8 || nearBirthWord(text, m.index)))
      return nearBirthWord(text, m.index) ? 'dateOfBirth' : 'date';
    return undefined;
  });
  // A birth word followed by part of a date (a year, a day and month): a date of birth.
  scan.each(BIRTH_WORD, (m, text) =>
    AFTER_BIRTH.test(text.slice(m.index + m[0].length, m.index + m[0].length + 30))
      ? 'dateOfBirth'
      : undefined,
  );
  // "KS2 3rd year": a key stage and an ordinal, not a postcode.
  scan.each(POSTCODE, (m) => (/^ks\d/i.test(m[0]) ? undefined : 'postcode'));
  scan.each(ADDRESS, (m) => {
    const between = m[1]!.trim().split(/\s+/);
    const unknown = between.some((w) => !isVocabulary(plain(w)));
    // Any capital counts, so that text typed with caps lock on ("4 nEW lANE") is still an address.
    const capitalisedStrong = /\p{Lu}/u.test(m[2]!) && STRONG_STREET.test(m[2]!);
    return unknown || capitalisedStrong || SURE_STREET.test(m[2]!) ? 'address' : undefined;
  });
  scan.each(FLAT, () => 'address');
}

// ---------------------------------------------------------------------------------------------
// Words: names, initials, schools.

type Token = {
  readonly text: string;
  /** Lower case, no accents, no possessive 's. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** What stands between the previous word and this one. */
  readonly gap: string;
};

const WORD = /[\p{L}][\p{L}\p{M}'-]*/gu;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const raw = m[0].replace(/['-]+$/, '');
    out.push({
      text: raw,
      key: plain(raw.replace(/'s$/i, '')),
      start: m.index,
      end: m.index + raw.length,
      gap: text.slice(last, m.index),
    });
    last = m.index + raw.length;
  }
  return out;
}

const isCapitalised = (t: Token): boolean => /^\p{Lu}/u.test(t.text);
// The larger lists, when the tab has loaded them (see lists.ts and extendGuardLists).
const extraWords = new Set<string>();
const extraNames = new Set<string>();
const extraAmbiguous = new Set<string>();

/**
 * Adds the larger lists: ordinary words (never a name on their own) and first names. A word the
 * guard already knows as a name stays a name; a name that is also an ordinary word becomes one that
 * needs a context, as April and Harry do.
 */
export function extendGuardLists(lists: {
  readonly words?: readonly string[];
  readonly names?: readonly string[];
}): void {
  for (const w of lists.words ?? []) {
    const key = plain(w);
    if (!KNOWN_NAMES.has(key)) extraWords.add(key);
  }
  for (const n of lists.names ?? []) {
    const key = plain(n);
    if (KNOWN_NAMES.has(key)) continue;
    (isVocabulary(key) ? extraAmbiguous : extraNames).add(key);
  }
}

/** A plural of a vocabulary word is vocabulary too: leads, referrals, inquiries. */
const known = (word: string): boolean => VOCABULARY.has(word) || extraWords.has(word);
const inVocabulary = (word: string): boolean =>
  known(word) ||
  (/s$/.test(word) && known(word.slice(0, -1))) ||
  (/ies$/.test(word) && known(`${word.slice(0, -3)}y`));
const isVocabulary = (key: string): boolean =>
  inVocabulary(key) || key.split('-').every(inVocabulary);
const isName = (word: string): boolean =>
  KNOWN_NAMES.has(word) || extraNames.has(word) || extraAmbiguous.has(word);
const isKnownName = (key: string): boolean => isName(key) || key.split('-').some(isName);
/** A name in any case: known, and neither an ordinary word nor ambiguous. */
const isSureName = (key: string): boolean =>
  key
    .split('-')
    .some(
      (p) =>
        (KNOWN_NAMES.has(p) && !AMBIGUOUS_NAMES.has(p) && !VOCABULARY.has(p)) ||
        (extraNames.has(p) && !extraWords.has(p)),
    );
/**
 * Irish and Scottish surname shapes, alone or as a part of a double-barrelled name: O'Brien,
 * McDonald, MacLeod, Smith-McGregor (any case for O' and Mc, so "mcgregor-smith" too).
 */
const hasSurnameShape = (t: Token): boolean =>
  // Only the start of a part: a stray apostrophe later in it ("o'ne'ill") keeps the shape.
  parts(t.key).some(
    (k) => (/^o'\p{L}{2,}/u.test(k) && k !== "o'clock") || /^mc\p{L}{2,}/u.test(k),
  ) || parts(t.text).some((x) => /^Mac\p{Lu}\p{Ll}+/u.test(x));
const parts = (word: string): string[] => word.split('-');

/** Titles before a surname. Mr, Mrs, Ms and Mx in any case; the others only capitalised. */
const TITLE_ANY_CASE = new Set(['mr', 'mrs', 'ms', 'mx']);
const TITLE_CAPITALISED = new Set(['Miss', 'Dr', 'Master', 'Prof', 'Sir', 'Dame']);

/** Words after which a word is a person: relations, roles, "called". */
const ROLE_WORDS = new Set(
  `child yp cyp young person baby infant sibling brother sister mum mother dad father stepdad stepfather
  stepmum stepmother partner boyfriend girlfriend ex-partner carer grandmother grandfather grandma grandad
  nan nana gran aunt auntie uncle cousin parent guardian friend visitor worker teacher headteacher officer
  pc dc ds di sgt sw hv gp nurse midwife paediatrician consultant doctor dsl senco keyworker advocate
  called named aka nicknamed son daughter twin twins pupil student`
    .split(/\s+/)
    .filter(Boolean),
);
/** The gap after a role word: spaces, a colon, a bracket, a comma or a dash. */
const ROLE_GAP = /^[\s:(,-]+$/;
/** A gap that says plainly "what follows is the person": a colon or a bracket. */
const ROLE_GAP_EXPLICIT = /[:(]/;

/** Verbs of a person: after these a capitalised word is taken for a name ("Ruby told"). */
const PERSONAL_VERBS = new Set(
  `said says told tells disclosed disclosing stated explained cried shouted screamed wants wanted felt feels
  lives lived attended refused ran went goes misses missed hit hits hurt smacked kicked punched
  reported asked agreed denied admitted alleged stayed sleeps slept ate eats plays played
  didn't doesn't isn't wasn't hasn't hadn't won't can't couldn't was is has had`
    .split(/\s+/)
    .filter(Boolean),
);
/** Of those, the ones that on their own do not make a name of an unknown word. */
const WEAK_VERBS = new Set(['was', 'is', 'has', 'had']);

const SCHOOL_TYPES = new Set([
  'primary',
  'infant',
  'infants',
  'junior',
  'juniors',
  'academy',
  'school',
  'college',
  'nursery',
  'grammar',
  'high',
]);
/** School types that name a school even after a lower-case word ("oakfield primary"). */
const SCHOOL_TYPES_LOWER = new Set(['primary', 'academy', 'infants', 'juniors', 'grammar']);
/** Lower-case words inside a school's name: St Mary's C of E Primary. */
const SCHOOL_EXTRA = new Set(['of']);

/** Acronyms the vocabulary does not know are still acronyms: all capitals, up to six letters. */
const isAcronym = (t: Token): boolean => /^\p{Lu}{2,6}$/u.test(t.text);

/** Whether this word begins a sentence or a heading, where capitals say nothing. */
const startsSentence = (t: Token, index: number): boolean =>
  index === 0 || /[.!?:;•\n"“]\s*$/.test(t.gap);

function findWords(scan: Scan): void {
  // Initials: J.S., J. S., or an initial before a surname (J. Smith).
  scan.each(/\b(?:\p{Lu}\.\s?){2,3}(?!\p{L})/gu, (m) =>
    /^(?:D\.?O\.?B|U\.?K|N\.?B|E\.?G|I\.?E|P\.?S|A\.?M|P\.?M)\.?$/.test(
      m[0].replace(/\s/g, '').replace(/\.$/, ''),
    )
      ? undefined
      : 'initials',
  );
  scan.each(/\b\p{Lu}\.?\s(\p{Lu}[\p{Ll}'-]+)/gu, (m) => {
    const surname = plain(m[1]!);
    const letter = m[0][0]!;
    if (isVocabulary(surname)) return undefined;
    return letter === 'A' || letter === 'I' ? (m[0][1] === '.' ? 'name' : undefined) : 'name';
  });

  const ts = tokens(scan.text);
  const flag = (kind: DetailKind, from: Token, to: Token) => scan.add(kind, from.start, to.end);
  const taken = new Set<number>();
  const take = (kind: DetailKind, from: number, to = from) => {
    for (let i = from; i <= to; i++) if (taken.has(i)) return;
    for (let i = from; i <= to; i++) taken.add(i);
    flag(kind, ts[from]!, ts[to]!);
  };
  const adjacent = (i: number) => i > 0 && /^ $/.test(ts[i]!.gap);

  // Schools first: "St Mary's Primary", "Oakfield Academy", "oakfield primary".
  for (let i = 1; i < ts.length; i++) {
    const t = ts[i]!;
    if (!SCHOOL_TYPES.has(t.key) || !/^\s+$/.test(t.gap)) continue;
    // Walk back over the capitalised words before the type (St, C of E and the like included);
    // one of them must be unknown, or, before some types, an unknown lower-case word.
    let start = i;
    let unknown = false;
    for (let j = i - 1; j >= 0 && i - j <= 5 && /^\s+$/.test(ts[j + 1]!.gap); j--) {
      const p = ts[j]!;
      const extra = SCHOOL_EXTRA.has(p.key) || SCHOOL_TYPES.has(p.key);
      const lowerName = !isCapitalised(p) && !isVocabulary(p.key) && SCHOOL_TYPES_LOWER.has(t.key);
      if (!extra && !isCapitalised(p) && !lowerName) break;
      if (lowerName || (isCapitalised(p) && !extra && !isVocabulary(p.key))) {
        unknown = true;
        start = j;
      }
    }
    if (unknown) take('school', start, i);
  }

  for (let i = 0; i < ts.length; i++) {
    if (taken.has(i)) continue;
    const t = ts[i]!;
    const prev = ts[i - 1];
    const next = ts[i + 1];
    const cap = isCapitalised(t);

    // A title and the word after it: Mrs Patel, mr brown.
    if (prev && (t.gap === ' ' || t.gap === '. ')) {
      const titled =
        !isVocabulary(t.key) &&
        (TITLE_ANY_CASE.has(prev.key) ||
          (TITLE_CAPITALISED.has(prev.text) && (cap || isKnownName(t.key))));
      if (titled) {
        take('name', i - 1, i);
        continue;
      }
    }

    // A role and the person after it: "child: Ruby", "YP Harry", "Mum (Sarah)", "Health Visitor Jane".
    if (prev && ROLE_WORDS.has(prev.key) && ROLE_GAP.test(t.gap)) {
      const explicit = ROLE_GAP_EXPLICIT.test(t.gap);
      if (/^\p{Lu}{2,3}$/u.test(t.text) && !isVocabulary(t.key)) {
        take('initials', i);
        continue;
      }
      const capitalisedPerson = cap && (!isVocabulary(t.key) || isKnownName(t.key));
      const lowerPerson = !cap && explicit && isKnownName(t.key);
      if (capitalisedPerson || lowerPerson) {
        take('name', i);
        continue;
      }
    }

    // A name the lists know, in any case; a surname's Irish or Scottish shape.
    if (isSureName(t.key) || hasSurnameShape(t)) {
      take('name', i);
      continue;
    }

    if (!cap || isAcronym(t)) continue;
    const nameLike = (u: Token | undefined): u is Token =>
      !!u && isCapitalised(u) && (!isVocabulary(u.key) || isKnownName(u.key));

    // Two capitalised words side by side, neither ordinary vocabulary (a first name that is also a
    // word counts when the other is not): Tyler Jones, April Jones, Ruby Hall.
    if (next && adjacent(i + 1) && nameLike(t) && nameLike(next)) {
      if (!isVocabulary(t.key) || !isVocabulary(next.key)) {
        take('name', i, i + 1);
        continue;
      }
    }

    // A capitalised word before a verb of a person: "Ruby told the officer", "Tiago said".
    if (next && adjacent(i + 1) && PERSONAL_VERBS.has(next.key)) {
      const unknownWord = !isVocabulary(t.key) && !WEAK_VERBS.has(next.key);
      const wordName = isKnownName(t.key);
      if (unknownWord || wordName) {
        take('name', i);
        continue;
      }
    }
    // "Ruby's bedroom": a possessive of a known name, also inside a hyphenated one ("Ruby's-April").
    if (/'s/i.test(t.text) && isKnownName(t.key)) {
      take('name', i);
      continue;
    }

    // "the Junior School", "a Grammar School": a school type before another is the kind of school,
    // not a name (the schools above have taken every school with a name of its own).
    if (SCHOOL_TYPES.has(t.key) && next && SCHOOL_TYPES.has(next.key)) continue;

    // A capitalised word mid-sentence that is neither vocabulary nor an acronym: a proper name.
    if (!startsSentence(t, i) && !isVocabulary(t.key) && t.text.length > 1) take('name', i);
  }
}

// ---------------------------------------------------------------------------------------------

const wordNumber = (text: string, start: number): number => {
  const before = text.slice(0, start);
  const words = before.match(/\S+/g)?.length ?? 0;
  return /\S$/.test(before) ? words : words + 1;
};

/**
 * Finds identifying detail in a text. `allowed` are patterns taken out first: the partnership's
 * case references (see caseReferenceFormatProblem for which formats are acceptable).
 */
export function checkIdentifyingDetail(text: string, allowed: readonly RegExp[] = []): GuardResult {
  const normalised = normaliseText(text);
  let rest = normalised;
  for (const re of allowed) {
    const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    rest = rest.replace(global, (m) => ' '.repeat(m.length));
  }
  const scan = new Scan(rest);
  findNumbers(scan);
  findWords(scan);
  if (scan.hits.length === 0) return { ok: true };
  // Details of one kind side by side are one detail: "Jane Smith" is one name, not two.
  const merged: Hit[] = [];
  for (const h of [...scan.hits].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && last.kind === h.kind && /^\s*$/.test(normalised.slice(last.end, h.start)))
      merged[merged.length - 1] = { ...last, end: h.end };
    else merged.push(h);
  }
  return {
    ok: false,
    findings: merged.map((h) => ({ ...h, word: wordNumber(normalised, h.start) })),
  };
}

const listOf = (items: readonly string[]): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/**
 * A sentence for the person: which kinds of detail were found and at which words, never the
 * detail itself. "This text seems to hold a person's name (words 1 and 6) and a postcode (word 9)."
 */
export function describeFindings(findings: readonly Finding[]): string {
  const byKind = new Map<DetailKind, number[]>();
  for (const f of findings) {
    const words = byKind.get(f.kind) ?? [];
    if (!words.includes(f.word)) words.push(f.word);
    byKind.set(f.kind, words);
  }
  const parts = [...byKind].map(
    ([kind, words]) =>
      `${KIND_LABELS[kind]} (${words.length === 1 ? 'word' : 'words'} ${listOf(words.map(String))})`,
  );
  return `This text seems to hold ${listOf(parts)}. Only pseudonymised case references may leave the audit site: reword it and try again.`;
}

export class IdentifyingDetailError extends Error {
  constructor(
    readonly where: string,
    readonly findings: readonly Finding[],
  ) {
    super(`${where}: ${describeFindings(findings)}`);
  }
}

/** Throws when a text that is about to leave the site holds identifying detail. */
export function assertNoIdentifyingDetail(
  where: string,
  text: string,
  allowed: readonly RegExp[] = [],
): void {
  const result = checkIdentifyingDetail(text, allowed);
  if (!result.ok) throw new IdentifyingDetailError(where, result.findings);
}
