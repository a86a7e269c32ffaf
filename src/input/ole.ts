// OLE compound files (CFB): Word 97–2003 (.doc), WPS Writer (.wps: WPS Office saves a Word 97 document), Excel
// 97–2003 (.xls, BIFF8) and WPS Spreadsheets (.et: BIFF8 too). The container is read with `cfb`; what is inside
// decides the reader, whatever the name says:
// - a WordDocument stream: its text with word-extractor (Word 97 and later), tables rebuilt from its cell marks;
// - a Workbook stream: the sheets with src/input/biff.ts;
// - EncryptionInfo and EncryptedPackage: a password-protected .docx or .xlsx, which says so;
// - anything else (Word 6/95, Excel 5/95, Microsoft Works): LibreOffice when it is there (src/input/libreoffice.ts).
import type { Block, TableBlockCell } from "./blocks.js";
import type { InputFormat, ReadResult } from "./types.js";

type Cfb = typeof import("cfb");
type Container = ReturnType<Cfb["read"]>;

async function loadCfb(): Promise<Cfb> {
  const mod = (await import("cfb")) as Cfb & { default?: Cfb };
  return mod.default ?? mod;
}

const WHAT: Record<string, string> = {
  doc: "a Word 97–2003 document (.doc)",
  wps: "a WPS Writer document (.wps)",
  xls: "an Excel 97–2003 workbook (.xls)",
  et: "a WPS Spreadsheets workbook (.et)",
};

function stream(cfb: Cfb, container: Container, name: string): Uint8Array | null {
  const entry = cfb.find(container, name);
  if (!entry || entry.type !== 2 || !entry.content) return null;
  const c = entry.content as Uint8Array | number[];
  return c instanceof Uint8Array ? c : Uint8Array.from(c);
}

/** Reads an OLE compound file as the format its streams show (`named`: what detection or the name said). Never throws. */
export async function readOle(bytes: Uint8Array, named: InputFormat, name = ""): Promise<ReadResult> {
  const what = WHAT[named] ?? "an Office document";
  if (bytes.byteLength === 0) return { ok: false, problem: `not ${what}: the file is empty` };
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (bytes.byteLength < 512 || magic.some((b, i) => bytes[i] !== b)) {
    return { ok: false, problem: `not ${what}: no OLE compound-file header${looksLikeText(bytes) ? "; it is plain text, name it .txt" : ""}` };
  }
  const cfb = await loadCfb();
  let container: Container;
  try {
    container = cfb.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: "buffer" });
  } catch (e) {
    return { ok: false, problem: `${what} is damaged or truncated (${oneLine(e)})` };
  }
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? named;
  if (stream(cfb, container, "EncryptionInfo") && stream(cfb, container, "EncryptedPackage")) {
    return { ok: false, problem: "a password-protected Office document (encrypted .docx or .xlsx): open it, remove the password and save it again" };
  }
  const word = stream(cfb, container, "WordDocument");
  if (word) {
    const format: InputFormat = named === "wps" ? "wps" : "doc";
    return readWord(bytes, word, format, WHAT[format]!, ext);
  }
  const workbook = stream(cfb, container, "Workbook");
  const book = stream(cfb, container, "Book");
  if (workbook || book) {
    const format: InputFormat = named === "et" ? "et" : "xls";
    const whatBook = WHAT[format]!;
    const { readBiff } = await import("./biff.js");
    const sheets = workbook ? readBiff(workbook) : ({ ok: false, problem: "biff5" } as const);
    if (!sheets.ok && sheets.problem === "biff5") {
      const { readViaLibreOffice } = await import("./libreoffice.js");
      return readViaLibreOffice(bytes, ext === "et" ? "xls" : ext, "xlsx", `${whatBook.replace(/ \(.*\)$/, "")} in the Excel 5.0/95 format`, format);
    }
    if (!sheets.ok) return { ok: false, problem: sheets.problem.startsWith("encrypted") ? `${whatBook} is encrypted (a password is needed to open it)` : `${whatBook} cannot be read (${sheets.problem})` };
    const { sheetsToText } = await import("./sheets.js");
    return sheetsToText(sheets.sheets, format, whatBook);
  }
  // Microsoft Works (.wps) and other compound files: LibreOffice reads many of them.
  if (stream(cfb, container, "CONTENTS") || named === "wps" || named === "doc") {
    const { readViaLibreOffice } = await import("./libreoffice.js");
    const format: InputFormat = named === "wps" ? "wps" : "doc";
    return readViaLibreOffice(bytes, ext, "docx", named === "wps" ? "a Works or older WPS document (.wps)" : "a Word document in an older format (.doc)", format);
  }
  const { readViaLibreOffice } = await import("./libreoffice.js");
  return readViaLibreOffice(bytes, ext, "xlsx", `${what.replace(/ \(.*\)$/, "")} in an older format`, named);
}

function looksLikeText(bytes: Uint8Array): boolean {
  return !bytes.subarray(0, 4096).includes(0);
}

