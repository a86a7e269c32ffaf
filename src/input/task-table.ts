// Task tables (任务分工表): a table whose header names a task column and owner columns, e.g.
// 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限. Each row becomes the lines a plan would have if the owners had
// been written in brackets — `1.开展…（牵头单位：A；配合单位：B）` then `完成时限：…` — so the core reads tables
// and prose the same way. Any other table stays text, a row per line. Used by the Markdown and HTML readers.
import { chineseNumber } from "../pipeline/numerals.js";
import {
  emptyLine,
  lineStart,
  PLAN_MARKER,
  pushFixed,
  pushLine,
  trimLine,
  type Line,
} from "./text-builder.js";

export type ColumnRole = "number" | "section" | "task" | "lead" | "responsible" | "support" | "guide" | "deadline" | "leader";

/**
 * Header words, after removing spaces (`牵 头 单 位` → 牵头单位) and a trailing colon. A header matches a word
 * exactly, or starts with it followed by a bracket or a conjunction (`牵头单位（部门）`, `责任单位及责任人`,
 * `完成时限/进度安排`). `leader` columns name people (牵头领导 = a vice mayor), not units: they are read and dropped.
 * 任务名称 is a `section` column: a short name given to a group of rows (merged over the group in the source), beside a
 * 任务内容 column that holds each row's task.
 */
export const HEADER_WORDS: Readonly<Record<ColumnRole, readonly string[]>> = {
  number: ["序号", "编号"],
  section: ["类别", "项目", "重点领域", "工作类别", "任务名称"],
  task: ["工作任务", "重点任务", "任务", "主要任务", "工作内容", "具体任务", "任务内容", "工作措施", "具体措施", "重点工作"],
  lead: ["牵头单位", "牵头部门", "主责单位"],
  responsible: ["责任单位", "责任部门", "主要责任单位", "负责单位"],
  support: ["配合单位", "配合部门", "协办单位", "参加单位", "参与单位"],
  guide: ["指导单位"],
  deadline: ["完成时限", "时间节点", "完成时间", "时限要求", "进度安排", "时间安排", "完成期限", "时限"],
  leader: ["牵头领导", "责任领导", "分管领导", "牵头市领导", "牵头区领导", "牵头县领导"],
};

/** The label each owner role is written with in the brackets, in the order written. */
const OWNER_LABELS = [
  ["lead", "牵头单位"],
  ["responsible", "责任单位"],
  ["support", "配合单位"],
  ["guide", "指导单位"],
] as const;

const WORDS: [string, ColumnRole][] = (Object.entries(HEADER_WORDS) as [ColumnRole, readonly string[]][])
  .flatMap(([role, words]) => words.map((w): [string, ColumnRole] => [w, role]))
  .sort((a, b) => b[0].length - a[0].length);

/** The role a header cell names, or null. */
export function columnRole(header: string): ColumnRole | null {
  const text = header.replace(/[\s\u3000\u00a0]+/g, "").replace(/[:：]$/, "");
  for (const [word, role] of WORDS) {
    if (text === word) return role;
    if (text.startsWith(word) && /^[（(及和与/、]/.test(text.slice(word.length))) return role;
  }
  return null;
}

export interface TableCell {
  /** The cell's content, one line per block. */
  lines: Line[];
  /** Source offset of the cell's start (synthetic characters stand for it). */
  at: number;
  colSpan?: number;
  rowSpan?: number;
  /** A `<th>` (informational: headers are found by their words, since many tables use `<td>` for them). */
  header?: boolean;
}

export interface TableRow {
  cells: TableCell[];
  /** In a `<thead>` (or a Markdown table's header row): under the header row, still a header row. */
  header?: boolean;
}

interface Slot {
  cell: TableCell;
  /** A row below the first of a rowspan. */
  spanned: boolean;
}

/** Rows as a grid: a cell spanning rows or columns fills every slot it covers. */
function toGrid(rows: readonly TableRow[]): Slot[][] {
  const grid: Slot[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (grid[r]![c]) c++;
      const colSpan = Math.max(1, Math.min(cell.colSpan ?? 1, 1000));
      const rowSpan = Math.max(1, Math.min(cell.rowSpan ?? 1, rows.length - r));
      for (let dr = 0; dr < rowSpan; dr++) {
        for (let dc = 0; dc < colSpan; dc++) grid[r + dr]![c + dc] = { cell, spanned: dr > 0 };
      }
      c += colSpan;
    }
  });
  return grid;
}

