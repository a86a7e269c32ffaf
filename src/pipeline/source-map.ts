// Spans in the output point into the decoded original text, but the grammar runs on normalized text
// (reflowed, artifacts removed). Normalization only drops or replaces characters one for one, so the map
// is a sorted list of runs: run i copies original[origStart[i] …] to normalized[normStart[i] …].
import type { Span } from "../schema.js";

/** Index of the last element of an ascending array that is ≤ value (0 when none is). */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Position {
  line: number;
  column: number;
  offset: number;
}

export class OffsetMap {
  private readonly normStarts: number[] = [];
  private readonly origStarts: number[] = [];
  /** Runs whose characters all stand for one original offset (text an input reader wrote, like a table's brackets). */
  private readonly fixed: boolean[] = [];
  private normLength = 0;

  /** Record that the next `length` normalized characters copy the original from `origStart`. */
  add(origStart: number, length: number): void {
    if (length <= 0) return;
    const last = this.normStarts.length - 1;
    // Extend the previous run when contiguous, so a clean document is one run.
    if (last >= 0 && !this.fixed[last] && this.origStarts[last]! + (this.normLength - this.normStarts[last]!) === origStart) {
      this.normLength += length;
      return;
    }
    this.normStarts.push(this.normLength);
    this.origStarts.push(origStart);
    this.fixed.push(false);
    this.normLength += length;
  }

  /** Record `length` characters that are not in the original, all standing for the original offset `at`. */
  addFixed(at: number, length: number): void {
    if (length <= 0) return;
    this.normStarts.push(this.normLength);
    this.origStarts.push(at);
    this.fixed.push(true);
    this.normLength += length;
  }

  get length(): number {
    return this.normLength;
  }

  /** Original offset of the normalized character at `offset` (clamped to the text). */
  toOriginal(offset: number): number {
    const starts = this.normStarts;
    if (starts.length === 0) return 0;
    if (offset >= this.normLength) {
      const last = starts.length - 1;
      return this.origStarts[last]! + (this.fixed[last] ? 1 : this.normLength - starts[last]!);
    }
    const run = lastAtOrBefore(starts, offset);
    return this.origStarts[run]! + (this.fixed[run] ? 0 : offset - starts[run]!);
  }
}

/** Line and column of offsets in the original text; CRLF, CR and LF all end a line. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
  }

  position(offset: number): Position {
    const line = lastAtOrBefore(this.lineStarts, offset);
    return { line: line + 1, column: offset - this.lineStarts[line]! + 1, offset };
  }
}

/** Turns normalized [start, end) ranges into spans over the original text. */
export class SpanMaker {
  constructor(
    /** Normalized offset → offset in the text that lines index. */
    private readonly toOriginal: (offset: number) => number,
    private readonly lines: LineIndex,
  ) {}

  span(normStart: number, normEnd: number): Span {
    const start = this.toOriginal(normStart);
    const end = normEnd > normStart ? Math.max(start, this.toOriginal(normEnd - 1) + 1) : start;
    return { start: this.lines.position(start), end: this.lines.position(end) };
  }
}
