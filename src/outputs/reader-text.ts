// The words and shapes the two outputs written for people (`--format tree`, `diff --format text`) share, so that
// one item, one role and one deadline read the same in both: an item by its printed label (二（四）, as the table's
// label column writes it) and its id, roles by the words plans use, a deadline as its date with its wording.
// Only ASCII and characters every CJK font has (GB2312: …, （）, 、): the outputs are read in CJK terminals.
import type { Deadline, PlanNode } from "../schema.js";
import { labelSegment } from "./table.js";
import { codepointWidth, textWidth } from "./text-width.js";

export type Role = "lead" | "responsible" | "support" | "guide";

/** Roles in the order plans name them, with the words they use (the JSON keeps its English field names). */
export const ROLE_WORDS: ReadonlyArray<readonly [Role, string]> = [
  ["lead", "牵头"],
  ["responsible", "负责"],
  ["support", "配合"],
  ["guide", "指导"],
];

export const ROLE_WORD: Readonly<Record<Role, string>> = Object.fromEntries(ROLE_WORDS) as Record<Role, string>;

/** The word for a task's `leaders` (people, not agencies): the plans' own 责任领导. */
export const LEADERS_WORD = "责任领导";

/**
 * Columns of a task's text where a line names the task: enough to tell a node's tasks apart (they usually
 * differ within their first clause), short enough that the owners after it fit an 80-column terminal more
 * often than not.
 */
export const TASK_TEXT_WIDTH = 40;

/** `2021-06-30（6月底前）`, the date through `paint`; a deadline without a date (全年不少于4次) is its wording alone. */
export function deadlineText(d: Deadline, paint: (date: string) => string = (date) => date): string {
  return d.date ? `${paint(d.date)}（${d.text}）` : d.text;
}

/**
 * The printed label of every node by id: its ancestors' markers and its own as the table's label column writes
 * them (labelSegment), so that 二（四） in a tree or a diff is 二（四） in `plan-parse table` too.
 */
export function nodeLabels(outline: readonly PlanNode[]): Map<string, string> {
  const labels = new Map<string, string>();
  const stack: { nodes: readonly PlanNode[]; prefix: string }[] = [{ nodes: outline, prefix: "" }];
  while (stack.length > 0) {
    const { nodes, prefix } = stack.pop()!;
    nodes.forEach((node, i) => {
      const label = prefix + labelSegment(node.style, node.marker, node.level, node.number ?? i + 1);
      labels.set(node.id, label);
      if (node.children.length) stack.push({ nodes: node.children, prefix: label });
    });
  }
  return labels;
}

/**
 * `text` in exactly `width` terminal columns: cut with … when longer, padded with spaces when shorter, so that
 * what follows it lines up. Whitespace runs read as one space (a cut mid-line break would look like two items).
 */
export function fitWidth(text: string, width: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const full = textWidth(flat);
  if (full <= width) return flat + " ".repeat(width - full);
  let out = "";
  let used = 0;
  const room = width - 1; // the ellipsis takes one column
  for (const ch of flat) {
    const w = codepointWidth(ch.codePointAt(0)!);
    if (used + w > room) break;
    out += ch;
    used += w;
  }
  return out + "…" + " ".repeat(room - used);
}
