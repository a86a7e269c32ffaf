// Pairing the nodes of two plans, and the tasks of two paired nodes.
//
// Nodes, in three stages:
//   1. same numbering path and the same title;
//   2. same numbering path, titles or content similar enough (max of the two Dice scores ≥ threshold), unless
//      some other unpaired node is a clearly better partner for either side;
//   3. what is left, at any depth and position, by content similarity ≥ threshold, best pairs first.
// A node's content is its title and text; for a node with children (a section heading whose own text is little
// more than its title), the children's content is added, and such a node is compared by content only with
// another node that has children (a section is not confused with its own dominant item).
//
// Threshold (DEFAULT_SIMILARITY), measured on seeds 000 (马村区) and 003 (焦作市示范区), two plans written from the
// same city template (29 nodes each, same numbering, so the true pairs are the nodes with the same path). Of the
// 29 true pairs the lowest content scores are 0.354 (（十）强化污染粮食治理, rewritten), 0.507 (三、, a renamed
// section, scored on its subtree) and 0.532 (（七）, retitled and partly rewritten); the median is 0.948. Of the
// 504 comparable non-pairs (both with or both without children) the highest are 0.187 (（三）~（一）, both ways),
// 0.176 (五、~四、) and 0.176; the 99th percentile is 0.173, the median 0.079. Histogram by tenths, true pairs:
// 0 0 0 1 0 2 0 0 2 24; non-pairs: 378 126 0 0 0 0 0 0 0 0. The threshold 0.27 sits in the middle of the gap
// (0.187, 0.354). Titles alone do not separate them (true pairs down to 0.25: 三、 and （七） were retitled;
// non-pairs up to 0.40: （二）落实食品安全属地管理责任 ~ （十八）加强食品安全标准管理), which is why stage 2 takes the
// better of title and content. test/diff.test.ts recomputes the extremes and holds the threshold inside the gap.
//
// Cost: the pairs similar enough to matter are found with an index of the nodes' rarest grams (./join.ts)
// instead of by comparing every node of a with every node of b, so real plans cost about linear time; on any
// input the comparisons are bounded by a budget, and the alignment says when it ran out (`truncated`). Trees
// are walked without recursion.
import type { PlanNode, Task } from "../schema.js";
import { newBudget, similarPairs, spend, type Budget, type Pair } from "./join.js";
import { bigrams, compact, dice, jaccard } from "./similarity.js";
import { builtInAgencies } from "../pipeline/agency-table.js";

export const DEFAULT_SIMILARITY = 0.27;
/** Stage 2 passes over a same-path candidate when another unpaired node scores this much higher. */
const BETTER_ELSEWHERE = 0.2;

export interface FlatNode {
  node: PlanNode;
  /** Pre-order index in the document. */
  index: number;
  path: number[];
  pathKey: string;
  /** Index of the parent, null for a top-level node. */
  parent: number | null;
  titleKey: string;
  titleGrams: Set<number>;
  grams: Set<number>;
  container: boolean;
}

/**
 * The node's own content: its title and text (the text usually starts with the title), without the insides of
 * its responsibility brackets (owners are compared per task; in a short item they would outweigh the words).
 */
function own(node: PlanNode): string {
  let text = node.text.startsWith(node.title) ? node.text : node.title + node.text;
  // Each distinct bracket once; past MAX_RAWS of them (a node that is one long list of tasks) the rest stay,
  // which only blurs its similarity a little and keeps this linear.
  const raws = new Set<string>();
  for (const task of node.tasks) {
    if (!task.raw || raws.has(task.raw)) continue;
    if (raws.size >= MAX_RAWS) break;
    raws.add(task.raw);
    text = text.split(task.raw).join("");
  }
  return text;
}

/** Distinct bracket texts removed from a node's content. */
const MAX_RAWS = 64;

/**
 * A section's content for comparing: more than a real section has (the seeds' largest has 9,400 characters),
 * and a bound on the work for a tree of thousands of levels, where every level would repeat all below it.
 */
const MAX_SUBTREE_CHARS = 16 * 1024;

/** The node's own content followed by its descendants', in pre-order (no recursion), up to MAX_SUBTREE_CHARS. */
function subtree(node: PlanNode): string {
  const parts: string[] = [];
  const stack: PlanNode[] = [node];
  let length = 0;
  while (stack.length > 0 && length < MAX_SUBTREE_CHARS) {
    const n = stack.pop()!;
    const text = own(n);
    parts.push(text);
    length += text.length;
    for (let k = n.children.length - 1; k >= 0; k--) stack.push(n.children[k]!);
  }
  return parts.join("").slice(0, MAX_SUBTREE_CHARS);
}

