// `plan-parse diff --format text`: the report read like a code review, grouped by node. A header per node
// (`（四）建设完善“豫冷链”平台  2.4 → 2.4`), then its findings: `+ ` / `- ` lines for what was added or removed,
// inline diffs for titles, text and progress (red deletions, green insertions, dim context; `[-…-]` / `{+…+}`
// markers when there is no colour), owners as `lead: 区市场监管局 → 区食药监分局`; a summary at the end.
import type { ChalkInstance } from "chalk";

import type { Deadline } from "../schema.js";
import { sides as sidesOf } from "./inline.js";
import type { DiffOp, DiffReport, Finding, FindingKind, NodeRef, TaskRef } from "./schema.js";
import { terminalDeep, terminalLine, terminalText } from "../outputs/terminal-text.js";

/** Characters of unchanged text kept on each side of a change. */
const CONTEXT = 12;
/** A changed run longer than this is cut (the JSON report has it whole). */
const LONGEST_CHANGE = 300;
/** Task texts are shown up to this long. */
const TASK_TEXT = 60;

const chars = (s: string): string[] => Array.from(s);
const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, " ");

function cut(s: string, max: number): string {
  const cs = chars(oneLine(s));
  return cs.length > max ? cs.slice(0, max).join("") + "…" : cs.join("");
}

function pathText(path: readonly number[]): string {
  return path.length ? path.join(".") : "—";
}

