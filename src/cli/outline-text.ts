// `--format tree`: the plan as an outline for a terminal. Each item is its printed label, title and id; under it
// one line per task (the start of the task's text, then its owners by role, its deadlines, its leaders, its id)
// and one for the progress clause's deadlines:
//
//   二（四） 建设完善“豫冷链”平台  id 2.1
//       建设完善“豫冷链”平台。按照“应用尽用”的…   负责 区市场监管局、区农业农村局、区交通运输局  id 2.1#1
//       统筹利用现有资源建立进口冷链食品从口岸…   牵头 区市场监管局  配合 区交通运输局  id 2.1#2
//       进度 有序推进
import type { ChalkInstance } from "chalk";
import type { Deadline, PlanDocument, PlanNode, Task } from "../schema.js";
import { deadlineText, fitWidth, LEADERS_WORD, nodeLabels, ROLE_WORDS, TASK_TEXT_WIDTH } from "../outputs/reader-text.js";
import { terminalDeep, terminalLine } from "../outputs/terminal-text.js";

function deadlines(list: readonly Deadline[], c: ChalkInstance): string {
  return list.map((d) => deadlineText(d, c.yellow)).join("；");
}

function taskLine(task: Task, c: ChalkInstance): string {
  const parts = [fitWidth(task.text, TASK_TEXT_WIDTH)];
  for (const [role, word] of ROLE_WORDS) if (task[role].length) parts.push(`${c.bold(word)} ${task[role].join("、")}`);
  if (task.deadlines.length) parts.push(`${c.bold("时限")} ${deadlines(task.deadlines, c)}`);
  if (task.leaders.length) parts.push(`${c.bold(LEADERS_WORD)} ${task.leaders.join("、")}`);
  // The id is what `plan-parse diff` and the table name the task by.
  parts.push(c.dim(`id ${task.id}`));
  return parts.join("  ");
}

function progressLine(progress: NonNullable<PlanNode["progress"]>, c: ChalkInstance): string {
  // A clause without a deadline in it is shown by its start, which has the line to itself.
  const what = progress.deadlines.length ? deadlines(progress.deadlines, c) : c.dim(fitWidth(progress.text, 2 * TASK_TEXT_WIDTH).trimEnd());
  return `${c.magenta("进度")} ${what}`;
}

function renderNode(node: PlanNode, depth: number, labels: ReadonlyMap<string, string>, c: ChalkInstance, out: string[]): void {
  const pad = "  ".repeat(depth);
  const label = labels.get(node.id)!;
  const head = depth === 0 ? `${c.bold.cyan(label)} ${c.bold(node.title)}` : `${c.cyan(label)} ${node.title}`;
  out.push(`${pad}${head}  ${c.dim(`id ${node.id}`)}`);
  for (const task of node.tasks) out.push(`${pad}    ${taskLine(task, c)}`);
  if (node.progress) out.push(`${pad}    ${progressLine(node.progress, c)}`);
  for (const child of node.children) renderNode(child, depth + 1, labels, c, out);
}

export function renderOutline(raw: PlanDocument, c: ChalkInstance): string {
  // Every field is printed on one line, for a person: the document's control characters (escape sequences,
  // bidi overrides, line breaks) are made visible instead of reaching the terminal.
  const doc = terminalDeep(raw, terminalLine);
  const labels = nodeLabels(doc.outline);
  const out: string[] = [];
  const { meta } = doc;
  out.push(c.bold(meta.title || doc.source.name) + (meta.year ? c.dim(`  (${meta.year})`) : "") + (meta.status ? c.dim(` ${meta.status}`) : ""));
  if (meta.docNumber || meta.issuer) out.push(c.dim([meta.docNumber, meta.issuer, meta.date].filter(Boolean).join("  ")));
  for (const node of doc.outline) renderNode(node, 0, labels, c, out);
  return out.join("\n") + "\n";
}
