// All pairs of gram sets whose Dice coefficient reaches a threshold, without comparing every set of one side
// with every set of the other: prefix filtering, the standard set-similarity join. Grams are ordered rarest
// first (by how many sets hold them, then by value); two sets with Dice ≥ t must share a gram among the first
// |X| − ⌈t·|X| / (2 − t)⌉ + 1 grams of each (they share at least that many grams in all), so only sets that
// share a gram there are compared. On real plans that is a few candidates per set; on any input the work is
// bounded by a budget of comparisons shared by the whole diff, and the caller says so when it runs out.
import { dice, diceBound } from "./similarity.js";

/**
 * The work one diff may do pairing by similarity, in comparisons: a candidate looked at is one, a Dice
 * coefficient computed one more per 32 grams of the smaller set. About two seconds of work at most.
 */
export const MAX_COMPARISONS = 8_000_000;

export interface Budget {
  left: number;
  exhausted: boolean;
}

export const newBudget = (comparisons = MAX_COMPARISONS): Budget => ({ left: comparisons, exhausted: false });

/** Takes one comparison from the budget; false when there is none left (and marks it exhausted). */
export function spend(budget: Budget, n = 1): boolean {
  if (budget.left < n) {
    budget.left = 0;
    budget.exhausted = true;
    return false;
  }
  budget.left -= n;
  return true;
}

export interface Side {
  /** The caller's index of each set. */
  ids: readonly number[];
  sets: readonly Set<number>[];
}

export interface Pair {
  i: number;
  j: number;
  s: number;
}

/**
 * Dense ids for grams (numbers under 2^32), in an open-addressing table: grams are not small integers, and a
 * Map keyed by them costs about a microsecond an operation, which was most of the time of a large diff.
 */
class GramIds {
  private bits = 12;
  private keys = new Float64Array(1 << 12).fill(-1);
  private slots = new Int32Array(1 << 12);
  private grams: number[] = [];
  get size(): number {
    return this.grams.length;
  }
  gram(id: number): number {
    return this.grams[id]!;
  }
  private slot(g: number): number {
    const mask = this.keys.length - 1;
    // Fibonacci hashing: the high bits of the product depend on all the bits of the gram.
    let h = Math.imul(((g / 65536) | 0) * 31 + (g % 65536), 0x9e3779b1) >>> (32 - this.bits);
    while (this.keys[h] !== -1 && this.keys[h] !== g) h = (h + 1) & mask;
    return h;
  }
  /** The gram's id, -1 when it has none. */
  get(g: number): number {
    const h = this.slot(g);
    return this.keys[h] === g ? this.slots[h]! : -1;
  }
  /** The gram's id, given one if it has none. */
  id(g: number): number {
    const h = this.slot(g);
    if (this.keys[h] === g) return this.slots[h]!;
    const id = this.grams.length;
    this.grams.push(g);
    this.keys[h] = g;
    this.slots[h] = id;
    if (this.grams.length * 2 > this.keys.length) this.grow();
    return id;
  }
  private grow(): void {
    this.bits++;
    const size = 1 << this.bits;
    this.keys = new Float64Array(size).fill(-1);
    this.slots = new Int32Array(size);
    this.grams.forEach((g, id) => {
      const h = this.slot(g);
      this.keys[h] = g;
      this.slots[h] = id;
    });
  }
}

/** Dice of two non-empty sets given as sorted lists of distinct numbers: the same value as dice() on the sets. */
function sortedDice(p: Int32Array, q: Int32Array): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < p.length && j < q.length) {
    const x = p[i]!;
    const y = q[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * shared) / (p.length + q.length);
}

/** How many grams a set of this size must share with a partner to reach Dice ≥ t (at least 1). */
function minOverlap(size: number, t: number): number {
  return Math.max(1, Math.ceil((t * size) / (2 - t) - 1e-9));
}

/**
 * Every pair (a.ids[x], b.ids[y]) with dice ≥ t that `accept` allows, in no particular order. Stops when the
 * budget is spent (budget.exhausted then says the list may be incomplete).
 */
