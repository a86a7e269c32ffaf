// Tables in a PDF, rebuilt from geometry: the ruling lines a writer draws for cell borders (stroked or thin
// filled paths in the page's operator list) give the grid — columns between vertical rules, rows between
// horizontal ones, a border missing between two slots merges them (a 类别 cell over several rows) — and each
// text run goes to the cell its start lies in; a cell's lines are joined like a paragraph's. Cell text is often
// centred vertically, so rows cannot come from the text's y alone. A table that goes on over the next page (the
// header repeated at its top, a row split at the page break) is joined back into one. The rows then go through
// the task-table conversion like a Word table's: a 任务分工表 in a PDF gives the same tasks as the .docx.
// Tables drawn without vertical rules (no lines at all, three-line tables) have no grid: pdf-borderless.ts
// rebuilds those from the text's geometry, in the runs this leaves.
import type { TableBlockCell } from "./blocks.js";

/** A horizontal run of text in page coordinates (y downwards, baseline), as pdf.ts makes them. */
export interface TextRun {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

interface HRule {
  y: number;
  x1: number;
  x2: number;
}
interface VRule {
  x: number;
  y1: number;
  y2: number;
}

/** One table on one page. */
export interface TableChunk {
  top: number;
  bottom: number;
  left: number;
  right: number;
  rows: number;
  cols: number;
  cells: GridCell[];
}

export interface GridCell {
  r: number;
  c: number;
  rows: number;
  cols: number;
  /** Runs in the cell (turned into paragraphs by the caller). */
  runs: TextRun[];
  paragraphs: string[];
  /** The 1-based page the cell's text starts on. */
  page: number;
}

type Matrix = [number, number, number, number, number, number];

function multiply(m1: readonly number[], m2: readonly number[]): Matrix {
  const [a1 = 1, b1 = 0, c1 = 0, d1 = 1, e1 = 0, f1 = 0] = m1;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = m2;
  return [a1 * a2 + c1 * b2, b1 * a2 + d1 * b2, a1 * c2 + c1 * d2, b1 * c2 + d1 * d2, a1 * e2 + c1 * f2 + e1, b1 * e2 + d1 * f2 + f1];
}

const apply = (m: readonly number[], x: number, y: number): [number, number] => [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];

/** pdf.js's operator list: the ids of the operators read here. */
export interface Ops {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

const TOL = 1.5;

/** The straight rules drawn on a page, in page coordinates. */
export function pageRules(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, viewport: readonly number[], OPS: Ops): { h: HRule[]; v: VRule[] } {
  const h: HRule[] = [];
  const v: VRule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const strokes = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fills = new Set([OPS.fill, OPS.eoFill]);
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, argsArray[i] as number[]);
    else if (fn === OPS.constructPath) {
      const args = argsArray[i] as [number, (ArrayLike<number> | null)[], ArrayLike<number> | null];
      const paint = args?.[0];
      const stroked = strokes.has(paint);
      if (!stroked && !fills.has(paint)) continue;
      const data = args[1]?.[0];
      if (!data) continue;
      const m = multiply(viewport, ctm);
      const segs: [number, number, number, number][] = [];
      let cx = 0;
      let cy = 0;
      let sx = 0;
      let sy = 0;
      for (let j = 0; j < data.length; ) {
        const op = data[j]!;
        if (op === 0) {
          cx = sx = data[j + 1]!;
          cy = sy = data[j + 2]!;
          j += 3;
        } else if (op === 1) {
          const x = data[j + 1]!;
          const y = data[j + 2]!;
          segs.push([cx, cy, x, y]);
          cx = x;
          cy = y;
          j += 3;
        } else if (op === 2) {
          cx = data[j + 5]!;
          cy = data[j + 6]!;
          j += 7;
        } else if (op === 3) {
          cx = data[j + 3]!;
          cy = data[j + 4]!;
          j += 5;
        } else if (op === 4) {
          segs.push([cx, cy, sx, sy]);
          cx = sx;
          cy = sy;
          j += 1;
        } else break;
      }
      const page = segs.map(([x1, y1, x2, y2]) => [...apply(m, x1, y1), ...apply(m, x2, y2)] as [number, number, number, number]);
      if (!stroked) {
        // A filled path is a rule only when it is a thin bar (Word draws borders that way); its long edges are the rule.
        const xs = page.flatMap((s) => [s[0], s[2]]);
        const ys = page.flatMap((s) => [s[1], s[3]]);
        const w = Math.max(...xs) - Math.min(...xs);
        const hgt = Math.max(...ys) - Math.min(...ys);
        if (Math.min(w, hgt) > 2.5) continue;
      }
      for (const [x1, y1, x2, y2] of page) {
        if (Math.abs(y1 - y2) < 0.8 && Math.abs(x2 - x1) >= 3) h.push({ y: (y1 + y2) / 2, x1: Math.min(x1, x2), x2: Math.max(x1, x2) });
        else if (Math.abs(x1 - x2) < 0.8 && Math.abs(y2 - y1) >= 3) v.push({ x: (x1 + x2) / 2, y1: Math.min(y1, y2), y2: Math.max(y1, y2) });
      }
    }
  }
  return { h: mergeH(h), v: mergeV(v) };
}

