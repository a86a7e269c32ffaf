// What the readers of binary and zipped formats (Word 97, spreadsheets, OpenDocument, RTF, PDF tables) give:
// paragraphs and tables, in document order. Turned into plan text the way the HTML reader turns a page — one
// block per line, a task table (任务分工表) through src/input/task-table.ts — so every format gives the core the
// same text. Spans then point into that text (map null).
import { tableLines, type TableRow } from "./task-table.js";
import { emptyLine, pushCopy, type Line } from "./text-builder.js";

export interface TableBlockCell {
  /** The cell's paragraphs. */
  paragraphs: string[];
  colSpan?: number;
  rowSpan?: number;
  /** A number the lines made from this cell carry (tableTextTagged): the PDF page it is on. */
  tag?: number;
}

export type Block = { kind: "paragraph"; text: string } | { kind: "table"; rows: TableBlockCell[][] };

const SPACE = /[ \t\u00a0\u3000\ufeff\u200b]+/g;

/** CJK ideographs and punctuation (not full-width digits and letters). */
const isWide = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return code >= 0x2e80 && !(code >= 0xff10 && code <= 0xff19) && !(code >= 0xff21 && code <= 0xff5a);
};

/**
 * A paragraph as one line: its own line breaks (Word's soft break, a sheet cell's Alt+Enter) joined — with nothing
 * between CJK text, else a space — and white space runs made one space (U+3000 kept inside, trimmed at the ends).
 */
export function oneLine(text: string): string {
  const parts = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((p) => p.replace(/[ \t\u00a0\ufeff\u200b]+/g, " ").replace(/^[\s\u3000]+|[\s\u3000]+$/g, ""))
    .filter((p) => p !== "");
  let out = "";
  for (const p of parts) {
    if (out !== "" && !(isWide(out[out.length - 1]) || isWide(p[0]))) out += " ";
    out += p;
  }
  return out;
}

/** Cells' tags ride on the lines' origins, a tag per TAG_SCALE offsets. */
const TAG_SCALE = 1 << 24;

function copyLine(text: string, at = 0): Line {
  const line = emptyLine();
  pushCopy(line, text.slice(0, TAG_SCALE - 1), at);
  return line;
}

/** A table's rows as task-table rows (cells of lines). */
function tableRows(rows: readonly TableBlockCell[][]): TableRow[] {
  return rows.map((cells) => ({
    cells: cells.map((c) => ({
      lines: c.paragraphs
        .map(oneLine)
        .filter((p) => p !== "")
        .map((p) => copyLine(p, (c.tag ?? 0) * TAG_SCALE)),
      at: (c.tag ?? 0) * TAG_SCALE,
      ...(c.colSpan && c.colSpan > 1 ? { colSpan: c.colSpan } : {}),
      ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
    })),
  }));
}

/** The plan lines of a table: a task table as items with owners, any other table a row per line. */
export function tableText(rows: readonly TableBlockCell[][]): string[] {
  return tableTextTagged(rows).map((l) => l.text);
}

/** The plan lines of a table, each with the tag of the cell its first character comes from. */
export function tableTextTagged(rows: readonly TableBlockCell[][]): { text: string; tag: number }[] {
  return tableLines(tableRows(rows))
    .map((l) => ({ text: l.text.replace(SPACE, (s) => (s.includes("\u3000") ? "\u3000" : " ")).trim(), tag: Math.floor((l.origins[0] ?? 0) / TAG_SCALE) }))
    .filter((l) => l.text !== "");
}

/** Blocks → plan text, one block per line. */
export function blocksToText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === "paragraph") {
      const t = oneLine(b.text);
      if (t !== "") out.push(t);
    } else out.push(...tableText(b.rows));
  }
  return out.join("\n");
}
