// `plan-parse diff --format text`: the report read like a code review. A summary first (how many items and
// tasks each side has, how many findings of each kind), then the findings grouped by item. Each item is named
// the way `--format tree` and `plan-parse table` name it: its printed label and its id (`二（四） 建设完善“豫冷链”平台
// id 2.1`, `id a:2.3 → b:1.2` when the two plans number it differently). Inline changes are marked like
// `git diff --word-diff=plain` (`[-删去的-]{+新增的+}`), coloured on top when colour is on: the marks make a
// change readable without colour and to a reader who cannot tell red from green. Roles are the plans' words
// (牵头 / 负责 / 配合 / 指导), as in the tree; the JSON keeps its English field names.
import type { ChalkInstance } from "chalk";

import { deadlineText, fitWidth, nodeLabels, ROLE_WORD, ROLE_WORDS, TASK_TEXT_WIDTH } from "../outputs/reader-text.js";
import { terminalDeep, terminalLine, terminalText } from "../outputs/terminal-text.js";
import { sides as sidesOf } from "./inline.js";
import type { DiffOp, DiffReport, Finding, FindingKind, NodeRef, TaskRef } from "./schema.js";
import { sourcesOf, type DiffSources } from "./sources.js";

/** Characters of unchanged text kept on each side of a change. */
const CONTEXT = 12;
/** A changed run longer than this is cut (the JSON report has it whole). */
const LONGEST_CHANGE = 300;

/**
 * The summary's lines of finding counts: per line a heading and, per kind, the word after its count. Every kind
 * is on exactly one line, so the counts read off the summary are the JSON's `summary.byKind`.
 */
export const SUMMARY_LINES: ReadonlyArray<readonly [string, ReadonlyArray<readonly [FindingKind, string]>]> = [
  ["document", [["meta-changed", "changed"]]],
  [
    "items",
    [
      ["node-added", "added"],
      ["node-removed", "removed"],
      ["node-moved", "moved"],
      ["node-renumbered", "renumbered"],
    ],
  ],
  ["titles", [["title-changed", "changed"]]],
  ["text", [["text-changed", "changed"]]],
  [
    "tasks",
    [
      ["task-added", "added"],
      ["task-removed", "removed"],
    ],
  ],
  [
    "owners",
    [
      ["owners-changed", "changed"],
      ["owner-renamed", "renamed"],
    ],
  ],
  [
    "deadlines",
    [
      ["deadline-added", "added"],
      ["deadline-removed", "removed"],
      ["deadline-changed", "changed"],
    ],
  ],
  ["progress", [["progress-changed", "changed"]]],
];

const HEADING_WIDTH = Math.max(...SUMMARY_LINES.map(([h]) => h.length)) + 2;

const chars = (s: string): string[] => Array.from(s);
const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, " ");

function cut(s: string, max: number): string {
  const cs = chars(oneLine(s));
  return cs.length > max ? cs.slice(0, max).join("") + "…" : cs.join("");
}

function pathText(path: readonly number[]): string {
  return path.length ? path.join(".") : "—";
}

/** An item's or a task's id; the sides are named when they differ, or when only one side has it. */
function idText(a: string | undefined, b: string | undefined): string {
  if (a !== undefined && b !== undefined) return a === b ? `id ${b}` : `id a:${a} → b:${b}`;
  return a !== undefined ? `id a:${a}` : `id b:${b ?? "—"}`;
}

class Painter {
  constructor(readonly c: ChalkInstance) {}
  del(s: string): string {
    return this.c.red(`[-${s}-]`);
  }
  ins(s: string): string {
    return this.c.green(`{+${s}+}`);
  }
  ctx(s: string): string {
    return this.c.dim(s);
  }
  /**
   * A short text's change (a title) on one line, whole: inline where the two share enough to read as an edit,
   * else the old text deleted and the new inserted (a comb of common characters would read as noise).
   */
  whole(ops: readonly DiffOp[]): string {
    const same = ops.filter((o) => o.op === "equal").reduce((n, o) => n + chars(o.text).length, 0);
    const { a, b } = sidesOf(ops);
    const partial = same > 0 && same * 10 >= 3 * Math.max(chars(a).length, chars(b).length);
    if (!partial) return (a ? this.del(oneLine(a)) : "") + (b ? this.ins(oneLine(b)) : "");
    return ops.map((o) => (o.op === "equal" ? oneLine(o.text) : o.op === "delete" ? this.del(oneLine(o.text)) : this.ins(oneLine(o.text)))).join("");
  }
  /** Hunks of a long diff: the changes with CONTEXT characters of unchanged text around them, one line each. */
  hunks(ops: readonly DiffOp[]): string[] {
    const lines: string[] = [];
    let line = "";
    let has = false;
    ops.forEach((o, k) => {
      if (o.op !== "equal") {
        const text = cut(o.text, LONGEST_CHANGE);
        line += o.op === "delete" ? this.del(text) : this.ins(text);
        has = true;
        return;
      }
      const cs = chars(oneLine(o.text));
      const first = k === 0;
      const last = k === ops.length - 1;
      if (first) line += this.ctx((cs.length > CONTEXT ? "…" : "") + cs.slice(-CONTEXT).join(""));
      else if (last) line += this.ctx(cs.slice(0, CONTEXT).join("") + (cs.length > CONTEXT ? "…" : ""));
      else if (cs.length <= 3 * CONTEXT) line += this.ctx(cs.join(""));
      else {
        line += this.ctx(cs.slice(0, CONTEXT).join("") + "…");
        lines.push(line);
        line = this.ctx("…" + cs.slice(-CONTEXT).join(""));
        has = false;
      }
    });
    if (has || lines.length === 0) lines.push(line);
    return lines;
  }
}

