// Builds the task tree from the blocks of a plan's body. The hierarchy is by numbering style, not by position
// (GB/T 9704: 一、 → （一） → 1. → （1） → ①): a heading closes every open heading of its own or a lower
// rank, and a paragraph belongs to the innermost open heading. Numbering anomalies are reported, never fixed.
import { MARKER_SOURCES } from "../../grammars/tokens.js";
import type { Block, Inline, Marker } from "./blocks.js";
import { ATTACHMENT_LINE, type TableAttachment } from "./attachments.js";
import { readAttributions, type AttributionContext } from "./attributions.js";
import { tableNode } from "./table-node.js";
import { numberOfMarker } from "./numerals.js";
import type { Diagnostic, DiagnosticCode, NodeStyle, PlanNode } from "../schema.js";

export const RANK: Record<Exclude<NodeStyle, "implicit" | "table-row">, number> = {
  chinese: 1,
  "chinese-paren": 2,
  arabic: 3,
  "arabic-paren": 4,
  circled: 5,
};

export interface ImplicitHeading {
  title: string;
  start: number;
  end: number;
  level: number;
}

/** What building the tree needs is what reading its attributions needs: the text, spans, year, places,
 *  diagnostics and the document's conventions. */
export type TreeContext = AttributionContext;

interface Draft {
  style: NodeStyle;
  level: number;
  marker: string;
  number: number | null;
  implicit: ImplicitHeading | null;
  content: Block[];
  progress: Block[];
  children: Draft[];
  start: number;
  end: number;
}

const STYLE_PATTERNS: [Marker["style"], RegExp][] = [
  ["chinese", new RegExp(MARKER_SOURCES.chinese, "y")],
  ["chinese-paren", new RegExp(MARKER_SOURCES.chineseParen, "y")],
  ["arabic-paren", new RegExp(MARKER_SOURCES.arabicParen, "y")],
  ["arabic", new RegExp(MARKER_SOURCES.arabic, "y")],
  ["circled", new RegExp(MARKER_SOURCES.circled, "y")],
];
function report(ctx: TreeContext, severity: Diagnostic["severity"], code: DiagnosticCode, message: string, start: number, end: number): void {
  ctx.diagnostics.push({ severity, code, message, span: ctx.spans.span(start, end) });
}

/** A marker written at `offset` of the text, if any. */
export function markerAt(text: string, offset: number): Marker | null {
  for (const [style, re] of STYLE_PATTERNS) {
    re.lastIndex = offset;
    const m = re.exec(text);
    if (m) return { style, number: numberOfMarker(m[0]), image: m[0], start: offset, end: offset + m[0].length };
  }
  return null;
}