function mergeH(rules: HRule[]): HRule[] {
  rules.sort((a, b) => a.y - b.y || a.x1 - b.x1);
  const out: HRule[] = [];
  for (const r of rules) {
    const same = out.find((o) => Math.abs(o.y - r.y) <= 1 && r.x1 <= o.x2 + TOL && r.x2 >= o.x1 - TOL);
    if (same) {
      same.x1 = Math.min(same.x1, r.x1);
      same.x2 = Math.max(same.x2, r.x2);
    } else out.push({ ...r });
  }
  return out;
}

function mergeV(rules: VRule[]): VRule[] {
  rules.sort((a, b) => a.x - b.x || a.y1 - b.y1);
  const out: VRule[] = [];
  for (const r of rules) {
    const same = out.find((o) => Math.abs(o.x - r.x) <= 1 && r.y1 <= o.y2 + TOL && r.y2 >= o.y1 - TOL);
    if (same) {
      same.y1 = Math.min(same.y1, r.y1);
      same.y2 = Math.max(same.y2, r.y2);
    } else out.push({ ...r });
  }
  return out;
}

/** Sorted distinct values, those within `tol` taken as one. */
function cluster(values: number[], tol = TOL): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (out.length === 0 || v - out[out.length - 1]! > tol) out.push(v);
  return out;
}

/**
 * The tables of a page: groups of rules that cross each other, with at least two columns and two rows.
 * Each run inside one is taken out of `runs` and put into its cell.
 */
export function findTables(rules: { h: HRule[]; v: VRule[] }, runs: TextRun[], page: number): { tables: TableChunk[]; rest: TextRun[] } {
  const { h, v } = rules;
  const vs = v.filter((r) => r.y2 - r.y1 >= 8);
  // Union-find over rules: h indices, then v indices.
  const parent = Array.from({ length: h.length + vs.length }, (_, i) => i);
  const findRoot = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  h.forEach((hr, i) =>
    vs.forEach((vr, j) => {
      if (hr.y >= vr.y1 - TOL && hr.y <= vr.y2 + TOL && vr.x >= hr.x1 - TOL && vr.x <= hr.x2 + TOL) parent[findRoot(i)] = findRoot(h.length + j);
    }),
  );
  const groups = new Map<number, { h: HRule[]; v: VRule[] }>();
  h.forEach((r, i) => {
    const g = groups.get(findRoot(i)) ?? { h: [], v: [] };
    g.h.push(r);
    groups.set(findRoot(i), g);
  });
  vs.forEach((r, j) => {
    const g = groups.get(findRoot(h.length + j)) ?? { h: [], v: [] };
    g.v.push(r);
    groups.set(findRoot(h.length + j), g);
  });
  const tables: TableChunk[] = [];
  let rest = runs;
  for (const g of groups.values()) {
    const X = cluster(g.v.map((r) => r.x));
    const Y = cluster(g.h.map((r) => r.y));
    if (X.length < 3 || Y.length < 2) continue; // two columns at least
    const R = Y.length - 1;
    const C = X.length - 1;
    const hasH = (k: number, x: number): boolean => g.h.some((r) => Math.abs(r.y - Y[k]!) <= TOL && x >= r.x1 - TOL && x <= r.x2 + TOL);
    const hasV = (k: number, y: number): boolean => g.v.some((r) => Math.abs(r.x - X[k]!) <= TOL && y >= r.y1 - TOL && y <= r.y2 + TOL);
    const uf = Array.from({ length: R * C }, (_, i) => i);
    const root = (i: number): number => {
      while (uf[i] !== i) i = uf[i] = uf[uf[i]!]!;
      return i;
    };
    for (let r = 0; r < R; r++) {
      for (let c = 0; c < C; c++) {
        const xm = (X[c]! + X[c + 1]!) / 2;
        const ym = (Y[r]! + Y[r + 1]!) / 2;
        if (r + 1 < R && !hasH(r + 1, xm)) uf[root(r * C + c)] = root((r + 1) * C + c);
        if (c + 1 < C && !hasV(c + 1, ym)) uf[root(r * C + c)] = root(r * C + c + 1);
      }
    }
    const byRoot = new Map<number, GridCell>();
    for (let r = 0; r < R; r++) {
      for (let c = 0; c < C; c++) {
        const k = root(r * C + c);
        const cell = byRoot.get(k);
        if (!cell) byRoot.set(k, { r, c, rows: 1, cols: 1, runs: [], paragraphs: [], page });
        else {
          cell.rows = Math.max(cell.rows, r - cell.r + 1);
          cell.cols = Math.max(cell.cols, c - cell.c + 1);
        }
      }
    }
    const top = Y[0]!;
    const bottom = Y[R]!;
    const left = X[0]!;
    const right = X[C]!;
    const band = (edges: number[], value: number): number => {
      let k = 0;
      while (k + 1 < edges.length - 1 && value >= edges[k + 1]!) k++;
      return k;
    };
    const kept: TextRun[] = [];
    for (const run of rest) {
      const cx = run.x + Math.min(run.width, run.size) / 2;
      const cy = run.y - run.size * 0.35;
      if (cx < left || cx > right || cy < top || cy > bottom) {
        kept.push(run);
        continue;
      }
      byRoot.get(root(band(Y, cy) * C + band(X, cx)))!.runs.push(run);
    }
    rest = kept;
    tables.push({ top, bottom, left, right, rows: R, cols: C, cells: [...byRoot.values()].sort((a, b) => a.r - b.r || a.c - b.c) });
  }
  tables.sort((a, b) => a.top - b.top);
  return { tables, rest };
}

