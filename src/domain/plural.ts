/**
 * Counts in the product's sentences, with the plural Intl.PluralRules chooses: "1 audit",
 * "3 audits", never "audit(s)". One helper, used wherever a number meets a noun.
 */

const RULES = new Intl.PluralRules('en-GB');

/** The form of a word for a count: `one` for 1, `other` (the word plus "s" unless given) else. */
export function pluralForm(count: number, one: string, other = `${one}s`): string {
  return RULES.select(count) === 'one' ? one : other;
}

/** A count and its noun: `counted(1, 'audit')` is "1 audit", `counted(4, 'person', 'people')` "4 people". */
export function counted(count: number, one: string, other = `${one}s`): string {
  return `${count} ${pluralForm(count, one, other)}`;
}
