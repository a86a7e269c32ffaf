// A task table flattened to text (src/pipeline/flat-table.ts) as part of the tree: an implicit top-level node titled with
// the table's title, and a node per row (style `table-row`, numbered by its 序号 cell) whose owner cells are read
// like a labelled bracket (`牵头单位：…；配合单位：…`) and whose 时间节点 cell is the row's progress.
import type { TableAttachment } from "./attachments.js";
import { taskOf } from "./attributions.js";
import { extractDeadlines, taskDeadlines } from "./deadlines.js";
import type { FlatRow } from "./flat-table.js";
import { readResponsibility } from "./responsibility.js";
import type { Deadline, PlanNode, Progress, Task } from "../schema.js";
import type { TreeContext } from "./to-tree.js";

const LABEL_OF_ROLE = { lead: "牵头单位", responsible: "责任单位", support: "配合单位", guide: "指导单位" } as const;

/** A row's title: its name cell (given on the first row of a merged group), else its content's first sentence. */
function rowTitle(row: FlatRow): string {
  if (row.name) return row.name.text.trim();
  const content = row.content?.text ?? "";
  const stop = content.search(/[。！？]/);
  return (stop === -1 ? content : content.slice(0, stop)).trim();
}

function rowNode(row: FlatRow, id: string, ctx: TreeContext): PlanNode {
  const content = row.content?.text.trim() ?? "";
  const tasks: Task[] = [];
  if (row.owners.length > 0) {
    const owners = row.owners.map((o) => `${LABEL_OF_ROLE[o.role]}：${o.cell.text}`).join("；");
    const reading = readResponsibility(owners, { places: ctx.places, firstListedLeads: ctx.conventions.firstListedLeads });
    const first = row.owners[0]!.cell;
    const last = row.owners[row.owners.length - 1]!.cell;
    if (reading) {
      const deadlines: Deadline[] = [
        ...taskDeadlines(content, ctx.year),
        ...(row.deadline ? extractDeadlines(row.deadline.text, ctx.year, { bareMonths: true }) : []),
      ];
      tasks.push(taskOf(`${id}#1`, content, reading, deadlines, owners, ctx.spans.span(row.start, row.end)));
    } else {
      ctx.diagnostics.push({
        severity: "warning",
        code: "unreadable-attribution",
        message: `the owner cells of table row ${row.number} could not be read: ${owners}`,
        span: ctx.spans.span(first.start, last.end),
      });
    }
  }
  let progress: Progress | null = null;
  if (row.deadline) {
    progress = {
      text: row.deadline.text,
      deadlines: extractDeadlines(row.deadline.text, ctx.year, { bareMonths: true }),
      span: ctx.spans.span(row.deadline.start, row.deadline.end),
    };
  }
  return {
    id,
    level: 1,
    style: "table-row",
    marker: row.numberCell.text,
    number: row.number,
    title: rowTitle(row),
    text: [row.name?.text, content].filter((t) => t).join("\n"),
    tasks,
    progress,
    children: [],
    span: ctx.spans.span(row.start, row.end),
  };
}

export function tableNode(t: TableAttachment, id: string, ctx: TreeContext): PlanNode {
  for (const p of t.table.problems) {
    ctx.diagnostics.push({ severity: "warning", code: "table-cells-unread", message: p.message, span: ctx.spans.span(p.start, p.end) });
  }
  return {
    id,
    level: 0,
    style: "implicit",
    marker: "",
    number: null,
    title: t.title,
    text: t.title,
    tasks: [],
    progress: null,
    children: t.table.rows.map((r, i) => rowNode(r, `${id}.${i + 1}`, ctx)),
    span: ctx.spans.span(t.start, t.end),
  };
}
