// Which reader a file goes to, and the one entry that turns any input into a plan-parse/v1 document.
// Format readers (and their libraries: unified, mammoth, pdfjs, word-extractor, cfb, saxes) load only when a
// file of that format is read, so plain-text start-up does not pay for them.
//
// The content decides, the name only where the content cannot: magic bytes first (%PDF, a zip and what its
// directory holds, an OLE compound file, {\rtf, a MIME archive, an HTML page), then the extension, then a look
// at the text. A file whose content disagrees with its name is read by its content, with an info diagnostic
// (format-mismatch) saying so: Chinese sites publish web pages saved as `.doc` and HTML tables as `.xls`.
import { decodeBytes } from "../pipeline/decode.js";
import { decodeHtmlBytes } from "./charset.js";
import { zipKind } from "./archive.js";
import { parseDecoded, parsePlan, parsePlanBytes, type BytesResult, type ParseOptions } from "../pipeline/parse-plan.js";
import { asSimplified } from "./traditional.js";
import type { InputFormat, PlanDocument, PlanNode } from "../schema.js";
import { lastAtOrBefore, LineIndex } from "../pipeline/source-map.js";
import type { Extracted, ReaderNote, ReadResult } from "./types.js";

export type { InputFormat } from "../schema.js";
export const INPUT_FORMATS: readonly InputFormat[] = ["txt", "md", "html", "docx", "pdf", "doc", "wps", "xlsx", "xls", "et", "odt", "rtf", "mht"];

/** What a name or the bytes can say: a format, or a container whose members are documents of their own. */
export type Detected = InputFormat | "zip" | "ofd";

// A Map, not an object: `plan.constructor` must not find Object's constructor as a format.
const BY_EXTENSION = new Map<string, Detected>([
  ["txt", "txt"],
  ["text", "txt"],
  ["md", "md"],
  ["markdown", "md"],
  ["html", "html"],
  ["htm", "html"],
  ["xhtml", "html"],
  ["shtml", "html"],
  ["shtm", "html"],
  ["jhtml", "html"],
  ["docx", "docx"],
  ["docm", "docx"],
  ["pdf", "pdf"],
  ["doc", "doc"],
  ["wps", "wps"],
  ["xlsx", "xlsx"],
  ["xlsm", "xlsx"],
  ["xls", "xls"],
  ["et", "et"],
  ["odt", "odt"],
  ["rtf", "rtf"],
  ["mht", "mht"],
  ["mhtml", "mht"],
  ["zip", "zip"],
  ["ofd", "ofd"],
]);

/** Known extensions, for reading directories. */
export const INPUT_EXTENSIONS: readonly string[] = [...BY_EXTENSION.keys()];

/** The format a file's name says, or undefined. */
export function formatByName(name: string): Detected | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext ? BY_EXTENSION.get(ext) : undefined;
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4: .docx, .xlsx, .odt, OFD, .zip
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // OLE compound file: .doc, .wps, .xls, .et
const HTML_START = /^(?:\ufeff)?\s*(?:<!doctype html|<html|<head|<body|<meta|<title|<div|<p[\s>]|<table|<!--)/i;
/** A MIME archive (.mht): headers, one of them MIME-Version or a multipart Content-Type, before the first blank line. */
const MIME_START = /^(?:\ufeff)?(?:[A-Za-z][\w-]*:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)*?(?:MIME-Version:|Content-Type:\s*multipart\/)/i;

/** Formats whose files are zips, and whose damaged files their own reader describes best. */
const ZIPPED = new Set<Detected>(["docx", "xlsx", "odt", "ofd", "zip"]);
const OLE = new Set<Detected>(["doc", "wps", "xls", "et"]);

/** What the bytes say they are (null: nothing recognisable; the name or a look at the text decides). */
function byContent(bytes: Uint8Array, byName: Detected | undefined): Detected | null {
  if (startsWith(bytes, PDF_MAGIC)) return "pdf";
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC)) {
    const kind = zipKind(bytes);
    // A zip that is none of the zipped formats, under such a name, is for that reader to refuse in its words.
    if (kind === "zip" && byName !== undefined && ZIPPED.has(byName)) return byName;
    if (kind !== null) return kind;
    // No directory to look into (truncated, damaged): the reader of the format the name says describes it.
    return byName !== undefined && ZIPPED.has(byName) ? byName : "docx";
  }
  // Word or Excel inside: the compound-file reader tells them apart by their streams.
  if (startsWith(bytes, CFB_MAGIC)) return byName !== undefined && OLE.has(byName) ? byName : "doc";
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  if (/^(?:\ufeff|\xef\xbb\xbf)?\{\\rtf/.test(head)) return "rtf";
  if (MIME_START.test(head)) return "mht";
  return null;
}

