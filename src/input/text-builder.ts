// Shared by the Markdown, HTML and Word readers: builds plan text (one block per line) out of characters
// that either copy a character of the source (mapped 1:1) or were written by the reader (a list marker, a
// table's brackets, a space standing for a line break, a decoded character reference), each with the source
// offset it stands for.
import { MARKER_SOURCES } from "../../grammars/tokens.js";
import { OffsetMap } from "../pipeline/source-map.js";

/** One line of output: its text and, for every UTF-16 unit, the source offset it stands for and whether it copies it. */
export interface Line {
  text: string;
  origins: number[];
  copied: boolean[];
}

/** Plan text, its map back to the source, and which characters copy the source (the rest the reader wrote). */
export interface Built {
  text: string;
  map: OffsetMap;
  copied: boolean[];
}

/** A plan numbering marker at the start of a text: 一、 （一） 1. （1） ①. */
export const PLAN_MARKER = new RegExp(
  `^(?:${[MARKER_SOURCES.chinese, MARKER_SOURCES.chineseParen, MARKER_SOURCES.arabic, MARKER_SOURCES.arabicParen, MARKER_SOURCES.circled].join("|")})`,
);

/** What starts a block in plan text: a numbering marker or a progress label (`工作进度：`). */
const BLOCK_START = new RegExp(`^(?:${Object.values(MARKER_SOURCES).join("|")})`);

/** Whitespace that collapses (HTML's, plus the no-break space; U+3000 is kept inside a line). */
function isCollapsible(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v" || c === "\u00a0";
}

function isSpaceLike(c: string): boolean {
  return isCollapsible(c) || c === "\u3000";
}

/** Characters that are never text: zero-width space, BOM, soft hyphen. */
function isInvisible(c: string): boolean {
  return c === "\u200b" || c === "\ufeff" || c === "\u00ad";
}

/** CJK ideographs and CJK / full-width punctuation (not full-width digits). */
function isWide(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return code >= 0x2e80 && !(code >= 0xff10 && code <= 0xff19) && !(code >= 0xff21 && code <= 0xff5a);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && /[0-9０-９]/.test(c);
}

/** Whether a line break between `before` and `after` joins them without a space (CJK text, or CJK next to a digit). */
function joinsTight(before: string | undefined, after: string | undefined): boolean {
  return (isWide(before) && (isWide(after) || isDigit(after))) || (isDigit(before) && isWide(after));
}

export function emptyLine(): Line {
  return { text: "", origins: [], copied: [] };
}

/** Appends `text`, all standing for source offset `at` (characters the reader writes). */
export function pushFixed(line: Line, text: string, at: number): void {
  line.text += text;
  for (let i = 0; i < text.length; i++) {
    line.origins.push(at);
    line.copied.push(false);
  }
}

/** Appends `text`, copied from the source at `at`. */
export function pushCopy(line: Line, text: string, at: number): void {
  line.text += text;
  for (let i = 0; i < text.length; i++) {
    line.origins.push(at + i);
    line.copied.push(true);
  }
}

/** Appends the whole of `other` (or its part [from, to)). */
export function pushLine(line: Line, other: Line, from = 0, to = other.text.length): void {
  line.text += other.text.slice(from, to);
  for (let i = from; i < to; i++) {
    line.origins.push(other.origins[i]!);
    line.copied.push(other.copied[i]!);
  }
}

/** `line` without leading and trailing whitespace. */
export function trimLine(line: Line): Line {
  let start = 0;
  let end = line.text.length;
  while (start < end && isSpaceLike(line.text[start]!)) start++;
  while (end > start && isSpaceLike(line.text[end - 1]!)) end--;
  const out = emptyLine();
  pushLine(out, line, start, end);
  return out;
}

/** First source offset of a line (or `fallback` when it is empty). */
export function lineStart(line: Line | undefined, fallback: number): number {
  return line?.origins[0] ?? fallback;
}

/** The source offset just after a line's last character. */
export function lineEnd(line: Line | undefined, fallback: number): number {
  if (!line || line.origins.length === 0) return fallback;
  return line.origins[line.origins.length - 1]! + 1;
}