const cellText = (cell: GridCell | undefined): string => (cell ? cell.paragraphs.join("") : "");

/** The cell covering slot (r, c). */
function at(t: TableChunk, r: number, c: number): GridCell | undefined {
  return t.cells.find((x) => r >= x.r && r < x.r + x.rows && c >= x.c && c < x.c + x.cols);
}

function rowText(t: TableChunk, r: number): string {
  let s = "";
  for (let c = 0; c < t.cols; c++) s += `${cellText(at(t, r, c))}\u0001`;
  return s;
}

/**
 * Joins a table's chunk on the next page to it: the header rows it repeats are dropped, and a first row with an
 * empty first cell (序号) under a last row with one is the rest of that row, split at the page break.
 */
export function joinChunk(a: TableChunk, b: TableChunk): boolean {
  if (a.cols !== b.cols) return false;
  let skip = 0;
  while (skip < b.rows && skip < a.rows && rowText(b, skip) === rowText(a, skip) && /[^\u0001]/.test(rowText(b, skip))) skip++;
  let cells = b.cells.filter((x) => x.r >= skip).map((x) => ({ ...x, r: x.r - skip }));
  let rows = b.rows - skip;
  const first = cells.find((x) => x.r === 0 && x.c === 0);
  const last = at(a, a.rows - 1, 0);
  if (rows > 0 && first && cellText(first) === "" && last && cellText(last) !== "") {
    for (const cell of cells.filter((x) => x.r === 0)) {
      const target = at(a, a.rows - 1, cell.c);
      if (!target) continue;
      // The cell's text goes on where the page broke it: one paragraph, not two.
      const [head, ...tail] = cell.paragraphs;
      const end = target.paragraphs.length - 1;
      if (head !== undefined && end >= 0) {
        const before = target.paragraphs[end]!;
        const spaced = /[A-Za-z0-9]$/.test(before) && /^[A-Za-z0-9]/.test(head) && !(/\d$/.test(before) && /^\d/.test(head));
        target.paragraphs[end] = before + (spaced ? " " : "") + head;
        target.paragraphs.push(...tail);
      } else target.paragraphs.push(...cell.paragraphs);
      target.rows += cell.rows - 1;
    }
    cells = cells.filter((x) => x.r !== 0).map((x) => ({ ...x, r: x.r - 1 }));
    rows -= 1;
  }
  for (const cell of cells) a.cells.push({ ...cell, r: cell.r + a.rows });
  a.rows += rows;
  a.bottom = b.bottom;
  return true;
}

/** A chunk's rows as table rows: each cell at its top-left slot, with its spans; `tag` is its page. */
export function chunkRows(t: TableChunk): (TableBlockCell & { tag: number })[][] {
  const rows: (TableBlockCell & { tag: number })[][] = [];
  for (let r = 0; r < t.rows; r++) {
    const row: (TableBlockCell & { tag: number })[] = [];
    for (const cell of t.cells.filter((x) => x.r === r).sort((p, q) => p.c - q.c)) {
      row.push({ paragraphs: cell.paragraphs, tag: cell.page, ...(cell.cols > 1 ? { colSpan: cell.cols } : {}), ...(cell.rows > 1 ? { rowSpan: cell.rows } : {}) });
    }
    rows.push(row);
  }
  return rows;
}
