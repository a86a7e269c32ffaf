// Normalized text is what the grammar reads: one paragraph per line, no blank lines, no page numbers, no
// Word artifacts, no spaces a PDF put between CJK and digits. It is built only by copying characters of the
// original (a newline may stand for a CRLF or for a line the reflow joined), so an OffsetMap can take every
// offset back to the decoded original.
import { MARKER_SOURCES } from "../../grammars/tokens.js";
import { detectPdfLayout, displayWidth, reachesMargin, type LineShape } from "./reflow.js";
import { OffsetMap } from "./source-map.js";

export interface NormalizeNote {
  code: "pdf-reflow" | "artifact-removed";
  message: string;
  /** Original offsets. */
  start: number;
  end: number;
}

export interface Normalized {
  text: string;
  map: OffsetMap;
  pdf: boolean;
  notes: NormalizeNote[];
}

interface Line {
  /** Kept pieces of the line, original offsets [start, end). */
  pieces: [number, number][];
  /** Original offset of the line terminator (or text length at the end). */
  terminator: number;
}

// `— 15 —`, `- 15 -`, `－15－`, `第 3 页`, `第3页 共12页`
const PAGE_NUMBER = /^[\s\u3000]*(?:[—–\-－―~～]+[\s\u3000]*\d{1,4}[\s\u3000]*[—–\-－―~～]+|第[\s\u3000]*\d{1,4}[\s\u3000]*页(?:[\s\u3000]*[，,]?[\s\u3000]*共[\s\u3000]*\d{1,4}[\s\u3000]*页)?|\d{1,4}[\s\u3000]*\/[\s\u3000]*\d{1,4})[\s\u3000]*$/;
/** The characters PAGE_NUMBER can start with, so that most lines are not run through it: dashes, 第, ASCII
 *  digits, and the white space \s has that isSpace does not trim. */
function mayBePageNumber(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || c === 0x7b2c || c === 0x2014 || c === 0x2013 || c === 0x2d || c === 0xff0d || c === 0x2015 ||
    c === 0x7e || c === 0xff5e || c === 0x1680 || c === 0x2028 || c === 0x2029 || c === 0x85 || c === 0x0d || c === 0x0a
  );
}
// Word's hidden bookmarks and fields that leak into copied text: `[bookmark: _GoBack]`.
const ARTIFACT = /\[bookmark:[^\]\n]{0,80}\]|\{\s*(?:PAGE|NUMPAGES|MERGEFORMAT)[^}\n]{0,40}\}/g;
// A line that starts with a numbering marker, a progress label or an owners' label starts a block of its own.
const BLOCK_START = new RegExp(
  `^(?:${Object.values(MARKER_SOURCES).join("|")}|(?:责任单位|牵头单位|配合单位|责任部门|主要责任单位|牵头部门|配合部门|协办单位)[：:])`,
);

// Web pages indent with em and en spaces (U+2002, U+2003) as often as with U+3000.
const SPACE_RUN = /[ \t\u3000\u00a0\v\f\ufeff\u2000-\u200b\u202f\u205f]+/g;
function isSpace(c: number): boolean {
  return (
    c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0x0b || c === 0x0c || c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f
  );
}

function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

/** CJK ideographs and CJK / full-width punctuation. */
function isWide(c: number): boolean {
  return c >= 0x2e80 && !(c >= 0xff10 && c <= 0xff19);
}

