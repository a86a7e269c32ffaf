// Deadlines inside progress clauses (工作进度：… / 完成时限：… / a bracket like （2021年6月底前完成）).
//
// This runs after parsing, on one clause at a time, so plain regexes are enough. Every pattern is built from
// literals, single characters and bounded repeats, so each match attempt does a bounded amount of work and a
// whole scan stays linear in the input (no nested unbounded quantifiers, hence no catastrophic backtracking).
import type { Deadline } from "../schema.js";

type Kind = Deadline["kind"];

interface Found {
  start: number; // offsets into the normalized text
  end: number;
  kind: Kind;
  date: string | null;
  rank: number; // tie-break when two patterns cover the same span: by beats recurring beats vague
}

// ---------------------------------------------------------------------------------------------------------
// Normalization. PDF-extracted clauses wrap mid-phrase (`年\n\n底前`, `11月\n\n底前`) and put spaces between CJK
// and digits (`2021 年底`, `不少于 2次`), and some plans use full-width digits. Rather than sprinkle optional
// whitespace through every pattern, the patterns run on a copy without that noise, and each match is mapped back
// to the original so `text` is exactly what was written.

interface Normalized {
  text: string;
  /** original offset of each normalized code unit; null when normalize left the text as it was */
  origin: number[] | null;
}

/** The original text of the normalized range [start, end). */
function originalSlice(original: string, norm: Normalized, start: number, end: number): string {
  if (norm.origin === null) return original.slice(start, end);
  return original.slice(norm.origin[start]!, norm.origin[end - 1]! + 1);
}

const WS = /\s/;

function isAsciiDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** What normalize changes: white space, full-width digits and the full-width full stop. */
const NEEDS_NORMALIZING = /[\s\uff0e\uff10-\uff19]/;

function normalize(input: string): Normalized {
  // Most clauses and sentences have nothing to fold: they are their own normalized text.
  if (!NEEDS_NORMALIZING.test(input)) return { text: input, origin: null };
  let text = "";
  const origin: number[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (WS.test(c)) {
      let j = i + 1;
      while (j < input.length && WS.test(input[j]!)) j++;
      // A space between two digits is kept (as one space) so `1 2月` is not read as December.
      const next = foldDigit(input[j]);
      if (isAsciiDigit(text[text.length - 1]) && isAsciiDigit(next)) {
        text += " ";
        origin.push(i);
      }
      i = j;
      continue;
    }
    text += foldDigit(c);
    origin.push(i);
    i++;
  }
  return { text, origin };
}

function foldDigit(c: string): string;
function foldDigit(c: string | undefined): string | undefined;
function foldDigit(c: string | undefined): string | undefined {
  if (c === undefined) return undefined;
  const code = c.charCodeAt(0);
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 0x30);
  if (code === 0xff0e) return "."; // ．, so `40．8%` is guarded like `40.8%`
  return c;
}