class Painter {
  readonly plain: boolean;
  constructor(readonly c: ChalkInstance) {
    this.plain = c.level === 0;
  }
  del(s: string): string {
    return this.plain ? `[-${s}-]` : this.c.red(s);
  }
  ins(s: string): string {
    return this.plain ? `{+${s}+}` : this.c.green(s);
  }
  ctx(s: string): string {
    return this.c.dim(s);
  }
  /** One side of a short diff (a title): the changed characters highlighted, without markers. */
  side(ops: readonly DiffOp[], which: "a" | "b"): string {
    const skip = which === "a" ? "insert" : "delete";
    return ops
      .filter((o) => o.op !== skip)
      .map((o) => (o.op === "equal" ? o.text : which === "a" ? this.c.red(o.text) : this.c.green(o.text)))
      .join("");
  }
  /** A title's change: `old → new`, changed characters coloured; without colour, a partial edit also inline. */
  title(label: string, ops: readonly DiffOp[]): string[] {
    const line = `${label}: ${this.side(ops, "a")} → ${this.side(ops, "b")}`;
    const same = ops.filter((o) => o.op === "equal").reduce((n, o) => n + chars(o.text).length, 0);
    const { a, b } = sidesOf(ops);
    const partial = same > 0 && same * 10 >= 3 * Math.max(chars(a).length, chars(b).length);
    return this.plain && partial ? [line, `${" ".repeat(label.length + 2)}${this.hunks(ops).join(" ")}`] : [line];
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

function nodeLabel(n: NodeRef): string {
  return `${n.marker || "·"}${n.title}`;
}

function owners(t: TaskRef): string {
  const parts: string[] = [];
  for (const role of ["lead", "responsible", "support", "guide"] as const)
    if (t[role].length) parts.push(`${role}: ${t[role].join("、")}`);
  return parts.length ? parts.join("; ") : "no owners";
}

function deadlineText(d: Deadline): string {
  return d.date ? `${d.date} (${d.text})` : d.text;
}

function header(f: Finding, p: Painter): string {
  const { c } = p;
  if (f.a && f.b) return `${c.bold(nodeLabel(f.b))}  ${c.dim(`${pathText(f.a.path)} → ${pathText(f.b.path)}`)}`;
  if (f.b) return c.green(`+ ${c.bold(nodeLabel(f.b))}  ${c.dim(`added → ${pathText(f.b.path)}`)}`);
  if (f.a) return c.red(`- ${c.bold(nodeLabel(f.a))}  ${c.dim(`removed from ${pathText(f.a.path)}`)}`);
  return c.bold("document");
}

function lines(f: Finding, p: Painter): string[] {
  const { c } = p;
  const pad = "  ";
  switch (f.kind) {
    case "meta-changed":
      if (f.field === "year") return [`${pad}year: ${f.from ?? "—"} → ${f.to ?? "—"}`];
      return p.title(`${pad}title`, f.diff);
    case "node-added":
    case "node-removed":
      return f.tasks ? [`${pad}${c.dim(`(${f.tasks} task${f.tasks === 1 ? "" : "s"})`)}`] : [];
    case "node-moved":
      return [`${pad}${c.yellow("moved")}: ${pathText(f.a!.path)} → ${pathText(f.b!.path)}  ${c.dim(`(under ${pathText(f.fromParent)} → ${pathText(f.toParent)})`)}`];
    case "node-renumbered":
      return [`${pad}${c.yellow("renumbered")}: ${f.fromMarker || "·"} ${pathText(f.a!.path)} → ${f.toMarker || "·"} ${pathText(f.b!.path)}`];
    case "title-changed":
      return p.title(`${pad}title`, f.diff);
    case "text-changed":
      return [`${pad}text:`, ...p.hunks(f.diff).map((h) => `${pad}  ${h}`)];
    case "owners-changed": {
      const removed = new Set(f.removed);
      const added = new Set(f.added);
      const from = f.from.length ? f.from.map((x) => (removed.has(x) ? c.red(x) : x)).join("、") : c.dim("—");
      const to = f.to.length ? f.to.map((x) => (added.has(x) ? c.green(x) : x)).join("、") : c.dim("—");
      const task = f.task.a === f.task.b ? f.task.b : `${f.task.a} → ${f.task.b}`;
      return [`${pad}${f.role}: ${from} → ${to}  ${c.dim(`(task ${task})`)}`];
    }
    case "owner-renamed": {
      const task = f.task.a === f.task.b ? f.task.b : `${f.task.a} → ${f.task.b}`;
      const steps = f.steps.map((s) => `${s.from} → ${s.to}${s.year ? `, ${s.year}` : ""}`).join("; ");
      return [`${pad}${f.role}: ${f.from} → ${f.to}  ${c.cyan("renamed")} ${c.dim(`(${steps}) (task ${task})`)}`];
    }
    case "task-added":
      return [c.green(`${pad}+ task ${f.task.id}  ${owners(f.task)}`) + c.dim(`  ${cut(f.task.text, TASK_TEXT)}`)];
    case "task-removed":
      return [c.red(`${pad}- task ${f.task.id}  ${owners(f.task)}`) + c.dim(`  ${cut(f.task.text, TASK_TEXT)}`)];
    case "deadline-added":
      return [c.green(`${pad}+ deadline ${deadlineText(f.deadline)}`)];
    case "deadline-removed":
      return [c.red(`${pad}- deadline ${deadlineText(f.deadline)}`)];
    case "deadline-changed":
      return [`${pad}deadline: ${c.red(deadlineText(f.from))} → ${c.green(deadlineText(f.to))}`];
    case "progress-changed":
      if (f.from === null) return [c.green(`${pad}+ progress: ${cut(f.to ?? "", LONGEST_CHANGE)}`)];
      if (f.to === null) return [c.red(`${pad}- progress: ${cut(f.from, LONGEST_CHANGE)}`)];
      return [`${pad}progress:`, ...p.hunks(f.diff).map((h) => `${pad}  ${h}`)];
  }
}

const KIND_LABEL: Record<FindingKind, string> = {
  "meta-changed": "document",
  "node-added": "added",
  "node-removed": "removed",
  "node-moved": "moved",
  "node-renumbered": "renumbered",
  "title-changed": "titles",
  "text-changed": "texts",
  "owners-changed": "owner changes",
  "owner-renamed": "renamings",
  "task-added": "tasks added",
  "task-removed": "tasks removed",
  "deadline-added": "deadlines added",
  "deadline-removed": "deadlines removed",
  "deadline-changed": "deadlines changed",
  "progress-changed": "progress",
};

export function renderDiffText(raw: DiffReport, color: ChalkInstance): string {
  // The documents' text must not act on the terminal: control characters made visible (line breaks kept,
  // the rendering folds them), names and titles on one line.
  const report = terminalDeep(raw, terminalText);
  report.a = terminalDeep(raw.a, terminalLine);
  report.b = terminalDeep(raw.b, terminalLine);
  const p = new Painter(color);
  const c = color;
  const out: string[] = [];
  const name = (d: DiffReport["a"]): string => d.title || d.name;
  out.push(`${c.bold("diff")} ${c.red(name(report.a))} → ${c.green(name(report.b))}`);
  out.push(c.dim(`a: ${report.a.name}  b: ${report.b.name}`));
  if (report.options.ignore.length) out.push(c.dim(`ignoring: ${report.options.ignore.join(", ")}`));

  let group: string | null = null;
  for (const f of report.findings) {
    const key = `${f.a?.id ?? ""}|${f.b?.id ?? ""}`;
    if (key !== group) {
      out.push("");
      out.push(header(f, p));
      group = key;
    }
    out.push(...lines(f, p));
  }

  const s = report.summary;
  out.push("");
  out.push(
    `${c.bold("summary")}: nodes ${s.nodes.a} → ${s.nodes.b} (${s.nodes.paired} paired, ${s.nodes.added} added, ${s.nodes.removed} removed, ` +
      `${s.nodes.moved} moved, ${s.nodes.renumbered} renumbered, ${s.nodes.changed} changed); ` +
      `tasks ${s.tasks.a} → ${s.tasks.b} (${s.tasks.paired} paired, ${s.tasks.added} added, ${s.tasks.removed} removed)`,
  );
  const counts = (Object.keys(KIND_LABEL) as FindingKind[]).filter((k) => s.byKind[k] > 0).map((k) => `${s.byKind[k]} ${KIND_LABEL[k]}`);
  out.push(report.equal ? c.green("no differences") : `${s.findings} finding${s.findings === 1 ? "" : "s"}: ${counts.join(", ")}`);
  for (const note of report.notes ?? []) out.push(c.yellow(`note: ${note}`));
  return out.join("\n") + "\n";
}
