// Similarity measures for pairing nodes and tasks across two plans, and the comparable key of a party name.
//
// Content similarity is the Dice coefficient on the *sets* of character bigrams of the text with whitespace,
// punctuation and symbols removed: 2·|A∩B| / (|A|+|B|).

const IGNORED = /[\s\p{P}\p{S}]/gu;

/** The text as compared: no whitespace, punctuation or symbols. */
export function compact(text: string): string {
  return text.replace(IGNORED, "");
}

/** The set of character bigrams (UTF-16 code-unit pairs, packed in a number); a one-character text is its own gram. */
export function bigrams(text: string): Set<number> {
  const s = compact(text);
  const grams = new Set<number>();
  if (s.length === 1) grams.add(s.charCodeAt(0));
  for (let i = 0; i + 1 < s.length; i++) grams.add(s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1));
  return grams;
}

/** Dice coefficient of two gram sets; two empty sets are identical. */
export function dice(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** The largest Dice two sets of these sizes can reach (to skip pairs that cannot reach a threshold). */
export function diceBound(sizeA: number, sizeB: number): number {
  if (sizeA === 0 && sizeB === 0) return 1;
  return (2 * Math.min(sizeA, sizeB)) / (sizeA + sizeB);
}

/** Jaccard index of two sets of strings; two empty sets are identical. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}
