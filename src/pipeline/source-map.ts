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
    // Line ends found with indexOf, not character by character: at a cold start this runs in the interpreter,
    // where a loop over every character of a plan costs about a millisecond.
    let lf = text.indexOf("\n");
    let cr = text.indexOf("\r");
    while (lf !== -1 || cr !== -1) {
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        const crlf = lf === cr + 1;
        const next = crlf ? cr + 2 : cr + 1;
        this.lineStarts.push(next);
        if (crlf) lf = text.indexOf("\n", next);
        cr = text.indexOf("\r", next);
      } else {
        this.lineStarts.push(lf + 1);
        lf = text.indexOf("\n", lf + 1);
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
