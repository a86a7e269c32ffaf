// Excel workbooks (.xlsx, Office Open XML SpreadsheetML) for `table` and `agencies`, written here: the few parts
// a workbook needs, as XML text, zipped by src/outputs/zip-write.ts. A library for it (exceljs) brought some
// 45 MB of dependencies to every install, to write what fits in this file.
//
// Every sheet: a bold header row that stays in view (frozen panes) with an autofilter over it, and columns as
// wide as their content in display columns (a CJK character counts two, as Excel's default fonts draw it), up
// to a cap for the long texts. Cells are typed: text (with the text number format @, so that an id such as
// 2.10 stays text when edited), whole numbers, and real dates (date serials shown yyyy-mm-dd). A cell holds text
// exactly as the plan writes it — a string is never a formula in xlsx — except that characters XML cannot carry
// (C0 controls other than tab and line breaks, lone surrogates) become U+FFFD, and a cell longer than Excel's
// 32,767 characters is cut there with a final ….
//
// The same sheets give the same bytes: no part records when it was written (core.xml has no dates), and the zip
// has fixed timestamps. Texts go to the shared string table (xl/sharedStrings.xml), as Excel writes them: a
// table repeats its plan's title, issuer, region, file name and agencies on every row, and each is stored once.
// A sheet's XML goes to the zip a row at a time, deflated a million characters at a time, so it is never one
// string.
import { textWidth } from "./text-width.js";
import { ZipWriter, type EntryWriter } from "./zip-write.js";

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

const DAY_MS = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * An ISO date (2021-06-30) as an Excel date serial in the 1900 date system, or null when it is no real date
 * or one before 1900 (which that system cannot hold). Serials count a 1900-02-29 that never was (Lotus 1-2-3's
 * leap-year mistake, which Excel keeps): from 1900-03-01 on a serial is the days since 1899-12-30, before it
 * one less.
 */
export function dateSerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900) return null;
  const t = Date.UTC(y, mo - 1, d);
  const date = new Date(t);
  // Date.UTC rolls 2021-02-30 over into March: such a date is no date.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  const days = (t - EXCEL_EPOCH) / DAY_MS;
  return days >= 61 ? days : days - 1;
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

/** `0` → A, `26` → AA. */
function columnLetters(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Text content: markup escaped, and CR as a reference, since XML parsers read a bare CR as LF. */
function xmlText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&#13;"));
}