// ---------------------------------------------------------------------------------------------------------
// Dates.

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function iso(year: number | null, month: number, day: number | "end"): string | null {
  // An ISO date has four digits of year; anything else cannot be written as one.
  if (year === null || !Number.isInteger(year) || year < 1 || year > 9999) return null;
  const last = daysInMonth(year, month);
  const d = day === "end" ? last : day;
  // A day the month does not have (2月30日) is still a deadline as written, but it has no honest date.
  if (d < 1 || d > last) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** The digit 一–九 stands for; undefined for anything else (own keys only: text never finds Object's). */
const cnDigit = (s: string): number | undefined => (Object.hasOwn(CN_DIGITS, s) ? CN_DIGITS[s] : undefined);

/** 1–12 from `6`, `06`, `六`, `十`, `十二`; null for anything else */
function monthNumber(s: string): number | null {
  let n: number | null;
  if (/^\d+$/.test(s)) n = Number(s);
  else if (s === "十") n = 10;
  else if (s.startsWith("十")) n = 10 + (cnDigit(s.slice(1)) ?? 99);
  else n = cnDigit(s) ?? null;
  return n !== null && n >= 1 && n <= 12 ? n : null;
}

/** Resolves the year a deadline belongs to: an explicit `2021年` / `二〇二一年` wins, `明年` / `次年` shift the plan's year. */
function resolveYear(explicit: string | undefined, relative: string | undefined, year: number | null): number | null {
  if (explicit !== undefined) return Number(explicit.replace(/[〇零一二三四五六七八九]/g, (c) => String(cnDigit(c) ?? 0)));
  if (year === null) return null;
  if (relative === "明" || relative === "次") return year + 1;
  return year;
}

// ---------------------------------------------------------------------------------------------------------
// Patterns (on normalized text: ASCII digits, no whitespace except a single space between digits).

// Optional year prefix shared by the calendar forms: `2021年`, `二〇二一年`, `今年`, `明年`…
const YEAR_DIGITS = String.raw`\d{4}|[〇零一二三四五六七八九]{4}`;
const YEAR = String.raw`(?:(${YEAR_DIGITS})年|([今本当明次])年)?`;
const MONTH_NUM = String.raw`\d{1,2}|十[一二]?|[一二三四五六七八九]`;
const BEFORE = String.raw`(?:之前|以前|前)`;
// `6月1日起`, `6月底以后`, `6月前后`: a start or an approximation, not something to be done by.
const NOT_A_LIMIT = /^(?:后|起|开始|以后|之后|以来)/;
// `5月1日至6月30日`: the first date opens a range, only the second one is a limit.
const RANGE_OPEN = /^(?:至|到|—|－|-|~|～)(?:\d|[一二三四五六七八九十今本当明次]|年)/;

// Month-based: `6月底前`, `2021年6月末`, `6月前`, `6月中旬`, `11月1日前`, `8月27日`, `十二月底`.
// The lookbehind keeps `12315月`, `40.8月`, `二十一月`, `第6月`, `3个月` and `每月` out.
const MONTH_RE = new RegExp(
  String.raw`(?<![\d.%一二三四五六七八九十两〇零几第每个百千万])` +
    YEAR +
    String.raw`(${MONTH_NUM})月份?` +
    String.raw`(?:([底末])|([上中下])旬|(\d{1,2})[日号])?(${BEFORE})?`,
  "g",
);

// Year end: `年底前`, `年末`, `2021年底`, `今年年底`, `年内`, `全年内`. Not `去年底` / `上年底` (a baseline, not a
// limit), not `三年内` / `5年内` (a duration), and not `每年底` (recurring, matched elsewhere).
const YEAR_END_RE = new RegExp(
  // The look-behind guards only a bare or relative year: `前年底` is a baseline, `…前2021年底前` is not.
  String.raw`(?:(?<!\d)(${YEAR_DIGITS})|(?<![\d上去前往每])([今本当明次全])?)年年?` +
    String.raw`(?:([底末])|(?<![一二三四五六七八九十两几多个]年)内(?![容涵]))(${BEFORE})?`,
  "g",
);

// `到2022年，建成…`, `至2025年`: a target year; its end is the limit. Not `到2022年6月` (the month form reads that).
const TARGET_YEAR_RE = /(?<![\d])(?:到|至)(\d{4})年(?![\d月年底末内前])/g;

// `全年完成…`: the whole year is the window, so the limit is its end. Other `全年…` phrases are targets.
const WHOLE_YEAR_RE = /全年(?=完成)/g;

// `上半年` / `下半年`; not `每半年`.
const HALF_RE = new RegExp(
  String.raw`(?<![\d每])` + YEAR + String.raw`([上下])半年(?:[底末])?(?:${BEFORE})?`,
  "g",
);

// `一季度`, `第三季度末前`, `2021年4季度`; not `每一季度` / `每个季度`.
const QUARTER_RE = new RegExp(
  String.raw`(?<![\d每个])` + YEAR + String.raw`第?([一二三四1-4])季度(?:[底末])?(?:${BEFORE})?`,
  "g",
);

// `每季度`, `每半年`, `每月`, `每两周`, `每月底前`, `每年年底`, `每年6月底前`: the period and any point in it
// belong together, so the point is not reported as a one-off deadline of its own.
const EVERY_RE = new RegExp(
  String.raw`每(?:[一两二三四五六七八九十]个?|个)?(?:季度|季|半年|月|周|星期|年度|年|旬|日|天)` +
    String.raw`(?:年?[底末初]|[上中下]旬|\d{1,2}[日号]|(?:${MONTH_NUM})月份?(?:[底末]|[上中下]旬|\d{1,2}[日号])?)?(?:${BEFORE})?`,
  "g",
);

// `全年不少于4次`, `全年至少向班子会…汇报…4次`: a yearly count. The gap stops at clause punctuation and at the
// first digit, so the count is the first number after 全年 and `全年抽检4批次/千人` (a quota) is not matched.
const YEARLY_COUNT_RE = /全年[^，,；;。！!？?：:\d]{0,40}?\d{1,4}(?:次|期|场|轮)/g;

const VAGUE_RE = new RegExp(
  [
    String.raw`按照?工作进度(?:分阶段)?(?:有序)?推进`,
    String.raw`按照?时间节点(?:推进)?`,
    String.raw`分阶段(?:有序)?推进`,
    String.raw`有序推进`,
    String.raw`持续推进`,
    String.raw`长期坚持`,
    String.raw`按[时期]完成`,
    String.raw`适时`,
    String.raw`随时`,
  ].join("|"),
  "g",
);

const RANK: Record<Kind, number> = { by: 0, recurring: 1, vague: 2 };

// Every pattern below needs one of these characters: most text (a party list, a task sentence) has none of them,
// and is done with after one cheap test instead of a dozen regex scans.
const HINT = /[年月季每推节坚适随按]/;

function scan(s: string, year: number | null, bareMonths = false, byOnly = false): Found[] {
  if (!HINT.test(s)) return [];
  const found: Found[] = [];
  const push = (start: number, end: number, kind: Kind, date: string | null) => {
    found.push({ start, end, kind, date, rank: RANK[kind] });
  };

  const hasMonth = s.includes("月");
  const hasYear = s.includes("年");
  for (const m of hasMonth ? s.matchAll(MONTH_RE) : []) {
    const [whole, y, rel, mon, end, xun, day, before] = m;
    const start = m.index;
    const month = monthNumber(mon!);
    if (month === null) continue;
    // A bare `6月` / `2021年6月` says when something happens, not when it is due — except in a 时间节点 cell.
    const bare = end === undefined && xun === undefined && day === undefined && before === undefined;
    if (bare && !bareMonths) continue;
    const rest = s.slice(start + whole.length, start + whole.length + 3);
    if (NOT_A_LIMIT.test(rest)) continue;
    if (before === undefined && RANGE_OPEN.test(rest)) continue;
    const yr = resolveYear(y, rel, year);
    let date: string | null;
    if (day !== undefined) {
      const d = Number(day);
      if (d < 1 || d > 31) continue;
      date = iso(yr, month, d);
    } else if (xun !== undefined) {
      date = iso(yr, month, xun === "上" ? 10 : xun === "中" ? 20 : "end");
    } else if (end !== undefined || bare) {
      date = iso(yr, month, "end");
    } else {
      // `6月前`: before June starts, i.e. by the end of May (`1月前` is the end of the previous year).
      date = month === 1 ? iso(yr === null ? null : yr - 1, 12, "end") : iso(yr, month - 1, "end");
    }
    push(start, start + whole.length, "by", date);
  }

  for (const m of hasYear ? s.matchAll(YEAR_END_RE) : []) {
    const [whole, y, rel] = m;
    const rest = s.slice(m.index + whole.length, m.index + whole.length + 3);
    if (NOT_A_LIMIT.test(rest)) continue;
    push(m.index, m.index + whole.length, "by", iso(resolveYear(y, rel, year), 12, "end"));
  }

  for (const m of hasYear ? s.matchAll(TARGET_YEAR_RE) : []) push(m.index, m.index + m[0].length, "by", iso(Number(m[1]), 12, "end"));

  for (const m of hasYear ? s.matchAll(WHOLE_YEAR_RE) : []) push(m.index, m.index + m[0].length, "by", iso(year, 12, "end"));

  for (const m of hasYear ? s.matchAll(HALF_RE) : []) {
    const [whole, y, rel, half] = m;
    push(m.index, m.index + whole.length, "by", iso(resolveYear(y, rel, year), half === "上" ? 6 : 12, "end"));
  }

  for (const m of s.includes("季") ? s.matchAll(QUARTER_RE) : []) {
    const [whole, y, rel, q] = m;
    const quarter = cnDigit(q!) ?? Number(q);
    push(m.index, m.index + whole.length, "by", iso(resolveYear(y, rel, year), quarter * 3, "end"));
  }

  for (const m of s.includes("每") ? s.matchAll(EVERY_RE) : []) push(m.index, m.index + m[0].length, "recurring", null);
  // Recurring periods stay even when only limits are wanted: `每年年底` is not the limit `年底`.
  if (!byOnly) {
    for (const m of s.matchAll(YEARLY_COUNT_RE)) push(m.index, m.index + m[0].length, "recurring", null);
    for (const m of s.matchAll(VAGUE_RE)) push(m.index, m.index + m[0].length, "vague", null);
  }

  // Leftmost, then longest, then by > recurring > vague; anything overlapping a kept match is dropped. This is
  // what keeps `有序推进` out of `按工作进度分阶段有序推进` and `年底` out of `每年年底`.
  found.sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  const kept: Found[] = [];
  let reach = 0;
  for (const f of found) {
    if (f.start < reach) continue;
    kept.push(f);
    reach = f.end;
  }
  return kept;
}

function validYear(year: unknown): number | null {
  return typeof year === "number" && Number.isInteger(year) && year >= 1 && year <= 9999 ? year : null;
}

/** Every deadline in a progress clause, in text order. `year` is the plan's year (meta.year) or null. Never throws. */
export function extractDeadlines(text: string, year: number | null, options: { bareMonths?: boolean } = {}): Deadline[] {
  if (typeof text !== "string" || text.length === 0 || !HINT.test(text)) return [];
  const norm = normalize(text);
  return scan(norm.text, validYear(year), options.bareMonths === true).map((f) => ({
    text: originalSlice(text, norm, f.start, f.end),
    date: f.date,
    kind: f.kind,
  }));
}

// What may stand next to a deadline in a bracket that still only states progress: `（2021年6月底前完成）`,
// `（年底前全部完成，长期坚持）`. An owner name never consists of these alone.
const FILLER = /^(?:[，,、；;。.：:和及与并或于在]|力争|争取|完成|印发|出台|启动|建成|到位|全部|基本|实施|开展|落实|见效|取得成效|一次)*$/;

/** True when a parenthesis' inside is only a deadline, e.g. `2021年6月底前完成`, `6月底前`, `年底前完成`, `长期坚持` — such brackets in the body carry progress, not owners. */
export function isDeadlineOnly(inner: string): boolean {
  if (typeof inner !== "string" || !HINT.test(inner)) return false;
  const norm = normalize(inner);
  const found = scan(norm.text, null);
  if (found.length === 0) return false;
  let rest = "";
  let at = 0;
  for (const f of found) {
    rest += norm.text.slice(at, f.start);
    at = f.end;
  }
  rest += norm.text.slice(at);
  return FILLER.test(rest);
}

/** The deadlines a task's own sentences set (`2018年底前，完成…`, `到2022年，建成…`): limits only. Recurring and vague
 *  wording is left to progress clauses, and a plain date (`2020年9月11日，…`) in a sentence tells when something
 *  happened, not when it is due. */
export function taskDeadlines(text: string, year: number | null): Deadline[] {
  if (typeof text !== "string" || !HINT.test(text)) return [];
  const norm = normalize(text);
  return scan(norm.text, validYear(year), false, true)
    .filter((f) => f.kind === "by")
    .map((f) => ({ text: originalSlice(text, norm, f.start, f.end), date: f.date, kind: f.kind }))
    .filter((d) => !/[日号]$/.test(d.text));
}
