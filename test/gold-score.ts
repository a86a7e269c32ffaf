// The scorer of ../shared/tools/score.py, ported so the project's own tests hold it to the same facts on its
// own copies of the seeds and their expected structure (fixtures/seeds/*.gold.json).
import type { PlanDocument, PlanNode } from "../src/index.js";

export interface Gold {
  title: string;
  year: number;
  outline: { path: number[]; title: string; implicit?: boolean }[];
  tasks: { under: number[]; raw: string; lead: string[]; responsible: string[]; support: string[]; guide?: string[] }[];
  progress: number[][];
  deadlines?: Record<string, string[]>;
}

/** Party key: nested brackets, spaces, a trailing 等 and the district prefix do not count. */
export function partyKey(name: string): string {
  return name
    .replace(/[（(〈][^）)〉]*[）)〉]/g, "")
    .replace(/\s+/g, "")
    .replace(/等$/, "")
    .replace(/^(区|县|市)(?!场)/, "");
}

const normTitle = (t: string): string => t.replace(/[\s。；;]+/g, "");

function titleOk(gold: string, out: string): boolean {
  const g = normTitle(gold);
  const o = normTitle(out);
  if (!g || !o) return g === o;
  const n = Math.min(g.length, o.length, 12);
  return n >= 4 && g.slice(0, n) === o.slice(0, n);
}

const roleKey = (names: readonly string[]): string => [...new Set(names.map(partyKey))].sort().join("|");

function f1(tp: number, nOut: number, nGold: number): number {
  const p = nOut ? tp / nOut : nGold === 0 ? 1 : 0;
  const r = nGold ? tp / nGold : 1;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

function countMatches(gold: string[], out: string[]): number {
  const pool = new Map<string, number>();
  for (const k of out) pool.set(k, (pool.get(k) ?? 0) + 1);
  let tp = 0;
  for (const k of gold) {
    const n = pool.get(k) ?? 0;
    if (n > 0) {
      tp++;
      pool.set(k, n - 1);
    }
  }
  return tp;
}

export interface Score {
  outline_f: number;
  task_f: number;
  progress_f: number;
  deadlines: string;
  title: boolean;
  year: boolean;
  misses: string[];
}

export function score(gold: Gold, doc: PlanDocument): Score {
  const nodes: { path: string; title: string }[] = [];
  const tasks: string[] = [];
  const progress: string[] = [];
  const dates = new Map<string, Set<string>>();
  const walk = (list: PlanNode[], prefix: number[]): void => {
    list.forEach((n, i) => {
      const path = [...prefix, n.number ?? i + 1];
      const key = path.join(".");
      nodes.push({ path: key, title: n.title });
      for (const t of n.tasks) {
        tasks.push([key, roleKey(t.lead), roleKey(t.responsible), roleKey(t.support), roleKey(t.guide)].join(" / "));
      }
      if (n.progress) {
        progress.push(key);
        dates.set(key, new Set(n.progress.deadlines.flatMap((d) => (d.date ? [d.date] : []))));
      }
      walk(n.children, path);
    });
  };
  walk(doc.outline, []);

  const misses: string[] = [];
  const byPath = new Map<string, string[]>();
  for (const n of nodes) byPath.set(n.path, [...(byPath.get(n.path) ?? []), n.title]);
  const used = new Map<string, number>();
  let tp = 0;
  for (const g of gold.outline) {
    const key = g.path.join(".");
    const k = used.get(key) ?? 0;
    const cands = byPath.get(key) ?? [];
    if (k < cands.length && (g.path.length > 2 || titleOk(g.title, cands[k]!))) tp++;
    else misses.push(`outline ${key} ${g.title.slice(0, 16)} -> ${cands[k]?.slice(0, 16) ?? "none"}`);
    used.set(key, k + 1);
  }
  const goldTasks = gold.tasks.map((t) =>
    [t.under.join("."), roleKey(t.lead), roleKey(t.responsible), roleKey(t.support), roleKey(t.guide ?? [])].join(" / "),
  );
  const taskTp = countMatches(goldTasks, tasks);
  if (taskTp < goldTasks.length || taskTp < tasks.length) {
    const extra = [...tasks];
    for (const g of goldTasks) {
      const i = extra.indexOf(g);
      if (i >= 0) extra.splice(i, 1);
      else misses.push(`task missing ${g}`);
    }
    for (const e of extra) misses.push(`task extra ${e}`);
  }
  const goldProgress = gold.progress.map((p) => p.join("."));
  const progTp = countMatches(goldProgress, progress);
  let need = 0;
  let hit = 0;
  for (const [key, want] of Object.entries(gold.deadlines ?? {})) {
    need += want.length;
    for (const d of want) {
      if (dates.get(key)?.has(d)) hit++;
      else misses.push(`deadline ${key} ${d}`);
    }
  }
  return {
    outline_f: f1(tp, nodes.length, gold.outline.length),
    task_f: f1(taskTp, tasks.length, goldTasks.length),
    progress_f: f1(progTp, progress.length, goldProgress.length),
    deadlines: `${hit}/${need}`,
    title: normTitle(doc.meta.title) === normTitle(gold.title),
    year: doc.meta.year === gold.year,
    misses,
  };
}