// `&amp;` `&#12288;` `&#x4E00;` — and HTML's legacy named references without `;` (`&nbsp`).
const REFERENCE = /&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,7};?|[a-zA-Z][a-zA-Z0-9]{1,31};?)/y;
/** Source characters a parser drops between the characters of a text: indentation, CR, `>` of a block quote, a backslash escape, code backticks. */
const SKIPPABLE = new Set([" ", "\t", "\r", "\n", "\f", ">", "\\", "`", "|"]);

/**
 * Feeds the characters of a parsed text value (`value`) to `sink`, each with the source offset it comes from,
 * the value being the parsed form of source[start, end). Characters equal to the next source character copy it;
 * a character reference gives its decoded characters, all standing for the reference's `&`; source characters
 * a parser drops (indentation, escapes) are skipped. Anything else stands for the current source offset, so
 * no character is ever mapped outside [start, end).
 */
export function alignText(
  value: string,
  source: string,
  start: number,
  end: number,
  sink: (c: string, at: number, copied: boolean) => void,
): void {
  if (end - start === value.length && source.startsWith(value, start)) {
    for (let i = 0; i < value.length; i++) sink(value[i]!, start + i, true);
    return;
  }
  let j = start;
  const last = Math.max(start, end - 1);
  let i = 0;
  while (i < value.length) {
    const c = value[i]!;
    if (j < end && source[j] === "&") {
      REFERENCE.lastIndex = j;
      const ref = REFERENCE.exec(source);
      if (ref && ref.index === j && !value.startsWith(ref[0], i)) {
        // A reference decodes to one code point (two UTF-16 units for an astral one).
        const code = value.codePointAt(i) ?? 0;
        const units = code > 0xffff ? 2 : 1;
        for (let k = 0; k < units && i < value.length; k++, i++) sink(value[i]!, j, false);
        j += ref[0].length;
        continue;
      }
    }
    if (j < end && source[j] === c) {
      sink(c, j, true);
      i++;
      j++;
      continue;
    }
    // Skip what the parser dropped, but only characters it can drop, and only up to the value's next character.
    let k = j;
    while (k < end && source[k] !== c && SKIPPABLE.has(source[k]!)) k++;
    if (k < end && k > j && source[k] === c) {
      j = k;
      continue;
    }
    sink(c, Math.min(j, last), false);
    i++;
  }
}

export interface BuilderOptions {
  /**
   * A line break inside a block that is followed by a plan numbering marker (`一、` `（一）` `1.` …) or a
   * progress label (`工作进度：`) starts a new line instead of joining (Markdown: a plan written line by line
   * without blank lines between).
   */
  breakBeforeMarkers?: boolean;
}

/**
 * Collects inline characters of the current block and turns finished blocks into lines: whitespace collapsed
 * to one space, trimmed at both ends, a line break between CJK characters joined without a space, U+3000 kept
 * inside a line, invisible characters dropped.
 *
 * Linear in the size of a block: the pending characters are kept in parallel arrays, and a line's text is
 * collected as an array of characters joined once (appending to a string and reading its last character back
 * flattens V8's rope every time: a 1 MB paragraph took seconds).
 */
export class TextBuilder {
  private readonly lines: Line[] = [];
  private rawC: string[] = [];
  private rawAt: number[] = [];
  private rawCopied: boolean[] = [];

  constructor(private readonly options: BuilderOptions = {}) {}

  /** One character of inline content. */
  char(c: string, at: number, copied: boolean): void {
    this.rawC.push(c);
    this.rawAt.push(at);
    this.rawCopied.push(copied);
  }

  /** Characters copied from the source at `at`. */
  copy(text: string, at: number): void {
    for (let i = 0; i < text.length; i++) this.char(text[i]!, at + i, true);
  }

  /** Characters the reader writes, all standing for source offset `at`. */
  fixed(text: string, at: number): void {
    for (let i = 0; i < text.length; i++) this.char(text[i]!, at, false);
  }