/**
 * Items by their printed labels (二（四）), from the documents the report was made from. A report without them
 * (one read back from JSON) has each item's own marker and numbering path only: those are shown instead.
 */
class Names {
  private readonly labels: { a: ReadonlyMap<string, string>; b: ReadonlyMap<string, string> } | null;
  constructor(sources: DiffSources | undefined) {
    this.labels = sources ? { a: nodeLabels(sources.a.outline), b: nodeLabels(sources.b.outline) } : null;
  }
  label(side: "a" | "b", ref: NodeRef): string {
    const full = this.labels?.[side].get(ref.id);
    return full !== undefined ? terminalLine(full) : ref.marker.trim() || "·";
  }
  /** The label of the item's parent (`top level` for a section). */
  parent(side: "a" | "b", ref: NodeRef, path: readonly number[]): string {
    if (path.length === 0) return "top level";
    if (!this.labels) return pathText(path);
    const cut = ref.id.lastIndexOf(".");
    const full = cut > 0 ? this.labels[side].get(ref.id.slice(0, cut)) : undefined;
    return full !== undefined ? terminalLine(full) : pathText(path);
  }
}

function owners(t: TaskRef, c: ChalkInstance): string {
  const parts: string[] = [];
  for (const [role, word] of ROLE_WORDS) if (t[role].length) parts.push(`${c.bold(word)} ${t[role].join("、")}`);
  return parts.length ? parts.join("  ") : "no owners";
}

function header(f: Finding, names: Names, c: ChalkInstance): string {
  const item = (side: "a" | "b", ref: NodeRef): string => c.bold(`${names.label(side, ref)} ${oneLine(ref.title)}`);
  if (f.a && f.b) return `${item("b", f.b)}  ${c.dim(idText(f.a.id, f.b.id))}`;
  if (f.b) return c.green(`+ ${item("b", f.b)}  ${c.dim(`${idText(undefined, f.b.id)}  added`)}`);
  if (f.a) return c.red(`- ${item("a", f.a)}  ${c.dim(`${idText(f.a.id, undefined)}  removed`)}`);
  return c.bold("document");
}

