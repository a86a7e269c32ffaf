// `plan-parse table`: a plan as spreadsheet rows, one per task, and one per node without tasks (a section
// heading, or an item with no owners' bracket) so that every item of the plan appears. Pure: rows in, text out.
import { BOM, csvLine, tsvLine } from "./csv.js";
import { chineseNumber } from "../pipeline/numerals.js";
import { builtInAgencies, documentRegion, placeContext, type AgencyTable } from "../pipeline/agency-table.js";
import type { Deadline, NodeStyle, PlanDocument, PlanNode } from "../schema.js";
import type { CellValue, Sheet, SheetColumn } from "./xlsx.js";

/**
 * The columns, in order; the header names are English and stable (scripts select on them). The same for csv,
 * tsv and ndjson; the xlsx sheet has them too, with one wording and one date column per task deadline in
 * place of deadline_text and deadline_date.
 */
export const TABLE_COLUMNS: readonly string[] = Object.freeze([
  "task_id",
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
  "deadline_date",
  "deadline_text",
  "progress",
  "plan_title",
  "issuer",
  "year",
  "region",
  "file",
  "path",
  "kind",
]);

export interface TableRow {
  /** The task's id (`2.4#1`); empty for a row of kind node. */
  task_id: string;
  /** The node's id (`2.1`). */
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
  /** kind task: the task's own deadlines (its sentences and its bracket), as in the JSON; empty for kind node. */
  task_deadlines: Deadline[];
  /** The node's progress clause, empty when there is none (its deadlines are in the JSON's progress). */
  progress: string;
  /** `meta.title`. */
  plan_title: string;
  /** `meta.issuer`, empty when the plan does not say. */
  issuer: string;
  /** `meta.year`. */
  year: number | null;
  /** The region the plan is about, as its title (else its issuer) writes it: 马村区, 营口市鲅鱼圈区; empty when none. */
  region: string;
  /** The file's name without its folders. */
  file: string;
  /** `source.name`: the input as given (its path). */
  path: string;
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

/** The file's name without its folders (either separator: a Windows path given on another system too). */
export function fileName(path: string): string {
  return path.replace(/^.*[\\/]/, "") || path;
}

/** The rows of one document, in document order (a node's rows before its children's). */
export function tableRows(doc: PlanDocument): TableRow[] {
  const rows: TableRow[] = [];
  const base = {
    plan_title: doc.meta.title,
    issuer: doc.meta.issuer ?? "",
    year: doc.meta.year,
    region: documentRegion(doc) ?? "",
    file: fileName(doc.source.name),
    path: doc.source.name,
  };
  const walk = (nodes: readonly PlanNode[], prefix: string, section: string | null): void => {
    nodes.forEach((node, i) => {
      const label = prefix + labelSegment(node.style, node.marker, node.level, node.number ?? i + 1);
      const sectionTitle = section ?? node.title;
      const head = { node_id: node.id, label, section: sectionTitle, item: node.title };
      const progress = node.progress?.text ?? "";
      if (node.tasks.length === 0) {
        rows.push({
          task_id: "",
          ...head,
          task_text: node.text,
          lead: [],
          responsible: [],
          support: [],
          guide: [],
          leaders: [],
          task_deadlines: [],
          progress,
          ...base,
          kind: "node",
        });
      }
      for (const task of node.tasks) {
        rows.push({
          task_id: task.id,
          ...head,
          task_text: task.text,
          lead: [...task.lead],
          responsible: [...task.responsible],
          support: [...task.support],
          guide: [...task.guide],
          leaders: [...task.leaders],
          task_deadlines: task.deadlines.map((d) => ({ text: d.text, date: d.date, kind: d.kind })),
          progress,
          ...base,
          kind: "task",
        });
      }
      walk(node.children, label, sectionTitle);
    });
  };
  walk(doc.outline, "", null);
  return rows;
}

/** The earliest dated deadline of the row's task, ISO; null when none has a date. */
export function firstDeadlineDate(row: TableRow): string | null {
  let first: string | null = null;
  for (const d of row.task_deadlines) if (d.date && (first === null || d.date < first)) first = d.date;
  return first;
}

/**
 * An id as a spreadsheet cell of text: a spreadsheet opening CSV reads `2.10` as the number 2.1 and `3` as 3,
 * so an id that looks like a number gets the `'` that marks text (as csv.ts does for formula-leading cells);
 * `2.10.1` and `2.4#1` are never numbers and stay as they are.
 */
export function idCell(id: string): string {
  return /^\d+(?:\.\d+)?$/.test(id) ? `'${id}` : id;
}

/** The row's cells for csv/tsv, in TABLE_COLUMNS order; lists joined with 、. */
function cells(row: TableRow): string[] {
  return [
    idCell(row.task_id),
    idCell(row.node_id),
    row.label,
    row.section,
    row.item,
    row.task_text,
    row.lead.join("、"),
    row.responsible.join("、"),
    row.support.join("、"),
    row.guide.join("、"),
    row.leaders.join("、"),
    firstDeadlineDate(row) ?? "",
    row.task_deadlines.map((d) => d.text).join("、"),
    row.progress,
    row.plan_title,
    row.issuer,
    row.year === null ? "" : String(row.year),
    row.region,
    row.file,
    row.path,
    row.kind,
  ];
}

/** The row as a JSON object with the keys in TABLE_COLUMNS order (lists stay arrays, ids stay as they are). */
function jsonRow(row: TableRow): Record<string, unknown> {
  return {
    task_id: row.task_id,
    node_id: row.node_id,
    label: row.label,
    section: row.section,
    item: row.item,
    task_text: row.task_text,
    lead: row.lead,
    responsible: row.responsible,
    support: row.support,
    guide: row.guide,
    leaders: row.leaders,
    deadline_date: firstDeadlineDate(row),
    deadline_text: row.task_deadlines.map((d) => d.text),
    progress: row.progress,
    plan_title: row.plan_title,
    issuer: row.issuer,
    year: row.year,
    region: row.region,
    file: row.file,
    path: row.path,
    kind: row.kind,
  };
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

// ---------------------------------------------------------------------------------------------------------
// Parties, one row per party of a task's role (the long form, for pivot tables and databases)

export interface PartyRow {
  task_id: string;
  node_id: string;
  role: "lead" | "responsible" | "support" | "guide";
  /** The party as written. */
  party: string;
  /** Its comparable key (src/pipeline/agency-table.ts): 区卫健委 and 区卫生健康委 → 卫生健康委员会. */
  key: string;
  level: string;
  place: string;
  /** The bodies a reform renamed or merged it into, 、-joined; empty when none. */
  successor: string;
  /** The year of that reform, null when none. */
  renamed_year: number | null;
  plan_title: string;
  year: number | null;
  file: string;
  path: string;
}

export const PARTY_COLUMNS: readonly string[] = Object.freeze([
  "task_id",
  "node_id",
  "role",
  "party",
  "key",
  "level",
  "place",
  "successor",
  "renamed_year",
  "plan_title",
  "year",
  "file",
  "path",
]);

const ROLES = ["lead", "responsible", "support", "guide"] as const;

/** The parties of one document's tasks, in document order, each role in the order lead, responsible, support, guide. */
export function partyRows(doc: PlanDocument, table: AgencyTable = builtInAgencies()): PartyRow[] {
  const out: PartyRow[] = [];
  const context = placeContext(doc);
  const base = { plan_title: doc.meta.title, year: doc.meta.year, file: fileName(doc.source.name), path: doc.source.name };
  const stack: PlanNode[] = [...doc.outline].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const task of node.tasks) {
      for (const role of ROLES) {
        for (const party of task[role]) {
          const info = table.info(party, context);
          out.push({
            task_id: task.id,
            node_id: node.id,
            role,
            party,
            key: info.key,
            level: info.level ?? "",
            place: info.place ?? "",
            successor: info.successors.join("、"),
            renamed_year: info.renamed?.year ?? null,
            ...base,
          });
        }
      }
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// xlsx

/**
 * The rows as an .xlsx workbook: sheet `tasks` with the table's columns, each task deadline as two columns —
 * its wording (`deadline_1`) and a real date cell beside it (`deadline_1_date`), as many pairs as the row
 * with the most deadlines needs — ids and labels as text, the year a number; sheet `parties` with
 * PARTY_COLUMNS when parties are given.
 */
export async function tableWorkbook(rows: readonly TableRow[], parties?: readonly PartyRow[]): Promise<Uint8Array> {
  const { workbookBytes } = await import("./xlsx.js");
  const pairs = Math.max(1, ...rows.map((r) => r.task_deadlines.length));
  const text = (header: string, maxWidth?: number): SheetColumn => ({ header, type: "text", ...(maxWidth ? { maxWidth } : {}) });
  const columns: SheetColumn[] = [
    text("task_id"),
    text("label"),
    text("section", 30),
    text("item", 30),
    text("task_text", 60),
    text("lead"),
    text("responsible"),
    text("support"),
    text("guide"),
    text("leaders"),
  ];
  for (let k = 1; k <= pairs; k++) columns.push(text(`deadline_${k}`, 20), { header: `deadline_${k}_date`, type: "date" });
  columns.push(text("progress", 40), text("plan_title", 30), text("issuer", 30), { header: "year", type: "integer" }, text("region"), text("file"), text("node_id"), text("path"), text("kind"));
  const values = rows.map((r) => {
    const out: CellValue[] = [
      r.task_id,
      r.label,
      r.section,
      r.item,
      r.task_text,
      r.lead.join("、"),
      r.responsible.join("、"),
      r.support.join("、"),
      r.guide.join("、"),
      r.leaders.join("、"),
    ];
    for (let k = 0; k < pairs; k++) {
      const d = r.task_deadlines[k];
      out.push(d?.text ?? null, d?.date ?? null);
    }
    out.push(r.progress, r.plan_title, r.issuer, r.year, r.region, r.file, r.node_id, r.path, r.kind);
    return out;
  });
  const sheets: Sheet[] = [{ name: "tasks", columns, rows: values, frozenColumns: 2 }];
  if (parties) {
    sheets.push({
      name: "parties",
      columns: PARTY_COLUMNS.map((h) => (h === "year" || h === "renamed_year" ? { header: h, type: "integer" as const } : text(h, 30))),
      rows: parties.map((p) => [p.task_id, p.node_id, p.role, p.party, p.key, p.level, p.place, p.successor, p.renamed_year, p.plan_title, p.year, p.file, p.path]),
      frozenColumns: 1,
    });
  }
  return workbookBytes(sheets);
}
