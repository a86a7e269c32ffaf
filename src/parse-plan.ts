// The pure core: plan text in, a plan-parse/v1 document out. It never throws on bad text: whatever is wrong
// with the document comes back in `diagnostics`. Only the CLI prints, colours and picks exit codes.
import { createHash } from "node:crypto";
import { readBlocks, type Block } from "./blocks.js";
import { decodeBytes } from "./decode.js";
import { docNumberYear, placeStems, readEndMatter, readFrontMatter, readSourceHeader, titleOfHeader, titleYear, type Line } from "./front-matter.js";
import { normalize } from "./normalize.js";
import type { Diagnostic, Encoding, InputFormat, PlanDocument } from "./schema.js";
import { SCHEMA_ID } from "./schema-id.js";
import { LineIndex, SpanMaker, type OffsetMap } from "./source-map.js";
import { buildTree, RANK, type ImplicitHeading } from "./to-tree.js";

export interface ParseOptions {
  /** The input's name as given; goes to `source.name` unchanged. */
  name?: string;
  /** Overrides the year read from the document (it anchors relative deadlines). */
  year?: number;
  /** How the text was decoded, when the caller decoded bytes itself; null for docx and pdf. */
  encoding?: Encoding | null;
  /** Size and hash of the raw input, when the caller has the bytes. */
  bytes?: Uint8Array;
  /** The format the text was extracted from (default txt). */
  format?: InputFormat;
  /**
   * When the text was extracted from a source (Markdown, HTML): the decoded source and the map from offsets in
   * the text to offsets in it, so that spans point into the source. Without it, spans point into `text`.
   */
  origin?: { text: string; map: OffsetMap } | null;
}

/** At least a fifth of the letters are CJK ideographs (a plan quotes Latin names like HACCP, never much more). */
function mostlyChinese(text: string): boolean {
  let cjk = 0;
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      cjk++;
      letters++;
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) letters++;
  }
  return cjk > 0 && cjk * 5 >= letters;
}