/** A cell's lines as one line, joined by `sep` (a space after Latin text, nothing after CJK punctuation, when null). */
function cellLine(cell: TableCell | undefined, sep: string | null = null): Line {
  const out = emptyLine();
  if (!cell) return out;
  for (const raw of cell.lines) {
    const line = trimLine(raw);
    if (line.text.length === 0) continue;
    if (out.text.length > 0) {
      const last = out.text[out.text.length - 1]!;
      const s = sep ?? (/[。；;，,、：:！？）)」”]/.test(last) ? "" : " ");
      pushFixed(out, s, lineStart(line, cell.at));
    }
    pushLine(out, line);
  }
  return out;
}

function cellText(cell: TableCell | undefined): string {
  return cellLine(cell).text;
}


interface Header {
  /** Index of the first data row. */
  body: number;
  /** Rows before the header (a table title in a merged first row). */
  title: number;
  roles: (ColumnRole | null)[];
}

function rolesOf(grid: Slot[][], from: number, to: number, width: number): (ColumnRole | null)[] {
  const roles: (ColumnRole | null)[] = [];
  for (let c = 0; c < width; c++) {
    let role: ColumnRole | null = null;
    for (let r = from; r < to; r++) role = columnRole(cellText(grid[r]?.[c]?.cell)) ?? role;
    roles.push(role);
  }
  return roles;
}

function isTaskHeader(roles: (ColumnRole | null)[]): boolean {
  return roles.includes("task") && roles.some((r) => r === "lead" || r === "responsible" || r === "support" || r === "guide");
}

/** Every non-empty cell of the row names a column (a second header row: 牵头单位 | 配合单位 under 责任单位). */
function isSubHeader(grid: Slot[][], r: number): boolean {
  const row = grid[r];
  if (!row) return false;
  let named = 0;
  for (const slot of row) {
    if (!slot || slot.spanned) continue;
    const text = cellText(slot.cell);
    if (text === "") continue;
    if (columnRole(text) === null) return false;
    named++;
  }
  return named > 0;
}

/**
 * The header: the first row (or one of the first three, after a title row) naming a task column and an owner
 * column, with the rows under it that only name columns (or are in the `<thead>`).
 */
function findHeader(rows: readonly TableRow[], grid: Slot[][], width: number): Header | null {
  for (let r = 0; r < Math.min(3, grid.length); r++) {
    const roles = rolesOf(grid, r, r + 1, width);
    if (!isTaskHeader(roles)) continue;
    let body = r + 1;
    while (body < grid.length && body < r + 3 && (rows[body]?.header === true || isSubHeader(grid, body))) body++;
    return { body, title: r, roles: rolesOf(grid, r, body, width) };
  }
  return null;
}

/** A row's cells, each once, in column order. */
function distinctCells(row: Slot[]): TableCell[] {
  const out: TableCell[] = [];
  for (const slot of row) if (slot && !out.includes(slot.cell)) out.push(slot.cell);
  return out;
}

/** A plain table: a row per line, its non-empty cells joined by U+3000; a cell holding several blocks (a layout table) gives its lines. */
export function plainTableLines(rows: readonly TableRow[]): Line[] {
  const out: Line[] = [];
  for (const row of rows) {
    const cells = row.cells.map((cell) => cell.lines.map(trimLine).filter((l) => l.text.length > 0));
    if (cells.some((lines) => lines.length > 1)) {
      for (const lines of cells) out.push(...lines);
      continue;
    }
    const line = emptyLine();
    cells.forEach((lines, i) => {
      const cellLine = lines[0];
      if (!cellLine) return;
      if (line.text.length > 0) pushFixed(line, "\u3000", row.cells[i]!.at);
      pushLine(line, cellLine);
    });
    if (line.text.length > 0) out.push(line);
  }
  return out;
}

