// Tokens of a plan's body, in the document's own words. The text they run on is already normalized
// (one paragraph per line, see src/pipeline/normalize.ts). Numbering markers and progress labels only count at the
// start of a line: the same characters in mid-sentence (`2.5%`, `（一）` quoted in a sentence) are text.
//
// Chevrotain keeps only the `i` flag of a pattern, so no `u` flag and BMP ranges only. Every pattern here
// has first characters chevrotain can work out (no complement sets), or a start_chars_hint, so the lexer
// keeps its first-character optimisation (a test builds it with ensureOptimizations: true).
import { createToken, Lexer, type CustomPatternMatcherFunc, type TokenType } from "chevrotain";

const CHINESE_DIGITS = "一二三四五六七八九十百零〇两";
const ARABIC_DIGITS = "0123456789０１２３４５６７８９";
const CIRCLED = Array.from({ length: 20 }, (_, i) => String.fromCharCode(0x2460 + i)).join("");

/** Marker sources, shared with reflow (a line that starts with one never continues the line before it). */
export const MARKER_SOURCES = {
  /** 一、 二十一、 */
  chinese: `[${CHINESE_DIGITS}]{1,4}、`,
  /** （一） (十二) */
  chineseParen: `[（(][${CHINESE_DIGITS}]{1,4}[）)]`,
  /** 1. 1． 1、 — but not 1.5 (a decimal) and not 2021. (a year); `3．2020年底前…` is item 3 on a year */
  arabic: `[${ARABIC_DIGITS}]{1,3}[.．、](?!(?![${ARABIC_DIGITS}]{4}年)[${ARABIC_DIGITS}%％])`,
  /** （1） (1), and the half-bracket 1) 1） */
  arabicParen: `(?:[（(][${ARABIC_DIGITS}]{1,3}[）)]|[${ARABIC_DIGITS}]{1,3}[）)])`,
  /** ① … ⑳ */
  circled: `[${CIRCLED}]`,
  /** 工作进度： 完成时限： 时间进度： 时限要求： 进度安排： */
  progressLabel: `(?:工作进度|完成时限|完成期限|时间进度|时限要求|进度安排|进度要求|完成时间|时间节点|时间安排)[：:]`,
} as const;

/** Matches `source` only where a line starts: at offset 0 or right after a newline. */
function atLineStart(source: string): CustomPatternMatcherFunc {
  const sticky = new RegExp(source, "y");
  return (text, offset) => {
    if (offset > 0 && text.charCodeAt(offset - 1) !== 10) return null;
    sticky.lastIndex = offset;
    return sticky.exec(text);
  };
}

function lineStartToken(name: string, source: string, startChars: string): TokenType {
  return createToken({
    name,
    pattern: atLineStart(source),
    start_chars_hint: Array.from(startChars),
    line_breaks: false,
  });
}

/** `一、` — a section (部分). */
export const ChineseNumeralMarker = lineStartToken("ChineseNumeralMarker", MARKER_SOURCES.chinese, CHINESE_DIGITS);
/** `（一）` — an item. */
export const ChineseParenMarker = lineStartToken("ChineseParenMarker", MARKER_SOURCES.chineseParen, "（(");
/** `1.` `1．` `1、` — a point. */
export const ArabicMarker = lineStartToken("ArabicMarker", MARKER_SOURCES.arabic, ARABIC_DIGITS);
/** `（1）` `(1)` `1)` — a sub-point. */
export const ArabicParenMarker = lineStartToken("ArabicParenMarker", MARKER_SOURCES.arabicParen, `（(${ARABIC_DIGITS}`);
/** `①` — the lowest level. */
export const CircledMarker = lineStartToken("CircledMarker", MARKER_SOURCES.circled, CIRCLED);
/** `工作进度：` `完成时限：` `时间节点：` … — a progress clause with its deadlines. */
export const ProgressLabel = lineStartToken("ProgressLabel", MARKER_SOURCES.progressLabel, "工完时进");

/** `（` `(` `〔` `【` — may open a responsibility bracket (`〔…〕` and `【…】` serve as one in some plans). */
export const OpenParen = createToken({ name: "OpenParen", pattern: /[（(〔【]/ });
/** `）` `)` `〕` `】` */
export const CloseParen = createToken({ name: "CloseParen", pattern: /[）)〕】]/ });
/** `。` `！` `？` — ends a sentence (a heading's title is its first sentence). */
export const SentenceEnd = createToken({ name: "SentenceEnd", pattern: /[。！？]/ });
/** A line break between paragraphs. */
export const Newline = createToken({ name: "Newline", pattern: /\n/, line_breaks: true });
/** Any run of other characters. Written as ranges, not a complement set, to keep lexer optimisations. */
export const Text = createToken({
  name: "Text",
  pattern:
    /[\u0000-\u0009\u000b-\u0027\u002a-\u3001\u3003-\u300f\u3012\u3013\u3016-\uff00\uff02-\uff07\uff0a-\uff1e\uff20-\uffff]+/,
});

// Markers first: at a line start `（一）` is a marker, elsewhere the same characters are OpenParen + Text.
export const planTokens: TokenType[] = [
  Newline,
  ProgressLabel,
  ChineseNumeralMarker,
  ChineseParenMarker,
  ArabicParenMarker,
  ArabicMarker,
  CircledMarker,
  OpenParen,
  CloseParen,
  SentenceEnd,
  Text,
];

export const markerTokens: readonly TokenType[] = [
  ChineseNumeralMarker,
  ChineseParenMarker,
  ArabicMarker,
  ArabicParenMarker,
  CircledMarker,
];

export function createPlanLexer(options: { ensureOptimizations?: boolean } = {}): Lexer {
  return new Lexer(planTokens, {
    positionTracking: "onlyOffset",
    ensureOptimizations: options.ensureOptimizations ?? false,
    skipValidations: !options.ensureOptimizations,
  });
}