/** The nodes in pre-order, with their numbering paths and what they are compared by (no recursion). */
export function flatten(outline: readonly PlanNode[]): FlatNode[] {
  const out: FlatNode[] = [];
  const stack: { node: PlanNode; position: number; path: readonly number[]; parent: number | null }[] = [];
  for (let k = outline.length - 1; k >= 0; k--) stack.push({ node: outline[k]!, position: k, path: [], parent: null });
  while (stack.length > 0) {
    const { node, position, path, parent } = stack.pop()!;
    const p = [...path, node.number ?? position + 1];
    const index = out.length;
    const container = node.children.length > 0;
    out.push({
      node,
      index,
      path: p,
      pathKey: p.join("."),
      parent,
      titleKey: compact(node.title),
      titleGrams: bigrams(node.title),
      grams: bigrams(container ? subtree(node) : own(node)),
      container,
    });
    for (let k = node.children.length - 1; k >= 0; k--) stack.push({ node: node.children[k]!, position: k, path: p, parent: index });
  }
  return out;
}

/** Content similarity of two nodes (the score thresholded in stages 2 and 3). */
export function contentScore(x: FlatNode, y: FlatNode): number {
  return dice(x.grams, y.grams);
}

export type PairedBy = "path+title" | "path" | "similarity";

export interface NodeAlignment {
  a: FlatNode[];
  b: FlatNode[];
  /** For each node of a, the index of its partner in b (or null). */
  aToB: (number | null)[];
  bToA: (number | null)[];
  /** For each node of b with a partner, how it was paired. */
  how: (PairedBy | null)[];
  /** The comparison budget ran out: some similar pairs may not have been looked at. */
  truncated: boolean;
}

/** Stage 2 looks at this many unpaired nodes with the same numbering path (more only with duplicate numbers). */
const MAX_SAME_PATH = 64;

export function alignNodes(a: FlatNode[], b: FlatNode[], threshold: number, budget: Budget = newBudget()): NodeAlignment {
  const aToB: (number | null)[] = a.map(() => null);
  const bToA: (number | null)[] = b.map(() => null);
  const how: (PairedBy | null)[] = b.map(() => null);
  const pair = (i: number, j: number, by: PairedBy): void => {
    aToB[i] = j;
    bToA[j] = i;
    how[j] = by;
  };

  // 1. Same path, same title.
  const byPathTitle = new Map<string, number[]>();
  const byPath = new Map<string, number[]>();
  for (const x of a) {
    const k = `${x.pathKey}\u0000${x.titleKey}`;
    (byPathTitle.get(k) ?? byPathTitle.set(k, []).get(k)!).push(x.index);
    (byPath.get(x.pathKey) ?? byPath.set(x.pathKey, []).get(x.pathKey)!).push(x.index);
  }
  // In each list the first unpaired one is the next to take (stage 1 pairs them in order).
  const taken = new Map<string, number>();
  for (const y of b) {
    const k = `${y.pathKey}\u0000${y.titleKey}`;
    const list = byPathTitle.get(k);
    if (!list) continue;
    const at = taken.get(k) ?? 0;
    if (at >= list.length) continue;
    taken.set(k, at + 1);
    pair(list[at]!, y.index, "path+title");
  }

  // Every comparable pair of nodes left over with content similarity ≥ threshold (comparable: both with
  // children or both without), found through the gram index; stages 2 and 3 choose among them.
  const leftA = a.filter((x) => aToB[x.index] === null);
  const leftB = b.filter((y) => bToA[y.index] === null);
  const similar = similarPairs(
    { ids: leftA.map((x) => x.index), sets: leftA.map((x) => x.grams) },
    { ids: leftB.map((y) => y.index), sets: leftB.map((y) => y.grams) },
    threshold,
    budget,
    (i, j) => a[i]!.container === b[j]!.container,
  );
  const ofA = new Map<number, Pair[]>();
  const ofB = new Map<number, Pair[]>();
  for (const p of similar) {
    (ofA.get(p.i) ?? ofA.set(p.i, []).get(p.i)!).push(p);
    (ofB.get(p.j) ?? ofB.set(p.j, []).get(p.j)!).push(p);
  }

  // 2. Same path, similar title or content, no clearly better partner elsewhere.
  for (const y of b) {
    if (bToA[y.index] !== null) continue;
    let best: { i: number; s: number } | null = null;
    let looked = 0;
    for (const i of byPath.get(y.pathKey) ?? []) {
      if (aToB[i] !== null) continue;
      if (++looked > MAX_SAME_PATH || !spend(budget, 2)) break;
      const x = a[i]!;
      const s = Math.max(dice(x.titleGrams, y.titleGrams), x.container === y.container ? contentScore(x, y) : 0);
      if (s >= threshold && (!best || s > best.s)) best = { i, s };
    }
    if (!best) continue;
    const x = a[best.i]!;
    const content = x.container === y.container ? contentScore(x, y) : 0;
    const bar = Math.max(best.s, content) + BETTER_ELSEWHERE;
    // A rival scores ≥ bar > threshold, so it is among the similar pairs.
    const rivalA = (ofB.get(y.index) ?? []).some((p) => p.i !== x.index && aToB[p.i] === null && p.s >= bar);
    const rivalB = !rivalA && (ofA.get(x.index) ?? []).some((p) => p.j !== y.index && bToA[p.j] === null && p.s >= bar);
    if (rivalA || rivalB) continue;
    pair(best.i, y.index, "path");
  }

  // 3. Whatever is left, by content similarity, best first.
  const candidates = similar.filter((p) => aToB[p.i] === null && bToA[p.j] === null);
  candidates.sort((p, q) => q.s - p.s || p.j - q.j || p.i - q.i);
  for (const c of candidates) if (aToB[c.i] === null && bToA[c.j] === null) pair(c.i, c.j, "similarity");

  return { a, b, aToB, bToA, how, truncated: budget.exhausted };
}