export function similarPairs(a: Side, b: Side, t: number, budget: Budget, accept: (i: number, j: number) => boolean = () => true): Pair[] {
  const out: Pair[] = [];
  if (a.sets.length === 0 || b.sets.length === 0 || budget.exhausted) return out;
  // Filled in below: each set as its grams' ranks, sorted (Dice by merging two sorted lists, no hashing).
  let ranksA: Int32Array[] = [];
  let ranksB: Int32Array[] = [];
  const consider = (x: number, y: number): boolean => {
    const i = a.ids[x]!;
    const j = b.ids[y]!;
    const sa = a.sets[x]!;
    const sb = b.sets[y]!;
    if (diceBound(sa.size, sb.size) < t || !accept(i, j)) return true;
    if (!spend(budget, 1 + ((sa.size + sb.size) >> 5))) return false;
    const s = sa.size === 0 || sb.size === 0 || ranksA.length === 0 ? dice(sa, sb) : sortedDice(ranksA[x]!, ranksB[y]!);
    if (s >= t) out.push({ i, j, s });
    return true;
  };

  // A threshold of 0 (or below) takes every pair; prefix filtering has nothing to filter.
  if (!(t > 0)) {
    for (let x = 0; x < a.sets.length; x++) {
      if (!spend(budget, b.sets.length)) return out;
      for (let y = 0; y < b.sets.length; y++) if (!consider(x, y)) return out;
    }
    return out;
  }

  // Empty sets are identical to each other (Dice 1) and share nothing with any other.
  const emptyB: number[] = [];
  b.sets.forEach((s, y) => {
    if (s.size === 0) emptyB.push(y);
  });

  // Each gram's rank: rarest first, ties by value; a set's prefix is its grams of lowest rank.
  const ids = new GramIds();
  let frequency = new Int32Array(1024);
  for (const side of [a, b])
    for (const set of side.sets)
      for (const g of set) {
        const id = ids.id(g);
        if (id >= frequency.length) {
          const grown = new Int32Array(frequency.length * 2);
          grown.set(frequency);
          frequency = grown;
        }
        frequency[id]!++;
      }
  // Packed as frequency · 2^32 + gram (a gram is two UTF-16 units, under 2^32), so a numeric sort orders them.
  const packed = new Float64Array(ids.size);
  for (let id = 0; id < ids.size; id++) packed[id] = frequency[id]! * 4294967296 + ids.gram(id);
  packed.sort();
  const rank = new Int32Array(ids.size);
  for (let r = 0; r < packed.length; r++) rank[ids.get(packed[r]! % 4294967296)] = r;
  const ranked = (set: Set<number>): Int32Array => {
    const ranks = new Int32Array(set.size);
    let n = 0;
    for (const g of set) ranks[n++] = rank[ids.get(g)]!;
    return ranks.sort();
  };
  ranksA = a.sets.map(ranked);
  ranksB = b.sets.map(ranked);
  const prefix = (ranks: Int32Array): Int32Array => ranks.subarray(0, ranks.length - minOverlap(ranks.length, t) + 1);

  const index = new Map<number, number[]>();
  ranksB.forEach((ranks, y) => {
    if (ranks.length === 0) return;
    for (const g of prefix(ranks)) {
      const list = index.get(g);
      if (list) list.push(y);
      else index.set(g, [y]);
    }
  });

  const seen = new Int32Array(b.sets.length).fill(-1);
  for (let x = 0; x < a.sets.length; x++) {
    const set = a.sets[x]!;
    if (set.size === 0) {
      if (!spend(budget, emptyB.length)) return out;
      for (const y of emptyB) if (!consider(x, y)) return out;
      continue;
    }
    for (const g of prefix(ranksA[x]!)) {
      const list = index.get(g);
      if (!list) continue;
      if (!spend(budget, list.length)) return out;
      for (const y of list) {
        if (seen[y] === x) continue;
        seen[y] = x;
        if (!consider(x, y)) return out;
      }
    }
  }
  return out;
}
