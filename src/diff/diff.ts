// `plan-parse diff`: what changed from plan a to plan b, as a plan-parse-diff/v1 report. Nodes are paired by
// numbering path and title, then path and similarity, then similarity alone (./align.ts); tasks inside paired
// nodes by text, owners and position. Findings come in document order of b, then the nodes only a has; the
// same inputs give the same report, byte for byte.
import type { Deadline, PlanDocument, PlanNode, Task } from "../schema.js";
import { alignNodes, alignTasks, DEFAULT_SIMILARITY, flatten, type FlatNode } from "./align.js";
import { MAX_COMPARISONS, newBudget, spend, type Budget } from "./join.js";
import { inlineDiff } from "./inline.js";
import {
  DIFF_SCHEMA_ID,
  DiffCategory,
  FINDING_KINDS,
  type DiffReport,
  type DocRef,
  type Finding,
  type FindingKind,
  type NodeRef,
  type Role,
  type TaskRef,
} from "./schema.js";
import { bigrams, compact, dice } from "./similarity.js";
import { rememberSources } from "./sources.js";
import { builtInAgencies, placeContext, type AgencyTable, type PlaceContext } from "../pipeline/agency-table.js";

export { DEFAULT_SIMILARITY };

export interface DiffOptions {
  /** Kinds of findings to leave out (the alignment is the same either way). */
  ignore?: DiffCategory[];
  /** Threshold on character-bigram Dice for pairing nodes and tasks by content (default DEFAULT_SIMILARITY). */
  similarity?: number;
  /** The work pairing by similarity may do, in comparisons (default MAX_COMPARISONS); past it, `notes` says so. */
  maxComparisons?: number;
  /**
   * The agency table parties are compared by (default: the built-in one; an aliases file extends it): a
   * spelling variant (区卫健委 / 区卫生健康委) is the same owner, a reform renaming (区食药监分局 / 区市场监管局)
   * an owner-renamed finding.
   */
  agencies?: AgencyTable;
}

const ROLES: readonly Role[] = ["lead", "responsible", "support", "guide"];
/** Two dateless deadlines this similar are one deadline changed (全年不少于4次 → 全年不少于2次). */
const DATELESS_SIMILAR = 0.5;

const squeeze = (s: string): string => s.replace(/\s+/g, "");

function docRef(doc: PlanDocument): DocRef {
  return { name: doc.source.name, sha256: doc.source.sha256, title: doc.meta.title, year: doc.meta.year };
}

function nodeRef(x: FlatNode): NodeRef {
  return { id: x.node.id, path: [...x.path], marker: x.node.marker, title: x.node.title };
}

function taskRef(t: Task): TaskRef {
  return { id: t.id, text: t.text, lead: [...t.lead], responsible: [...t.responsible], support: [...t.support], guide: [...t.guide] };
}

/** The node's text after its title (which it usually starts with) and the 。 ending the title. */
function body(node: PlanNode): string {
  if (!node.text.startsWith(node.title)) return node.text;
  return node.text.slice(node.title.length).replace(/^[。．.：:；;，,]\s*/, "");
}

function taskCount(nodes: readonly FlatNode[]): number {
  return nodes.reduce((n, x) => n + x.node.tasks.length, 0);
}

type Sides = { a: NodeRef | null; b: NodeRef | null };

