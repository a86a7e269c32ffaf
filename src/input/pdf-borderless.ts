// Task tables in a PDF drawn without vertical rules — no lines at all, or a three-line table (三线表) with rules
// only above and under the header and under the last row, as WPS exports and typesetters set them. There is no
// grid to read (pdf-tables.ts needs the cell borders), so the table is rebuilt from the text's geometry alone:
//
// - The header is one visual line whose runs are header words of a task table (the vocabulary of
//   task-table.ts and flat-table.ts): at least three, a task column and an owner column among them, set apart
//   like cells. A header word wrapped in a narrow column (牵头 over 单位) is put together from the lines just
//   above and below. A sentence that mentions 牵头单位 and 配合单位 is one run, never a header.
// - Columns come from the header cells. A header word sits somewhere inside its column (often centred), and so
//   does the text under it, so the border between two columns lies between the two header words, where the
//   fewest lines of the body have text: the gutter. Halfway between the header words would be wrong for a wide
//   task column with a centred header over left-aligned text.
// - Rows: a row starts at a row number (1, 2, 一、…) in the 序号 column. Where the numbers stand in their rows is
//   read off the cells that span one number: at the top (a line then belongs to the last number above it), at
//   the bottom, or centred — common, and then the lines above a number are its row's too: each column's lines
//   are grouped into blocks (lines at a cell's line pitch), a block goes to the row whose number it spans, and
//   blocks of two rows' cells that touch are cut so that each row's lines lie evenly around its number. Without
//   a number column, a row starts where the gap between lines is wider than a cell's line pitch.
// - The table ends at the first line that does not fit the columns (a run over two columns, text in the 序号
//   column that is not a number, a heading), unless more numbered rows follow it: then a lone line starting in
//   the first column is a category row (a 类别 merged across the table), and anything else is a cell we could
//   not place — kept, in the column it starts in, and said in a diagnostic. It also ends at a wide vertical gap,
//   at the page's running footer or page number, or at the end of the page, and goes on at the top of the next
//   page when that page starts with the header repeated or with lines that fit the same columns.
//
// The rows are TableChunks, as ruled tables give: pdf.ts joins their cells' lines like paragraphs, joins the
// chunks over page breaks and hands them to the task-table conversion, so a 任务分工表 in a PDF gives the same
// tasks as the .docx whether or not its borders are drawn.
import { headerRole, type HeaderRole } from "../pipeline/flat-table.js";
import type { GridCell, TableChunk, TextRun } from "./pdf-tables.js";

/** A page's runs (after the ruled tables took theirs), 1-based page number. */
export interface BorderlessPage {
  page: number;
  runs: TextRun[];
}

/** What could not be read, for the reader's diagnostics: `needle` is text to find the place by. */
export interface TableNote {
  page: number;
  message: string;
  needle: string;
}

/** Whether a visual line is page furniture (a running header or footer, a page number): never a table's. */
export type Furniture = (text: string, y: number, page: number) => boolean;

/**
 * A word of a run (text between spaces) with its ink's extent. pdf.js makes one run of text that a writer placed
 * in neighbouring cells a few points apart, with a space for the gap, so a run is cut at its spaces; the parts'
 * places are estimated (CJK a full em, other characters half, the gaps sharing what is left of the width).
 */
interface Piece {
  /** What a cell gets: the part of the run, placed where the part is. */
  run: TextRun;
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  /** The run the piece is part of. */
  source: TextRun;
  /** The run had no spaces inside: it is one piece of text, a sentence or a cell's line. */
  whole: boolean;
}

interface VLine {
  y: number;
  size: number;
  pieces: Piece[];
}

interface HeaderCell {
  x0: number;
  x1: number;
  text: string;
  role: HeaderRole | null;
  pieces: Piece[];
}

type Align = "top" | "middle" | "bottom";

/** What a table's next chunk (on the next page) needs to be read the same way. */
interface Layout {
  cells: HeaderCell[];
  /** Borders between columns: bounds[c] between column c and c + 1. */
  bounds: number[];
  numberCol: number | undefined;
  size: number;
  pitch: number;
  align: Align;
}

const isWideChar = (c: number): boolean => c >= 0x2e80 && !(c >= 0xff10 && c <= 0xff19) && !(c >= 0xff21 && c <= 0xff5a);

// Without spreading into Math.max: a line of a hostile PDF may hold more runs than a call takes arguments.
const maxOf = (values: readonly number[]): number => values.reduce((a, b) => (b > a ? b : a), -Infinity);
const minOf = (values: readonly number[]): number => values.reduce((a, b) => (b < a ? b : a), Infinity);