/** The format of an input: magic bytes first (a .txt that is really a PDF is a PDF), then the extension, then a look at the text. */
export function detect(name: string, bytes: Uint8Array): Detected {
  const byName = formatByName(name);
  const content = byContent(bytes, byName);
  if (content !== null) return content;
  // A binary format's name on text: a web page saved as .doc, an HTML table exported as .xls.
  const head = Buffer.from(bytes.subarray(0, 512)).toString("utf8");
  const binaryName = byName !== undefined && !["txt", "md", "html"].includes(byName);
  if (HTML_START.test(head) && (binaryName || byName === undefined || byName === "txt")) return "html";
  if (byName !== undefined) return byName;
  // No name to go by (standard input, a name without extension): Markdown by its headings, so that
  // `cat plan.md | plan-parse` gives the tree `plan-parse plan.md` gives. Plain-text plans never start a line
  // with `# `; two such lines (or one, and a Markdown table or emphasis) are Markdown.
  if (looksLikeMarkdown(Buffer.from(bytes.subarray(0, 65536)).toString("utf8"))) return "md";
  return "txt";
}

function looksLikeMarkdown(head: string): boolean {
  const atx = head.match(/^#{1,6}[ \t]+\S/gm)?.length ?? 0;
  if (atx >= 2) return true;
  return atx === 1 && /^\|.*\|[ \t]*$|^\*\*\S|^[ \t]*[-*+][ \t]+\S/m.test(head);
}

/** The format of an input, as `source.format` would say it (a zip of attachments and OFD are not formats of a document). */
export function detectFormat(name: string, bytes: Uint8Array): InputFormat {
  const d = detect(name, bytes);
  return d === "zip" || d === "ofd" ? "docx" : d;
}

export interface InputOptions extends Omit<ParseOptions, "bytes" | "encoding" | "format" | "origin"> {
  /** Overrides detection (`--input-format`). */
  format?: InputFormat;
}

const ARCHIVE_PROBLEM =
  "a zip archive of attachments: each member is a document of its own; give the .zip file to the plan-parse command (it reads every member, named archive.zip!/member), or unpack it first";
const OFD_PROBLEM =
  "an OFD document (GB/T 33190 fixed layout): plan-parse does not read OFD; export it as PDF from an OFD reader (数科OFD阅读器, 福昕OFD版式办公套件, WPS) and read the PDF";

/** Reads the bytes with the reader of `format`. Readers load here, on first use. */
async function read(format: InputFormat, bytes: Uint8Array, name: string): Promise<{ read: ReadResult; origin: { text: string; encoding: ReturnType<typeof decodeBytes> } | null }> {
  if (format === "md" || format === "html") {
    const decoded = format === "html" ? decodeHtmlBytes(bytes) : decodeBytes(bytes);
    if (!decoded.ok) return { read: decoded, origin: null };
    const read =
      format === "md" ? (await import("./markdown.js")).readMarkdown(decoded.text) : (await import("./html.js")).readHtml(decoded.text);
    return { read, origin: { text: decoded.text, encoding: decoded } };
  }
  if (format === "docx") return { read: await (await import("./docx.js")).readDocx(bytes), origin: null };
  if (format === "pdf") return { read: await (await import("./pdf.js")).readPdf(bytes), origin: null };
  if (format === "doc" || format === "wps" || format === "xls" || format === "et") return { read: await (await import("./ole.js")).readOle(bytes, format, name), origin: null };
  if (format === "xlsx") return { read: await (await import("./xlsx.js")).readXlsx(bytes), origin: null };
  if (format === "odt") return { read: await (await import("./odf.js")).readOdf(bytes), origin: null };
  if (format === "rtf") return { read: await (await import("./rtf.js")).readRtf(bytes), origin: null };
  if (format === "mht") return { read: await (await import("./mht.js")).readMht(bytes), origin: null };
  return { read: { ok: false, problem: `no reader for ${format as string}` }, origin: null };
}

/** Any input (bytes of a .txt, .md, .html, .docx, .pdf, .doc, .xlsx, …) → a document, or one line saying why not. */
export async function parseInput(bytes: Uint8Array, options: InputOptions = {}): Promise<BytesResult> {
  const detected: Detected = options.format ?? detect(options.name ?? "", bytes);
  const { format: _omit, ...rest } = options;
  if (detected === "zip") return { ok: false, problem: ARCHIVE_PROBLEM };
  if (detected === "ofd") return { ok: false, problem: OFD_PROBLEM };
  const byName = options.format ? undefined : formatByName(options.name ?? "");
  if (detected === "txt") {
    if (!(bytes instanceof Uint8Array)) return parsePlanBytes(bytes, rest); // its TypeError
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) return decoded;
    const { text, note } = await asSimplified(decoded.text);
    const result = parseDecoded({ ...decoded, text }, bytes, rest);
    if (note) addNotes(result.document, [note], decoded.text);
    if (byName !== undefined && byName !== "txt") mismatch(result.document, "txt", byName);
    return result;
  }

  let outcome: Awaited<ReturnType<typeof read>>;
  try {
    outcome = await read(detected, bytes, options.name ?? "");
  } catch (e) {
    // Readers report their own problems; anything else is still one line about this input, never a trace.
    return { ok: false, problem: `cannot read as ${detected}: ${(e as Error).message.split("\n")[0]}` };
  }
  const { read: result, origin } = outcome;
  if (!result.ok) return result;
  const format = result.extracted.format ?? detected;
  const { map } = result.extracted;
  // The same length either way, so the reader's map, pages and paragraphs hold for the text read.
  const { text, note } = await asSimplified(result.extracted.text);
  const notes = [...(result.extracted.notes ?? [])];
  if (origin?.encoding.ok && origin.encoding.replaced > 0) {
    notes.push({
      severity: "warning",
      code: "replacement-character",
      message: `${origin.encoding.replaced} byte sequence(s) could not be decoded and were replaced with U+FFFD`,
      start: 0,
      end: 0,
    });
  }
  if (note) notes.push(note);
  const encoding = origin?.encoding.ok ? origin.encoding.encoding : (result.extracted.encoding ?? null);
  const document = parsePlan(text, {
    ...rest,
    bytes,
    format,
    encoding,
    origin: origin && map ? { text: origin.text, map } : null,
  });
  // Spans point into the extracted text for every format read without a map back to the file.
  if (!(origin && map)) document.source.spans = "extracted";
  addNotes(document, notes, origin && map ? origin.text : text);
  if (result.extracted.pages) addPages(document, result.extracted.pages, text);
  if (result.extracted.paragraphs) addParagraphs(document, result.extracted.paragraphs, text);
  if (byName !== undefined && !sameFamily(format, byName)) mismatch(document, format, byName);
  return { ok: true, document };
}

