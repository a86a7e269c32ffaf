// Which reader a file goes to, and the one entry that turns any input into a plan-parse/v1 document.
// Format readers (and their libraries: unified, mammoth, pdfjs) load only when a file of that format is read,
// so plain-text start-up does not pay for them.
import { decodeBytes } from "../decode.js";
import { decodeHtmlBytes } from "./charset.js";
import { parsePlan, parsePlanBytes, type BytesResult, type ParseOptions } from "../parse-plan.js";
import type { InputFormat, PlanDocument } from "../schema.js";
import { LineIndex } from "../source-map.js";
import type { ReaderNote, ReadResult } from "./types.js";

export type { InputFormat } from "../schema.js";
export const INPUT_FORMATS: readonly InputFormat[] = ["txt", "md", "html", "docx", "pdf"];

// A Map, not an object: `plan.constructor` must not find Object's constructor as a format.
const BY_EXTENSION = new Map<string, InputFormat>([
  ["txt", "txt"],
  ["text", "txt"],
  ["md", "md"],
  ["markdown", "md"],
  ["html", "html"],
  ["htm", "html"],
  ["xhtml", "html"],
  ["docx", "docx"],
  ["pdf", "pdf"],
]);

/** Known extensions, for reading directories. */
export const INPUT_EXTENSIONS: readonly string[] = [...BY_EXTENSION.keys()];

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4: .docx is a zip
const HTML_START = /^(?:\ufeff)?\s*(?:<!doctype html|<html|<head|<body|<meta|<title|<div|<p[\s>]|<table|<!--)/i;

/** The format of an input: magic bytes first (a .txt that is really a PDF is a PDF), then the extension, then a look at the text. */
export function detectFormat(name: string, bytes: Uint8Array): InputFormat {
  if (startsWith(bytes, PDF_MAGIC)) return "pdf";
  if (startsWith(bytes, ZIP_MAGIC)) return "docx";
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  const byName = ext ? BY_EXTENSION.get(ext) : undefined;
  if (byName && byName !== "txt") return byName;
  const head = Buffer.from(bytes.subarray(0, 512)).toString("utf8");
  return HTML_START.test(head) ? "html" : (byName ?? "txt");
}

export interface InputOptions extends Omit<ParseOptions, "bytes" | "encoding" | "format" | "origin"> {
  /** Overrides detection (`--input-format`). */
  format?: InputFormat;
}

/** Any input (bytes of a .txt, .md, .html, .docx or .pdf) → a document, or one line saying why not. */
export async function parseInput(bytes: Uint8Array, options: InputOptions = {}): Promise<BytesResult> {
  const format = options.format ?? detectFormat(options.name ?? "", bytes);
  const { format: _omit, ...rest } = options;
  if (format === "txt") return parsePlanBytes(bytes, rest);

  let read: ReadResult;
  let origin: { text: string; encoding: ReturnType<typeof decodeBytes> } | null = null;
  try {
    if (format === "md" || format === "html") {
      const decoded = format === "html" ? decodeHtmlBytes(bytes) : decodeBytes(bytes);
      if (!decoded.ok) return decoded;
      origin = { text: decoded.text, encoding: decoded };
      read =
        format === "md"
          ? (await import("./markdown.js")).readMarkdown(decoded.text)
          : (await import("./html.js")).readHtml(decoded.text);
    } else if (format === "docx") {
      read = await (await import("./docx.js")).readDocx(bytes);
    } else {
      read = await (await import("./pdf.js")).readPdf(bytes);
    }
  } catch (e) {
    // Readers report their own problems; anything else is still one line about this input, never a trace.
    return { ok: false, problem: `cannot read as ${format}: ${(e as Error).message.split("\n")[0]}` };
  }
  if (!read.ok) return read;
  const { text, map } = read.extracted;
  const notes = [...(read.extracted.notes ?? [])];
  if (origin?.encoding.ok && origin.encoding.replaced > 0) {
    notes.push({
      severity: "warning",
      code: "replacement-character",
      message: `${origin.encoding.replaced} byte sequence(s) could not be decoded and were replaced with U+FFFD`,
      start: 0,
      end: 0,
    });
  }
  const encoding = origin?.encoding.ok ? origin.encoding.encoding : null;
  const document = parsePlan(text, {
    ...rest,
    bytes,
    format,
    encoding,
    origin: origin && map ? { text: origin.text, map } : null,
  });
  addNotes(document, notes, origin && map ? origin.text : text);
  return { ok: true, document };
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