/** Advance of a text in font sizes: CJK a full em, anything else half. */
function nominal(text: string): number {
  let w = 0;
  for (const ch of text) w += /\s/.test(ch) ? 0 : isWideChar(ch.charCodeAt(0)) ? 1 : 0.5;
  return w;
}

function pieces(run: TextRun): Piece[] {
  const parts = [...run.str.matchAll(/\S+/g)];
  if (parts.length === 0) return [];
  const spaces = Array.from(run.str).filter((c) => /\s/.test(c)).length;
  const ink = nominal(run.str) * run.size;
  // Ink wider than the run (a narrow Latin font): shrink it all; else spaces share what is left.
  const scale = ink > run.width && ink > 0 ? run.width / ink : 1;
  const space = spaces > 0 && scale === 1 ? Math.min(run.size, (run.width - ink) / spaces) : 0;
  const whole = parts.length === 1;
  const out: Piece[] = [];
  let x = run.x;
  let at = 0;
  for (const m of parts) {
    const index = m.index ?? 0;
    x += Array.from(run.str.slice(at, index)).length * space;
    const text = m[0];
    const width = nominal(text) * run.size * scale;
    const x0 = x;
    const x1 = whole && spaces === 0 ? run.x + run.width : x0 + width;
    out.push({ run: whole && spaces === 0 ? run : { ...run, str: text, x: x0, width: x1 - x0 }, text, x0, x1, y: run.y, size: run.size, source: run, whole });
    x = x0 + width;
    at = index + text.length;
  }
  return out;
}

/** Runs sharing a baseline (within 0.3 of their size), top to bottom, each line left to right. */
function visualLines(runs: readonly TextRun[]): VLine[] {
  const all = runs.flatMap(pieces);
  all.sort((p, q) => p.y - q.y || p.x0 - q.x0);
  const lines: VLine[] = [];
  for (const p of all) {
    const line = lines[lines.length - 1];
    const head = line?.pieces[0];
    if (line && head && Math.abs(p.y - head.y) <= 0.3 * Math.max(p.size, head.size)) line.pieces.push(p);
    else lines.push({ y: p.y, size: p.size, pieces: [p] });
  }
  for (const line of lines) {
    line.pieces.sort((p, q) => p.x0 - q.x0);
    line.size = maxOf(line.pieces.map((p) => p.size));
  }
  return lines;
}

const lineText = (pieces: readonly Piece[]): string => pieces.map((p) => p.text).join(" ");

/** 1, 2., 3、, 一, 一、, （一）, (1): what a 序号 cell holds. */
const ROW_NUMBER = /^(?:[0-9０-９]{1,3}[.．、]?|[一二三四五六七八九十百零〇两]{1,4}、?|[（(](?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})[)）])$/;
const isRowNumber = (text: string): boolean => ROW_NUMBER.test(text.replace(/\s+/g, ""));

const OWNER_ROLES: readonly (HeaderRole | null)[] = ["lead", "responsible", "support", "guide"];
/** A cell that is none of the header words may still be a column's name (工作目标), but not a sentence. */
const SHORT_NAME = /^[^，。；;,：:、！？]{1,8}$/;

// ---------------------------------------------------------------------------------------------------------------
// The header

interface Chunk {
  x0: number;
  x1: number;
  y: number;
  text: string;
  pieces: Piece[];
}

/** A line's pieces that touch (a header word split into runs at a font change) as one. */
function chunks(pieces: readonly Piece[]): Chunk[] {
  const out: Chunk[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last && p.x0 - last.x1 <= 0.3 * p.size) {
      last.x1 = Math.max(last.x1, p.x1);
      last.text += p.text;
      last.pieces.push(p);
    } else out.push({ x0: p.x0, x1: p.x1, y: p.y, text: p.text, pieces: [p] });
  }
  return out;
}

interface Header {
  cells: HeaderCell[];
  top: number;
  bottom: number;
  size: number;
  used: Set<Piece>;
}

/**
 * The header whose words stand on line `at`, or null. Pieces of a word spaced out (`序  号`) are put together when
 * the pieces alone are no header words; a word wrapped in its cell is put together from the lines within about
 * a line's pitch above and below, in the gaps between the words of line `at`.
 */
