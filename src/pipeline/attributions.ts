// Who does the work of a node: finding its attributions (responsibility brackets, `责任单位：` label lines, labels
// after a full stop), reading each with the bracket grammar (src/pipeline/responsibility.ts), splitting off the deadline a
// bracket may carry, and applying what the document said once for every later bracket (`列第一位者为牵头单位，下同`).
// A bracket or label that looks like an attribution but cannot be read is reported at its span, never dropped.
import { MARKER_SOURCES } from "../../grammars/tokens.js";
import {
  GUIDE_LABELS,
  LEAD_LABELS,
  LEADER_LABELS,
  RESPONSIBLE_LABELS,
  SUPPORT_LABELS,
  labelWordAt,
  vocabularyIn,
} from "../../grammars/responsibility.js";
import type { Block, Inline } from "./blocks.js";
import { extractDeadlines, isDeadlineOnly, taskDeadlines } from "./deadlines.js";
import { readResponsibility, type ResponsibilityReading } from "./responsibility.js";
import type { Convention, Deadline, Diagnostic, DiagnosticCode, Progress, Span, Task } from "../schema.js";
import type { SpanMaker } from "./source-map.js";

/** What the document has said so far that holds for every later bracket. Mutated in document order. */
export interface ConventionState {
  firstListedLeads: boolean;
  /** `（以下各项任务均需各区政府落实，不再列出）`: parties added to every later task as responsible. */
  impliedResponsible: string[];
  stated: Convention[];
}

export interface AttributionContext {
  text: string;
  spans: SpanMaker;
  year: number | null;
  places: readonly string[];
  diagnostics: Diagnostic[];
  conventions: ConventionState;
}

export interface NodeAttributions {
  /** The node's content blocks without owner-label parts and inline progress clauses. */
  content: Block[];
  tasks: Task[];
  progress: Progress | null;
  /** End of a task's bracket → its start (a heading's title drops a trailing owners' bracket). */
  bracketEnds: Map<number, number>;
}