/** Parses decoded plan text. */
export function parsePlan(text: string, options: ParseOptions = {}): PlanDocument {
  const bytes = options.bytes ?? Buffer.from(text, "utf8");
  const diagnostics: Diagnostic[] = [];
  const norm = normalize(text);
  const origin = options.origin ?? null;
  const lines = new LineIndex(origin ? origin.text : text);
  const toSource = origin ? (offset: number): number => origin.map.toOriginal(offset) : (offset: number): number => offset;
  const spans = new SpanMaker((offset) => toSource(norm.map.toOriginal(offset)), lines);
  for (const note of norm.notes) {
    diagnostics.push({
      severity: "info",
      code: note.code,
      message: note.message,
      span: { start: lines.position(toSource(note.start)), end: lines.position(toSource(note.end)) },
    });
  }

  const { blocks } = readBlocks(norm.text);
  const asLine = (b: Block): Line => ({ text: norm.text.slice(b.start, b.end), start: b.start, end: b.end });
  let bodyStart = blocks.findIndex((b) => b.kind === "heading");
  if (bodyStart === -1) bodyStart = blocks.length;
  const front = readFrontMatter(blocks.slice(0, bodyStart).map(asLine));
  const end = readEndMatter(blocks.slice(bodyStart).map(asLine));
  const body = blocks.slice(bodyStart, blocks.length - end.count);

  const notice = front.notice;
  // A Markdown source's reader drops its YAML front matter from the text; what it said is still metadata.
  const source = origin ? readSourceHeader(origin.text) : null;
  const header = {
    title: front.header.title ?? source?.title ?? null,
    docNumber: front.header.docNumber ?? source?.docNumber ?? null,
    issuer: front.header.issuer ?? source?.issuer ?? null,
    date: front.header.date ?? source?.date ?? null,
  };
  const title = front.title || (header.title ? titleOfHeader(header.title) : "");
  const docNumber = front.docNumber ?? header.docNumber;
  // The year of issue, from the most reliable place that gives it: the notice's or the plan's date line, the
  // 文号, a header's date, the print note; else the plan's own year its title names (2021年工作要点). Relative
  // deadlines (6月底前) mean the plan's own year when the title names one, else the year of issue.
  const yearOf = (iso: string | null | undefined): number | null => (iso ? Number(iso.slice(0, 4)) : null);
  const issued =
    yearOf(notice?.date) ?? yearOf(front.date) ?? yearOf(end.signed) ?? docNumberYear(docNumber) ?? yearOf(header.date) ?? yearOf(end.printed);
  const own = titleYear(title);
  const override = options.year !== undefined && Number.isInteger(options.year) ? options.year : null;
  const year = override ?? issued ?? own;
  const anchor = override ?? own ?? issued;

  // A short line right before the first heading, when a higher numbering level appears later, is a heading
  // whose marker was left out (`全面落实责任，强化…` before `（一）`, followed later by `二、`).
  let preamble = front.preamble;
  let implicit: ImplicitHeading | null = null;
  const first = body[0];
  const candidate = preamble[preamble.length - 1];
  if (first?.marker && candidate && candidate.text.length <= 40 && !/[。：:；;，,]$/.test(candidate.text) && !/[。]/.test(candidate.text)) {
    const firstRank = RANK[first.marker.style];
    const higher = body.reduce((min, b) => (b.marker ? Math.min(min, RANK[b.marker.style]) : min), firstRank);
    if (higher < firstRank) {
      implicit = { title: candidate.text.trim(), start: candidate.start, end: candidate.end, level: higher };
      preamble = preamble.slice(0, -1);
    }
  }

  const outline = buildTree(body, implicit, {
    text: norm.text,
    spans,
    year: anchor,
    places: placeStems(title, notice?.title, notice?.issuer, end.issuer),
    diagnostics,
  });

  if (outline.length === 0) {
    diagnostics.push({
      severity: "error",
      code: "no-plan",
      message: "no numbered headings (一、 （一） 1. …) found: this does not look like a plan",
      span: spans.span(0, 0),
    });
  } else if (!mostlyChinese(norm.text)) {
    // An English README with a numbered list has headings too; a plan is written in Chinese.
    diagnostics.push({
      severity: "error",
      code: "no-plan",
      message: "the text is not mostly Chinese: this does not look like a plan",
      span: spans.span(0, 0),
    });
  }
  if (year === null && outline.length > 0) {
    diagnostics.push({
      severity: "info",
      code: "no-year",
      message: "no year in the title or notice; deadlines are left without dates",
      span: spans.span(0, 0),
    });
  }
  diagnostics.sort((a, b) => a.span.start.offset - b.span.start.offset || a.code.localeCompare(b.code));

  return {
    schema: SCHEMA_ID,
    source: {
      name: options.name ?? "",
      sha256: createHash("sha256").update(bytes).digest("hex"),
      format: options.format ?? "txt",
      encoding: options.encoding === undefined ? "utf-8" : options.encoding,
      bytes: bytes.byteLength,
      spans: options.format === "docx" || options.format === "pdf" ? "extracted" : "source",
    },
    meta: {
      title,
      year,
      docNumber,
      issuer: notice?.issuer ?? end.issuer ?? front.issuer ?? header.issuer,
      date: notice?.date ?? front.date ?? end.signed ?? header.date ?? end.printed,
      status: front.status,
      notice,
    },
    preamble: preamble.map((l) => l.text).join("\n"),
    outline,
    diagnostics,
  };
}

export type BytesResult = { ok: true; document: PlanDocument } | { ok: false; problem: string };

/** Decodes raw bytes (UTF-8 with or without BOM, UTF-16, GB18030) and parses them. */
export function parsePlanBytes(bytes: Uint8Array, options: Omit<ParseOptions, "bytes" | "encoding"> = {}): BytesResult {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return decoded;
  const document = parsePlan(decoded.text, { ...options, bytes, encoding: decoded.encoding });
  if (decoded.replaced > 0) {
    document.diagnostics.unshift({
      severity: "warning",
      code: "replacement-character",
      message: `${decoded.replaced} byte sequence(s) could not be decoded and were replaced with U+FFFD`,
      span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
    });
  }
  return { ok: true, document };
}