function headerAt(lines: readonly VLine[], at: number, used: ReadonlySet<Piece>): Header | null {
  const line = lines[at]!;
  const size = line.size;
  const own = chunks(line.pieces.filter((p) => !used.has(p)));
  if (own.length < 3) return null;
  // Quick refusal: most lines have no header word at all.
  if (!own.some((c) => headerRole(c.text) !== null)) return null;
  // Spaced-out words.
  const merged: Chunk[] = [];
  for (let i = 0; i < own.length; i++) {
    let c = own[i]!;
    if (headerRole(c.text) === null) {
      for (let j = i + 1; j < Math.min(own.length, i + 4); j++) {
        const next = own[j]!;
        if (next.x0 - own[j - 1]!.x1 > 3 * size || headerRole(next.text) !== null) break;
        const text = own.slice(i, j + 1).map((x) => x.text).join("");
        if (headerRole(text) !== null) {
          c = { x0: c.x0, x1: next.x1, y: c.y, text, pieces: own.slice(i, j + 1).flatMap((x) => x.pieces) };
          i = j;
          break;
        }
      }
    }
    merged.push(c);
  }
  const cells: HeaderCell[] = merged.filter((c) => headerRole(c.text) !== null).map((c) => ({ ...c, role: headerRole(c.text) }));
  // Words wrapped in their cells: the line's other chunks with the chunks of the lines near it that stand in the
  // gaps between its words, stacked by x.
  const loose = merged.filter((c) => headerRole(c.text) === null);
  const near: Chunk[] = [];
  for (let j = at - 3; j <= at + 3; j++) {
    const other = lines[j];
    if (j === at || !other || Math.abs(other.y - line.y) > 1.6 * size) continue;
    for (const c of chunks(other.pieces.filter((p) => !used.has(p)))) {
      if (!cells.some((h) => c.x0 < h.x1 && c.x1 > h.x0)) near.push(c);
    }
  }
  const stacks: Chunk[][] = [];
  for (const c of [...loose, ...near]) {
    const stack = stacks.find((s) => s.some((o) => c.x0 < o.x1 + 0.3 * size && c.x1 > o.x0 - 0.3 * size));
    if (stack) stack.push(c);
    else stacks.push([c]);
  }
  for (const stack of stacks) {
    stack.sort((p, q) => p.y - q.y || p.x0 - q.x0);
    const text = stack.map((c) => c.text).join("");
    const role = headerRole(text);
    const inLine = stack.filter((c) => loose.includes(c));
    if (role !== null && stack.length > 1) {
      cells.push({ x0: minOf(stack.map((c) => c.x0)), x1: maxOf(stack.map((c) => c.x1)), text, role, pieces: stack.flatMap((c) => c.pieces) });
    } else if (inLine.length > 0) {
      // A chunk of the header line that names no known column: a column all the same, if it is a short name.
      for (const c of inLine) {
        if (!SHORT_NAME.test(c.text)) return null;
        cells.push({ ...c, role: null });
      }
    }
  }
  cells.sort((p, q) => p.x0 - q.x0);
  const known = cells.filter((c) => c.role !== null && c.role !== "other");
  const words = new Set(known.map((c) => c.text.replace(/\s+/g, "")));
  const roles = new Set(known.map((c) => c.role));
  if (words.size < 3 || !(roles.has("task") && OWNER_ROLES.some((r) => roles.has(r)))) return null;
  // Cells of a table stand apart; words run into each other only in a sentence.
  for (let i = 1; i < cells.length; i++) if (cells[i]!.x0 - cells[i - 1]!.x1 < 0.8 * size) return null;
  const all = cells.flatMap((c) => c.pieces);
  return {
    cells,
    top: minOf(all.map((p) => p.y - p.size)),
    bottom: maxOf(all.map((p) => p.y)),
    size,
    used: new Set(all),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Columns

/**
 * The border between two neighbouring header cells: inside the gap between them (the words are inside their
 * columns), where the fewest body lines have ink — the gutter; the widest such stretch, its middle. A run
 * straddling the gutter on a line or two (a cell that does not fit) does not move it. Only lines with text in
 * several columns are counted when there are any: a line of one run (a category row, a wrapped cell, a heading
 * or prose after the table) says nothing about where one column ends and the next begins.
 */
function gutter(left: HeaderCell, right: HeaderCell, lines: readonly VLine[]): number {
  const lo = left.x1;
  const hi = right.x0;
  if (hi - lo <= 0) return (lo + hi) / 2;
  const rows = lines.filter((l) => l.pieces.length > 1);
  const body = rows.length > 0 ? rows : lines;
  const events: [number, number][] = [];
  for (const line of body) {
    for (const p of line.pieces) {
      const a = Math.max(lo, p.x0);
      const b = Math.min(hi, p.x1);
      if (b > a) events.push([a, 1], [b, -1]);
    }
  }
  events.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  let best = { count: Infinity, a: lo, b: hi };
  let count = 0;
  let x = lo;
  const consider = (to: number): void => {
    if (to - x <= 1e-6) return;
    if (count < best.count || (count === best.count && to - x > best.b - best.a)) best = { count, a: x, b: to };
  };
  for (const [at, delta] of events) {
    consider(at);
    x = Math.max(x, at);
    count += delta;
  }
  consider(hi);
  return (best.a + best.b) / 2;
}

/**
 * The column a piece is in: the one its start falls in (a quarter of its size in, for glyphs that reach left).
 * The start, not the centre: text in a cell is mostly left-aligned and may run on into the gutter or beyond
 * (a trailing space, a long word, a cell that does not fit), but never starts before its column.
 */
function columnOf(p: Piece, bounds: readonly number[]): number {
  let c = 0;
  while (c < bounds.length && p.x0 + 0.25 * p.size >= bounds[c]!) c++;
  return c;
}

/** Whether a piece reaches into the next column's text. */
const overflows = (p: Piece, c: number, bounds: readonly number[]): boolean => c < bounds.length && p.x1 > bounds[c]! + 0.5 * p.size;

// ---------------------------------------------------------------------------------------------------------------
// The body

interface Placed {
  line: number;
  y: number;
  /** The pieces of the line, each with its column. */
  cols: { c: number; p: Piece }[];
  kind: "cells" | "category";
}

interface Body {
  placed: Placed[];
  /** Index in `lines` after the table's last line. */
  end: number;
  /** The table stops at the end of the page (only furniture after it): it may go on on the next page. */
  open: boolean;
  notes: TableNote[];
}

const columnName = (cells: readonly HeaderCell[], c: number): string => cells[c]?.text ?? `column ${c + 1}`;

/**
 * The lines of a table from line `from` on: those that fit the columns, until the table ends. Without the
 * borders of a table read before (`layout.bounds`), the gutters are measured first on the lines that may be the
 * table's: up to a prose line, a wide gap, text of another size, furniture.
 */
function readBody(
  lines: readonly VLine[],
  from: number,
  layout: Omit<Layout, "bounds" | "pitch" | "align"> & { bounds?: number[] },
  isFurniture: (line: VLine) => boolean,
  page: number,
): { body: Body; bounds: number[] } {
  const { cells, size, numberCol } = layout;
  const centres = cells.map((c) => (c.x0 + c.x1) / 2);
  const furniture = (line: VLine): boolean => isFurniture(line) && !isRowNumberLine(line, layout);
  // The lines that may be the table's.
  const candidates: number[] = [];
  let stop: "furniture" | "end" | "other" = "end";
  let previous: number | null = null;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    // Furniture ends the page: a line that looks like it with the table's text after it is the table's.
    if (furniture(line) && lines.slice(i).every(furniture)) {
      stop = "furniture";
      break;
    }
    // A wide gap, or text of another size (a heading, body text after the table).
    if ((previous !== null && line.y - previous > 4 * size) || line.size > 1.25 * size || line.size < 0.75 * size) {
      stop = "other";
      break;
    }
    // A prose line: one run over most of the table (a run with spaces in it may be cells pdf.js ran together).
    if (line.pieces.some((p) => p.whole && centres.filter((x) => p.x0 < x && p.x1 > x).length >= 3)) {
      stop = "other";
      break;
    }
    candidates.push(i);
    previous = line.y;
  }
  const bounds =
    layout.bounds ??
    cells.slice(1).map((right, k) =>
      gutter(
        cells[k]!,
        right,
        candidates.map((i) => lines[i]!),
      ),
    );
  // Each candidate line's pieces in their columns; whether the line fits.
  const rows = candidates.map((i) => {
    const cols = lines[i]!.pieces.map((p) => ({ c: columnOf(p, bounds), p }));
    const over = cols.filter(({ c, p }) => overflows(p, c, bounds));
    const stray = numberCol === undefined ? [] : cols.filter(({ c, p }) => c === numberCol && !isRowNumber(p.text));
    const anchor = numberCol !== undefined && cols.some(({ c, p }) => c === numberCol && isRowNumber(p.text));
    return { i, cols, over, stray, anchor, fits: over.length === 0 && stray.length === 0 };
  });
  const placed: Placed[] = [];
  const notes: TableNote[] = [];
  let k = 0;
  for (; k < rows.length; k++) {
    const row = rows[k]!;
    const line = lines[row.i]!;
    if (row.fits) {
      placed.push({ line: row.i, y: line.y, cols: row.cols, kind: "cells" });
      continue;
    }
    // A line that does not fit is the table's only when more rows of it follow before the next such line.
    let m = k + 1;
    while (m < rows.length && rows[m]!.fits) m++;
    const after = rows.slice(k + 1, m);
    const inside = numberCol !== undefined ? after.some((r) => r.anchor) : after.length > 0;
    if (!inside) break;
    // A category row (类别 merged across the table): its one text starts in the first column or spans several.
    const only = row.cols.length === 1 ? row.cols[0]! : null;
    if (only && !row.anchor && (only.c === 0 || centres.filter((x) => only.p.x0 < x && only.p.x1 > x).length >= 2)) {
      placed.push({ line: row.i, y: line.y, cols: row.cols, kind: "category" });
      continue;
    }
    for (const { c, p } of row.over) {
      const to = Math.min(cells.length - 1, columnOf({ ...p, x0: p.x1 - 0.5 * p.size }, bounds));
      notes.push({
        page,
        needle: p.text,
        message: `page ${page}: in a table without ruling lines, “${clip(p.text)}” runs over the ${columnName(cells, c)} and ${columnName(cells, to)} columns; read as ${columnName(cells, c)}`,
      });
    }
    for (const { p } of row.stray) {
      notes.push({
        page,
        needle: p.text,
        message: `page ${page}: in a table without ruling lines, “${clip(p.text)}” stands in the ${columnName(cells, numberCol!)} column, which holds row numbers; kept there`,
      });
    }
    placed.push({ line: row.i, y: line.y, cols: row.cols, kind: "cells" });
  }
  const end = k < rows.length ? rows[k]!.i : candidates.length > 0 ? candidates[candidates.length - 1]! + 1 : from;
  const open = k === rows.length && (stop === "end" || stop === "furniture");
  return { body: { placed, end, open, notes }, bounds };
}

/**
 * A lone row number in the 序号 column: what a page number looks like, and in a table whose cells are centred
 * vertically the number stands alone on its line.
 */
function isRowNumberLine(line: VLine, layout: Pick<Layout, "cells" | "numberCol"> & { bounds?: number[] }): boolean {
  const { cells, numberCol } = layout;
  const only = line.pieces.length === 1 ? line.pieces[0]! : null;
  if (numberCol === undefined || !only || !isRowNumber(only.text)) return false;
  const bounds = layout.bounds ?? cells.slice(1).map((right, k) => (cells[k]!.x1 + right.x0) / 2);
  return columnOf(only, bounds) === numberCol;
}

const clip = (s: string): string => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

/**
 * The distance between the baselines of a cell's lines: the smallest step from one line to the next inside a
 * column (the steps between cells are larger: the cells' padding). When no cell wraps, every step is one between
 * rows, and a usual single spacing (1.4 of the size) stands in.
 */
function cellPitch(placed: readonly Placed[], cols: number, size: number): number {
  let pitch = Infinity;
  for (let c = 0; c < cols; c++) {
    const ys = placed.filter((l) => l.kind === "cells" && l.cols.some((x) => x.c === c)).map((l) => l.y);
    for (let i = 1; i < ys.length; i++) {
      const d = ys[i]! - ys[i - 1]!;
      if (d > 0.8 * size) pitch = Math.min(pitch, d);
    }
  }
  return pitch <= 1.8 * size ? pitch : 1.4 * size;
}

interface Entry {
  y: number;
  pieces: Piece[];
}

/** A column's lines, grouped into runs of lines at the cell's pitch (one cell's wrapped text, or cells that touch). */
function blocks(entries: readonly Entry[], pitch: number): Entry[][] {
  const out: Entry[][] = [];
  for (const e of entries) {
    const last = out[out.length - 1];
    if (last && e.y - last[last.length - 1]!.y <= 1.25 * pitch) last.push(e);
    else out.push([e]);
  }
  return out;
}

/** How the cells of the table align vertically against their row number: what most blocks spanning one number say. */
function alignment(columns: readonly Entry[][], anchors: readonly number[], pitch: number, size: number): Align {
  const tol = 0.35 * size;
  const votes: Record<Align, number> = { top: 0, middle: 0, bottom: 0 };
  for (const entries of columns) {
    for (const block of blocks(entries, pitch)) {
      if (block.length < 2) continue;
      const top = block[0]!.y;
      const bottom = block[block.length - 1]!.y;
      const inside = anchors.filter((a) => a >= top - tol && a <= bottom + tol);
      if (inside.length !== 1) continue;
      const a = inside[0]!;
      if (Math.abs(top - a) <= tol) votes.top++;
      if (Math.abs((top + bottom) / 2 - a) <= tol) votes.middle++;
      if (Math.abs(bottom - a) <= tol) votes.bottom++;
    }
  }
  if (votes.middle > votes.top && votes.middle >= votes.bottom) return "middle";
  if (votes.bottom > votes.top && votes.bottom > votes.middle) return "bottom";
  return "top";
}

/** The last row whose number is at or above y (within tol), or -1. */
function lastAtOrAbove(anchors: readonly number[], y: number, tol: number): number {
  let row = -1;
  anchors.forEach((a, i) => {
    if (a <= y + tol) row = i;
  });
  return row;
}

/** A block that ends more than a cell's padding above the first number: not that row's (whose cells lie around it). */
const blockAbove = (block: readonly Entry[], first: number, pitch: number): boolean => first - block[block.length - 1]!.y > 1.25 * pitch;

const nearest = (anchors: readonly number[], y: number): number => {
  let best = 0;
  anchors.forEach((a, i) => {
    if (Math.abs(a - y) < Math.abs(anchors[best]! - y)) best = i;
  });
  return best;
};

/**
 * The row (index into `anchors`, or -1 before the first: the rest of a row split at the page break) of each
 * entry of one column.
 */
function assignColumn(entries: readonly Entry[], anchors: readonly number[], pitch: number, size: number, align: Align, continued: boolean): number[] {
  const tol = 0.35 * size;
  const out: number[] = [];
  const before = continued ? -1 : 0;
  // A number at the top (bottom) of its row: a line belongs to the last number above it (the first below it).
  if (align === "top") return entries.map((e) => (lastAtOrAbove(anchors, e.y, tol) === -1 ? before : lastAtOrAbove(anchors, e.y, tol)));
  if (align === "bottom") {
    return entries.map((e) => {
      const row = anchors.findIndex((a) => a >= e.y - tol);
      return row === -1 ? anchors.length - 1 : row;
    });
  }
  // Centred: by blocks of lines at the cell's pitch.
  for (const block of blocks(entries, pitch)) {
    const top = block[0]!.y;
    const bottom = block[block.length - 1]!.y;
    const covered = anchors.flatMap((a, i) => (a >= top - tol && a <= bottom + tol ? [i] : []));
    if (covered.length === 1) {
      for (const _ of block) out.push(covered[0]!);
      continue;
    }
    if (covered.length === 0) {
      // A block between two numbers (a cell aligned otherwise than the numbers): the nearer row; above the
      // first number of a page the table goes on on, the rest of the row the page break split.
      const mid = (top + bottom) / 2;
      const row = continued && mid < anchors[0]! - tol && blockAbove(block, anchors[0]!, pitch) ? before : nearest(anchors, mid);
      for (const _ of block) out.push(row);
      continue;
    }
    // Cells of several rows that touch: each row's lines lie evenly around its number.
    const rows: number[] = block.map(() => -2);
    let s = 0;
    for (const i of covered) {
      const a = anchors[i]!;
      let e = s;
      while (e < block.length && (block[s]!.y + block[e]!.y) / 2 < a - tol) e++;
      if (e < block.length && Math.abs((block[s]!.y + block[e]!.y) / 2 - a) <= tol) {
        for (let j = s; j <= e; j++) rows[j] = i;
        s = e + 1;
      }
    }
    block.forEach((e, j) => out.push(rows[j] === -2 ? nearest(anchors, e.y) : rows[j]!));
  }
  return out;
}

/** Body lines → rows of cells (pieces per column); category rows as one piece list over all columns. */
function buildRows(placed: readonly Placed[], layout: Layout, continued: boolean): { cells: Piece[][]; category: boolean }[] {
  const C = layout.cells.length;
  const out: { cells: Piece[][]; category: boolean }[] = [];
  // Category rows cut the body into segments read on their own.
  let segment: Placed[] = [];
  let first = true;
  const flush = (): void => {
    if (segment.length > 0) out.push(...segmentRows(segment, layout, continued && first));
    segment = [];
    first = false;
  };
  for (const l of placed) {
    if (l.kind === "category") {
      flush();
      const cells: Piece[][] = Array.from({ length: C }, () => []);
      cells[0] = l.cols.map((x) => x.p);
      out.push({ cells, category: true });
      first = false;
    } else segment.push(l);
  }
  flush();
  return out;
}

function segmentRows(segment: readonly Placed[], layout: Layout, continued: boolean): { cells: Piece[][]; category: boolean }[] {
  const C = layout.cells.length;
  const { numberCol, pitch, size, align } = layout;
  const anchors: number[] = [];
  const anchorPieces: Piece[] = [];
  if (numberCol !== undefined) {
    for (const l of segment) {
      const hit = l.cols.find(({ c, p }) => c === numberCol && isRowNumber(p.text));
      if (hit) {
        anchors.push(hit.p.y);
        anchorPieces.push(hit.p);
      }
    }
  }
  if (anchors.length === 0) {
    // No row numbers: a row starts where the gap between lines is wider than a cell's line pitch.
    const rows: Piece[][][] = [];
    let last: number | null = null;
    for (const l of segment) {
      if (last === null || l.y - last > 1.25 * pitch) rows.push(Array.from({ length: C }, () => []));
      for (const { c, p } of l.cols) rows[rows.length - 1]![c]!.push(p);
      last = l.y;
    }
    return rows.map((cells) => ({ cells, category: false }));
  }
  const rows: Piece[][][] = anchors.map(() => Array.from({ length: C }, () => []));
  const split: Piece[][] = Array.from({ length: C }, () => []);
  const put = (row: number, c: number, p: Piece): void => {
    (row === -1 ? split : rows[row]!)[c]!.push(p);
  };
  for (let c = 0; c < C; c++) {
    const entries: Entry[] = [];
    for (const l of segment) {
      const pieces = l.cols.filter((x) => x.c === c && !anchorPieces.includes(x.p)).map((x) => x.p);
      if (pieces.length > 0) entries.push({ y: l.y, pieces });
    }
    const assigned = assignColumn(entries, anchors, pitch, size, align, continued);
    entries.forEach((e, j) => e.pieces.forEach((p) => put(assigned[j]!, c, p)));
  }
  anchorPieces.forEach((p, i) => rows[i]![numberCol!]!.push(p));
  const out = rows.map((cells) => ({ cells, category: false }));
  if (split.some((c) => c.length > 0)) out.unshift({ cells: split, category: false });
  return out;
}

function chunkOf(headerCells: HeaderCell[] | null, rows: { cells: Piece[][]; category: boolean }[], C: number, page: number, top: number): TableChunk {
  const cells: GridCell[] = [];
  const all: Piece[] = [];
  let r = 0;
  const cell = (c: number, pieces: Piece[], cols = 1): void => {
    all.push(...pieces);
    cells.push({ r, c, rows: 1, cols, runs: pieces.map((p) => p.run), paragraphs: [], page });
  };
  if (headerCells) {
    headerCells.forEach((h, c) => cell(c, h.pieces));
    r++;
  }
  for (const row of rows) {
    if (row.category) cell(0, row.cells[0]!, C);
    else row.cells.forEach((pieces, c) => cell(c, pieces));
    r++;
  }
  return {
    top,
    bottom: maxOf(all.map((p) => p.y)),
    left: minOf(all.map((p) => p.x0)),
    right: maxOf(all.map((p) => p.x1)),
    rows: r,
    cols: C,
    cells,
  };
}

/**
 * The tables without rules of a document's pages, each page's in reading order, with the runs they leave.
 * Pages are read in order: a table at the end of one page may go on at the top of the next.
 */
export function findBorderlessTables(pages: readonly BorderlessPage[], furniture: Furniture): { pages: { tables: TableChunk[]; rest: TextRun[] }[]; notes: TableNote[] } {
  const notes: TableNote[] = [];
  const out: { tables: TableChunk[]; rest: TextRun[] }[] = [];
  let open = null as Layout | null;
  for (const { page, runs } of pages) {
    const lines = visualLines(runs);
    const isFurniture = (l: VLine): boolean => furniture(lineText(l.pieces), l.y, page);
    const used = new Set<Piece>();
    const tables: TableChunk[] = [];
    const take = (placed: readonly Placed[]): void => {
      for (const l of placed) for (const { p } of l.cols) used.add(p);
    };
    let i = 0;
    const carried: Layout | null = open;
    open = null;
    // The first line after the running header, where a table of the page before would go on.
    let first = 0;
    while (carried && first < lines.length && isFurniture(lines[first]!) && !isRowNumberLine(lines[first]!, carried)) first++;
    if (carried) {
      // The table of the page before goes on here when this page's first lines fit its columns, or repeat its
      // header (then read as a table of its own, below, and joined by pdf.ts).
      if (first < lines.length && !headerAt(lines, first, used)) {
        const { body } = readBody(lines, first, carried, isFurniture, page);
        // Lines of one column and no row number (the rest of a split row, or a short line that happens to
        // fit, like a centred title) go on the table only in the table's own type size.
        const columns = new Set(body.placed.flatMap((l) => l.cols.map((x) => x.c)));
        const numbered = carried.numberCol !== undefined && body.placed.some((l) => l.cols.some(({ c, p }) => c === carried.numberCol && isRowNumber(p.text)));
        const sameSize = body.placed.every((l) => Math.abs(lines[l.line]!.size - carried.size) <= 0.1 * carried.size);
        if (body.placed.some((l) => l.kind === "cells") && (numbered || columns.size > 1 || sameSize)) {
          const rows = buildRows(body.placed, carried, true);
          const top = minOf(body.placed.map((l) => l.y - lines[l.line]!.size));
          tables.push(chunkOf(null, rows, carried.cells.length, page, top));
          take(body.placed);
          notes.push(...body.notes);
          if (body.open) open = carried;
          i = body.end;
        }
      }
    }
    for (; i < lines.length; i++) {
      const header = headerAt(lines, i, used);
      if (!header) continue;
      const numberCol = header.cells.findIndex((c) => c.role === "number");
      const base = { cells: header.cells, size: header.size, numberCol: numberCol === -1 ? undefined : numberCol };
      let from = i + 1;
      while (from < lines.length && lines[from]!.y <= header.bottom + 0.3 * header.size) from++;
      const bodyLines = lines.map((l) => ({ ...l, pieces: l.pieces.filter((p) => !header.used.has(p) && !used.has(p)) }));
      const { body, bounds } = readBody(bodyLines, from, base, isFurniture, page);
      if (!body.placed.some((l) => l.kind === "cells")) {
        notes.push({
          page,
          needle: header.cells[0]!.text,
          message: `page ${page}: a task-table header without ruling lines (${header.cells.map((c) => c.text).join(" | ")}), but the lines under it do not fit its columns; read as text`,
        });
        continue;
      }
      const pitch = cellPitch(body.placed, header.cells.length, header.size);
      const anchors =
        base.numberCol === undefined ? [] : body.placed.flatMap((l) => l.cols.filter(({ c, p }) => c === base.numberCol && isRowNumber(p.text)).map(({ p }) => p.y));
      const columns: Entry[][] = header.cells.map((_, c) =>
        c === base.numberCol
          ? []
          : body.placed.filter((l) => l.kind === "cells" && l.cols.some((x) => x.c === c)).map((l) => ({ y: l.y, pieces: l.cols.filter((x) => x.c === c).map((x) => x.p) })),
      );
      const layout: Layout = { ...base, bounds, pitch, align: alignment(columns, anchors, pitch, header.size) };
      // The header of the page before's table repeated: lines above its first number are the rest of a row the
      // page break split.
      const repeated = carried !== null && i === first && carried.cells.map((c) => c.text).join("|") === header.cells.map((c) => c.text).join("|");
      const rows = buildRows(body.placed, repeated ? { ...layout, align: carried.align, pitch: carried.pitch } : layout, repeated);
      tables.push(chunkOf(header.cells, rows, header.cells.length, page, header.top));
      for (const p of header.used) used.add(p);
      take(body.placed);
      notes.push(...body.notes);
      open = body.open ? layout : null;
      i = Math.max(i, body.end - 1);
    }
    // A run cut into pieces that went to a table only in part leaves its other pieces as runs of their own.
    const taken = new Set(lines.flatMap((l) => l.pieces.filter((p) => used.has(p)).map((p) => p.source)));
    const left = lines.flatMap((l) => l.pieces.filter((p) => !used.has(p) && taken.has(p.source)).map((p) => p.run));
    out.push({ tables, rest: tables.length === 0 ? [...runs] : [...runs.filter((r) => !taken.has(r)), ...left] });
  }
  return { pages: out, notes };
}