const ROLES = ["lead", "responsible", "support", "guide"] as const;

interface TaskKey {
  text: string;
  grams: Set<number>;
  owners: Set<string>;
}

/** A party as owners are compared for pairing: the body it is now (a renamed one under its successor). */
export type OwnerKey = (name: string) => string;
const currentBody: OwnerKey = (name) => builtInAgencies().info(name).current;

function taskKey(t: Task, ownerKey: OwnerKey): TaskKey {
  const owners = new Set<string>();
  for (const role of ROLES) for (const p of t[role]) owners.add(`${role}:${ownerKey(p)}`);
  return { text: compact(t.text), grams: bigrams(t.text), owners };
}

/**
 * Pairs the tasks of two paired nodes: identical text first (in order), then by text similarity helped by
 * owner-set overlap and position. Returns, for each task of b, the index of its partner in a (or null).
 */
export function alignTasks(
  a: readonly Task[],
  b: readonly Task[],
  threshold: number,
  budget: Budget = newBudget(),
  ownerKey: OwnerKey = currentBody,
): (number | null)[] {
  const ka = a.map((t) => taskKey(t, ownerKey));
  const kb = b.map((t) => taskKey(t, ownerKey));
  const aToB: (number | null)[] = a.map(() => null);
  const bToA: (number | null)[] = b.map(() => null);
  // Identical text: each task of b takes the first task of a with that text not yet taken.
  const byText = new Map<string, number[]>();
  for (let i = ka.length - 1; i >= 0; i--) (byText.get(ka[i]!.text) ?? byText.set(ka[i]!.text, []).get(ka[i]!.text)!).push(i);
  kb.forEach((y, j) => {
    const i = byText.get(y.text)?.pop();
    if (i !== undefined) {
      aToB[i] = j;
      bToA[j] = i;
    }
  });
  const candidates: { i: number; j: number; s: number }[] = [];
  const consider = (i: number, j: number, text: number): void => {
    const x = ka[i]!;
    const y = kb[j]!;
    const owners = jaccard(x.owners, y.owners);
    const samePlace = i === j;
    if (text >= threshold || (text >= threshold / 2 && (owners >= 0.5 || samePlace)))
      candidates.push({ i, j, s: text + 0.25 * owners + (samePlace ? 0.1 : 0) });
  };
  const restA = ka.flatMap((_, i) => (aToB[i] === null ? [i] : []));
  const restB = kb.flatMap((_, j) => (bToA[j] === null ? [j] : []));
  if (restA.length * restB.length <= 64) {
    // A few tasks, as in almost every item: compare them all.
    for (const j of restB) for (const i of restA) consider(i, j, dice(ka[i]!.grams, kb[j]!.grams));
  } else {
    // Many: only pairs whose text reaches threshold / 2 can qualify; the gram index finds them.
    const pairs = similarPairs(
      { ids: restA, sets: restA.map((i) => ka[i]!.grams) },
      { ids: restB, sets: restB.map((j) => kb[j]!.grams) },
      threshold / 2,
      budget,
    );
    for (const p of pairs) consider(p.i, p.j, p.s);
  }
  candidates.sort((p, q) => q.s - p.s || p.j - q.j || p.i - q.i);
  for (const c of candidates)
    if (aToB[c.i] === null && bToA[c.j] === null) {
      aToB[c.i] = c.j;
      bToA[c.j] = c.i;
    }
  return bToA;
}