function xmlAttr(s: string): string {
  return s.replace(/[&<>"\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A string of the shared string table as XML. Excel reads _x000D_ in a string as the character U+000D, so text
 * that looks like such an escape has its underscore escaped (_x005F_); Excel trims the ends of a string unless
 * told to keep its spaces.
 */
function stringItem(s: string): string {
  const escaped = xmlText(s.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_"));
  return /^[ \t\r\n]|[ \t\r\n]$|[\t\r\n]/.test(s) ? `<si><t xml:space="preserve">${escaped}</t></si>` : `<si><t>${escaped}</t></si>`;
}

/**
 * A name Excel accepts for a sheet: none of []:*?/\ (they are replaced by _), no apostrophe at either end, at
 * most 31 characters, not History (which Excel keeps for itself), and no two alike regardless of case.
 */
function sheetName(name: string, index: number, taken: Set<string>): string {
  let s = cellText(name)
    .replace(/[\u0000-\u001F[\]:*?/\\]/g, "_")
    .replace(/^'+|'+$/g, "");
  if (s === "" || s.toLowerCase() === "history") s = s === "" ? `Sheet${index + 1}` : `${s}_`;
  const fit = (t: string): string => {
    if (t.length <= 31) return t;
    const cut = t.slice(0, 31);
    return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  };
  let out = fit(s);
  for (let n = 2; taken.has(out.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    out = fit(s.slice(0, 31 - suffix.length)) + suffix;
  }
  taken.add(out.toLowerCase());
  return out;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument";

/** Indices into cellXfs of xl/styles.xml. */
const STYLE = { default: 0, header: 1, text: 2, integer: 3, date: 4 } as const;
/** Custom number formats are numbered from 164; 49 (@) and 1 (0) are built in. */
const DATE_FORMAT_ID = 164;

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  `<numFmts count="1"><numFmt numFmtId="${DATE_FORMAT_ID}" formatCode="yyyy-mm-dd"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  // Excel reserves the first two fills for these two.
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  `<xf numFmtId="${DATE_FORMAT_ID}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  "</cellXfs>" +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/>' +
  "</styleSheet>";

const COLUMN_STYLE: Record<CellType, number> = { text: STYLE.text, integer: STYLE.integer, date: STYLE.date };

/** Strings by their index in the shared string table, each stored once. */
class SharedStrings {
  readonly index = new Map<string, number>();
  count = 0;

  of(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(text, i);
    }
    return i;
  }
}

/** One cell as XML, or "" when it is empty (the column's style still formats what is typed there). */
function cellXml(ref: string, type: CellType, v: CellValue | undefined, strings: SharedStrings): string {
  if (v === null || v === undefined || v === "") return "";
  if (type === "integer") {
    // Number("") and Number(" ") are 0: a blank is no number.
    const n = typeof v === "number" ? v : v.trim() === "" ? Number.NaN : Number(v);
    // A fraction keeps the General format: format 0 would show it rounded.
    if (Number.isFinite(n)) return `<c r="${ref}" s="${Number.isInteger(n) ? STYLE.integer : STYLE.default}"><v>${n}</v></c>`;
  } else if (type === "date" && typeof v === "string") {
    const serial = dateSerial(v);
    if (serial !== null) return `<c r="${ref}" s="${STYLE.date}"><v>${serial}</v></c>`;
  }
  // Text, and what a number or date column holds that is neither (6月底前 keeps its wording).
  return `<c r="${ref}" s="${STYLE.text}" t="s"><v>${strings.of(cellText(String(v)))}</v></c>`;
}

function writeSheet(out: EntryWriter, sheet: Sheet, first: boolean, strings: SharedStrings): void {
  const { columns, rows } = sheet;
  const letters = columns.map((_, i) => columnLetters(i));
  const lastColumn = columnLetters(Math.max(1, columns.length) - 1);
  const frozen = Math.min(Math.max(0, Math.trunc(sheet.frozenColumns ?? 0)), columns.length);
  const pane =
    frozen > 0
      ? `<pane xSplit="${frozen}" ySplit="1" topLeftCell="${columnLetters(frozen)}2" activePane="bottomRight" state="frozen"/>` +
        `<selection pane="topRight" activeCell="${columnLetters(frozen)}1" sqref="${columnLetters(frozen)}1"/>` +
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
        `<selection pane="bottomRight" activeCell="${columnLetters(frozen)}2" sqref="${columnLetters(frozen)}2"/>`
      : '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>';
  out.write(
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
      `<dimension ref="A1:${lastColumn}${rows.length + 1}"/>` +
      `<sheetViews><sheetView${first ? ' tabSelected="1"' : ""} workbookViewId="0">${pane}</sheetView></sheetViews>` +
      '<sheetFormatPr defaultRowHeight="15"/>',
  );
  if (columns.length > 0) {
    out.write(
      "<cols>" +
        columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${columnWidth(c, i, rows)}" style="${COLUMN_STYLE[c.type]}" customWidth="1"/>`).join("") +
        "</cols>",
    );
  }
  out.write('<sheetData><row r="1">');
  out.write(columns.map((c, i) => `<c r="${letters[i]}1" s="${STYLE.header}" t="s"><v>${strings.of(cellText(c.header))}</v></c>`).join(""));
  out.write("</row>");
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const n = r + 2;
    let xml = `<row r="${n}">`;
    for (let i = 0; i < columns.length; i++) xml += cellXml(`${letters[i]}${n}`, columns[i]!.type, row[i], strings);
    out.write(xml + "</row>");
  }
  out.write(`</sheetData><autoFilter ref="A1:${lastColumn}1"/>`);
  out.write('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
}

/** The workbook as the bytes of an .xlsx file. */
export async function workbookBytes(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const taken = new Set<string>();
  const names = sheets.map((s, i) => sheetName(s.name, i, taken));
  const zip = new ZipWriter();
  const n = sheets.length;
  const ids = names.map((_, i) => i + 1);

  zip.add(
    "[Content_Types].xml",
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>` +
      ids.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`).join("") +
      `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>` +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/>` +
      "</Types>",
  );
  zip.add(
    "_rels/.rels",
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
      "</Relationships>",
  );
  zip.add(
    "docProps/app.xml",
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      "<Application>plan-parse</Application>" +
      `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${names.map((s) => `<vt:lpstr>${xmlText(s)}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts>` +
      "</Properties>",
  );
  // Creation and modification times are optional; written, they would make every run's bytes differ.
  zip.add(
    "docProps/core.xml",
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      "<dc:creator>plan-parse</dc:creator></cp:coreProperties>",
  );
  // Excel keeps an autofilter's range twice, in the sheet and as the sheet's hidden name _xlnm._FilterDatabase,
  // and writes both; so do XlsxWriter and PhpSpreadsheet.
  const filters = sheets.map((s, i) => {
    const last = columnLetters(Math.max(1, s.columns.length) - 1);
    const ref = `'${names[i]!.replace(/'/g, "''")}'!$A$1:$${last}$1`;
    return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(ref)}</definedName>`;
  });
  zip.add(
    "xl/workbook.xml",
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
      '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>' +
      `<sheets>${names.map((s, i) => `<sheet name="${xmlAttr(s)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>` +
      (filters.length > 0 ? `<definedNames>${filters.join("")}</definedNames>` : "") +
      "</workbook>",
  );
  zip.add(
    "xl/_rels/workbook.xml.rels",
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
      ids.map((i) => `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`).join("") +
      `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
      "</Relationships>",
  );
  zip.add("xl/styles.xml", STYLES);

  const strings = new SharedStrings();
  sheets.forEach((sheet, i) => {
    const out = zip.entry(`xl/worksheets/sheet${i + 1}.xml`);
    writeSheet(out, sheet, i === 0, strings);
    out.end();
  });
  const sst = zip.entry("xl/sharedStrings.xml");
  sst.write(`${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${strings.count}" uniqueCount="${strings.index.size}">`);
  for (const s of strings.index.keys()) sst.write(stringItem(s));
  sst.write("</sst>");
  sst.end();
  return zip.bytes();
}