const BARE_ARABIC = /^[0-9０-９]{1,3}$/;
const BARE_CHINESE = /^[一二三四五六七八九十百零〇两]{1,4}$/;

/**
 * A task table's lines, or null when the table is not a task table (see HEADER_WORDS).
 *
 * - Rows before the header (a title row) are text lines.
 * - A section column gives `一、{section}` when its value changes (a blank cell repeats the value above); a
 *   row whose only content is one cell (a category row, often merged across the table) is a section too.
 *   A section that already starts with a numbering marker is written as it is.
 * - The 序号 cell gives the marker: `1` → `1.`, `一` → `（一）` under sections, else `一、`; a cell that already is
 *   a marker (`（一）`, `1.`, `①`) stays; a row without one gets `{n}.` (n = its position among task rows).
 *   A row under a 序号 cell merged from above continues that item: no marker.
 * - Owners: `（牵头单位：A；责任单位：B；配合单位：C；指导单位：D）`, only roles with a non-empty cell; several
 *   columns of one role, or several paragraphs in a cell, are joined with 、.
 * - Several task columns (重点任务 | 具体措施): joined, with 。 after the first when it has no sentence end.
 * - A non-empty deadline cell: `完成时限：{…}` as the next line.
 * - Rows without task text (and not a category row) are skipped, and so is the header row repeated further down
 *   (a table printed over several pages); other columns (备注, leaders) are dropped.
 */
