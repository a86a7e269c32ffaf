// Rich Text Format (.rtf) → blocks. A tokenizer and a group stack, no library: paragraphs (\par), line breaks,
// tables (\trowd … \cellx, \cell, \row, vertically and horizontally merged cells \clvmgf/\clvmrg, \clmgf/\clmrg),
// Unicode (\uN with its \ucN fallback skipped) and code-page bytes (\'hh) decoded by the font's charset
// (\fcharset134 = GBK, as Chinese Word and WPS write) or the document's \ansicpg. Destinations that are not
// body text — font and colour tables, styles, headers and footers, footnotes, pictures, objects, field
// instructions, bookmarks — are skipped; a field's result and a list's rendered number (\listtext) are kept.
import { blocksToText, type Block, type TableBlockCell } from "./blocks.js";
import type { ReadResult } from "./types.js";

const WHAT = "an RTF document (.rtf)";

/** Destinations whose content is not body text. */
const SKIP_DESTINATIONS = new Set([
  "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr",
  "footerf", "footnote", "annotation", "atnid", "atnauthor", "fldinst", "xmlnstbl", "listtable", "listoverridetable", "rsidtbl", "generator",
  "themedata", "colorschememapping", "datastore", "latentstyles", "pgdsctbl", "bkmkstart", "bkmkend", "nonshppict", "shp", "shpinst", "sp",
  "revtbl", "filetbl", "pnseclvl", "template", "userprops", "docvar", "xe", "tc", "txe", "rxe", "comment", "company", "operator", "title",
  "subject", "author", "keywords", "doccomm", "hlinkbase", "mmathPr", "wgrffmtfilter", "passwordhash", "protusertbl", "ftnsep", "ftnsepc",
  "aftnsep", "aftnsepc", "ftncn", "aftncn", "formfield", "datafield", "blipuid", "picprop", "factoidname", "oleclsid", "objdata", "objclass",
]);

/** Code pages by \fcharset. */
const CHARSET_CODEPAGE: Record<number, string> = { 0: "windows-1252", 128: "shift_jis", 129: "euc-kr", 134: "gbk", 136: "big5", 161: "windows-1253", 162: "windows-1254", 177: "windows-1255", 178: "windows-1256", 186: "windows-1257", 204: "windows-1251", 222: "windows-874", 238: "windows-1250" };
const CPG: Record<number, string> = { 936: "gbk", 950: "big5", 932: "shift_jis", 949: "euc-kr", 1250: "windows-1250", 1251: "windows-1251", 1252: "windows-1252", 54936: "gb18030", 65001: "utf-8" };

const SYMBOLS: Record<string, string> = { emdash: "—", endash: "–", lquote: "‘", rquote: "’", ldblquote: "“", rdblquote: "”", bullet: "•", emspace: "\u3000", enspace: " ", qmspace: " " };

interface Group {
  skip: boolean;
  uc: number;
  font: number;
  /** Inside the font table: fonts being defined. */
  fontTable: boolean;
}