/** A name and a content that agree (`.htm` is html; a `.wps` holding a Word document is read as wps). */
function sameFamily(format: InputFormat, byName: Detected): boolean {
  return format === byName;
}

/** Says that the content decided, not the name. */
function mismatch(document: PlanDocument, format: InputFormat, byName: Detected): void {
  const said = byName === "zip" ? "a zip archive" : byName === "ofd" ? "OFD" : byName;
  document.diagnostics.push({
    severity: "info",
    code: "format-mismatch",
    message: `read as ${format} by its content; its name says ${said}`,
    span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
  });
  document.diagnostics.sort((a, b) => a.span.start.offset - b.span.start.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The page of every node and task: the page its span starts on (`pages[i]` is where page i + 1 starts in the text). */
function addPages(document: PlanDocument, pages: readonly number[], text: string): void {
  const pageAt = (offset: number): number => lastAtOrBefore(pages, offset) + 1;
  const stack: PlanNode[] = [...document.outline];
  while (stack.length > 0) {
    const node = stack.pop()!;
    node.page = pageAt(node.span.start.offset);
    // Where the bracket opens, as for `paragraph`: a task's span starts at its sentences, maybe a page earlier.
    for (const task of node.tasks) task.page = pageAt(bracketStart(text, task.span.start.offset, task.span.end.offset));
    stack.push(...node.children);
  }
}

const OPEN = /[（(〔【]/;
const CLOSE = /[）)〕】]/;

/**
 * Where a task's bracket opens in `text` (what its span points into): its span runs from the sentences it
 * covers, which may start paragraphs earlier, to the bracket's close. A task without a closing bracket (a
 * `责任单位：…` line, a flattened table's row) starts where its span does.
 */
function bracketStart(text: string, start: number, end: number): number {
  if (!CLOSE.test(text[end - 1] ?? "")) return start;
  let depth = 0;
  for (let i = end - 1; i >= start; i--) {
    const c = text[i]!;
    if (CLOSE.test(c)) depth++;
    else if (OPEN.test(c) && --depth === 0) return i;
  }
  return start;
}

/**
 * The Word paragraph of every node and task: the one its marker, its bracket, starts in. Left out where the
 * reader could not tell (an index of null), rather than guessed from the neighbours.
 */
function addParagraphs(document: PlanDocument, runs: NonNullable<Extracted["paragraphs"]>, text: string): void {
  const starts = runs.map((r) => r.offset);
  const paragraphAt = (offset: number): number | null =>
    runs.length === 0 || runs[0]!.offset > offset ? null : runs[lastAtOrBefore(starts, offset)]!.index;
  const stack: PlanNode[] = [...document.outline];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const at = paragraphAt(node.span.start.offset);
    if (at !== null) node.paragraph = at;
    for (const task of node.tasks) {
      const t = paragraphAt(bracketStart(text, task.span.start.offset, task.span.end.offset));
      if (t !== null) task.paragraph = t;
    }
    stack.push(...node.children);
  }
}

/** A reader's notes into the document's diagnostics, with spans over what the document's spans point into. */
function addNotes(document: PlanDocument, notes: readonly ReaderNote[], spanned: string): void {
  if (notes.length === 0) return;
  const lines = new LineIndex(spanned);
  const at = (offset: number) => lines.position(Math.max(0, Math.min(offset, spanned.length)));
  for (const note of notes) {
    document.diagnostics.push({ severity: note.severity, code: note.code, message: note.message, span: { start: at(note.start), end: at(Math.max(note.start, note.end)) } });
  }
  // The order parsePlan gives: by position, then code.
  document.diagnostics.sort((a, b) => a.span.start.offset - b.span.start.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