  /** The parsed text `value` of source[start, end) (see alignText). */
  aligned(value: string, source: string, start: number, end: number): void {
    alignText(value, source, start, end, (c, at, copied) => this.char(c, at, copied));
  }

  /** Content of an already built line, inline. */
  inline(line: Line): void {
    for (let i = 0; i < line.text.length; i++) this.char(line.text[i]!, line.origins[i]!, line.copied[i]!);
  }

  /** Ends the current block (a no-op when it is empty). */
  breakLine(): void {
    const rc = this.rawC;
    const ra = this.rawAt;
    const rp = this.rawCopied;
    const n = rc.length;
    if (n === 0) return;
    this.rawC = [];
    this.rawAt = [];
    this.rawCopied = [];
    let chars: string[] = [];
    let origins: number[] = [];
    let copied: boolean[] = [];
    const push = (c: string, at: number, isCopy: boolean) => {
      chars.push(c);
      origins.push(at);
      copied.push(isCopy);
    };
    const flush = () => {
      if (chars.length > 0) this.lines.push({ text: chars.join(""), origins, copied });
      chars = [];
      origins = [];
      copied = [];
    };
    let i = 0;
    while (i < n) {
      const c = rc[i]!;
      if (isInvisible(c)) {
        i++;
        continue;
      }
      if (!isSpaceLike(c)) {
        push(c, ra[i]!, rp[i]!);
        i++;
        continue;
      }
      let k = i;
      let newline = false;
      let ideographic = false;
      let first = -1;
      while (k < n && (isSpaceLike(rc[k]!) || isInvisible(rc[k]!))) {
        const w = rc[k]!;
        if (w === "\n" || w === "\r") newline = true;
        if (w === "\u3000") ideographic = true;
        if (first === -1 && !isInvisible(w)) first = k;
        k++;
      }
      if (chars.length > 0 && k < n) {
        if (newline && this.options.breakBeforeMarkers && BLOCK_START.test(rc.slice(k, k + 12).join(""))) {
          flush();
        } else if (ideographic) {
          for (let j = i; j < k; j++) if (rc[j] === "\u3000") push(rc[j]!, ra[j]!, rp[j]!);
        } else if (!(newline && joinsTight(chars[chars.length - 1], rc[k]))) {
          // One space: a copy when the source has a plain space there, else a character the reader writes.
          if (rc[first] === " " && rp[first]) push(" ", ra[first]!, true);
          else push(" ", ra[first]!, false);
        }
      }
      i = k;
    }
    flush();
  }

  /** Whole lines (ends the current block first). */
  appendLines(lines: readonly Line[]): void {
    this.breakLine();
    for (const line of lines) if (line.text.length > 0) this.lines.push(line);
  }

  /** Ends the current block and returns all lines so far (the builder is then empty). */
  take(): Line[] {
    this.breakLine();
    return this.lines.splice(0, this.lines.length);
  }
}

/** Joins lines with "\n" (each newline standing for the end of the line before it) into text and its map. */
export function joinLines(lines: readonly Line[]): Built {
  const map = new OffsetMap();
  const copied: boolean[] = [];
  const parts: string[] = [];
  let first = true;
  let prevEnd = 0;
  for (const line of lines) {
    if (line.text.length === 0) continue;
    if (!first) {
      parts.push("\n");
      map.addFixed(prevEnd, 1);
      copied.push(false);
    }
    first = false;
    parts.push(line.text);
    let runStart = 0;
    // One map call per run of copied characters or of characters standing for the same offset.
    for (let i = 1; i <= line.text.length; i++) {
      const startCopied = line.copied[runStart]!;
      const continues =
        i < line.text.length &&
        line.copied[i] === startCopied &&
        (startCopied ? line.origins[i] === line.origins[i - 1]! + 1 : line.origins[i] === line.origins[runStart]);
      if (continues) continue;
      if (startCopied) map.add(line.origins[runStart]!, i - runStart);
      else map.addFixed(line.origins[runStart]!, i - runStart);
      runStart = i;
    }
    for (const c of line.copied) copied.push(c);
    prevEnd = lineEnd(line, prevEnd);
  }
  return { text: parts.join(""), map, copied };
}