export function buildTree(
  blocks: readonly Block[],
  implicit: ImplicitHeading | null,
  ctx: TreeContext,
  tables: readonly TableAttachment[] = [],
): PlanNode[] {
  const roots: Draft[] = [];
  const stack: Draft[] = [];
  const lastOfStyle = new Map<NodeStyle, number>();

  // The last child of each style under each parent: checking a number must not scan its siblings (a plan with
  // 100,000 items would take quadratic time).
  const lastChildOfStyle = new Map<Draft[], Map<NodeStyle, Draft>>();
  const open = (draft: Draft): void => {
    while (stack.length > 0 && stack[stack.length - 1]!.level >= draft.level) stack.pop();
    const parent = stack[stack.length - 1];
    const siblings = parent ? parent.children : roots;
    siblings.push(draft);
    let last = lastChildOfStyle.get(siblings);
    if (!last) lastChildOfStyle.set(siblings, (last = new Map()));
    last.set(draft.style, draft);
    stack.push(draft);
  };
  const draftOf = (style: NodeStyle, level: number, implicitHeading: ImplicitHeading | null, start: number, end: number): Draft => ({
    style,
    level,
    marker: "",
    number: null,
    implicit: implicitHeading,
    content: [],
    progress: [],
    children: [],
    start,
    end,
  });

  if (implicit) {
    open(draftOf("implicit", implicit.level, implicit, implicit.start, implicit.end));
    report(ctx, "warning", "implicit-heading", `a heading without a numbering marker; read as section 1 of level ${implicit.level}`, implicit.start, implicit.end);
  }

  /** The rank numbering starts at: the style of the first heading at the top. */
  let topStyle: Marker["style"] | null = null;

  /** The previous heading of `style` where a heading of that style would be placed now, if any. */
  const previousOf = (style: Marker["style"]): Draft | undefined => {
    const level = RANK[style];
    let k = stack.length;
    while (k > 0 && stack[k - 1]!.level >= level) k--;
    const parent = k > 0 ? stack[k - 1] : undefined;
    const siblings = parent ? parent.children : roots;
    // An implicit heading stands in for the number of its position (seed 000: the unmarked section is 一).
    const implicitFirst = siblings[0]?.style === "implicit" && siblings[0].level === level ? siblings[0] : undefined;
    return lastChildOfStyle.get(siblings)?.get(style) ?? implicitFirst;
  };

  /** A numbering that starts again at the top (`一、` after `四、`): an attachment or a second plan. It becomes an
   *  implicit top-level node, titled with the short lines before it (`附件`, the attachment's title). */
  const openRestart = (block: Block): void => {
    const leaf = stack[stack.length - 1];
    const taken: Block[] = [];
    if (leaf) {
      while (leaf.content.length > 1) {
        const last = leaf.content[leaf.content.length - 1]!;
        const line = ctx.text.slice(last.contentStart, last.end).trim();
        if (last.kind !== "paragraph" || line.length > 60 || /[。；;]/.test(line)) break;
        taken.unshift(leaf.content.pop()!);
      }
    }
    const lines = taken.map((b) => ctx.text.slice(b.contentStart, b.end).trim());
    const titled = lines.filter((l) => !ATTACHMENT_LINE.test(l));
    const title = titled[titled.length - 1] ?? lines[lines.length - 1] ?? "";
    const start = taken[0]?.start ?? block.start;
    stack.length = 0;
    open(draftOf("implicit", 0, { title, start, end: taken[taken.length - 1]?.end ?? block.start, level: 0 }, start, block.end));
    lastOfStyle.clear();
    report(ctx, "info", "implicit-heading", `numbering starts again at ${block.marker!.image}: read as a part of its own${title ? ` (${title})` : ""}`, block.marker!.start, block.marker!.end);
  };

  const openHeading = (block: Block): void => {
    const marker = block.marker!;
    const level = RANK[marker.style];
    topStyle ??= marker.style;
    if (marker.style === topStyle && marker.number === 1 && roots.some((r) => r.style === topStyle || r.level === 0)) {
      const top = previousOf(marker.style);
      if (top && top.number !== null && top.number >= 2) openRestart(block);
    }
    const previous = previousOf(marker.style);
    const previousNumber = previous ? (previous.number ?? 1) : undefined;
    const last = lastOfStyle.get(marker.style);
    if (previousNumber === marker.number) {
      report(ctx, "warning", "duplicate-number", `duplicate number ${marker.image}: the item before it has the same number`, marker.start, marker.end);
    } else if (previousNumber !== undefined ? marker.number !== previousNumber + 1 : marker.number !== 1 && marker.number !== (last ?? 0) + 1) {
      const expected = previousNumber !== undefined ? previousNumber + 1 : 1;
      report(ctx, "warning", "unexpected-number", `${marker.image} where number ${expected} was expected`, marker.start, marker.end);
    }
    lastOfStyle.set(marker.style, marker.number);
    open({
      style: marker.style,
      level,
      marker: marker.image,
      number: marker.number,
      implicit: null,
      content: [block],
      progress: [],
      children: [],
      start: block.start,
      end: block.end,
    });
  };

  /** Whether a marker found inside a line is the number expected next at its level, given that the line's own
   *  heading (`current`, not yet opened) comes first. */
  const isExpected = (marker: Marker, current: Marker | null): boolean => {
    const rank = RANK[marker.style];
    if (current) {
      if (current.style === marker.style) return marker.number === current.number + 1;
      if (rank > RANK[current.style]) return marker.number === 1 || marker.number === (lastOfStyle.get(marker.style) ?? -1) + 1;
    }
    const previous = previousOf(marker.style);
    if (previous) return marker.number === (previous.number ?? 1) + 1;
    const top = stack[stack.length - 1];
    if (top && rank <= top.level) return false;
    return marker.number === 1 || marker.number === (lastOfStyle.get(marker.style) ?? -1) + 1;
  };

  // Every colon and semicolon of the text, found once; blocks and their tokens come in text order, so one cursor
  // walks them (a search per token would rescan the text up to the next colon each time).
  const colons: number[] = [];
  for (let m = COLON.exec(ctx.text); m !== null; m = COLON.exec(ctx.text)) colons.push(m.index);
  COLON.lastIndex = 0;
  let ci = 0;

  // A heading glued into a line (`…（区市场监管局）。（九）深化…`, `…负责）2．全面推行…`, `具体措施：1．…`,
  // `一、…精准性（一）研究…`) starts a node only when it is the next number of its level: anything else is a
  // number in a sentence. One pass over the line's tokens, whatever the number of headings in it.
  const splitAndHandle = (block: Block): void => {
    const toks = block.inlines;
    let segKind: Block["kind"] = block.kind;
    let segMarker: Marker | null = block.marker;
    let segStart = block.start;
    let segContent = block.contentStart;
    let segTok = 0;
    let head: Inline | null = null; // the first token of the segment when a split cut it
    let depth = 0;
    let stopInSeg = false;

    const cut = (i: number, at: number, marker: Marker): void => {
      const tokens: Inline[] = head ? [head] : [];
      for (let k = head ? segTok + 1 : segTok; k < i; k++) tokens.push(toks[k]!);
      const t = toks[i];
      if (t && t.start < at) tokens.push({ kind: t.kind, start: t.start, end: at });
      let end = at;
      while (end > segContent && /[\s\u3000]/.test(ctx.text[end - 1]!)) end--;
      handle({ kind: segKind, marker: segMarker, start: segStart, end, contentStart: segContent, inlines: tokens.filter((x) => x.start < end).map((x) => (x.end > end ? { ...x, end } : x)) });
      report(ctx, "warning", "glued-heading", `heading ${marker.image} starts in the middle of a line; read as a new item`, marker.start, marker.end);
      segKind = "heading";
      segMarker = marker;
      segStart = marker.start;
      segContent = marker.end;
      stopInSeg = false;
      depth = 0;
    };
    /** Continues scanning after a marker that ends at `end`: the index of the first token that reaches past it. */
    const resume = (from: number, end: number): number => {
      let k = from;
      while (k < toks.length && toks[k]!.end <= end) k++;
      const t = toks[k];
      segTok = k;
      head = t && t.start < end ? { kind: t.kind, start: end, end: t.end } : null;
      return k;
    };
    const tryAt = (i: number, at: number, headingTitle: boolean): boolean => {
      let p = at;
      while (p < block.end && /[\s\u3000]/.test(ctx.text[p]!)) p++;
      if (p >= block.end) return false;
      const marker = markerAt(ctx.text, p);
      if (!marker || marker.end >= block.end) return false;
      if (headingTitle && (marker.style !== "chinese-paren" && marker.style !== "arabic-paren")) return false;
      if (headingTitle && !(segMarker && RANK[marker.style] > RANK[segMarker.style])) return false;
      if (!isExpected(marker, segKind === "heading" ? segMarker : null)) return false;
      cut(i, p, marker);
      return true;
    };

    let i = 0;
    while (i < toks.length) {
      const t: Inline = i === segTok && head ? head : toks[i]!;
      const prev = i > segTok ? toks[i - 1]! : null;
      if (depth === 0 && prev) {
        const afterBoundary = prev.kind === "stop" || prev.kind === "close";
        const headingTitle = t.kind === "open" && !afterBoundary && segKind === "heading" && !stopInSeg;
        if ((afterBoundary && (t.kind === "text" || t.kind === "open")) || headingTitle) {
          if (tryAt(i, t.start, headingTitle)) {
            i = resume(i, segContent);
            continue;
          }
        }
      }
      if (t.kind === "text" && depth === 0) {
        // `具体措施：1．…`: a colon or semicolon inside the text.
        let found = false;
        while (ci < colons.length && colons[ci]! < t.start) ci++;
        for (; ci < colons.length && colons[ci]! < t.end; ci++) {
          if (tryAt(i, colons[ci]! + 1, false)) {
            found = true;
            ci++;
            break;
          }
        }
        if (found) {
          i = resume(i, segContent);
          continue;
        }
      }
      if (t.kind === "open") depth++;
      else if (t.kind === "close") depth = Math.max(0, depth - 1);
      else if (t.kind === "stop" && depth === 0) stopInSeg = true;
      i++;
    }
    const tokens: Inline[] = head ? [head] : [];
    for (let k = head ? segTok + 1 : segTok; k < toks.length; k++) tokens.push(toks[k]!);
    handle({ kind: segKind, marker: segMarker, start: segStart, end: block.end, contentStart: segContent, inlines: tokens });
  };

  for (const block of blocks) {
    if (block.kind === "progress") handle(block);
    else splitAndHandle(block);
  }

  function handle(block: Block): void {
    if (block.kind === "heading") {
      openHeading(block);
      return;
    }
    const top = stack[stack.length - 1];
    if (!top) return;
    if (block.kind === "progress") top.progress.push(block);
    else top.content.push(block);
    for (const d of stack) d.end = Math.max(d.end, block.end);
  }

  // Spans of headings reach to the end of their last descendant.
  const close = (d: Draft): number => {
    for (const c of d.children) d.end = Math.max(d.end, close(c));
    return d.end;
  };
  roots.forEach(close);
  // Task tables of attachments take their place among the top-level nodes in document order.
  const placed: (Draft | TableAttachment)[] = [...roots];
  for (const t of tables) {
    let at = placed.length;
    while (at > 0 && placed[at - 1]!.start > t.start) at--;
    placed.splice(at, 0, t);
  }
  return placed.map((d, i) => ("table" in d ? tableNode(d, String(i + 1), ctx) : finish(d, String(i + 1), ctx)));
}

