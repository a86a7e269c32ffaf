// The pure core: plan text in, a plan-parse/v1 document out. It never throws on bad text: whatever is wrong
// with the document comes back in `diagnostics`. Only the CLI prints, colours and picks exit codes.
import { MARKER_SOURCES } from "../../grammars/tokens.js";
import { readBlocks, type Block } from "./blocks.js";
import { decodeBytes, type DecodeResult } from "./decode.js";
import { docNumberYear, periodStartYear, placeStems, readEndMatter, readFrontMatter, readSourceHeader, titleOfHeader, titleYear, type Line } from "./front-matter.js";
import { normalize } from "./normalize.js";
import type { Diagnostic, Encoding, InputFormat, PlanDocument, PlanNode, Stats } from "../schema.js";
import { SCHEMA_ID } from "../schema-id.js";
import { LineIndex, SpanMaker, type OffsetMap } from "./source-map.js";
import { newConventions, readAttributions } from "./attributions.js";
import { readAttachments, readWholeTable } from "./attachments.js";
import { documentAgencies } from "./document-agencies.js";
import { buildTree, markerAt, RANK, type ImplicitHeading } from "./to-tree.js";
import { sha256Hex } from "./sha256.js";

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
  // Found by the regex engine, not by a character loop (which would run in the interpreter at a cold start):
  // the Latin letters (few, in a plan) are counted, then CJK runs only until there are enough of them.
  const latin = text.replace(NOT_LATIN, "").length;
  CJK_RUN.lastIndex = 0;
  if (latin === 0) return CJK_RUN.test(text);
  let cjk = 0;
  for (let m = CJK_RUN.exec(text); m !== null && cjk * 4 < latin; m = CJK_RUN.exec(text)) cjk += m[0].length;
  return cjk > 0 && cjk * 4 >= latin;
}
const CJK_RUN = /[\u4e00-\u9fff]+/g;
const NOT_LATIN = /[^A-Za-z]+/g;

/** What a value is, for a TypeError: `a Buffer`, `undefined`, `a number`. */
function describeValue(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (v instanceof Uint8Array) return `a ${v.constructor?.name ?? "Uint8Array"}`;
  if (Array.isArray(v)) return "an array";
  return `a ${typeof v === "object" ? (v.constructor?.name ?? "object") : typeof v}`;
}

/**
 * Parses decoded plan text. Never throws on bad text (problems are diagnostics); a value that is not a string
 * at all is a programming error and a TypeError that says what to call instead.
 */