function lines(f: Finding, p: Painter, names: Names): string[] {
  const { c } = p;
  const pad = "  ";
  const task = (ids: { a: string; b: string }): string => c.dim(`task ${idText(ids.a, ids.b)}`);
  switch (f.kind) {
    case "meta-changed":
      if (f.field === "year") return [`${pad}year: ${f.from ?? "—"} → ${f.to ?? "—"}`];
      return [`${pad}title: ${p.whole(f.diff)}`];
    case "node-added":
    case "node-removed":
      return f.tasks ? [`${pad}${c.dim(`(${f.tasks} task${f.tasks === 1 ? "" : "s"})`)}`] : [];
    case "node-moved":
      return [
        `${pad}${c.yellow("moved")}: ${names.label("a", f.a!)} → ${names.label("b", f.b!)}  ` +
          c.dim(`(under ${names.parent("a", f.a!, f.fromParent)} → ${names.parent("b", f.b!, f.toParent)})`),
      ];
    case "node-renumbered":
      return [`${pad}${c.yellow("renumbered")}: ${names.label("a", f.a!)} → ${names.label("b", f.b!)}`];
    case "title-changed":
      return [`${pad}title: ${p.whole(f.diff)}`];
    case "text-changed":
      return [`${pad}text:`, ...p.hunks(f.diff).map((h) => `${pad}  ${h}`)];
    case "owners-changed": {
      const removed = new Set(f.removed);
      const added = new Set(f.added);
      const from = f.from.length ? f.from.map((x) => (removed.has(x) ? p.del(x) : x)).join("、") : c.dim("—");
      const to = f.to.length ? f.to.map((x) => (added.has(x) ? p.ins(x) : x)).join("、") : c.dim("—");
      return [`${pad}${ROLE_WORD[f.role]}: ${from} → ${to}  ${task(f.task)}`];
    }
    case "owner-renamed": {
      const steps = f.steps.map((s) => `${s.from} → ${s.to}${s.year ? `, ${s.year}` : ""}`).join("; ");
      return [`${pad}${ROLE_WORD[f.role]}: ${f.from} → ${f.to}  ${c.cyan("renamed")} ${c.dim(`(${steps})`)}  ${task(f.task)}`];
    }
    case "task-added":
      return [`${c.green(`${pad}+ task ${idText(undefined, f.task.id)}`)}  ${c.dim(fitWidth(f.task.text, TASK_TEXT_WIDTH).trimEnd())}  ${owners(f.task, c)}`];
    case "task-removed":
      return [`${c.red(`${pad}- task ${idText(f.task.id, undefined)}`)}  ${c.dim(fitWidth(f.task.text, TASK_TEXT_WIDTH).trimEnd())}  ${owners(f.task, c)}`];
    case "deadline-added":
      return [c.green(`${pad}+ progress deadline ${deadlineText(f.deadline)}`)];
    case "deadline-removed":
      return [c.red(`${pad}- progress deadline ${deadlineText(f.deadline)}`)];
    case "deadline-changed":
      return [`${pad}progress deadline: ${c.red(deadlineText(f.from))} → ${c.green(deadlineText(f.to))}`];
    case "progress-changed":
      if (f.from === null) return [c.green(`${pad}+ progress: ${cut(f.to ?? "", LONGEST_CHANGE)}`)];
      if (f.to === null) return [c.red(`${pad}- progress: ${cut(f.from, LONGEST_CHANGE)}`)];
      return [`${pad}progress:`, ...p.hunks(f.diff).map((h) => `${pad}  ${h}`)];
  }
}

function summary(report: DiffReport, c: ChalkInstance): string[] {
  const s = report.summary;
  const row = (heading: string, text: string, indent: string): string => `${indent}${heading.padEnd(HEADING_WIDTH)}${text}`;
  const out = [c.bold("summary")];
  const n = s.nodes;
  out.push(row("items", `${n.a} → ${n.b}: ${n.paired} paired, ${n.added} added, ${n.removed} removed, ${n.moved} moved, ${n.renumbered} renumbered, ${n.changed} changed`, "  "));
  out.push(row("tasks", `${s.tasks.a} → ${s.tasks.b}: ${s.tasks.paired} paired, ${s.tasks.added} added, ${s.tasks.removed} removed`, "  "));
  if (report.equal) out.push(`  ${c.green("no differences")}`);
  else {
    out.push(`  ${s.findings} finding${s.findings === 1 ? "" : "s"}:`);
    for (const [heading, kinds] of SUMMARY_LINES) {
      const counts = kinds.filter(([k]) => s.byKind[k] > 0).map(([k, word]) => `${s.byKind[k]} ${word}`);
      if (counts.length) out.push(row(heading, counts.join(", "), "    "));
    }
  }
  for (const note of report.notes ?? []) out.push(`  ${c.yellow(`note: ${note}`)}`);
  return out;
}

/**
 * The report as text for a terminal. The item labels come from the documents diffPlans compared; pass them as
 * `sources` for a report that did not come from diffPlans in this process (without them, each item is named by
 * its own marker).
 */
export function renderDiffText(raw: DiffReport, color: ChalkInstance, sources: DiffSources | undefined = sourcesOf(raw)): string {
  // The documents' text must not act on the terminal: control characters made visible (line breaks kept,
  // the rendering folds them), names and titles on one line.
  const report = terminalDeep(raw, terminalText);
  report.a = terminalDeep(raw.a, terminalLine);
  report.b = terminalDeep(raw.b, terminalLine);
  const p = new Painter(color);
  const names = new Names(sources);
  const c = color;
  const out: string[] = [];
  const name = (d: DiffReport["a"]): string => d.title || d.name;
  out.push(`${c.bold("diff")} ${c.red(name(report.a))} → ${c.green(name(report.b))}`);
  out.push(c.dim(`a: ${report.a.name}  b: ${report.b.name}`));
  if (report.options.ignore.length) out.push(c.dim(`ignoring: ${report.options.ignore.join(", ")}`));
  out.push("");
  out.push(...summary(report, c));

  let group: string | null = null;
  for (const f of report.findings) {
    const key = `${f.a?.id ?? ""}|${f.b?.id ?? ""}`;
    if (key !== group) {
      out.push("");
      out.push(header(f, names, c));
      group = key;
    }
    out.push(...lines(f, p, names));
  }
  return out.join("\n") + "\n";
}