export function newConventions(): ConventionState {
  return { firstListedLeads: false, impliedResponsible: [], stated: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary built from the grammar's word lists, so a new role word or label is one entry there.

const escape = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
const alternation = (words: readonly string[]): string => [...words].sort((a, b) => b.length - a.length).map(escape).join("|");

const OWNER_LABEL_WORDS = [...RESPONSIBLE_LABELS, ...LEAD_LABELS, ...SUPPORT_LABELS, ...GUIDE_LABELS, ...LEADER_LABELS];
const OWNER_LABEL = `(?:${alternation(OWNER_LABEL_WORDS)})[ \\t\\u3000]*[：:]`;
/** `责任单位：…` as a line of its own names the owners of what came before. */
const LABEL_LINE = new RegExp(`^${OWNER_LABEL}`);
const LABEL_AFTER_STOP = new RegExp(`。(?=[\\s\\u3000]*${OWNER_LABEL})`, "g");
/** `…。责任单位：…` after a full stop inside a line likewise. */
const INLINE_LABEL = new RegExp(`[。；;][\\s\\u3000]*(${OWNER_LABEL})`, "g");
/** After a full stop, or after the bracket that closes the last task: `…（区食安办）完成时限：2021年底。` */
const INLINE_PROGRESS = new RegExp(`[。；;）)〕】][\\s\\u3000]*(${MARKER_SOURCES.progressLabel})`, "g");

/** A name an agency ends with: a bracket that ends like this names a party. */
const AGENCY_END = /(?:局|委|办|厅|部|署|院|政府|中心|办事处|街道|公司|集团|银行|单位|部门|海关|小组)$/;
/** Text right before a bracket that is the end of a party name: `市水务集团（市供水公司）` is an alias, not owners. */
const AGENCY_BEFORE = /(?:局|委|办|厅|部|署|政府|中心|公司|集团|银行|会|室|所|站|院|校|处|队)$/;
/** What follows an attribution bracket: the end of a sentence or of the line (an alias is followed by more). */
const ENDS_SENTENCE = /^[\s\u3000]*(?:[。；;！？!?]|$)/;
/** `（以下简称区市场监管局）`, `（含区属企业）`, `（包括牵头单位自身）`: a name's short form or scope, not who does the work. */
const NOT_ATTRIBUTION = /^[\s\u3000]*(?:以下简称|以下统称|简称|下称|含|包括|包含|即|原|不含|如)/;
/** A progress wording without a date that a bracket may carry before its owners: `（持续推进，牵头考核单位：…）`. */
const PROGRESS_WORDING = /持续|长期坚持|常态化|逐步推进|分阶段推进|有序推进|按进度|按时间节点|全年|每[年季月周]|取得.{0,4}成效/;
const LABELLED_DEADLINE = new RegExp(`^${MARKER_SOURCES.progressLabel}`);

// Conventions: `列第一位者为牵头部门，下同`, `排在第一位的为牵头单位`, `（以下各项任务均需各区政府落实，不再列出）`.
const FIRST_LISTED = /(?:[列排]在?|位居|居)(?:第一位|首位)(?:的|者)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)?(?:[，,；;][\s\u3000]*下同)?/;
const SAME_BELOW = /^[\s\u3000]*下同[\s\u3000]*$/;
const IMPLIED = /以下(?:各项)?(?:任务|工作)?(?:均|都)?(?:需|须|由|要)?(.{2,80}?)(?:负责)?(?:落实|负责|参与)[，,；;]?[\s\u3000]*不再(?:一一)?列出/;

function report(ctx: AttributionContext, severity: Diagnostic["severity"], code: DiagnosticCode, message: string, start: number, end: number): void {
  ctx.diagnostics.push({ severity, code, message, span: ctx.spans.span(start, end) });
}

/** Does this bracket or label text name a role or an agency-like party (so failing to read it must be said)? */
export function looksLikeAttribution(inner: string): boolean {
  const t = inner.trim();
  if (t.length < 2 || t.length > 200) return false;
  const v = vocabularyIn(t);
  if (/[。]/.test(t) && !v.label) return false;
  if (NOT_ATTRIBUTION.test(t)) return false;
  // A label with its colon, a role word ending a clause: `（部门协同监管平台）` names a system, though 协同 is a role word.
  return v.labelled || v.roleAtEnd || AGENCY_END.test(t.replace(/[等]$/, ""));
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

/** The first match of a global `re` in the block's content that is not inside a bracket. Linear: the bracket depth
 *  is carried forward from match to match, never recounted from the line's start. */
function firstAtDepthZero(re: RegExp, b: Block, text: string): RegExpExecArray | null {
  const line = text.slice(b.contentStart, b.end);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  let ti = 0;
  let depth = 0;
  while ((m = re.exec(line)) !== null) {
    const at = b.contentStart + m.index;
    // The matched punctuation itself counts: `（区食安办）完成时限：`.
    while (ti < b.inlines.length && b.inlines[ti]!.start <= at) {
      const t = b.inlines[ti]!;
      if (t.kind === "open") depth++;
      else if (t.kind === "close") depth = Math.max(0, depth - 1);
      ti++;
    }
    if (depth === 0) return m;
    if (m[0].length === 0) re.lastIndex++;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Inside one bracket: conventions, deadlines, owners.

interface Clause {
  text: string;
  start: number;
  end: number;
}

/** Clauses of a bracket's inside at nesting depth 0, split on `，` `,` `；` `;`. */
const CLAUSE_CHARS = /[（(〔【〈[）)〕】〉\]，,；;]/g;
const OPENERS = "（(〔【〈[";
const CLOSERS = "）)〕】〉]";

function clausesOf(inner: string): Clause[] {
  const out: Clause[] = [];
  let depth = 0;
  let start = 0;
  CLAUSE_CHARS.lastIndex = 0;
  for (let m = CLAUSE_CHARS.exec(inner); m !== null; m = CLAUSE_CHARS.exec(inner)) {
    const c = m[0];
    const i = m.index;
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      out.push({ text: inner.slice(start, i), start, end: i });
      start = i + 1;
    }
  }
  out.push({ text: inner.slice(start), start, end: inner.length });
  return out;
}

/** A label word within the clause's first characters (after blanks). */
function startsWithLabel(text: string): boolean {
  for (let i = 0; i < Math.min(text.length, 12); i++) if (labelWordAt(text, i)) return true;
  return false;
}

function isDeadlineClause(text: string, beforeLabel: boolean): boolean {
  const t = text.trim();
  if (t.length === 0) return false;
  if (LABELLED_DEADLINE.test(t) || isDeadlineOnly(t)) return true;
  // Before a label the owners are still to come, so any dated or progress wording there is the deadline.
  return beforeLabel && (extractDeadlines(t, null, { bareMonths: true }).length > 0 || PROGRESS_WORDING.test(t)) && !vocabularyIn(t).label;
}

export interface BracketParts {
  owners: string;
  deadline: string | null;
  /** Conventions stated inside the bracket, with their offsets in it. */
  firstListed: Clause | null;
  implied: { clause: Clause; parties: string } | null;
}

/** Splits a bracket's inside into its owners, its deadline clauses (before or after the owners) and any
 *  convention it states. */
export function splitBracket(written: string): BracketParts {
  // `（牵头单位：区水务局。配合单位：区农业农村委）`: a full stop between labelled clauses separates them.
  const inner = written.includes("。") ? written.replace(LABEL_AFTER_STOP, "；").replace(/[。\s\u3000]+$/, "") : written.trimEnd();
  let clauses = clausesOf(inner);
  const clauseCount = clauses.length;
  let firstListed: Clause | null = null;
  let implied: { clause: Clause; parties: string } | null = null;
  const whole = inner.includes("不再") ? IMPLIED.exec(inner) : null;
  if (whole) implied = { clause: { text: whole[0], start: whole.index, end: whole.index + whole[0].length }, parties: whole[1]! };
  clauses = clauses.filter((c, i) => {
    if (c.text.includes("第一") || c.text.includes("首位") ? FIRST_LISTED.test(c.text) : false) {
      firstListed = c;
      return false;
    }
    if (firstListed && SAME_BELOW.test(c.text) && i > 0) return false;
    return true;
  });
  const labelAt = clauses.findIndex((c) => /[：:]/.test(c.text) && startsWithLabel(c.text));
  const deadlines: Clause[] = [];
  // Leading deadline clauses: `（5月底取得阶段性成效并持续推进，牵头考核单位：X）`, `（2021年底前完成，X负责）`.
  while (clauses.length > 1 && isDeadlineClause(clauses[0]!.text, labelAt > 0)) deadlines.push(clauses.shift()!);
  // Trailing ones: `（X牵头，Y配合，2021年6月底前完成）`, `（牵头单位：X；完成时限：6月底前）`.
  const tail: Clause[] = [];
  while (clauses.length > 1 && isDeadlineClause(clauses[clauses.length - 1]!.text, false)) tail.unshift(clauses.pop()!);
  // A labelled deadline in the middle ends the owners there: everything after it is progress too. At the start it
  // is the whole bracket (the leading loop took any before owners): `（责任单位：X）（完成时限：2022年3月底）`.
  const mid = clauses.findIndex((c) => LABELLED_DEADLINE.test(c.text.trim()));
  if (mid >= 0) tail.unshift(...clauses.splice(mid));
  deadlines.push(...tail);
  // Untouched, the owners are the inside as written (its own separators); else the clauses that are left.
  const owners = clauses.length === clauseCount ? inner : clauses.map((c) => c.text).join("，");
  const deadline = deadlines.length > 0 ? deadlines.map((c) => c.text.trim().replace(LABELLED_DEADLINE, "")).join("，") : null;
  return { owners, deadline, firstListed, implied };
}

/** A task from a reading, in the contract's key order. */
export function taskOf(id: string, text: string, reading: ResponsibilityReading, deadlines: Deadline[], raw: string, span: Span): Task {
  const { lead, responsible, support, guide, leaders } = reading;
  return { id, text, lead, responsible, support, guide, leaders, deadlines, raw, span };
}

// ---------------------------------------------------------------------------------------------------------------
// A node's attributions.

type Part = { block: Block; label: false } | { start: number; end: number; label: true };

export function readAttributions(
  node: { content: readonly Block[]; progress: readonly Block[]; start: number },
  id: string,
  ctx: AttributionContext,
): NodeAttributions {
  const { text } = ctx;
  const progressPieces: { start: number; end: number; labelStart: number }[] = node.progress.map((b) => ({
    start: b.contentStart,
    end: b.end,
    labelStart: b.start,
  }));

  // A progress label after a full stop inside a line (`…。完成时限：6月底前`) starts the progress clause there;
  // an owner label likewise starts the owners of the sentences before it (`…。牵头单位：区市场监管局`).
  const parts: Part[] = [];
  for (const whole of node.content) {
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
  const content: Block[] = [];
  for (const p of parts) if (!p.label) content.push(p.block);

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
  const bracketEnds = new Map<number, number>();
  // `bareMonths`: a deadline clause in an owners' bracket (`（11月取得明显成效，牵头考核单位：…）`) means its month.
  const inlineDeadlines: { start: number; end: number; inner: string; bareMonths?: boolean }[] = [];
  let pending = content[0]?.contentStart ?? node.start;

  const read = (owners: string): ResponsibilityReading | null =>
    readResponsibility(owners, { places: ctx.places, firstListedLeads: ctx.conventions.firstListedLeads });

  const addTask = (inner: string, reading: ResponsibilityReading, taskEnd: number, bracketStart: number, deadline: string | null): void => {
    const covered = text.slice(pending, bracketStart).replace(/^[\s\u3000。；;，,]+/, "").trim();
    for (const p of ctx.conventions.impliedResponsible) {
      if (![...reading.lead, ...reading.responsible, ...reading.support, ...reading.guide].includes(p)) reading.responsible.push(p);
    }
    const deadlines: Deadline[] = [];
    for (const d of [...taskDeadlines(covered, ctx.year), ...(deadline ? extractDeadlines(deadline, ctx.year, { bareMonths: true }) : [])]) {
      if (!deadlines.some((x) => x.text === d.text && x.date === d.date)) deadlines.push(d);
    }
    tasks.push(taskOf(`${id}#${tasks.length + 1}`, covered, reading, deadlines, inner, ctx.spans.span(pending, taskEnd)));
    for (const role of reading.unknownRoles) {
      report(ctx, "warning", "unknown-role", `unknown role word ${role} in （${inner}）; its parties are listed as responsible`, bracketStart, taskEnd);
    }
    bracketEnds.set(taskEnd, bracketStart);
    pending = taskEnd;
  };

  const unreadable = (inner: string, start: number, end: number): void => {
    report(ctx, "warning", "unreadable-attribution", `an attribution that names roles or agencies but could not be read: ${inner}`, start, end);
  };

  /** Reads one bracket's inside (`o` = offset of the opening bracket, `close` = offset after the closing one). */
  const bracket = (inner: string, o: number, close: number): void => {
    if (inner.trim().length === 0 || NOT_ATTRIBUTION.test(inner)) return;
    const parts = splitBracket(inner);
    const innerStart = o + 1;
    if (parts.firstListed) {
      ctx.conventions.firstListedLeads = true;
      const c = parts.firstListed as Clause;
      ctx.conventions.stated.push({
        kind: "first-listed-leads",
        text: c.text.trim(),
        parties: [],
        span: ctx.spans.span(innerStart + c.start, innerStart + c.end),
      });
    }
    if (parts.implied) {
      const reading = readResponsibility(parts.implied.parties, { places: ctx.places });
      const parties = reading ? [...reading.lead, ...reading.responsible, ...reading.support, ...reading.guide] : [];
      if (parties.length > 0) {
        ctx.conventions.stated.push({
          kind: "implied-responsible",
          text: parts.implied.clause.text,
          parties,
          span: ctx.spans.span(innerStart + parts.implied.clause.start, innerStart + parts.implied.clause.end),
        });
        for (const p of parties) if (!ctx.conventions.impliedResponsible.includes(p)) ctx.conventions.impliedResponsible.push(p);
        return;
      }
    }
    if (parts.owners.trim().length === 0) {
      if (parts.deadline !== null) inlineDeadlines.push({ start: o, end: close, inner: parts.deadline, bareMonths: true });
      return;
    }
    if (parts.deadline === null && isDeadlineOnly(inner)) {
      inlineDeadlines.push({ start: o, end: close, inner });
      return;
    }
    const reading = read(parts.owners);
    const v = vocabularyIn(parts.owners);
    const bare = !v.label && !v.role;
    if (!reading) {
      // `各乡镇（街道）要…`: a bare name inside a sentence annotates the word before it; owners end a sentence.
      const annotation = bare && !ENDS_SENTENCE.test(text.slice(close, close + 2));
      if (!annotation && looksLikeAttribution(parts.owners)) unreadable(text.slice(o, close), o, close);
      return;
    }
    // `市水务集团（市供水公司）要…`: a bare name right after a name is what that body is also called.
    if (bare && AGENCY_BEFORE.test(text.slice(Math.max(0, o - 8), o)) && !ENDS_SENTENCE.test(text.slice(close, close + 2))) return;
    addTask(inner, reading, close, o, parts.deadline);
    if (parts.deadline !== null) inlineDeadlines.push({ start: o, end: close, inner: parts.deadline, bareMonths: true });
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
      const owners = clauses.map((c) => c.replace(/[。；;\s\u3000]+$/, "").replace(/。/g, "；")).join("；");
      const split = splitBracket(owners);
      const reading = read(split.owners);
      if (reading) {
        addTask(written, reading, end, part.start, split.deadline);
        if (split.deadline !== null) inlineDeadlines.push({ start: part.start, end, inner: split.deadline, bareMonths: true });
      } else unreadable(written, part.start, end);
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
        bracket(text.slice(o + 1, t.start), o, t.end);
      }
    }
    if (opens.length > 0) {
      const o = opens[0]!;
      report(ctx, "warning", "unclosed-bracket", "a bracket opened here is not closed on its line", o, o + 1);
    }
  }

  let progress: Progress | null = null;
  const pieces = [
    ...progressPieces.map((p) => ({ text: text.slice(p.start, p.end).trim(), spanStart: p.labelStart, spanEnd: p.end, bareMonths: false })),
    ...inlineDeadlines.map((p) => ({ text: p.inner, spanStart: p.start, spanEnd: p.end, bareMonths: p.bareMonths === true })),
  ].sort((a, b) => a.spanStart - b.spanStart);
  if (pieces.length > 0) {
    progress = {
      text: pieces.map((p) => p.text).join("\n"),
      deadlines: pieces.flatMap((p) => extractDeadlines(p.text, ctx.year, { bareMonths: p.bareMonths })),
      span: ctx.spans.span(pieces[0]!.spanStart, pieces[pieces.length - 1]!.spanEnd),
    };
  }
  return { content, tasks, progress, bracketEnds };
}