export function parsePlan(text: string, options: ParseOptions = {}): PlanDocument {
  if (typeof text !== "string") {
    throw new TypeError(
      `parsePlan: expected the plan's text as a string, got ${describeValue(text)}` +
        ((text as unknown) instanceof Uint8Array ? " (use parsePlanBytes or parseInput for bytes)" : ""),
    );
  }
  if (options === null || typeof options !== "object") throw new TypeError(`parsePlan: expected options as an object, got ${describeValue(options)}`);
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

  // A document of millions of numbered lines is no plan anyone wrote, and its tree would not fit in memory:
  // it is counted before anything is built, and refused with the count.
  const headingLines = countHeadingLines(norm.text);
  const tooMany = headingLines > MAX_HEADINGS;
  const blocks = tooMany ? [] : splitGluedFirstHeading(readBlocks(norm.text).blocks, norm.text);
  const asLine = (b: Block): Line => ({ text: norm.text.slice(b.start, b.end), start: b.start, end: b.end });
  let bodyStart = blocks.findIndex((b) => b.kind === "heading");
  // No numbered heading at all: the plan may be a task table flattened to one cell per line.
  const wholeTable = bodyStart === -1 ? readWholeTable(norm.text, blocks) : null;
  if (bodyStart === -1) bodyStart = wholeTable ? wholeTable.from : blocks.length;
  const front = readFrontMatter(blocks.slice(0, bodyStart).map(asLine));
  const end = readEndMatter(blocks.slice(bodyStart).map(asLine));
  const attachments = wholeTable
    ? { body: [], tables: [wholeTable.table], all: [], unread: [] }
    : readAttachments(norm.text, blocks.slice(bodyStart, blocks.length - end.count));
  const body = attachments.body;

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
  const period = issued === null && own === null ? periodStartYear(title) : null;
  const year = override ?? issued ?? own ?? period;
  const anchor = override ?? own ?? issued ?? period;

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

  const treeContext = {
    text: norm.text,
    spans,
    year: anchor,
    places: placeStems(title, notice?.title, notice?.issuer, end.issuer),
    diagnostics,
    conventions: newConventions(),
  };
  // A convention stated in the preamble (`（各项任务列第一位者为牵头单位）`) holds for the whole body.
  const preambleStarts = new Set(preamble.map((l) => l.start));
  for (const b of blocks.slice(0, bodyStart)) {
    if (preambleStarts.has(b.start)) readAttributions({ content: [b], progress: [], start: b.start }, "0", { ...treeContext, diagnostics: [] });
  }
  const outline = buildTree(body, implicit, treeContext, attachments.tables);
  for (const a of attachments.unread) {
    diagnostics.push({
      severity: "info",
      code: "attachment-not-read",
      message: `attachment ${a.title ? `「${a.title}」` : ""}has no numbered headings or task table; it is not in the outline`,
      span: spans.span(a.start, a.end),
    });
  }
  const stats = countStats(outline, diagnostics);
  if (outline.length > 0 && stats.tasks === 0) {
    diagnostics.push({
      severity: "warning",
      code: "no-tasks",
      message: "numbered headings but no task: no responsibility bracket or owners' label was found",
      span: spans.span(0, 0),
    });
    stats.warnings++;
  }

  if (tooMany) {
    diagnostics.push({
      severity: "error",
      code: "too-many-headings",
      message: `${headingLines} numbered lines, more than the ${MAX_HEADINGS} one plan is read with`,
      span: spans.span(0, 0),
    });
  } else if (outline.length === 0) {
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
  if (period !== null && override === null && outline.length > 0) {
    diagnostics.push({
      severity: "info",
      code: "no-year",
      message: `no date of issue and no year in the title; the year is the first of the period the title names (${period})`,
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
  // Code-unit order, never the locale's: the output (and its hash) must not depend on LANG.
  diagnostics.sort((a, b) => a.span.start.offset - b.span.start.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const document: Omit<PlanDocument, "agencies"> = {
    schema: SCHEMA_ID,
    source: {
      name: options.name ?? "",
      sha256: sha256Hex(bytes),
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
      conventions: treeContext.conventions.stated,
      attachments: attachments.all.map((a) => ({ title: a.title, read: a.read, span: spans.span(a.start, a.end) })),
    },
    preamble: preamble.map((l) => l.text).join("\n"),
    outline,
    stats,
    diagnostics,
  };
  return { ...document, agencies: documentAgencies(document) };
}

/** More numbered headings than the largest real plans have by two orders of magnitude (a 50 MB plan of real
 *  text has about 200,000); each costs a few kilobytes of tree. */
export const MAX_HEADINGS = 300_000;

const HEADING_START = new RegExp(`(?:${[MARKER_SOURCES.chinese, MARKER_SOURCES.chineseParen, MARKER_SOURCES.arabic, MARKER_SOURCES.arabicParen, MARKER_SOURCES.circled].join("|")})`, "y");

/** Lines that start with a numbering marker, counted in one pass over the text. */
function countHeadingLines(text: string): number {
  let n = 0;
  for (let at = 0; at < text.length; ) {
    HEADING_START.lastIndex = at;
    if (HEADING_START.test(text)) n++;
    const next = text.indexOf("\n", at);
    if (next === -1) break;
    at = next + 1;
  }
  return n;
}

/** `…现制定如下分工方案。一、把实施好…`: the first heading run into the preamble's last sentence. Looked for only
 *  where it must be: when no line starts with a heading, or when the first one that does is number 2 of its style. */
function splitGluedFirstHeading(blocks: Block[], text: string): Block[] {
  const first = blocks.findIndex((b) => b.kind === "heading");
  const wanted = first === -1 ? null : blocks[first]!.marker!;
  if (wanted && wanted.number !== 2) return blocks;
  const from = first === -1 ? 0 : Math.max(0, first - 1);
  const to = first === -1 ? blocks.length : first;
  for (let i = from; i < to; i++) {
    const b = blocks[i]!;
    if (b.kind !== "paragraph") continue;
    GLUED_START.lastIndex = b.contentStart;
    let m: RegExpExecArray | null;
    while ((m = GLUED_START.exec(text)) !== null && m.index < b.end) {
      const p = m.index + m[0].length;
      const marker = markerAt(text, p);
      if (marker && marker.number === 1 && marker.end < b.end && (!wanted || marker.style === wanted.style) && (wanted || marker.style === "chinese" || marker.style === "chinese-paren")) {
        let end = p;
        while (end > b.contentStart && /[\s\u3000]/.test(text[end - 1]!)) end--;
        const before: Block = { ...b, end, inlines: b.inlines.filter((t) => t.start < end).map((t) => (t.end > end ? { ...t, end } : t)) };
        const heading: Block = {
          kind: "heading",
          marker,
          start: p,
          end: b.end,
          contentStart: marker.end,
          inlines: b.inlines.filter((t) => t.end > marker.end).map((t) => (t.start < marker.end ? { ...t, start: marker.end } : t)),
        };
        return [...blocks.slice(0, i), before, heading, ...blocks.slice(i + 1)];
      }
    }
  }
  return blocks;
}
const GLUED_START = /[。：:；;][\s\u3000]*/g;

function countStats(outline: readonly PlanNode[], diagnostics: readonly Diagnostic[]): Stats {
  const stats: Stats = { nodes: 0, tasks: 0, withProgress: 0, unreadableAttributions: 0, warnings: 0 };
  const stack = [...outline];
  while (stack.length > 0) {
    const n = stack.pop()!;
    stats.nodes++;
    stats.tasks += n.tasks.length;
    if (n.progress) stats.withProgress++;
    for (const c of n.children) stack.push(c);
  }
  for (const d of diagnostics) {
    if (d.code === "unreadable-attribution") stats.unreadableAttributions++;
    if (d.severity === "warning") stats.warnings++;
  }
  return stats;
}

export type BytesResult = { ok: true; document: PlanDocument } | { ok: false; problem: string };

/** Decodes raw bytes (UTF-8 with or without BOM, UTF-16, GB18030) and parses them. */
export function parsePlanBytes(bytes: Uint8Array, options: Omit<ParseOptions, "bytes" | "encoding"> = {}): BytesResult {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(
      `parsePlanBytes: expected the file's bytes as a Uint8Array or Buffer, got ${describeValue(bytes)}` +
        (typeof bytes === "string" ? " (use parsePlan for text)" : ""),
    );
  }
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return decoded;
  return parseDecoded(decoded, bytes, options);
}

/** parsePlanBytes after decoding: for the input layer, which may look at the text first (src/input/traditional.ts). */
export function parseDecoded(
  decoded: Extract<DecodeResult, { ok: true }>,
  bytes: Uint8Array,
  options: Omit<ParseOptions, "bytes" | "encoding"> = {},
): { ok: true; document: PlanDocument } {
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