/** A colon or semicolon, after which a glued heading may start. */
const COLON = /[：:；;]/g;


function finish(d: Draft, id: string, ctx: TreeContext): PlanNode {
  const { text } = ctx;
  const { content, tasks, progress, bracketEnds } = readAttributions(d, id, ctx);

  const ownText = content
    .map((b) => text.slice(b.contentStart, b.end).trim())
    .filter((t) => t.length > 0)
    .join("\n");
  let title: string;
  if (d.implicit) title = d.implicit.title;
  else {
    const head = content[0];
    const stop = head ? firstStopAtDepthZero(head) : undefined;
    let end = head ? (stop ?? head.end) : 0;
    while (end > 0 && /[\s\u3000]/.test(text[end - 1]!)) end--;
    // `推广国家农产品质量安全县创建工作（区农业农村局）。`: the owners are in the task, not in the title.
    end = bracketEnds.get(end) ?? end;
    title = head ? text.slice(head.contentStart, end).trim() : "";
  }

  return {
    id,
    level: d.level,
    style: d.style,
    marker: d.marker,
    number: d.number,
    title,
    text: d.implicit ? d.implicit.title : ownText,
    tasks,
    progress,
    children: d.children.map((c, i) => finish(c, `${id}.${i + 1}`, ctx)),
    span: ctx.spans.span(d.start, d.end),
  };
}

function firstStopAtDepthZero(b: Block): number | undefined {
  let depth = 0;
  for (const t of b.inlines) {
    if (t.kind === "open") depth++;
    else if (t.kind === "close") depth = Math.max(0, depth - 1);
    else if (t.kind === "stop" && depth === 0) return t.start;
  }
  return undefined;
}
