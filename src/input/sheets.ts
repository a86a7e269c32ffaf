// Spreadsheets (.xlsx, .xls, .et) → plan text. Every sheet is a table: its used range, merged cells as spans,
// each through the task-table conversion (src/input/task-table.ts) — a 任务分工表 becomes items with owners, a
// plan typed one paragraph per row becomes its lines. Sheets follow each other in workbook order; empty and
// hidden sheets are left out. A workbook with no text in any sheet is an error, not an empty plan.
import { blocksToText, type Block, type TableBlockCell } from "./blocks.js";
import type { InputFormat, ReadResult } from "./types.js";

export interface Merge {
  /** 0-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Sheet {
  name: string;
  hidden: boolean;
  /** cells[row][col]: the cell's text as shown ("" or undefined when empty). */
  cells: (string | undefined)[][];
  merges: Merge[];
}

/** Cells per sheet beyond which the rest is not read (a sheet formatted down to row 1,048,576 has no more text). */
const MAX_ROWS = 100_000;
const MAX_COLS = 256;

/** A sheet's used range as table rows, merged cells as spans. */
export function sheetRows(sheet: Sheet): TableBlockCell[][] {
  const rows = sheet.cells.slice(0, MAX_ROWS);
  let height = 0;
  let width = 0;
  rows.forEach((row, r) => {
    row?.forEach((v, c) => {
      if (c < MAX_COLS && v !== undefined && v.trim() !== "") {
        height = Math.max(height, r + 1);
        width = Math.max(width, c + 1);
      }
    });
  });
  if (height === 0) return [];
  const master = new Map<string, Merge>();
  const covered = new Set<string>();
  for (const m of sheet.merges) {
    if (m.top >= height || m.left >= width) continue;
    const bottom = Math.min(m.bottom, height - 1);
    const right = Math.min(m.right, width - 1);
    master.set(`${m.top}:${m.left}`, { ...m, bottom, right });
    for (let r = m.top; r <= bottom; r++) for (let c = m.left; c <= right; c++) if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
  }
  const out: TableBlockCell[][] = [];
  for (let r = 0; r < height; r++) {
    const row: TableBlockCell[] = [];
    for (let c = 0; c < width; c++) {
      if (covered.has(`${r}:${c}`)) continue;
      const m = master.get(`${r}:${c}`);
      const value = rows[r]?.[c] ?? "";
      const cell: TableBlockCell = { paragraphs: value.split(/\r\n?|\n/) };
      if (m) {
        if (m.right > m.left) cell.colSpan = m.right - m.left + 1;
        if (m.bottom > m.top) cell.rowSpan = m.bottom - m.top + 1;
      }
      row.push(cell);
    }
    out.push(row);
  }
  return out;
}

/** The sheets of a workbook as plan text. */
export function sheetsToText(sheets: readonly Sheet[], format: InputFormat, what: string): ReadResult {
  const blocks: Block[] = [];
  for (const sheet of sheets) {
    if (sheet.hidden) continue;
    const rows = sheetRows(sheet);
    if (rows.length > 0) blocks.push({ kind: "table", rows });
  }
  if (blocks.length === 0) {
    return { ok: false, problem: `${what} has no text in any sheet (${sheets.length === 0 ? "no sheets" : sheets.length === 1 ? "its one sheet is empty" : `its ${sheets.length} sheets are empty or hidden`})` };
  }
  const text = blocksToText(blocks);
  if (text.trim() === "") return { ok: false, problem: `${what} has no text in any sheet` };
  return { ok: true, extracted: { text, map: null, format } };
}

// Number formats: built-in date formats by id, and custom format codes with date parts.
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a number format (id, and its code for custom ones) shows a date. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (DATE_FORMAT_IDS.has(id)) return true;
  if (code === undefined) return false;
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[yd]/i.test(bare) || /年|月|日/.test(code);
}

/** A date serial (days since 1899-12-30, or 1904-01-01) as 2021年6月30日. */
export function serialDate(serial: number, date1904 = false): string {
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  const d = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
  if (Number.isNaN(d.getTime())) return String(serial);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** A number as a sheet shows it in General format (integers without a point, no float noise). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return "";
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}