export function rtfBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  const fonts = new Map<number, string>();
  let ansi = "windows-1252";
  let defaultFont = -1;
  const stack: Group[] = [];
  let g: Group = { skip: false, uc: 1, font: -1, fontTable: false };
  let fontBeingDefined = -1;

  // The paragraph being read, the cells of the row being read, and the table's rows so far.
  let para = "";
  let bytes: number[] = [];
  let inTable = false;
  let cellParas: string[] = [];
  let rowCells: TableBlockCell[] = [];
  let rows: TableBlockCell[][] = [];
  let defs: { vFirst: boolean; vNext: boolean; hFirst: boolean; hNext: boolean }[] = [];
  let pendingDef = { vFirst: false, vNext: false, hFirst: false, hNext: false };
  let rowDefs: typeof defs = [];
  /** The cell each column's vertical merge continues. */
  let vMasters: (TableBlockCell | undefined)[] = [];
  let skipChars = 0;

  const flushBytes = (): void => {
    if (bytes.length === 0) return;
    const cp = fonts.get(g.font >= 0 ? g.font : defaultFont) ?? ansi;
    let decoder: InstanceType<typeof TextDecoder>;
    try {
      decoder = new TextDecoder(cp);
    } catch {
      decoder = new TextDecoder("windows-1252");
    }
    para += decoder.decode(Uint8Array.from(bytes));
    bytes = [];
  };
  const emit = (s: string): void => {
    if (g.skip) return;
    if (skipChars > 0) {
      skipChars--;
      return;
    }
    flushBytes();
    para += s;
  };
  const flushTable = (): void => {
    if (rows.length > 0) blocks.push({ kind: "table", rows });
    rows = [];
    vMasters = [];
  };
  const endParagraph = (): void => {
    flushBytes();
    if (inTable) {
      cellParas.push(para);
    } else {
      flushTable();
      if (para.trim() !== "") blocks.push({ kind: "paragraph", text: para });
    }
    para = "";
  };
  const endCell = (): void => {
    flushBytes();
    if (para !== "" || cellParas.length === 0) cellParas.push(para);
    para = "";
    rowCells.push({ paragraphs: cellParas });
    cellParas = [];
  };
  const endRow = (): void => {
    flushBytes();
    if (para.trim() !== "") endCell();
    para = "";
    const d = rowDefs.length > 0 ? rowDefs : defs;
    const out: TableBlockCell[] = [];
    rowCells.forEach((cell, i) => {
      const def = d[i];
      if (def?.vNext && vMasters[i]) {
        vMasters[i]!.rowSpan = (vMasters[i]!.rowSpan ?? 1) + 1;
        return;
      }
      if (def?.hNext && out.length > 0) {
        const prev = out[out.length - 1]!;
        prev.colSpan = (prev.colSpan ?? 1) + 1;
        return;
      }
      vMasters[i] = def?.vFirst ? cell : undefined;
      out.push(cell);
    });
    rows.push(out);
    rowCells = [];
    cellParas = [];
  };

  const n = source.length;
  let i = 0;
  while (i < n) {
    const ch = source[i]!;
    if (ch === "{") {
      flushBytes();
      stack.push(g);
      g = { ...g };
      i++;
      // `{\*\dest …}`: an optional destination, skipped unless known below.
      if (source.startsWith("\\*", i)) {
        const m = /^\\\*\\([a-zA-Z]+)/.exec(source.slice(i, i + 40));
        const dest = m?.[1] ?? "";
        if (dest !== "listtext" && dest !== "pntext" && dest !== "fldrslt") g.skip = true;
      }
      continue;
    }
    if (ch === "}") {
      flushBytes();
      g = stack.pop() ?? { skip: false, uc: 1, font: -1, fontTable: false };
      skipChars = 0;
      i++;
      continue;
    }
    if (ch === "\\") {
      const next = source[i + 1];
      if (next === undefined) break;
      if (next === "'") {
        const hex = source.slice(i + 2, i + 4);
        i += 4;
        if (g.skip) continue;
        if (skipChars > 0) {
          skipChars--;
          continue;
        }
        const b = parseInt(hex, 16);
        if (!Number.isNaN(b)) bytes.push(b);
        continue;
      }
      if (/[a-zA-Z]/.test(next)) {
        let j = i + 1;
        while (j < n && /[a-zA-Z]/.test(source[j]!)) j++;
        const word = source.slice(i + 1, j);
        let k = j;
        if (source[k] === "-") k++;
        while (k < n && /[0-9]/.test(source[k]!)) k++;
        const num = k > j ? Number(source.slice(j, k)) : null;
        if (source[k] === " ") k++;
        i = k;
        // Font table entries: \fN … \fcharsetN
        if (g.fontTable) {
          if (word === "f" && num !== null) fontBeingDefined = num;
          else if (word === "fcharset" && num !== null && fontBeingDefined >= 0 && CHARSET_CODEPAGE[num]) fonts.set(fontBeingDefined, CHARSET_CODEPAGE[num]!);
          else if (word === "cpg" && num !== null && fontBeingDefined >= 0 && CPG[num]) fonts.set(fontBeingDefined, CPG[num]!);
          continue;
        }
        if (word === "fonttbl") {
          g.fontTable = true;
          g.skip = true;
          continue;
        }
        if (SKIP_DESTINATIONS.has(word)) {
          g.skip = true;
          continue;
        }
        if (word === "u" && num !== null) {
          if (!g.skip) {
            if (skipChars > 0) skipChars = 0;
            emit(String.fromCharCode(num < 0 ? num + 65536 : num));
            skipChars = g.uc;
          }
          continue;
        }
        if (word === "uc" && num !== null) {
          g.uc = num;
          continue;
        }
        if (word === "ansicpg" && num !== null && CPG[num]) {
          ansi = CPG[num]!;
          continue;
        }
        if (word === "deff" && num !== null) {
          defaultFont = num;
          continue;
        }
        if (word === "f" && num !== null) {
          flushBytes();
          g.font = num;
          continue;
        }
        if (g.skip) continue;
        switch (word) {
          case "par":
          case "sect":
          case "page":
            endParagraph();
            break;
          case "line":
            emit("\n");
            break;
          case "tab":
            emit(" ");
            break;
          case "pard":
            inTable = false;
            break;
          case "intbl":
            inTable = true;
            break;
          case "cell":
            endCell();
            break;
          case "nestcell":
            emit(" ");
            break;
          case "row":
            endRow();
            inTable = false;
            break;
          case "trowd":
            rowDefs = [];
            defs = rowDefs;
            pendingDef = { vFirst: false, vNext: false, hFirst: false, hNext: false };
            break;
          case "clvmgf":
            pendingDef.vFirst = true;
            break;
          case "clvmrg":
            pendingDef.vNext = true;
            break;
          case "clmgf":
            pendingDef.hFirst = true;
            break;
          case "clmrg":
            pendingDef.hNext = true;
            break;
          case "cellx":
            rowDefs.push(pendingDef);
            pendingDef = { vFirst: false, vNext: false, hFirst: false, hNext: false };
            break;
          default:
            if (SYMBOLS[word]) emit(SYMBOLS[word]!);
        }
        continue;
      }
      // Control symbols.
      i += 2;
      if (next === "\\" || next === "{" || next === "}") emit(next);
      else if (next === "~") emit("\u00a0");
      else if (next === "_") emit("‑");
      else if (next === "\n" || next === "\r") {
        if (!g.skip) endParagraph();
      }
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      i++;
      continue;
    }
    // Plain text up to the next special character.
    let j = i;
    while (j < n && source[j] !== "\\" && source[j] !== "{" && source[j] !== "}" && source[j] !== "\r" && source[j] !== "\n") j++;
    const run = source.slice(i, j);
    i = j;
    if (g.skip) continue;
    if (skipChars > 0) {
      const drop = Math.min(skipChars, run.length);
      skipChars -= drop;
      if (drop < run.length) {
        for (const c of run.slice(drop)) bytes.push(c.charCodeAt(0) & 0xff);
      }
      continue;
    }
    // Text outside \'hh is in the document's code page too (7-bit in practice).
    for (const c of run) bytes.push(c.charCodeAt(0) & 0xff);
  }
  endParagraph();
  if (rowCells.length > 0) endRow();
  flushTable();
  return blocks;
}

export async function readRtf(bytes: Uint8Array): Promise<ReadResult> {
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  if (!/^(?:\xef\xbb\xbf)?\{\\rtf/.test(source)) return { ok: false, problem: `not ${WHAT} (it does not start with {\\rtf)` };
  // A complete RTF document closes its outermost group.
  if (!/\}\s*\x00*$/.test(source)) return { ok: false, problem: `${WHAT} is truncated (its outermost group is not closed)` };
  let blocks: Block[];
  try {
    blocks = rtfBlocks(source);
  } catch (e) {
    return { ok: false, problem: `${WHAT} cannot be read (${(e as Error).message.split("\n")[0]})` };
  }
  const text = blocksToText(blocks);
  if (text.trim() === "") return { ok: false, problem: `${WHAT} has no text` };
  return { ok: true, extracted: { text, map: null, format: "rtf" } };
}