function isAsciiWord(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function splitLines(text: string, notes: NormalizeNote[]): Line[] {
  const lines: Line[] = [];
  // Searched once for the whole text: a per-line search would rescan the rest of the document every line.
  const artifacts = text.includes("[bookmark:") || /\{\s*(?:PAGE|NUMPAGES|MERGEFORMAT)/.test(text);
  let start = 0;
  const n = text.length;
  // The next LF and CR, found with indexOf (a character loop would run in the interpreter at a cold start).
  let lf = text.indexOf("\n");
  let cr = text.indexOf("\r");
  while (start <= n) {
    if (lf !== -1 && lf < start) lf = text.indexOf("\n", start);
    if (cr !== -1 && cr < start) cr = text.indexOf("\r", start);
    const end = lf === -1 ? (cr === -1 ? n : cr) : cr === -1 ? lf : Math.min(lf, cr);
    lines.push({ pieces: cleanLine(text, start, end, artifacts, notes), terminator: end });
    if (end >= n) break;
    start = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
  return lines;
}

/** The parts of a line worth keeping: artifacts cut out, outer white space trimmed. */
function cleanLine(text: string, start: number, end: number, artifacts: boolean, notes: NormalizeNote[]): [number, number][] {
  let pieces: [number, number][] = [[start, end]];
  const line = artifacts ? text.slice(start, end) : "";
  if (artifacts && (line.includes("[bookmark:") || line.includes("{"))) {
    ARTIFACT.lastIndex = 0;
    let m: RegExpExecArray | null;
    let from = 0;
    const cut: [number, number][] = [];
    while ((m = ARTIFACT.exec(line)) !== null) {
      cut.push([start + from, start + m.index]);
      notes.push({
        code: "artifact-removed",
        message: `removed a word-processor artifact ${m[0]}`,
        start: start + m.index,
        end: start + m.index + m[0].length,
      });
      from = m.index + m[0].length;
    }
    if (cut.length > 0) {
      cut.push([start + from, end]);
      pieces = cut;
    }
  }
  // Trim white space at both ends of the line as a whole.
  const kept: [number, number][] = [];
  for (const [s, e] of pieces) if (e > s) kept.push([s, e]);
  while (kept.length > 0) {
    const first = kept[0]!;
    while (first[0] < first[1] && isSpace(text.charCodeAt(first[0]))) first[0]++;
    if (first[0] < first[1]) break;
    kept.shift();
  }
  while (kept.length > 0) {
    const last = kept[kept.length - 1]!;
    while (last[1] > last[0] && isSpace(text.charCodeAt(last[1] - 1))) last[1]--;
    if (last[1] > last[0]) break;
    kept.pop();
  }
  if (kept.length === 1 && mayBePageNumber(text.charCodeAt(kept[0]![0])) && PAGE_NUMBER.test(text.slice(kept[0]![0], kept[0]![1]))) return [];
  return kept;
}

function lineWidth(text: string, line: Line): number {
  let w = 0;
  for (const [s, e] of line.pieces) w += displayWidth(text, s, e);
  return w;
}

function lineStartsBlock(text: string, line: Line): boolean {
  const first = line.pieces[0];
  if (!first) return false;
  return BLOCK_START.test(text.slice(first[0], Math.min(first[1], first[0] + 16)));
}

export function normalize(text: string): Normalized {
  const notes: NormalizeNote[] = [];
  const lines = splitLines(text, notes);
  const nonBlank = lines.filter((l) => l.pieces.length > 0);

  const shapes: LineShape[] = nonBlank.map((line) => ({ width: lineWidth(text, line) }));
  const layout = detectPdfLayout(shapes);

  const parts: string[] = [];
  const map = new OffsetMap();
  let last = -1; // last emitted char code, to decide on spaces and joins
  let joined = 0;

  const emit = (s: number, e: number): void => {
    // Drop white space between CJK and digits (`2021 年`, `达到 100%`), which PDFs and typists insert. The runs
    // of white space are found by the regex engine: a character loop would run in the interpreter at a cold start.
    let runStart = s;
    let endsInSpace = false;
    const piece = text.slice(s, e);
    SPACE_RUN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SPACE_RUN.exec(piece)) !== null) {
      const i = s + m.index;
      const j = i + m[0].length;
      if (i > s) last = text.charCodeAt(i - 1);
      const next = j < e ? text.charCodeAt(j) : -1;
      if ((isWide(last) && isDigit(next)) || (isDigit(last) && isWide(next))) {
        if (i > runStart) {
          parts.push(text.slice(runStart, i));
          map.add(runStart, i - runStart);
        }
        runStart = j;
      }
      endsInSpace = j === e;
    }
    if (e > s && !endsInSpace) last = text.charCodeAt(e - 1);
    if (e > runStart) {
      parts.push(text.slice(runStart, e));
      map.add(runStart, e - runStart);
    }
  };
  const emitChar = (ch: string, at: number): void => {
    parts.push(ch);
    map.add(at, 1);
    last = ch.charCodeAt(0);
  };

  let previous: Line | undefined;
  for (const [index, line] of nonBlank.entries()) {
    if (previous) {
      const continues =
        layout !== null && reachesMargin(shapes[index - 1]!.width, layout) && !lineStartsBlock(text, line);
      if (continues) {
        joined++;
        const first = text.charCodeAt(line.pieces[0]![0]);
        // Latin words cut at the margin need their space back; CJK never had one.
        if (isAsciiWord(last) && isAsciiWord(first)) emitChar(" ", previous.terminator);
      } else {
        emitChar("\n", previous.terminator);
      }
    }
    for (const [s, e] of line.pieces) emit(s, e);
    previous = line;
  }

  if (layout !== null && joined > 0) {
    notes.push({
      code: "pdf-reflow",
      message: `text looks PDF-extracted (lines cut at width ${layout.margin}); joined ${joined} wrapped lines`,
      start: 0,
      end: 0,
    });
  }
  return { text: parts.join(""), map, pdf: layout !== null, notes };
}
