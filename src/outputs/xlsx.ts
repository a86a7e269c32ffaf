// Excel workbooks (.xlsx, Office Open XML) for `table` and `agencies`, written with exceljs — loaded only when a
// workbook is written (it takes about a quarter of a second to load, which parsing a .txt never pays).
//
// Every sheet: a bold header row that stays in view (frozen panes) with an autofilter over it, and columns as
// wide as their content in display columns (a CJK character counts two, as Excel's default fonts draw it), up
// to a cap for the long texts. Cells are typed: text (with the text number format @, so that an id such as
// 2.10 stays text when edited), whole numbers, and real dates (yyyy-mm-dd). A cell holds text exactly as the
// plan writes it — a string is never a formula in xlsx — except that characters XML cannot carry (C0 controls
// other than tab and line breaks, lone surrogates) become U+FFFD, and a cell longer than Excel's 32,767
// characters is cut there with a final …. The rows are streamed into the zip (exceljs' streaming writer), so a
// sheet's rows are not all held as cell objects at once.
import { PassThrough } from "node:stream";
import { textWidth } from "./text-width.js";

export type CellType = "text" | "integer" | "date";

export interface SheetColumn {
  header: string;
  type: CellType;
  /** The widest the column gets, in Excel's character units (default 40; 80 for long texts is sensible). */
  maxWidth?: number;
}

export type CellValue = string | number | null;

export interface Sheet {
  name: string;
  columns: readonly SheetColumn[];
  /** Values in column order: text as strings, integers as numbers, dates as ISO strings (2021-06-30) or null. */
  rows: readonly (readonly CellValue[])[];
  /** Columns kept in view at the left when scrolling right (default 0). */
  frozenColumns?: number;
}

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;

// XML 1.0 allows tab, LF, CR and everything from U+0020 but lone surrogates, U+FFFE and U+FFFF.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** The text as one cell can hold it (see the file's comment). */
export function cellText(text: string): string {
  const clean = text.replace(NOT_XML, "\uFFFD");
  if (clean.length <= MAX_CELL_CHARS) return clean;
  let cut = clean.slice(0, MAX_CELL_CHARS - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + "…";
}

/** ISO date → a JS Date at UTC midnight (exceljs writes dates from UTC: the cell is that very day). */
function isoDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The width of a column for its header and cells: display columns plus a margin, between 6 and the cap. */
function columnWidth(column: SheetColumn, index: number, rows: Sheet["rows"]): number {
  const cap = column.maxWidth ?? 40;
  // The autofilter's arrow button takes about two characters of the header cell.
  let widest = textWidth(column.header) + 3;
  if (column.type === "date") widest = Math.max(widest, 12);
  for (const row of rows) {
    const v = row[index];
    if (v === null || v === undefined) continue;
    const s = typeof v === "number" ? String(v) : v;
    // Only the first line of a cell shows in a row of default height, and only up to the cap.
    const first = s.length > cap * 2 ? s.slice(0, cap * 2) : s;
    const w = textWidth(first.split("\n", 1)[0]!) + 2;
    if (w > widest) widest = w;
    if (widest >= cap) return cap;
  }
  return Math.max(6, Math.min(cap, widest));
}

interface ExcelModule {
  stream: { xlsx: { WorkbookWriter: new (options: Record<string, unknown>) => ExcelWorkbookWriter } };
}
interface ExcelWorkbookWriter {
  addWorksheet(name: string, options?: Record<string, unknown>): ExcelWorksheetWriter;
  commit(): Promise<void>;
}
interface ExcelWorksheetWriter {
  columns: Record<string, unknown>[];
  autoFilter: unknown;
  addRow(values: unknown[]): { font?: unknown; commit(): void };
  commit(): void;
}

async function loadExcel(): Promise<ExcelModule> {
  const mod = (await import("exceljs")) as unknown as { default?: ExcelModule } & ExcelModule;
  return mod.default ?? mod;
}

const NUMBER_FORMAT: Record<CellType, string> = { text: "@", integer: "0", date: "yyyy-mm-dd" };

/** The workbook as the bytes of an .xlsx file. */
export async function workbookBytes(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const ExcelJS = await loadExcel();
  const stream = new PassThrough();
  const parts: Buffer[] = [];
  stream.on("data", (b: Buffer) => parts.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      views: [{ state: "frozen", ySplit: 1, xSplit: sheet.frozenColumns ?? 0, activeCell: "A2" }],
    });
    ws.columns = sheet.columns.map((c, i) => ({
      key: `c${i}`,
      width: columnWidth(c, i, sheet.rows),
      style: { numFmt: NUMBER_FORMAT[c.type] },
    }));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, sheet.columns.length) } };
    const header = ws.addRow(sheet.columns.map((c) => cellText(c.header)));
    header.font = { bold: true };
    header.commit();
    for (const row of sheet.rows) {
      const values = sheet.columns.map((c, i) => {
        const v = row[i];
        if (v === null || v === undefined || v === "") return null;
        if (c.type === "integer") return typeof v === "number" ? v : Number.isFinite(Number(v)) ? Number(v) : cellText(String(v));
        if (c.type === "date") return (typeof v === "string" && isoDate(v)) || cellText(String(v));
        return cellText(String(v));
      });
      ws.addRow(values).commit();
    }
    ws.commit();
  }
  await wb.commit();
  await ended;
  return new Uint8Array(Buffer.concat(parts));
}
