// `plan-parse table`: a plan as spreadsheet rows, one per task, and one per node without tasks (a section
// heading, or an item with no owners' bracket) so that every item of the plan appears. Pure: rows in, text out.
import { BOM, csvLine, tsvLine } from "./csv.js";
import { chineseNumber } from "./numerals.js";
import type { NodeStyle, PlanDocument, PlanNode } from "./schema.js";

/** The columns, in order; the header names are English and stable (scripts select on them). */
export const TABLE_COLUMNS: readonly string[] = Object.freeze([
  "document",
  "year",
  "node_id",
  "label",
  "section",
  "item",
  "task_text",
  "lead",
  "responsible",
  "support",
  "guide",
  "leaders",
  "task_deadlines",
  "deadlines",
  "progress",
  "kind",
]);

export interface TableRow {
  /** `source.name` of the document. */
  document: string;
  /** `meta.year`. */
  year: number | null;
  /** The node's id (`2.1`); a task's own id is `node_id#n`, n counting its rows within the node. */
  node_id: string;
  /** The numbering as printed, markers of the path without punctuation: `二（四）`, `二（九）17.`. */
  label: string;
  /** Title of the top-level ancestor (the node's own title for a top-level node). */
  section: string;
  /** The node's own title. */
  item: string;
  /** kind task: the sentences the bracket covers; kind node: the node's own text (may be empty). */
  task_text: string;
  lead: string[];
  responsible: string[];
  support: string[];
  guide: string[];
  /** People named with 责任领导： and the like. */
  leaders: string[];
  /** kind task: the ISO dates of the task's own deadlines (its sentences and its bracket); empty for kind node. */
  task_deadlines: string[];
  /** The node's progress deadlines: ISO dates, or the text as written when there is no date. */
  deadlines: string[];
  /** The node's progress clause, empty when there is none. */
  progress: string;
  kind: "task" | "node";
}

export type TableFormat = "csv" | "tsv" | "ndjson";

export interface FormatOptions {
  /** Write the header line (csv, tsv; default true). Pass false for every call after the first when streaming. */
  header?: boolean;
  /**
   * Start with a UTF-8 byte order mark (csv, tsv). Default: on for csv when the header is written, so that a
   * streaming caller gets exactly one BOM at the start of the file. Never written for ndjson.
   */
  bom?: boolean;
}

/** The printed form of a level's numbering for number n: what an unmarked (implicit) heading stands in for. */
const IMPLICIT_FORM: Record<number, (n: number) => string> = {
  1: (n) => chineseNumber(n),
  2: (n) => `（${chineseNumber(n)}）`,
  3: (n) => `${n}.`,
  4: (n) => `（${n}）`,
  5: (n) => (n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : `（${n}）`),
};

/** Full-width digits to ASCII. */
function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * One label segment: the marker as printed without punctuation noise. 一、 → 一; (四) and （四） → （四）;
 * 17． and 17、 → 17.; （１） → （1）; ① stays. An implicit node (its marker left out) gets the form its level
 * would print for its position among its siblings: the unmarked first section of seed 000 is 一.
 */
export function labelSegment(style: NodeStyle, marker: string, level: number, position: number): string {
  const m = asciiDigits(marker.trim());
  switch (style) {
    case "chinese":
      return m.replace(/[、，,.．\s]+$/, "");
    case "chinese-paren":
    case "arabic-paren":
      return `（${m.replace(/^[（(]\s*|\s*[）)]$/g, "")}）`;
    case "arabic":
      return m.replace(/[、，,.．\s]+$/, "") + ".";
    case "circled":
      return m;
    case "table-row":
      return `[${m}]`;
    case "implicit":
      return (IMPLICIT_FORM[level] ?? IMPLICIT_FORM[1]!)(position);
  }
}

/** The deadlines of a progress clause as cells: ISO dates, else the text as written. */
function deadlineCells(node: PlanNode): string[] {
  return node.progress ? node.progress.deadlines.map((d) => d.date ?? d.text) : [];
}

/** The rows of one document, in document order (a node's rows before its children's). */
export function tableRows(doc: PlanDocument): TableRow[] {
  const rows: TableRow[] = [];
  const base = { document: doc.source.name, year: doc.meta.year };
  const walk = (nodes: readonly PlanNode[], prefix: string, section: string | null): void => {
    nodes.forEach((node, i) => {
      const label = prefix + labelSegment(node.style, node.marker, node.level, node.number ?? i + 1);
      const sectionTitle = section ?? node.title;
      const common = {
        ...base,
        node_id: node.id,
        label,
        section: sectionTitle,
        item: node.title,
        deadlines: deadlineCells(node),
        progress: node.progress?.text ?? "",
      };
      if (node.tasks.length === 0) {
        rows.push({
          ...common,
          task_text: node.text,
          lead: [],
          responsible: [],
          support: [],
          guide: [],
          leaders: [],
          task_deadlines: [],
          kind: "node",
        });
      }
      for (const task of node.tasks) {
        rows.push({
          ...common,
          task_text: task.text,
          lead: [...task.lead],
          responsible: [...task.responsible],
          support: [...task.support],
          guide: [...task.guide],
          leaders: [...task.leaders],
          task_deadlines: task.deadlines.flatMap((d) => (d.date ? [d.date] : [])),
          kind: "task",
        });
      }
      walk(node.children, label, sectionTitle);
    });
  };
  walk(doc.outline, "", null);
  return rows;
}

/** The row's cells for csv/tsv, in TABLE_COLUMNS order; lists joined with 、. */
function cells(row: TableRow): string[] {
  return [
    row.document,
    row.year === null ? "" : String(row.year),
    row.node_id,
    row.label,
    row.section,
    row.item,
    row.task_text,
    row.lead.join("、"),
    row.responsible.join("、"),
    row.support.join("、"),
    row.guide.join("、"),
    row.leaders.join("、"),
    row.task_deadlines.join("、"),
    row.deadlines.join("、"),
    row.progress,
    row.kind,
  ];
}

/** The row as a JSON object with the keys in TABLE_COLUMNS order (lists stay arrays). */
function jsonRow(row: TableRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of TABLE_COLUMNS) out[column] = row[column as keyof TableRow];
  return out;
}

/**
 * Rows as text. csv: RFC 4180, CRLF, BOM and header by default. tsv: no quoting (tabs and line breaks inside a
 * field become spaces), LF, header by default. ndjson: one JSON object per line, LF, no header. Every record
 * ends with its line terminator, so the outputs of successive calls (header: false after the first) concatenate
 * into one file.
 */
export function formatRows(rows: Iterable<TableRow>, format: TableFormat, options: FormatOptions = {}): string {
  const parts: string[] = [];
  if (format === "ndjson") {
    for (const row of rows) parts.push(JSON.stringify(jsonRow(row)) + "\n");
    return parts.join("");
  }
  const header = options.header ?? true;
  const bom = options.bom ?? (format === "csv" && header);
  const line = format === "csv" ? csvLine : tsvLine;
  if (bom) parts.push(BOM);
  if (header) parts.push(line(TABLE_COLUMNS));
  for (const row of rows) parts.push(line(cells(row)));
  return parts.join("");
}
