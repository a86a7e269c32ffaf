// Excel workbooks (.xlsx, SpreadsheetML): the sheets in workbook order (xl/workbook.xml and its relationships),
// shared and inline strings, numbers (dates by their number format, xl/styles.xml), merged cells. Read from the
// zip within its limits (src/input/zip-read.ts) and parsed with saxes (src/input/xml-tree.ts); the cells then go
// through src/input/sheets.ts. Never throws.
import { isDateFormat, numberText, serialDate, sheetsToText, type Merge, type Sheet } from "./sheets.js";
import type { ReadResult } from "./types.js";
import { attr, elements, find, findAll, local, parseXml, textOf, XmlError, type XmlElement } from "./xml-tree.js";
import { unzip, utf8 } from "./zip-read.js";

const WHAT = "an Excel workbook (.xlsx)";

/** `B12` → [11, 1]. */
export function cellRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, col - 1];
}

/** A shared or inline string: its text runs, without phonetic guides (rPh). */
function stringItem(si: XmlElement): string {
  let out = "";
  for (const c of si.children) {
    if (typeof c === "string") continue;
    const n = local(c.name);
    if (n === "t") out += textOf(c);
    else if (n === "r") for (const t of elements(c, "t")) out += textOf(t);
  }
  return out;
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

export async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  try {
    return await readUnguarded(bytes);
  } catch (e) {
    const reason = e instanceof XmlError ? `malformed XML: ${e.message}` : (e as Error).message.split("\n")[0];
    return { ok: false, problem: `${WHAT} cannot be read (${reason})` };
  }
}

async function readUnguarded(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.byteLength === 0) return { ok: false, problem: `not ${WHAT} (empty file)` };
  const files = unzip(bytes, WHAT, (n) => n.startsWith("xl/") && n.endsWith(".xml") && !n.startsWith("xl/media/") && !/^xl\/(?:charts|drawings|pivot|externalLinks|printerSettings)/.test(n) || n === "xl/_rels/workbook.xml.rels");
  if (!files.ok) return files;
  const workbookXml = files.files.get("xl/workbook.xml");
  if (!workbookXml) return { ok: false, problem: `not ${WHAT} (no xl/workbook.xml)` };
  const workbook = await parseXml(utf8(workbookXml));
  const date1904 = ["1", "true"].includes(attr(find(workbook, "workbookPr") ?? workbook, "date1904") ?? "");
  const rels = new Map<string, string>();
  const relsXml = files.files.get("xl/_rels/workbook.xml.rels");
  if (relsXml) for (const r of findAll(await parseXml(utf8(relsXml)), "Relationship")) rels.set(attr(r, "Id") ?? "", resolveTarget("xl/workbook.xml", attr(r, "Target") ?? ""));

  const shared: string[] = [];
  const sstXml = files.files.get("xl/sharedStrings.xml");
  if (sstXml) for (const si of elements(await parseXml(utf8(sstXml)), "si")) shared.push(stringItem(si));

  // Number formats of the cell styles, for dates.
  const dateStyles = new Set<number>();
  const stylesXml = files.files.get("xl/styles.xml");
  if (stylesXml) {
    const styles = await parseXml(utf8(stylesXml));
    const codes = new Map<number, string>();
    for (const f of findAll(styles, "numFmt")) codes.set(Number(attr(f, "numFmtId")), attr(f, "formatCode") ?? "");
    const xfs = find(styles, "cellXfs");
    if (xfs) elements(xfs, "xf").forEach((xf, i) => {
      const id = Number(attr(xf, "numFmtId") ?? 0);
      if (isDateFormat(id, codes.get(id))) dateStyles.add(i);
    });
  }

  const sheets: Sheet[] = [];
  for (const s of findAll(workbook, "sheet")) {
    const rid = Object.entries(s.attrs).find(([k]) => local(k) === "id" && k.includes(":"))?.[1] ?? "";
    const path = rels.get(rid) ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
    const state = attr(s, "state");
    const sheet: Sheet = { name: attr(s, "name") ?? "", hidden: state === "hidden" || state === "veryHidden", cells: [], merges: [] };
    sheets.push(sheet);
    const xml = files.files.get(path);
    if (!xml) continue;
    const root = await parseXml(utf8(xml));
    const data = find(root, "sheetData");
    let rowIndex = -1;
    for (const row of data ? elements(data, "row") : []) {
      const r = Number(attr(row, "r") ?? rowIndex + 2) - 1;
      rowIndex = r;
      let colIndex = -1;
      for (const c of elements(row, "c")) {
        const at = cellRef(attr(c, "r") ?? "");
        const [cr, cc] = at ?? [r, colIndex + 1];
        colIndex = cc;
        if (cr >= 100_000 || cc >= 256) continue;
        const type = attr(c, "t") ?? "n";
        const v = elements(c, "v")[0];
        const raw = v ? textOf(v) : "";
        let value: string;
        if (type === "s") value = shared[Number(raw)] ?? "";
        else if (type === "inlineStr") value = elements(c, "is").map(stringItem).join("");
        else if (type === "str" || type === "e") value = raw;
        else if (type === "b") value = raw === "1" ? "TRUE" : raw === "0" ? "FALSE" : raw;
        else if (type === "d") value = raw.replace(/^(\d{4})-(\d\d)-(\d\d).*$/, (_, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`);
        else if (raw === "") value = "";
        else {
          const n = Number(raw);
          value = Number.isNaN(n) ? raw : dateStyles.has(Number(attr(c, "s") ?? 0)) ? serialDate(n, date1904) : numberText(n);
        }
        if (value !== "") (sheet.cells[cr] ??= [])[cc] = value;
      }
    }
    const merges = find(root, "mergeCells");
    for (const m of merges ? elements(merges, "mergeCell") : []) {
      const [a, b] = (attr(m, "ref") ?? "").split(":");
      const from = cellRef(a ?? "");
      const to = cellRef(b ?? a ?? "");
      if (!from || !to) continue;
      const merge: Merge = { top: Math.min(from[0], to[0]), left: Math.min(from[1], to[1]), bottom: Math.max(from[0], to[0]), right: Math.max(from[1], to[1]) };
      sheet.merges.push(merge);
    }
  }
  return sheetsToText(sheets, "xlsx", WHAT);
}