function oneLine(e: unknown): string {
  // A library tripping over missing sectors or records says so in JavaScript's words, which tell a user nothing.
  if (e instanceof TypeError || e instanceof RangeError) return "its sectors or records are cut off or corrupt";
  const line = (e instanceof Error ? e.message : String(e)).split("\n")[0]?.trim() || "unreadable";
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

// ---------------------------------------------------------------------------------------------------------------
// Word 97–2003

/** The File Information Block: identifier, version, and whether the document is encrypted. */
function fib(word: Uint8Array): { ok: true } | { ok: false; problem: string; older?: boolean } {
  if (word.byteLength < 0x20) return { ok: false, problem: "no File Information Block" };
  const view = new DataView(word.buffer, word.byteOffset, word.byteLength);
  if (view.getUint16(0, true) !== 0xa5ec) return { ok: false, problem: "not a Word 97 File Information Block", older: view.getUint16(0, true) === 0xa5dc };
  const nFib = view.getUint16(2, true);
  if (nFib < 0xc1) return { ok: false, problem: "Word 6/95", older: true };
  const flags = view.getUint16(0x0a, true);
  if (flags & 0x0100) return { ok: false, problem: "encrypted" };
  return { ok: true };
}

async function readWord(bytes: Uint8Array, word: Uint8Array, format: InputFormat, what: string, ext: string): Promise<ReadResult> {
  const check = fib(word);
  if (!check.ok) {
    if (check.problem === "encrypted") return { ok: false, problem: `${what} is encrypted (a password is needed to open it)` };
    if (check.older) {
      const { readViaLibreOffice } = await import("./libreoffice.js");
      return readViaLibreOffice(bytes, ext, "docx", `${what.replace(/ \(.*\)$/, "")} in the Word 6/95 format`, format);
    }
    return { ok: false, problem: `${what} cannot be read (${check.problem})` };
  }
  let body: string;
  try {
    const mod = (await import("word-extractor")) as { default?: unknown };
    // CommonJS: the class is module.exports (default under ESM interop, the module itself when bundled).
    const WordExtractor = (mod.default ?? mod) as typeof import("word-extractor").default;
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = doc.getBody({ filterUnicode: false });
  } catch (e) {
    return { ok: false, problem: `${what} is damaged or truncated (${oneLine(e)})` };
  }
  const { blocksToText } = await import("./blocks.js");
  const text = blocksToText(wordBlocks(body));
  if (text.trim() === "") return { ok: false, problem: `${what} has no text` };
  return { ok: true, extracted: { text, map: null, format } };
}

/**
 * word-extractor's body text as paragraphs and tables. It writes each cell mark as a tab and each row end as
 * a newline after the last cell's tab (`序号\t类别\t…\t完成时限\t\n`); a row end it missed shows as a second tab.
 * A table is a run of such rows; a row with more cells than the table's usual count, whose cell at that count is
 * empty, is two rows (the missed row end). A cell's own paragraphs are separated by newlines inside it.
 */
export function wordBlocks(body: string): Block[] {
  const text = body.replace(/\r\n?/g, "\n").replace(/[\x00-\x08\x0b-\x1f]/g, (c) => (c === "\x0b" || c === "\x0c" ? "\n" : ""));
  const blocks: Block[] = [];
  const paragraphs = (s: string): void => {
    for (const p of s.split("\n")) if (p.trim() !== "") blocks.push({ kind: "paragraph", text: p });
  };
  let pos = 0;
  while (pos < text.length) {
    const tab = text.indexOf("\t", pos);
    if (tab < 0) {
      paragraphs(text.slice(pos));
      break;
    }
    // Paragraphs before the table; the line the first tab is on starts its first row.
    const nl = text.lastIndexOf("\n", tab);
    if (nl >= pos) {
      paragraphs(text.slice(pos, nl));
      pos = nl + 1;
    }
    const rows: string[][] = [];
    for (;;) {
      let end = text.indexOf("\t\n", pos);
      if (end < 0) {
        // The last row of the body may end without its newline.
        end = text.lastIndexOf("\t");
        if (end < pos) break;
        rows.push(text.slice(pos, end).split("\t"));
        pos = end + 1;
        break;
      }
      rows.push(text.slice(pos, end).split("\t"));
      pos = end + 2;
      // The table goes on while the next line holds a cell mark before any newline.
      const nextTab = text.indexOf("\t", pos);
      const nextNl = text.indexOf("\n", pos);
      if (nextTab < 0 || (nextNl >= 0 && nextNl < nextTab)) break;
    }
    if (rows.length > 0) blocks.push({ kind: "table", rows: normalizeRows(rows) });
  }
  return blocks;
}

/** Splits rows joined by a missed row end, and gives a lone cell (a category row) the table's width. */
function normalizeRows(rows: string[][]): TableBlockCell[][] {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let width = 0;
  let most = 0;
  for (const [n, c] of counts) if (c > most || (c === most && n < width)) [width, most] = [n, c];
  const out: TableBlockCell[][] = [];
  for (let row of rows) {
    while (width > 1 && row.length > width && row[width] === "") {
      out.push(cells(row.slice(0, width), width));
      row = row.slice(width + 1);
    }
    out.push(cells(row, width));
  }
  return out;
}

function cells(row: string[], width: number): TableBlockCell[] {
  const out: TableBlockCell[] = row.map((c) => ({ paragraphs: c.split("\n") }));
  if (out.length === 1 && width > 1) out[0]!.colSpan = width;
  return out;
}
