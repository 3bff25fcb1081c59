/**
 * A partnership may set its own case reference format (PartnershipSettings `caseReferenceFormat`,
 * a regular expression). Text that matches it is taken out before the identifying-detail guard
 * reads a card, so a format that admits free text would let a name or a date of birth through as a
 * "reference". This reads the expression itself and refuses any that could hold a word, a space,
 * a long number or text of any length. The reading is conservative: when unsure, it refuses.
 */

/** What one character position of the expression can match. */
type Chars = {
  readonly upper: boolean;
  readonly lower: boolean;
  readonly digit: boolean;
  readonly space: boolean;
  readonly other: boolean;
};
type Item = { readonly atom: Chars | Group; readonly min: number; readonly max: number };
type Group = { readonly alternatives: readonly Item[][] };

/** Letters in a row a reference may hold: enough for a service code, too few for most names. */
export const MAX_LETTER_RUN = 6;
/** Digits in a row: fewer than a date written as eight digits, an NHS or a phone number. */
export const MAX_DIGIT_RUN = 7;
/**
 * Groups inside groups: a reference format needs one or two. The reader and the counts recurse
 * into each group, so a bound keeps a format nested thousands deep (which JavaScript compiles) a
 * refusal instead of a stack overflow when the tab starts.
 */
export const MAX_GROUP_DEPTH = 10;

const NONE: Chars = { upper: false, lower: false, digit: false, space: false, other: false };
const ANY: Chars = { upper: true, lower: true, digit: true, space: true, other: true };
const union = (a: Chars, b: Chars): Chars => ({
  upper: a.upper || b.upper,
  lower: a.lower || b.lower,
  digit: a.digit || b.digit,
  space: a.space || b.space,
  other: a.other || b.other,
});
/**
 * `lower` is any letter but a capital: small letters, and letters of scripts without capitals
 * (Chinese, Arabic: `\p{Lo}`), which would otherwise count as no kind at all and let a name
 * through as a run of nothing.
 */
const charOf = (c: string): Chars => ({
  upper: /\p{Lu}/u.test(c),
  lower: /\p{L}/u.test(c) && !/\p{Lu}/u.test(c),
  digit: /\d/.test(c),
  space: /\s/.test(c),
  other: !/[\p{L}\d\s]/u.test(c),
});
/**
 * Every character from `from` to `to`, as a class. The reader works in UTF-16 code units (the
 * format is compiled without the u flag), so the widest range is the 65,536 of [\u0000-\uffff]:
 * read whole, in a few milliseconds, rather than guessed at from its first characters.
 */
function rangeOf(from: string, to: string): Chars {
  let chars = NONE;
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++)
    chars = union(chars, charOf(String.fromCharCode(c)));
  return chars;
}

/** A part the reader does not take on: the format is refused, with why. */
class Unsupported extends Error {
  constructor(
    readonly why = 'uses a part this check cannot read (a lookaround, a back-reference or a Unicode property): write it with plain classes such as [A-Z] and \\d',
  ) {
    super(why);
  }
}

const ESCAPES: Readonly<Record<string, Chars>> = {
  d: { ...NONE, digit: true },
  D: { upper: true, lower: true, digit: false, space: true, other: true },
  w: { upper: true, lower: true, digit: true, space: false, other: true },
  W: { upper: false, lower: false, digit: false, space: true, other: true },
  s: { ...NONE, space: true },
  S: { upper: true, lower: true, digit: true, space: false, other: true },
};

/** A small reader of JavaScript regular expressions, enough to know what each part can match. */
class Reader {
  private i = 0;
  /** Groups open at the current place. */
  private depth = 0;
  constructor(private readonly source: string) {}

  /** The whole expression, without its ^ and $. */
  read(): Group {
    const group = this.alternatives();
    if (this.i < this.source.length) throw new Unsupported();
    return group;
  }

  private peek(): string | undefined {
    return this.source[this.i];
  }

