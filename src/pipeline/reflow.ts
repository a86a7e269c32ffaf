// Text extracted from a PDF keeps the PDF's visual lines: every line is cut at the right margin, often with a
// blank line after it. Those cuts fall mid-word and mid-bracket, so they must be undone before parsing.
// A cut line is recognisable by its width: it reaches the margin. A line that ends short of the margin ends
// a paragraph.

/** Display width: CJK and full-width characters take two columns, the rest one. */
export function displayWidth(text: string, start = 0, end = text.length): number {
  // Two columns for every code unit from U+1100 on, one for the rest: twice the length less the narrow ones,
  // counted by the regex engine rather than a loop the interpreter runs for every character of a cold start.
  const narrow = text.slice(start, end).replace(WIDE, "").length;
  return 2 * (end - start) - narrow;
}
const WIDE = /[\u1100-\uffff]+/g;

export interface LineShape {
  width: number;
}

export interface PdfLayout {
  /** The most common width of long lines: the right margin. */
  margin: number;
}

const MIN_LINES = 12;
const MIN_MARGIN = 30;
const NEAR_MARGIN = 6;

/** Decides from line widths alone whether the text has a PDF's hard-wrapped lines. */
export function detectPdfLayout(lines: readonly LineShape[]): PdfLayout | null {
  if (lines.length < MIN_LINES) return null;
  const counts = new Map<number, number>();
  for (const { width } of lines) if (width >= MIN_MARGIN) counts.set(width, (counts.get(width) ?? 0) + 1);
  let margin = 0;
  let best = 0;
  for (const [width, n] of counts) {
    if (n > best || (n === best && width > margin)) {
      margin = width;
      best = n;
    }
  }
  if (margin === 0) return null;
  let near = 0;
  let longer = 0;
  for (const { width } of lines) {
    if (Math.abs(width - margin) <= NEAR_MARGIN) near++;
    else if (width > margin + NEAR_MARGIN) longer++;
  }
  // Word-processor text has paragraphs of every length, so no width dominates; a PDF's lines pile up at
  // the margin and almost none run past it.
  if (near < lines.length * 0.35 || longer > lines.length * 0.05) return null;
  return { margin };
}

/** True when a line of this width was cut at the margin, so the next line continues it. */
export function reachesMargin(width: number, layout: PdfLayout): boolean {
  return width >= layout.margin - NEAR_MARGIN;
}
