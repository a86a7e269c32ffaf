// `--format tree`: the plan as an outline for a terminal, with owners and deadlines on each item.
import type { ChalkInstance } from "chalk";
import type { PlanDocument, PlanNode, Task } from "../schema.js";
import { terminalDeep, terminalLine } from "../outputs/terminal-text.js";

function owners(task: Task, c: ChalkInstance): string {
  const parts: string[] = [];
  if (task.lead.length) parts.push(`${c.bold("牵头")} ${task.lead.join("、")}`);
  if (task.responsible.length) parts.push(`${c.bold("负责")} ${task.responsible.join("、")}`);
  if (task.support.length) parts.push(`${c.bold("配合")} ${task.support.join("、")}`);
  if (task.guide.length) parts.push(`${c.bold("指导")} ${task.guide.join("、")}`);
  return parts.join("  ");
}

function renderNode(node: PlanNode, depth: number, c: ChalkInstance, out: string[]): void {
  const pad = "  ".repeat(depth);
  const label = node.marker || "·";
  const head = depth === 0 ? c.bold.cyan(`${label}${node.title}`) : `${c.cyan(label)}${node.title}`;
  out.push(`${pad}${head}  ${c.dim(node.id)}`);
  for (const task of node.tasks) out.push(`${pad}    ${c.green("▸")} ${owners(task, c)}`);
  if (node.progress) {
    const dates = node.progress.deadlines.map((d) => (d.date ? c.yellow(d.date) : c.dim(d.text)));
    out.push(`${pad}    ${c.magenta("⏱")} ${dates.length ? dates.join(" ") : c.dim(node.progress.text.slice(0, 40))}`);
  }
  for (const child of node.children) renderNode(child, depth + 1, c, out);
}

export function renderOutline(raw: PlanDocument, c: ChalkInstance): string {
  // Every field is printed on one line, for a person: the document's control characters (escape sequences,
  // bidi overrides, line breaks) are made visible instead of reaching the terminal.
  const doc = terminalDeep(raw, terminalLine);
  const out: string[] = [];
  const { meta } = doc;
  out.push(c.bold(meta.title || doc.source.name) + (meta.year ? c.dim(`  (${meta.year})`) : "") + (meta.status ? c.dim(` ${meta.status}`) : ""));
  if (meta.docNumber || meta.issuer) out.push(c.dim([meta.docNumber, meta.issuer, meta.date].filter(Boolean).join("  ")));
  for (const node of doc.outline) renderNode(node, 0, c, out);
  return out.join("\n") + "\n";
}