  private alternatives(): Group {
    const alternatives: Item[][] = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      alternatives.push(this.sequence());
    }
    return { alternatives };
  }

  private sequence(): Item[] {
    const items: Item[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      const atom = this.atom();
      if (atom) items.push({ atom, ...this.quantifier() });
    }
    return items;
  }

  private atom(): Chars | Group | undefined {
    const c = this.source[this.i++]!;
    if (c === '^' || c === '$') return undefined;
    if (c === '.') return ANY;
    if (c === '[') return this.charClass();
    if (c === '(') {
      if (++this.depth > MAX_GROUP_DEPTH)
        throw new Unsupported(
          `nests groups more than ${MAX_GROUP_DEPTH} deep: write it with fewer ( ) inside one another`,
        );
      if (this.source.startsWith('?:', this.i)) this.i += 2;
      else if (/^\?<[A-Za-z_]/.test(this.source.slice(this.i)))
        this.i = this.source.indexOf('>', this.i) + 1;
      // Lookarounds are not read: the expression is refused rather than misjudged.
      else if (this.peek() === '?') throw new Unsupported();
      const group = this.alternatives();
      this.i++; // ')'
      this.depth--;
      return group;
    }
    if (c === '\\') return this.escape();
    return charOf(c);
  }

  private escape(): Chars | undefined {
    const c = this.source[this.i++]!;
    if (c === 'b' || c === 'B') return undefined;
    if (ESCAPES[c]) return ESCAPES[c];
    // Back-references, Unicode properties and control escapes are refused, not guessed at.
    if (/[1-9kpPc]/.test(c)) throw new Unsupported();
    if (c === 'u' || c === 'x') return charOf(this.hex(c));
    if (c === 't' || c === 'n' || c === 'r' || c === 'f' || c === 'v')
      return { ...NONE, space: true };
    return charOf(c);
  }

  /** The character a `\uFFFF` or `\xFF` escape names, its letter already read. */
  private hex(kind: 'u' | 'x'): string {
    const hex = this.source.slice(this.i).match(kind === 'u' ? /^[\da-f]{4}/i : /^[\da-f]{2}/i);
    if (!hex) throw new Unsupported();
    this.i += hex[0].length;
    return String.fromCharCode(parseInt(hex[0], 16));
  }

  /** One character of a class, escaped or not: a class escape such as \d stays a class. */
  private classCharacter(): string | Chars {
    const c = this.source[this.i++];
    if (c === undefined) throw new Unsupported();
    if (c !== '\\') return c;
    const e = this.source[this.i++]!;
    if (ESCAPES[e]) return ESCAPES[e];
    if (/[pPkc]/.test(e)) throw new Unsupported();
    if (e === 'u' || e === 'x') return this.hex(e);
    // In a class \b is the backspace control, not a word boundary.
    return /[tnrfv]/.test(e) ? ' ' : e === 'b' ? '\b' : e;
  }

  private charClass(): Chars {
    const negated = this.peek() === '^';
    if (negated) this.i++;
    // JavaScript reads [] as no character and [^] as any. Read as a class running on to the next
    // ], they would take in groups and alternatives that are not in it ("[]|(?:J|A|N|E){9}[-]"
    // hid nine capitals in a row): refused rather than misjudged.
    if (this.peek() === ']') throw new Unsupported();
    let chars = NONE;
    while (this.peek() !== ']') {
      const c = this.classCharacter();
      if (typeof c !== 'string') {
        chars = union(chars, c);
        continue;
      }
      if (this.peek() === '-' && this.source[this.i + 1] !== ']' && this.source[this.i + 1]) {
        this.i++;
        const to = this.classCharacter();
        // [a-\d] is a syntax error with the u flag and "a, - or a digit" without: read as such.
        chars = union(
          chars,
          typeof to === 'string' ? rangeOf(c, to) : union(union(charOf(c), charOf('-')), to),
        );
      } else chars = union(chars, charOf(c));
    }
    this.i++; // ']'
    // A negated class admits everything it does not list: take it as admitting anything.
    return negated ? ANY : chars;
  }

  private quantifier(): { min: number; max: number } {
    const c = this.peek();
    let q = { min: 1, max: 1 };
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = this.source.slice(this.i).match(/^\{(\d+)(,(\d*))?\}/);
      if (!m) return q;
      this.i += m[0].length - 1;
      const min = Number(m[1]);
      q = { min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]) };
    } else return q;
    this.i++;
    if (this.peek() === '?') this.i++; // lazy: the same set of matches
    return q;
  }
}

const isGroup = (a: Chars | Group): a is Group => 'alternatives' in a;

/** Every kind of character anything in the group can match. */
function charsOf(group: Group): Chars {
  let chars = NONE;
  for (const alt of group.alternatives)
    for (const item of alt)
      chars = union(chars, isGroup(item.atom) ? charsOf(item.atom) : item.atom);
  return chars;
}

