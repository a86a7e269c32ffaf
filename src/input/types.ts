// The input layer: every published form of a plan (plain text, Markdown, HTML, Word, PDF, task tables) becomes
// the same thing the core parses — plan text with one block (paragraph, heading, table row) per line — and a
// map back to where each character came from.
import type { DiagnosticCode, Encoding, InputFormat } from "../schema.js";
import type { OffsetMap } from "../pipeline/source-map.js";

export type { InputFormat } from "../schema.js";

export interface Extracted {
  /** Plan text: one block per line, joined with "\n". */
  text: string;
  /**
   * For text-like inputs (md, html): offsets in `text` → offsets in the decoded source the reader was given.
   * null for binary inputs (docx, pdf): spans then point into `text` itself.
   */
  map: OffsetMap | null;
  /**
   * What the reader wants said about its reading (which part of a web page it read), as diagnostics of the
   * document. Offsets are in the reader's source when `map` is set, else in `text`.
   */
  notes?: ReaderNote[];
  /** The format the reader found, when it tells apart what detection could not (a compound file holding Excel, not Word). */
  format?: InputFormat;
  /** The text encoding of what was read, for formats that carry text in a declared charset (mht). */
  encoding?: Encoding | null;
  /** Offsets in `text` where each page starts (pages[0] = 0), for formats with pages (pdf). */
  pages?: number[];
  /**
   * For .docx: the Word paragraph each part of `text` comes from — from `offset` on, up to the next entry, the
   * 1-based `index` of a paragraph of the main document (every `<w:p>` in document order, empty ones and those
   * in table cells included); null where the text could not be matched to a paragraph. Ascending offsets, the
   * first 0.
   */
  paragraphs?: { offset: number; index: number | null }[];
}

/** A reader's diagnostic: [start, end) in the source it was given (see Extracted.notes). */
export interface ReaderNote {
  severity: "info" | "warning";
  code: DiagnosticCode;
  message: string;
  start: number;
  end: number;
}

/** What a reader returns: the text, or one line saying why the input cannot be read (no trailing period). */
export type ReadResult = { ok: true; extracted: Extracted } | { ok: false; problem: string };
