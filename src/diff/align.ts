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
import type { PlanNode, Task } from "../schema.js";
import { bigrams, compact, dice, diceBound, jaccard } from "./similarity.js";
import { partyKey } from "../party-key.js";

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
  for (const task of node.tasks) if (task.raw) text = text.split(task.raw).join("");
  return text;
}

function subtree(node: PlanNode): string {
  return own(node) + node.children.map(subtree).join("");
}

/** The nodes in pre-order, with their numbering paths and what they are compared by. */
export function flatten(outline: readonly PlanNode[]): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (nodes: readonly PlanNode[], path: number[], parent: number | null): void => {
    nodes.forEach((node, i) => {
      const p = [...path, node.number ?? i + 1];
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
      walk(node.children, p, index);
    });
  };
  walk(outline, [], null);
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
}

export function alignNodes(a: FlatNode[], b: FlatNode[], threshold: number): NodeAlignment {
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
  for (const y of b) {
    const i = byPathTitle.get(`${y.pathKey}\u0000${y.titleKey}`)?.find((i) => aToB[i] === null);
    if (i !== undefined) pair(i, y.index, "path+title");
  }

  // Content scores among the nodes left over, computed on demand (stages 2 and 3 only look at leftovers).
  const cache = new Map<number, number>();
  const score = (i: number, j: number): number => {
    const k = i * b.length + j;
    let s = cache.get(k);
    if (s === undefined) {
      s = contentScore(a[i]!, b[j]!);
      cache.set(k, s);
    }
    return s;
  };
  const comparable = (x: FlatNode, y: FlatNode): boolean =>
    x.container === y.container && diceBound(x.grams.size, y.grams.size) >= threshold;

  // 2. Same path, similar title or content, no clearly better partner elsewhere.
  const leftA = (): FlatNode[] => a.filter((x) => aToB[x.index] === null);
  let restA = leftA();
  for (const y of b) {
    if (bToA[y.index] !== null) continue;
    const candidates = (byPath.get(y.pathKey) ?? []).filter((i) => aToB[i] === null);
    let best: { i: number; s: number } | null = null;
    for (const i of candidates) {
      const x = a[i]!;
      const s = Math.max(dice(x.titleGrams, y.titleGrams), x.container === y.container ? score(i, y.index) : 0);
      if (s >= threshold && (!best || s > best.s)) best = { i, s };
    }
    if (!best) continue;
    const x = a[best.i]!;
    const content = x.container === y.container ? score(best.i, y.index) : 0;
    const bar = Math.max(best.s, content) + BETTER_ELSEWHERE;
    const rivalA = restA.some((o) => o.index !== x.index && aToB[o.index] === null && comparable(o, y) && score(o.index, y.index) >= bar);
    const rivalB =
      !rivalA && b.some((o) => o.index !== y.index && bToA[o.index] === null && comparable(x, o) && score(x.index, o.index) >= bar);
    if (rivalA || rivalB) continue;
    pair(best.i, y.index, "path");
  }

  // 3. Whatever is left, by content similarity, best first.
  restA = leftA();
  const restB = b.filter((y) => bToA[y.index] === null);
  const candidates: { i: number; j: number; s: number }[] = [];
  for (const y of restB)
    for (const x of restA) {
      if (!comparable(x, y)) continue;
      const s = score(x.index, y.index);
      if (s >= threshold) candidates.push({ i: x.index, j: y.index, s });
    }
  candidates.sort((p, q) => q.s - p.s || p.j - q.j || p.i - q.i);
  for (const c of candidates) if (aToB[c.i] === null && bToA[c.j] === null) pair(c.i, c.j, "similarity");

  return { a, b, aToB, bToA, how };
}

const ROLES = ["lead", "responsible", "support", "guide"] as const;

interface TaskKey {
  text: string;
  grams: Set<number>;
  owners: Set<string>;
}

function taskKey(t: Task): TaskKey {
  const owners = new Set<string>();
  for (const role of ROLES) for (const p of t[role]) owners.add(`${role}:${partyKey(p)}`);
  return { text: compact(t.text), grams: bigrams(t.text), owners };
}

/**
 * Pairs the tasks of two paired nodes: identical text first (in order), then by text similarity helped by
 * owner-set overlap and position. Returns, for each task of b, the index of its partner in a (or null).
 */
export function alignTasks(a: readonly Task[], b: readonly Task[], threshold: number): (number | null)[] {
  const ka = a.map(taskKey);
  const kb = b.map(taskKey);
  const aToB: (number | null)[] = a.map(() => null);
  const bToA: (number | null)[] = b.map(() => null);
  kb.forEach((y, j) => {
    const i = ka.findIndex((x, i) => aToB[i] === null && x.text === y.text);
    if (i >= 0) {
      aToB[i] = j;
      bToA[j] = i;
    }
  });
  const candidates: { i: number; j: number; s: number }[] = [];
  kb.forEach((y, j) => {
    if (bToA[j] !== null) return;
    ka.forEach((x, i) => {
      if (aToB[i] !== null) return;
      const text = dice(x.grams, y.grams);
      const owners = jaccard(x.owners, y.owners);
      const samePlace = i === j;
      if (text >= threshold || (text >= threshold / 2 && (owners >= 0.5 || samePlace)))
        candidates.push({ i, j, s: text + 0.25 * owners + (samePlace ? 0.1 : 0) });
    });
  });
  candidates.sort((p, q) => q.s - p.s || p.j - q.j || p.i - q.i);
  for (const c of candidates)
    if (aToB[c.i] === null && bToA[c.j] === null) {
      aToB[c.i] = c.j;
      bToA[c.j] = c.i;
    }
  return bToA;
}