/** The most characters of one kind the group can match, counted over all its alternatives. */
function most(group: Group, kind: (c: Chars) => boolean): number {
  let best = 0;
  for (const alt of group.alternatives) {
    let total = 0;
    for (const item of alt) {
      const per = isGroup(item.atom) ? most(item.atom, kind) : kind(item.atom) ? 1 : 0;
      total += per === 0 ? 0 : per * item.max;
    }
    best = Math.max(best, total);
  }
  return best;
}

/**
 * The longest run of characters of one kind the group can match. Conservative: a group inside a
 * run adds all it could hold of that kind and never breaks the run.
 */
function longestRun(group: Group, kind: (c: Chars) => boolean): number {
  let best = 0;
  for (const alt of group.alternatives) {
    let run = 0;
    for (const item of alt) {
      if (isGroup(item.atom)) {
        const inside = most(item.atom, kind);
        run += inside === 0 ? 0 : Infinity === item.max ? Infinity : inside * item.max;
        best = Math.max(best, run, longestRun(item.atom, kind));
      } else if (kind(item.atom)) {
        run += item.max;
        best = Math.max(best, run);
      } else if (item.min > 0) run = 0; // an optional separator may be left out: no break
    }
  }
  return best;
}

/** The fewest digits any reference in the format holds. */
function fewestDigits(group: Group): number {
  return Math.min(
    ...group.alternatives.map((alt) =>
      alt.reduce(
        (sum, item) =>
          sum +
          item.min *
            (isGroup(item.atom)
              ? fewestDigits(item.atom)
              : item.atom.digit && !item.atom.upper && !item.atom.lower && !item.atom.other
                ? 1
                : 0),
        0,
      ),
    ),
  );
}

function unbounded(group: Group): boolean {
  return group.alternatives.some((alt) =>
    alt.some((item) => item.max === Infinity || (isGroup(item.atom) && unbounded(item.atom))),
  );
}

const isLetter = (c: Chars): boolean => c.upper || c.lower;
const isDigit = (c: Chars): boolean => c.digit;

/**
 * Why a case reference format is refused, as a sentence for the business manager who set it, or
 * undefined when it is acceptable.
 */
export function caseReferenceFormatProblem(source: string): string | undefined {
  const refused = (why: string) =>
    `The case reference format ${why}. References travel in notifications, so the format must admit only codes such as NSP-CP-0101.`;
  try {
    new RegExp(source);
  } catch {
    return refused('is not a valid regular expression');
  }
  if (!source.startsWith('^') || !/(?<!\\)\$$/.test(source))
    return refused('must match a whole reference: start it with ^ and end it with $');
  let group: Group;
  try {
    group = new Reader(source.slice(1, -1)).read();
  } catch (e) {
    if (e instanceof Unsupported) return refused(e.why);
    throw e;
  }
  // An alternation at the top would leave the ^ and $ on its outer alternatives only.
  if (group.alternatives.length > 1)
    return refused('has alternatives outside a group: put them inside ( ) between ^ and $');
  const chars = charsOf(group);
  if (Object.values(chars).every(Boolean)) return refused('would admit any character');
  if (chars.space) return refused('would admit spaces, and with them words');
  if (unbounded(group))
    return refused('would admit a reference of any length (a *, + or {n,} repeat)');
  if (chars.lower)
    return refused(
      'would admit lower-case letters, or letters of a script without capitals: use capitals such as [A-Z]',
    );
  const letters = longestRun(group, isLetter);
  if (letters > MAX_LETTER_RUN)
    return refused(
      `would admit ${letters} letters in a row, enough for a name: allow at most ${MAX_LETTER_RUN}`,
    );
  const digits = longestRun(group, isDigit);
  if (digits > MAX_DIGIT_RUN)
    return refused(
      `would admit ${digits} digits in a row, enough for a date of birth, an NHS or a phone number: allow at most ${MAX_DIGIT_RUN}`,
    );
  if (fewestDigits(group) === 0) return refused('must require at least one digit');
  return undefined;
}

/**
 * The format to use from the partnership's setting: the setting when it is acceptable, otherwise
 * the default, with the reason the setting was refused (to show to the person commissioning).
 */
export function partnershipCaseReferenceFormat(
  setting: string | undefined,
  fallback: string,
): { readonly format: RegExp; readonly problem?: string } {
  if (setting === undefined || setting.trim() === '') return { format: new RegExp(fallback) };
  const problem = caseReferenceFormatProblem(setting);
  return problem === undefined
    ? { format: new RegExp(setting) }
    : { format: new RegExp(fallback), problem };
}
