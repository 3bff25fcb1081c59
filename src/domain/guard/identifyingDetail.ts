/**
 * The identifying-detail guard: every text that leaves the audit site (cards, chat, activity
 * previews) passes here first. It stops what looks like a person's name, a date of birth, an NHS
 * number, a postcode, a phone number or an email address. It errs towards stopping: a person can
 * reword a refused text, but a child's details sent to a channel cannot be unsent.
 */

export type Finding = {
  readonly kind: 'name' | 'dateOfBirth' | 'nhsNumber' | 'postcode' | 'phone' | 'email' | 'date';
  readonly match: string;
};

export type GuardResult =
  { readonly ok: true } | { readonly ok: false; readonly findings: readonly Finding[] };

const KIND_LABELS: Record<Finding['kind'], string> = {
  name: "a person's name",
  dateOfBirth: 'a date of birth',
  nhsNumber: 'an NHS number',
  postcode: 'a postcode',
  phone: 'a phone number',
  email: 'an email address',
  date: 'a full date, which could be a date of birth',
};

/** NHS numbers: ten digits, often 3-3-4, with a modulus 11 check digit. */
function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const sum = digits
    .slice(0, 9)
    .split('')
    .reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

const POSTCODE = /\b(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/gi;
const PHONE = /(?:\+44\s?\(?0?\)?\s?|\b0)(?:\d[\s-]?){9,10}\b/g;
const EMAIL = /\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g;
const NUMERIC_DATE = /\b(0?[1-9]|[12]\d|3[01])[/.-](0?[1-9]|1[0-2])[/.-](\d{4}|\d{2})\b/g;
const ISO_DATE = /\b(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/g;
const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const WORD_DATE = new RegExp(
  `\\b(0?[1-9]|[12]\\d|3[01])(st|nd|rd|th)?\\s+(${MONTHS})\\s+(19|20)\\d{2}\\b`,
  'gi',
);
const BIRTH_WORDS = /\b(d\.?o\.?b\.?|date of birth|born on|born)\b/i;
const TITLED_NAME = /\b(Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?\s+[A-Z][a-z'-]+/g;
const CAPITALISED_PAIR = /\b([A-Z][a-z'-]+)\s+([A-Z][a-z'-]+)(\s+[A-Z][a-z'-]+)?\b/g;

/**
 * Capitalised words that are not names: the product's own vocabulary, agencies, places in the
 * cycle, months and days. A pair of capitalised words made only of these is not a name.
 */
const NOT_NAMES = new Set(
  `a an the and of for to in on at by with from as is are was were be this that these those it its our your their his her
  audit audits auditor auditors lead moderator moderation sign off sign-off manager managers business unit partnership safeguarding children child young person people
  case cases reference protection need needs early help intervention care in looked after plan plans conference core group groups review reviews strategy discussion section enquiry enquiries
  social health police education probation housing school schools nursery health visitor visitors worker workers practitioner practitioners agency agencies lead leads local authority board integrated
  programme theme themes priority source performance indicator baseline drill down learning development policy feedback practice report reports overview action actions recommendation
  good outstanding requires improvement inadequate adequate grade grades impact outcomes outcome voice lived experience identity diversity multi-agency working management oversight supervision recording
  commissioned commissioning assigned due soon overdue now risk at submitted returned open new please see view record records team channel tab teams microsoft graph sharepoint
  january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday
  ofsted lscb safeguarding-children mash nhs gp cafcass camhs iro pep lac cin cp ehcp send
  north south east west northshire county city council trust foundation service services department team-around-the-family tac
  neglect abuse domestic violence exploitation missing return interview interviews assessment assessments permanence placement placements stability transition pathway
  step up step-down step-up stepping what why how when where who which there here all any each every one two three four five six seven eight nine ten first second third`
    .split(/\s+/)
    .filter(Boolean),
);

function addAll(
  findings: Finding[],
  kind: Finding['kind'],
  re: RegExp,
  text: string,
  keep: (m: RegExpExecArray) => boolean = () => true,
): void {
  for (const m of text.matchAll(re)) {
    if (keep(m as RegExpExecArray)) findings.push({ kind, match: m[0] });
  }
}

export function checkIdentifyingDetail(text: string, allowed: readonly RegExp[] = []): GuardResult {
  // Allowed patterns (the partnership's case references) are taken out before checking.
  let rest = text;
  for (const re of allowed)
    rest = rest.replace(
      new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`),
      ' ',
    );
  const findings: Finding[] = [];
  addAll(findings, 'email', EMAIL, rest);
  const withoutEmail = rest.replace(EMAIL, ' ');
  for (const m of withoutEmail.matchAll(/\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/g)) {
    if (isNhsNumber(m[0].replace(/\D/g, ''))) findings.push({ kind: 'nhsNumber', match: m[0] });
  }
  if (/\bNHS\s*(no\.?|number)?\s*[:#]?\s*\d/i.test(withoutEmail))
    findings.push({ kind: 'nhsNumber', match: 'NHS number' });
  addAll(
    findings,
    'phone',
    PHONE,
    withoutEmail,
    (m) =>
      !findings.some(
        (f) => f.kind === 'nhsNumber' && f.match.replace(/\D/g, '') === m[0].replace(/\D/g, ''),
      ),
  );
  addAll(
    findings,
    'postcode',
    POSTCODE,
    withoutEmail,
    (m) => /\d/.test(m[0]) && /[A-Za-z]/.test(m[0]) && !/^\d/.test(m[0]),
  );
  const dates: string[] = [];
  for (const re of [NUMERIC_DATE, ISO_DATE, WORD_DATE])
    for (const m of withoutEmail.matchAll(re)) dates.push(m[0]);
  if (dates.length > 0) {
    const kind = BIRTH_WORDS.test(withoutEmail) ? 'dateOfBirth' : 'date';
    for (const d of dates) findings.push({ kind, match: d });
  } else if (BIRTH_WORDS.test(withoutEmail) && /\b(19|20)\d{2}\b/.test(withoutEmail)) {
    findings.push({ kind: 'dateOfBirth', match: 'born … year' });
  }
  addAll(findings, 'name', TITLED_NAME, withoutEmail);
  for (const m of withoutEmail.matchAll(CAPITALISED_PAIR)) {
    const words = m[0].split(/\s+/);
    const unknown = words.filter((w) => !NOT_NAMES.has(w.toLowerCase()));
    // A name is at least two capitalised words, none of them ordinary vocabulary of this product.
    if (unknown.length >= 2 && unknown.length === words.length)
      findings.push({ kind: 'name', match: m[0] });
  }
  return findings.length === 0 ? { ok: true } : { ok: false, findings };
}

/** A sentence for the user: what was found, never repeating the text itself in logs. */
export function describeFindings(findings: readonly Finding[]): string {
  const kinds = [...new Set(findings.map((f) => KIND_LABELS[f.kind]))];
  return `This text seems to hold ${kinds.join(', ')}. Notifications carry only pseudonymised case references: remove it and try again.`;
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