export function taskTableLines(rows: readonly TableRow[]): Line[] | null {
  const grid = toGrid(rows);
  const width = grid.reduce((w, row) => Math.max(w, row.length), 0);
  const header = findHeader(rows, grid, width);
  if (!header) return null;
  const { roles } = header;
  const columns = (role: ColumnRole) => roles.flatMap((r, c) => (r === role ? [c] : []));
  const numberCol = columns("number")[0];
  const sectionCol = columns("section")[0];
  const taskCols = columns("task");
  const deadlineCols = columns("deadline");

  const out: Line[] = [];
  // A title row above the header.
  out.push(...plainTableLines(rows.slice(0, header.title)));

  const body = grid.slice(header.body);
  // A category row: one cell with text and no task, the cell merged across columns or a heading-like text
  // (not a bare number) in the 序号 or section column, or in an unnamed first column.
  const categoryRow = (row: Slot[]): TableCell | null => {
    const filled = distinctCells(row).filter((cell) => cellText(cell) !== "");
    if (filled.length !== 1) return null;
    const cell = filled[0]!;
    const cols = row.flatMap((slot, c) => (slot?.cell === cell ? [c] : []));
    if (cols.length > 1) return cell;
    if (taskCols.some((c) => row[c] && cellText(row[c].cell) !== "")) return null;
    const role = roles[cols[0]!] ?? null;
    const text = cellText(cell);
    if (BARE_ARABIC.test(text) || BARE_CHINESE.test(text)) return null;
    const headingColumn = role === "number" || role === "section" || (role === null && cols[0] === 0);
    return headingColumn && text.replace(PLAN_MARKER, "").length >= 2 ? cell : null;
  };
  const hasSections = sectionCol !== undefined || body.some((row) => categoryRow(row) !== null);

  let sectionCount = 0;
  let sectionText: string | null = null;
  let taskCount = 0;
  const emitSection = (cell: TableCell) => {
    const text = cellLine(cell);
    if (PLAN_MARKER.test(text.text)) {
      out.push(text);
      // Keep counting so that a later unnumbered section follows on.
      sectionCount++;
      return;
    }
    const line = emptyLine();
    pushFixed(line, `${chineseNumber(++sectionCount)}、`, cell.at);
    pushLine(line, text);
    out.push(line);
  };

  for (const [i, row] of body.entries()) {
    // The header again (a table printed over several pages, then pasted or exported page by page): not a task.
    const r = header.body + i;
    if (isSubHeader(grid, r) && isTaskHeader(rolesOf(grid, r, r + 1, width))) continue;
    const category = categoryRow(row);
    if (category) {
      const text = cellText(category);
      if (text !== sectionText) emitSection(category);
      sectionText = text;
      continue;
    }
    if (sectionCol !== undefined) {
      const slot = row[sectionCol];
      const text = cellText(slot?.cell);
      if (slot && text !== "" && text !== sectionText) {
        sectionText = text;
        emitSection(slot.cell);
      }
    }

    // The task text.
    const task = emptyLine();
    for (const c of taskCols) {
      const slot = row[c];
      if (!slot) continue;
      const text = cellLine(slot.cell);
      if (text.text === "" || task.text.includes(text.text)) continue;
      if (task.text.length > 0 && !/[。！？；;]$/.test(task.text)) pushFixed(task, "。", slot.cell.at);
      pushLine(task, text);
    }
    if (task.text === "") continue;
    taskCount++;

    const line = emptyLine();
    const numberSlot = numberCol !== undefined ? row[numberCol] : undefined;
    const firstTaskAt = lineStart(task, 0);
    if (numberSlot && numberSlot.spanned && cellText(numberSlot.cell) !== "") {
      // Continues the item numbered above.
    } else {
      const number = numberSlot ? cellLine(numberSlot.cell) : emptyLine();
      const at = numberSlot?.cell.at ?? firstTaskAt;
      const marker = PLAN_MARKER.exec(number.text)?.[0];
      if (BARE_ARABIC.test(number.text)) {
        pushLine(line, number);
        pushFixed(line, ".", at);
      } else if (BARE_CHINESE.test(number.text)) {
        if (hasSections) {
          pushFixed(line, "（", at);
          pushLine(line, number);
          pushFixed(line, "）", at);
        } else {
          pushLine(line, number);
          pushFixed(line, "、", at);
        }
      } else if (marker !== undefined && marker.length === number.text.length) {
        pushLine(line, number);
      } else {
        pushFixed(line, `${taskCount}.`, at);
      }
    }
    pushLine(line, task);

    // Owners.
    const parts: { label: string; at: number; parties: Line }[] = [];
    for (const [role, label] of OWNER_LABELS) {
      const parties = emptyLine();
      let at = -1;
      for (const c of columns(role)) {
        const slot = row[c];
        if (!slot) continue;
        const text = cellLine(slot.cell, "、");
        if (text.text === "" || parties.text === text.text) continue;
        if (at === -1) at = slot.cell.at;
        if (parties.text.length > 0) pushFixed(parties, "、", slot.cell.at);
        pushLine(parties, text);
      }
      if (parties.text.length > 0) parts.push({ label, at, parties });
    }
    parts.forEach((part, i) => {
      pushFixed(line, `${i === 0 ? "（" : "；"}${part.label}：`, part.at);
      pushLine(line, part.parties);
      if (i === parts.length - 1) pushFixed(line, "）", part.at);
    });
    out.push(line);

    // The deadline.
    const deadline = emptyLine();
    let deadlineAt = -1;
    for (const c of deadlineCols) {
      const slot = row[c];
      if (!slot) continue;
      const text = cellLine(slot.cell);
      if (text.text === "" || deadline.text === text.text) continue;
      if (deadlineAt === -1) deadlineAt = slot.cell.at;
      if (deadline.text.length > 0) pushFixed(deadline, "；", slot.cell.at);
      pushLine(deadline, text);
    }
    if (deadline.text.length > 0) {
      const d = emptyLine();
      pushFixed(d, "完成时限：", deadlineAt);
      pushLine(d, deadline);
      out.push(d);
    }
  }
  return out;
}

/** A table's lines: as a task table when it is one, else as text. */
export function tableLines(rows: readonly TableRow[]): Line[] {
  return taskTableLines(rows) ?? plainTableLines(rows);
}
