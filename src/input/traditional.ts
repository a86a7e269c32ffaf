// Plans in traditional characters: the pages of government sites that offer a 繁体 version, mirrors, and copies
// made from them. The vocabulary, the agency table and the gold conventions are in simplified characters, so
// such a text is read as simplified, converted by OpenCC (opencc-js, its dictionaries for traditional → mainland
// simplified: phrase by phrase, which a character table of our own would get wrong for 乾/幹, 後/后, 著/着 …).
// The conversion keeps every offset: a line whose conversion would change its length is converted character by
// character, so spans, pages and paragraphs still point at the same places.

import type { ReaderNote } from "./types.js";

/** Characters plans use all the time, in their traditional forms, and the simplified forms of the same ones. */
const TRADITIONAL = "國區縣單責會發業關門進實現體務機監開設計劃員應點數據總動產與為對這個們時經濟農衛鎮場導鄉環轄級處東華";
const SIMPLIFIED = "国区县单责会发业关门进实现体务机监开设计划员应点数据总动产与为对这个们时经济农卫镇场导乡环辖级处东华";
const ANY_TRADITIONAL = new RegExp(`[${TRADITIONAL}]`);
const NOT_TRADITIONAL = new RegExp(`[^${TRADITIONAL}]+`, "g");
const NOT_SIMPLIFIED = new RegExp(`[^${SIMPLIFIED}]+`, "g");
/** Fewer than this many, and a simplified text quoting a traditional name or two is left as it is. */
const AT_LEAST = 10;

/** Whether a text is written in traditional characters: more of these characters in their traditional form. */
export function looksTraditional(text: string): boolean {
  // One search settles almost every plan, which has none of them.
  if (!ANY_TRADITIONAL.test(text)) return false;
  const traditional = text.replace(NOT_TRADITIONAL, "").length;
  return traditional >= AT_LEAST && traditional > text.replace(NOT_SIMPLIFIED, "").length;
}

type Convert = (text: string) => string;
let converter: Promise<Convert> | undefined;

/** OpenCC's traditional → mainland simplified converter, loaded the first time a traditional text comes. */
function load(): Promise<Convert> {
  return (converter ??= import("opencc-js/t2cn").then((OpenCC) => OpenCC.Converter({ from: "t", to: "cn" })));
}

/** The text in simplified characters, with the same length and line breaks. */
export async function toSimplified(text: string): Promise<string> {
  return keepingLengths(text, await load());
}

/** A conversion applied line by line; a line it would lengthen or shorten is converted a character at a time,
 *  and a character it would turn into more or fewer code units is kept. */
export function keepingLengths(text: string, convert: Convert): string {
  return text
    .split("\n")
    .map((line) => {
      const whole = convert(line);
      if (whole.length === line.length) return whole;
      return Array.from(line, (ch) => {
        const one = convert(ch);
        return one.length === ch.length ? one : ch;
      }).join("");
    })
    .join("\n");
}

/** The text a plan is read as: a text in traditional characters in simplified ones, with the note that says so
 *  (at the start of the document); any other text as it is. */
export async function asSimplified(text: string): Promise<{ text: string; note: ReaderNote | null }> {
  if (!looksTraditional(text)) return { text, note: null };
  return {
    text: await toSimplified(text),
    note: {
      severity: "info",
      code: "traditional-characters",
      message: "the text is in traditional characters; it was read in simplified characters (OpenCC, traditional → mainland), so titles and names are given in simplified",
      start: 0,
      end: 0,
    },
  };
}