/** A copy in the schema's key order (whatever the order of the input's keys). */
const dl = (d: Deadline): Deadline => ({ text: d.text, date: d.date, kind: d.kind });

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** An ISO date moved by whole years, a month's last day staying its last day (2月底前 in a leap year). */
function shiftYears(date: string, years: number): string {
  if (years === 0) return date;
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const to = y + years;
  const day = d === daysIn(y, m) ? daysIn(to, m) : Math.min(d, daysIn(to, m));
  return `${String(to).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Deadlines are compared by date (a's dates moved by the difference of the plans' years, so that 6月底前 in the
 * 2021 plan and 6月底前 in the 2022 plan are the same deadline; the year change itself is a meta finding), and
 * dateless ones by text.
 */
function diffDeadlines(sides: Sides, da: readonly Deadline[], db: readonly Deadline[], years: number, out: Finding[], budget: Budget): void {
  const key = (d: Deadline, shift: number): string => (d.date ? `date:${shiftYears(d.date, shift)}` : `${d.kind}:${compact(d.text)}`);
  const aUsed = da.map(() => false);
  const partner: (number | "same" | null)[] = db.map(() => null);
  // The same deadline: each of b takes the first of a with its key not yet taken (queues, so this is linear).
  const byKey = new Map<string, number[]>();
  for (let i = da.length - 1; i >= 0; i--) {
    const k = key(da[i]!, years);
    (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(i);
  }
  db.forEach((y, j) => {
    const i = byKey.get(key(y, 0))?.pop();
    if (i !== undefined) {
      aUsed[i] = true;
      partner[j] = "same";
    }
  });
  // Left over: a dated deadline for the first dated one of the same kind left, in order; a dateless one for
  // the first similar one (compared within the diff's budget).
  const dated = new Map<string, number[]>();
  for (let i = da.length - 1; i >= 0; i--) {
    const x = da[i]!;
    if (!aUsed[i] && x.date) (dated.get(x.kind) ?? dated.set(x.kind, []).get(x.kind)!).push(i);
  }
  const grams = new Map<number, Set<number>>();
  const gramsOf = (i: number): Set<number> => grams.get(i) ?? grams.set(i, bigrams(da[i]!.text)).get(i)!;
  db.forEach((y, j) => {
    if (partner[j] !== null) return;
    let i: number | undefined;
    if (y.date) {
      const queue = dated.get(y.kind);
      while (queue && queue.length > 0 && aUsed[queue[queue.length - 1]!]) queue.pop();
      i = queue?.pop();
    } else {
      const gy = bigrams(y.text);
      const found = da.findIndex((x, i) => !aUsed[i] && x.kind === y.kind && !x.date && spend(budget) && dice(gramsOf(i), gy) >= DATELESS_SIMILAR);
      if (found >= 0) i = found;
    }
    if (i !== undefined) {
      aUsed[i] = true;
      partner[j] = i;
    }
  });
  db.forEach((y, j) => {
    const p = partner[j];
    if (p === null || p === undefined) out.push({ kind: "deadline-added", category: "deadlines", ...sides, deadline: dl(y) });
    else if (p !== "same") out.push({ kind: "deadline-changed", category: "deadlines", ...sides, from: dl(da[p]!), to: dl(y) });
  });
  da.forEach((x, i) => {
    if (!aUsed[i]) out.push({ kind: "deadline-removed", category: "deadlines", ...sides, deadline: dl(x) });
  });
}

interface OwnerContext {
  table: AgencyTable;
  a: PlaceContext;
  b: PlaceContext;
}

function diffOwners(sides: Sides, ta: Task, tb: Task, out: Finding[], owners: OwnerContext): void {
  const { table } = owners;
  for (const role of ROLES) {
    const from = ta[role];
    const to = tb[role];
    const fromKeys = from.map((p) => table.key(p, owners.a));
    const toKeys = to.map((p) => table.key(p, owners.b));
    const keysA = new Set(fromKeys);
    const keysB = new Set(toKeys);
    const removedAt = from.flatMap((_, i) => (keysB.has(fromKeys[i]!) ? [] : [i]));
    const addedAt = to.flatMap((_, j) => (keysA.has(toKeys[j]!) ? [] : [j]));
    // A party of a and one of b that are one body before and after a reform: each removed party takes the
    // first added one it is a renaming of.
    const renamedA = new Set<number>();
    const renamedB = new Set<number>();
    const task = { a: ta.id, b: tb.id };
    for (const i of removedAt) {
      for (const j of addedAt) {
        if (renamedB.has(j)) continue;
        const steps = table.renaming(fromKeys[i]!, toKeys[j]!);
        if (!steps) continue;
        renamedA.add(i);
        renamedB.add(j);
        out.push({ kind: "owner-renamed", category: "owners", ...sides, task, role, from: from[i]!, to: to[j]!, steps });
        break;
      }
    }
    const removed = removedAt.filter((i) => !renamedA.has(i)).map((i) => from[i]!);
    const added = addedAt.filter((j) => !renamedB.has(j)).map((j) => to[j]!);
    if (removed.length || added.length)
      out.push({ kind: "owners-changed", category: "owners", ...sides, task, role, from: [...from], to: [...to], removed, added });
  }
}

export function diffPlans(a: PlanDocument, b: PlanDocument, options: DiffOptions = {}): DiffReport {
  const threshold = options.similarity ?? DEFAULT_SIMILARITY;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`similarity must be between 0 and 1, got ${threshold}`);
  const ignore = DiffCategory.options.filter((c) => options.ignore?.includes(c));

  const fa = flatten(a.outline);
  const fb = flatten(b.outline);
  // One budget of comparisons for all pairing by similarity (nodes, then the tasks of each pair of nodes).
  const maxComparisons = options.maxComparisons ?? MAX_COMPARISONS;
  const budget = newBudget(maxComparisons);
  const al = alignNodes(fa, fb, threshold, budget);
  const table = options.agencies ?? builtInAgencies();
  const owners: OwnerContext = { table, a: placeContext(a), b: placeContext(b) };
  const ownerKey = (name: string): string => table.info(name).current;
  const findings: Finding[] = [];
  const none: Sides = { a: null, b: null };

  if (a.meta.title !== b.meta.title)
    findings.push({
      kind: "meta-changed",
      category: "title",
      ...none,
      field: "title",
      from: a.meta.title,
      to: b.meta.title,
      diff: inlineDiff(a.meta.title, b.meta.title),
    });
  if (a.meta.year !== b.meta.year)
    findings.push({ kind: "meta-changed", category: "deadlines", ...none, field: "year", from: a.meta.year, to: b.meta.year, diff: [] });

  const years = a.meta.year !== null && b.meta.year !== null ? b.meta.year - a.meta.year : 0;
  let moved = 0;
  let renumbered = 0;
  let tasksPaired = 0;
  for (const y of fb) {
    const i = al.bToA[y.index];
    if (i === null || i === undefined) {
      findings.push({ kind: "node-added", category: "structure", a: null, b: nodeRef(y), tasks: y.node.tasks.length });
      continue;
    }
    const x = fa[i]!;
    const sides: Sides = { a: nodeRef(x), b: nodeRef(y) };

    // Structure: a different parent, or the same parent and a different number.
    const sameParent = x.parent === null ? y.parent === null : y.parent !== null && al.aToB[x.parent] === y.parent;
    if (!sameParent) {
      moved++;
      findings.push({
        kind: "node-moved",
        category: "structure",
        ...sides,
        fromParent: x.parent === null ? [] : fa[x.parent]!.path,
        toParent: y.parent === null ? [] : fb[y.parent]!.path,
      });
    } else {
      const restyled = x.node.style !== y.node.style && x.node.style !== "implicit" && y.node.style !== "implicit";
      if (x.path[x.path.length - 1] !== y.path[y.path.length - 1] || restyled) {
        renumbered++;
        findings.push({ kind: "node-renumbered", category: "structure", ...sides, fromMarker: x.node.marker, toMarker: y.node.marker });
      }
    }

    if (squeeze(x.node.title) !== squeeze(y.node.title))
      findings.push({
        kind: "title-changed",
        category: "title",
        ...sides,
        from: x.node.title,
        to: y.node.title,
        diff: inlineDiff(x.node.title, y.node.title),
      });

    const bodyA = body(x.node);
    const bodyB = body(y.node);
    if (squeeze(bodyA) !== squeeze(bodyB)) findings.push({ kind: "text-changed", category: "text", ...sides, diff: inlineDiff(bodyA, bodyB) });

    const ta = x.node.tasks;
    const tb = y.node.tasks;
    const partners = alignTasks(ta, tb, threshold, budget, ownerKey);
    const used = new Set<number>();
    tb.forEach((t, j) => {
      const p = partners[j];
      if (p === null || p === undefined) findings.push({ kind: "task-added", category: "structure", ...sides, task: taskRef(t) });
      else {
        used.add(p);
        tasksPaired++;
        diffOwners(sides, ta[p]!, t, findings, owners);
      }
    });
    ta.forEach((t, p) => {
      if (!used.has(p)) findings.push({ kind: "task-removed", category: "structure", ...sides, task: taskRef(t) });
    });

    diffDeadlines(sides, x.node.progress?.deadlines ?? [], y.node.progress?.deadlines ?? [], years, findings, budget);

    const pa = x.node.progress?.text ?? null;
    const pb = y.node.progress?.text ?? null;
    if (squeeze(pa ?? "") !== squeeze(pb ?? "") || (pa === null) !== (pb === null))
      findings.push({ kind: "progress-changed", category: "progress", ...sides, from: pa, to: pb, diff: inlineDiff(pa ?? "", pb ?? "") });
  }
  for (const x of fa)
    if (al.aToB[x.index] === null)
      findings.push({ kind: "node-removed", category: "structure", a: nodeRef(x), b: null, tasks: x.node.tasks.length });

  const kept = findings.filter((f) => !ignore.includes(f.category));
  const byKind = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
  const changed = new Set<string>();
  for (const f of kept) {
    byKind[f.kind]++;
    if (f.a && f.b) changed.add(f.b.id);
  }
  const paired = al.bToA.filter((i) => i !== null).length;
  const tasksA = taskCount(fa);
  const tasksB = taskCount(fb);
  const report: DiffReport = {
    schema: DIFF_SCHEMA_ID,
    a: docRef(a),
    b: docRef(b),
    options: { ignore, similarity: threshold },
    equal: kept.length === 0,
    summary: {
      nodes: {
        a: fa.length,
        b: fb.length,
        paired,
        added: fb.length - paired,
        removed: fa.length - paired,
        moved,
        renumbered,
        changed: changed.size,
      },
      tasks: { a: tasksA, b: tasksB, paired: tasksPaired, added: tasksB - tasksPaired, removed: tasksA - tasksPaired },
      findings: kept.length,
      byKind,
    },
    findings: kept,
    ...(budget.exhausted
      ? {
          notes: [
            `pairing by similarity stopped after ${String(maxComparisons).replace(/\B(?=(\d{3})+(?!\d))/g, ",")} comparisons (plans this large and this different): ` +
              "some moved or reworded items and tasks may be reported as removed and added",
          ],
        }
      : {}),
  };
  return rememberSources(report, { a, b });
}
