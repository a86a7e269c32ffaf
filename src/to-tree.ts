// Builds the task tree from the blocks of a plan's body. The hierarchy is by numbering style, not by position
// (GB/T 9704: 一、 → （一） → 1. → （1） → ①): a heading closes every open heading of its own or a lower
// rank, and a paragraph belongs to the innermost open heading. Numbering anomalies are reported, never fixed.
import { MARKER_SOURCES } from "../grammars/tokens.js";
import type { Block, Inline, Marker } from "./blocks.js";
import { extractDeadlines, isDeadlineOnly } from "./deadlines.js";
import { numberOfMarker } from "./numerals.js";
import { readResponsibility } from "./responsibility.js";
import type { Diagnostic, DiagnosticCode, NodeStyle, PlanNode, Progress, Task } from "./schema.js";
import type { SpanMaker } from "./source-map.js";

export const RANK: Record<Exclude<NodeStyle, "implicit">, number> = {
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

export interface TreeContext {
  text: string;
  spans: SpanMaker;
  year: number | null;
  places: readonly string[];
  diagnostics: Diagnostic[];
}

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
// After a full stop, or after the bracket that closes the last task: `…（区食安办）完成时限：2021年底。`
const INLINE_PROGRESS = new RegExp(`[。；;）)][\\s\\u3000]*(${MARKER_SOURCES.progressLabel})`, "g");
const OWNER_LABEL = "(?:责任单位|责任部门|主要责任单位|牵头单位|配合单位|牵头部门|配合部门|协办单位)[：:]";
// `责任单位：…` as a line of its own, or after a full stop in a line, names the owners of what came before.
const LABEL_LINE = new RegExp(`^${OWNER_LABEL}`);
const INLINE_LABEL = new RegExp(`[。；;][\\s\\u3000]*(${OWNER_LABEL})`, "g");
const ROLE_HINT = /牵头|配合|负责|责任单位|责任部门|协调/;

function report(ctx: TreeContext, severity: Diagnostic["severity"], code: DiagnosticCode, message: string, start: number, end: number): void {
  ctx.diagnostics.push({ severity, code, message, span: ctx.spans.span(start, end) });
}

/** Inline tokens of `inlines` clipped to [from, to). */
function clip(inlines: readonly Inline[], from: number, to: number): Inline[] {
  const out: Inline[] = [];
  for (const t of inlines) {
    if (t.end <= from || t.start >= to) continue;
    out.push({ kind: t.kind, start: Math.max(t.start, from), end: Math.min(t.end, to) });
  }
  return out;
}

/** A marker written at `offset` of the text, if any. */
function markerAt(text: string, offset: number): Marker | null {
  for (const [style, re] of STYLE_PATTERNS) {
    re.lastIndex = offset;
    const m = re.exec(text);
    if (m) return { style, number: numberOfMarker(m[0]), image: m[0], start: offset, end: offset + m[0].length };
  }
  return null;
}

export function buildTree(blocks: readonly Block[], implicit: ImplicitHeading | null, ctx: TreeContext): PlanNode[] {
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

  if (implicit) {
    open({
      style: "implicit",
      level: implicit.level,
      marker: "",
      number: null,
      implicit,
      content: [],
      progress: [],
      children: [],
      start: implicit.start,
      end: implicit.end,
    });
    report(ctx, "warning", "implicit-heading", `a heading without a numbering marker; read as section 1 of level ${implicit.level}`, implicit.start, implicit.end);
  }

  const openHeading = (block: Block): void => {
    const marker = block.marker!;
    const level = RANK[marker.style];
    while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
    const parent = stack[stack.length - 1];
    const siblings = parent ? parent.children : roots;
    // An implicit heading stands in for the number of its position (seed 000: the unmarked section is 一).
    const implicitFirst = siblings[0]?.style === "implicit" && siblings[0].level === level ? siblings[0] : undefined;
    const previous = lastChildOfStyle.get(siblings)?.get(marker.style) ?? implicitFirst;
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

  // A heading glued to the end of a line (`…（区市场监管局）。（九）深化…`) starts a node only when it is the next
  // number of its style: anything else after a full stop is just a number in a sentence.
  const splitGlued = (block: Block): Block[] => {
    for (const t of block.inlines) {
      if (t.kind !== "stop") continue;
      let p = t.end;
      while (p < block.end && /[\s\u3000]/.test(ctx.text[p]!)) p++;
      if (p >= block.end) continue;
      const marker = markerAt(ctx.text, p);
      if (!marker) continue;
      // The block's own marker is not counted yet; a first `1.` mid-line is never a heading.
      const last = block.marker?.style === marker.style ? block.marker.number : lastOfStyle.get(marker.style);
      if (last === undefined || marker.number !== last + 1) continue;
      report(ctx, "warning", "glued-heading", `heading ${marker.image} starts in the middle of a line; read as a new item`, marker.start, marker.end);
      const first: Block = { ...block, end: t.end, inlines: clip(block.inlines, block.start, t.end) };
      const second: Block = {
        kind: "heading",
        marker,
        start: marker.start,
        end: block.end,
        contentStart: marker.end,
        inlines: clip(block.inlines, marker.end, block.end),
      };
      return [first, second];
    }
    return [block];
  };

  for (const block of blocks) {
    let current: Block | undefined = block;
    while (current) {
      if (current.kind === "progress") {
        handle(current);
        break;
      }
      const [first, glued] = splitGlued(current);
      handle(first!);
      current = glued;
    }
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
  return roots.map((d, i) => finish(d, String(i + 1), ctx));
}

function finish(d: Draft, id: string, ctx: TreeContext): PlanNode {
  const { text } = ctx;
  const progressPieces: { start: number; end: number; labelStart: number }[] = d.progress.map((b) => ({
    start: b.contentStart,
    end: b.end,
    labelStart: b.start,
  }));

  // A progress label after a full stop inside a line (`…。完成时限：6月底前`) starts the progress clause there;
  // an owner label likewise starts the owners of the sentences before it (`…。牵头单位：区市场监管局`).
  type Part = { block: Block; label: false } | { start: number; end: number; label: true };
  const parts: Part[] = [];
  for (const whole of d.content) {
    let b = whole;
    const m = firstAtDepthZero(INLINE_PROGRESS, b, text);
    if (m) {
      const labelStart = b.contentStart + m.index + m[0].length - m[1]!.length;
      const cut = b.contentStart + m.index + 1;
      progressPieces.push({ start: labelStart + m[1]!.length, end: b.end, labelStart });
      b = { ...b, end: cut, inlines: clip(b.inlines, b.start, cut) };
    }
    const line = text.slice(b.contentStart, b.end);
    if (b.kind === "paragraph" && LABEL_LINE.test(line) && !b.inlines.some((t) => t.kind === "open")) {
      parts.push({ start: b.contentStart, end: b.end, label: true });
      continue;
    }
    const l = firstAtDepthZero(INLINE_LABEL, b, text);
    if (l) {
      const cut = b.contentStart + l.index + 1;
      parts.push({ block: { ...b, end: cut, inlines: clip(b.inlines, b.start, cut) }, label: false });
      parts.push({ start: b.contentStart + l.index + l[0].length - l[1]!.length, end: b.end, label: true });
      continue;
    }
    parts.push({ block: b, label: false });
  }
  const content = parts.flatMap((p) => (p.label ? [] : [p.block]));

  const progressStarts = progressPieces.map((p) => p.labelStart).sort((x, y) => x - y);
  /** Whether a progress clause starts in [from, to): a binary search, since a node may hold thousands. */
  const progressBetween = (from: number, to: number): boolean => {
    let lo = 0;
    let hi = progressStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (progressStarts[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < progressStarts.length && progressStarts[lo]! < to;
  };
  const tasks: Task[] = [];
  const bracketEnds = new Map<number, number>(); // end of a task's bracket → its start
  const inlineDeadlines: { start: number; end: number; inner: string }[] = [];
  let pending = content[0]?.contentStart ?? d.start;
  const addTask = (inner: string, taskEnd: number, bracketStart: number, owners = inner): boolean => {
    const reading = readResponsibility(owners, { places: ctx.places });
    if (!reading) return false;
    const covered = text.slice(pending, bracketStart).replace(/^[\s\u3000。；;，,]+/, "").trim();
    tasks.push({
      id: `${id}#${tasks.length + 1}`,
      text: covered,
      lead: reading.lead,
      responsible: reading.responsible,
      support: reading.support,
      guide: reading.guide,
      raw: inner,
      span: ctx.spans.span(pending, taskEnd),
    });
    for (const role of reading.unknownRoles) {
      report(ctx, "warning", "unknown-role", `unknown role word ${role} in （${inner}）; its parties are listed as responsible`, bracketStart, taskEnd);
    }
    bracketEnds.set(taskEnd, bracketStart);
    pending = taskEnd;
    return true;
  };

  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.label) {
      // 牵头单位：… then 配合单位：… on the next line are one reading.
      let end = part.end;
      const clauses = [text.slice(part.start, part.end)];
      while (parts[i + 1]?.label) {
        const next = parts[++i] as { start: number; end: number };
        clauses.push(text.slice(next.start, next.end));
        end = next.end;
      }
      // `牵头单位：…。配合单位：…。` separates its labelled clauses with full stops.
      const written = text.slice(part.start, end).replace(/[。；;\s\u3000]+$/, "");
      addTask(written, end, part.start, clauses.map((c) => c.replace(/[。；;\s\u3000]+$/, "").replace(/。/g, "；")).join("；"));
      continue;
    }
    const b = part.block;
    // A progress clause between the last task and this line is not part of the next task's text.
    if (progressBetween(pending, b.start)) pending = b.contentStart;
    const opens: number[] = [];
    for (const t of b.inlines) {
      if (t.kind === "open") opens.push(t.start);
      else if (t.kind === "close") {
        const o = opens.pop();
        if (o === undefined) {
          report(ctx, "warning", "unmatched-bracket", "a closing bracket without an opening one", t.start, t.end);
          continue;
        }
        if (opens.length > 0) continue;
        const inner = text.slice(o + 1, t.start);
        if (isDeadlineOnly(inner)) {
          inlineDeadlines.push({ start: o, end: t.end, inner });
          continue;
        }
        // `（区市场监管局牵头；完成时限：6月底前）`: owners and a deadline in one bracket.
        const split = splitOwnersAndDeadline(inner);
        if (split && addTask(inner, t.end, o, split.owners)) {
          inlineDeadlines.push({ start: o, end: t.end, inner: split.deadline });
          continue;
        }
        if (!addTask(inner, t.end, o) && ROLE_HINT.test(inner) && inner.length <= 200 && !/[。]/.test(inner)) {
          report(ctx, "warning", "unreadable-bracket", `a bracket that names roles but could not be read: （${inner}）`, o, t.end);
        }
      }
    }
    if (opens.length > 0) {
      const o = opens[0]!;
      report(ctx, "warning", "unclosed-bracket", "a bracket opened here is not closed on its line", o, o + 1);
    }
  }

  let progress: Progress | null = null;
  const pieces = [
    ...progressPieces.map((p) => ({ text: text.slice(p.start, p.end).trim(), spanStart: p.labelStart, spanEnd: p.end })),
    ...inlineDeadlines.map((p) => ({ text: p.inner, spanStart: p.start, spanEnd: p.end })),
  ].sort((a, b) => a.spanStart - b.spanStart);
  if (pieces.length > 0) {
    const joined = pieces.map((p) => p.text).join("\n");
    progress = {
      text: joined,
      deadlines: pieces.flatMap((p) => extractDeadlines(p.text, ctx.year)),
      span: ctx.spans.span(pieces[0]!.spanStart, pieces[pieces.length - 1]!.spanEnd),
    };
  }

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

const DEADLINE_LABEL_IN_BRACKET = new RegExp(`[，；,;][\\s\\u3000]*${MARKER_SOURCES.progressLabel}`);

/** Owners and deadline of a bracket that holds both, or null when it does not: the deadline is a labelled
 * clause (`；完成时限：6月底前`) or the trailing clauses that are only deadlines (`，2021年6月底前完成`). */
export function splitOwnersAndDeadline(inner: string): { owners: string; deadline: string } | null {
  const labelled = DEADLINE_LABEL_IN_BRACKET.exec(inner);
  if (labelled) {
    const rest = inner.slice(labelled.index + labelled[0].length);
    return { owners: inner.slice(0, labelled.index), deadline: rest.replace(/^.*?[：:]/, "") || rest };
  }
  let cut = inner.length;
  for (;;) {
    const before = Math.max(inner.lastIndexOf("，", cut - 1), inner.lastIndexOf(",", cut - 1), inner.lastIndexOf("；", cut - 1), inner.lastIndexOf(";", cut - 1));
    if (before <= 0 || !isDeadlineOnly(inner.slice(before + 1, cut).trim())) break;
    cut = before;
  }
  if (cut === inner.length) return null;
  return { owners: inner.slice(0, cut), deadline: inner.slice(cut + 1).trim() };
}

/** The first match of a global `re` in the block's content that is not inside a bracket. */
function firstAtDepthZero(re: RegExp, b: Block, text: string): RegExpExecArray | null {
  const line = text.slice(b.contentStart, b.end);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const at = b.contentStart + m.index;
    let depth = 0;
    for (const t of b.inlines) {
      if (t.start > at) break; // the matched punctuation itself counts: `（区食安办）完成时限：`
      if (t.kind === "open") depth++;
      else if (t.kind === "close") depth = Math.max(0, depth - 1);
    }
    if (depth === 0) return m;
  }
  return null;
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
