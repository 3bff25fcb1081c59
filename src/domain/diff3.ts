/**
 * A word-level three-way merge (diff3) of one text: the version both people started from (base),
 * mine and theirs. Each change made on one side only is taken; where both sides changed the same
 * words differently, the place is kept as a conflict with the three versions, for the person to
 * choose. Pure: no I/O, no dependency (no maintained diff3 package is available here).
 */

/** Words, runs of spaces and single punctuation marks: the units that are matched and merged. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}\p{M}'’_-]+|[^\s\p{L}\p{N}\p{M}'’_-]/gu) ?? [];
}

/**
 * Above this many cells the longest-common-subsequence table is not built: the differing middle
 * (after the common start and end are taken off) is then treated as one replaced block. Two
 * texts rewritten throughout over thousands of words come out as one conflict, never slowly.
 */
const MAX_CELLS = 4_000_000;

/**
 * For each token of `a`, the index of the token of `b` it is matched to (or -1): a longest
 * common subsequence, so matches only ever move forward.
 */
export function matchTokens(a: readonly string[], b: readonly string[]): Int32Array {
  const match = new Int32Array(a.length).fill(-1);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    match[start] = start;
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    match[endA] = endB;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) return match;
  // lengths[i][j]: the LCS of a[start+i..endA) and b[start+j..endB), filled from the end.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[start + i] === b[start + j]
          ? (lengths[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lengths[(i + 1) * width + j] as number, lengths[i * width + j + 1] as number);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[start + i] === b[start + j]) {
      match[start + i] = start + j;
      i++;
      j++;
    } else if ((lengths[(i + 1) * width + j] as number) >= (lengths[i * width + j + 1] as number))
      i++;
    else j++;
  }
  return match;
}

/** A piece of the merged text: settled (the same, or changed on one side only) or a conflict. */
export type TextChunk =
  | { readonly kind: 'settled'; readonly text: string }
  | {
      readonly kind: 'conflict';
      readonly base: string;
      readonly mine: string;
      readonly theirs: string;
    };

export type TextMerge = {
  readonly chunks: readonly TextChunk[];
  /** How many places both sides changed differently. */
  readonly conflicts: number;
};

const join = (tokens: readonly string[], from: number, to: number) =>
  tokens.slice(from, to).join('');

/** Word-level diff3 of base, mine and theirs. */
export function mergeText(base: string, mine: string, theirs: string): TextMerge {
  const o = tokenize(base);
  const a = tokenize(mine);
  const b = tokenize(theirs);
  const toA = matchTokens(o, a);
  const toB = matchTokens(o, b);
  const raw: TextChunk[] = [];
  const settle = (text: string) => {
    if (text !== '') raw.push({ kind: 'settled', text });
  };
  let io = 0;
  let ia = 0;
  let ib = 0;
  while (io < o.length || ia < a.length || ib < b.length) {
    // A stable run: base tokens matched on both sides, each right where the other sides stand.
    let run = 0;
    while (io + run < o.length && toA[io + run] === ia + run && toB[io + run] === ib + run) run++;
    if (run > 0) {
      settle(join(o, io, io + run));
      io += run;
      ia += run;
      ib += run;
      continue;
    }
    // An unstable stretch, up to the next base token both sides kept (or to the end).
    let sync = io;
    while (sync < o.length && ((toA[sync] as number) < 0 || (toB[sync] as number) < 0)) sync++;
    const endA = sync < o.length ? (toA[sync] as number) : a.length;
    const endB = sync < o.length ? (toB[sync] as number) : b.length;
    const was = join(o, io, sync);
    const mineNow = join(a, ia, endA);
    const theirsNow = join(b, ib, endB);
    if (mineNow === was) settle(theirsNow);
    else if (theirsNow === was || theirsNow === mineNow) settle(mineNow);
    else raw.push({ kind: 'conflict', base: was, mine: mineNow, theirs: theirsNow });
    io = sync;
    ia = endA;
    ib = endB;
  }
  return tidy(raw);
}

/**
 * Joins neighbouring settled pieces, and two conflicts with only spaces between them: a sentence
 * rewritten on both sides is one place to choose, not one per word.
 */
function tidy(raw: readonly TextChunk[]): TextMerge {
  const out: TextChunk[] = [];
  for (const chunk of raw) {
    const last = out[out.length - 1];
    const beforeLast = out[out.length - 2];
    if (chunk.kind === 'settled' && last?.kind === 'settled') {
      out[out.length - 1] = { kind: 'settled', text: last.text + chunk.text };
    } else if (
      chunk.kind === 'conflict' &&
      last?.kind === 'settled' &&
      last.text.trim() === '' &&
      beforeLast?.kind === 'conflict'
    ) {
      out.splice(out.length - 2, 2, {
        kind: 'conflict',
        base: beforeLast.base + last.text + chunk.base,
        mine: beforeLast.mine + last.text + chunk.mine,
        theirs: beforeLast.theirs + last.text + chunk.theirs,
      });
    } else out.push(chunk);
  }
  return { chunks: out, conflicts: out.filter((c) => c.kind === 'conflict').length };
}

/** What to keep at a place both changed: one side, or both (mine first). */
export type PlaceChoice = 'mine' | 'theirs' | 'both';

/** Mine, then theirs, with a space between two words that would otherwise run together. */
export function bothTexts(mine: string, theirs: string): string {
  if (mine.trim() === '') return theirs;
  if (theirs.trim() === '') return mine;
  if (/\s$/u.test(mine) || /^\s/u.test(theirs) || !/^[\p{L}\p{N}]/u.test(theirs))
    return mine + theirs;
  return `${mine} ${theirs}`;
}

/**
 * The merged text, each conflict resolved by its choice in order. A place with no choice keeps
 * both (nothing is lost); the person sees them marked before saving.
 */
export function resolveText(merge: TextMerge, choices: readonly PlaceChoice[] = []): string {
  let place = 0;
  return merge.chunks
    .map((chunk) => {
      if (chunk.kind === 'settled') return chunk.text;
      const choice = choices[place++] ?? 'both';
      if (choice === 'mine') return chunk.mine;
      if (choice === 'theirs') return chunk.theirs;
      return bothTexts(chunk.mine, chunk.theirs);
    })
    .join('');
}
