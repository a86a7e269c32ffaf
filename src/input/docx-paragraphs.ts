// Which Word paragraph each character of a .docx's plan text comes from, so a node or task can say where it is
// in Word (`paragraph`, 1-based). The plan text is made from mammoth's HTML, which drops empty paragraphs and
// writes list numbers Word generates, so its blocks cannot be counted; the paragraphs are counted in
// word/document.xml instead — every <w:p> in document order, empty ones and those in table cells and text boxes
// included (a text box's second copy for older readers, in mc:Fallback, not counted again) — and mammoth's
// blocks are matched to them by their text.
//
// The matching: the text of each HTML block (a <p>, <hN>, <li>, a table cell's <p>) and of each Word paragraph,
// white space and invisible characters removed, must be equal. Texts that occur once on both sides anchor the
// matching (the longest run of them in the same order on both sides); between two anchors, blocks match the next
// equal paragraph, in order, looking a bounded distance ahead. A block that finds no equal paragraph gets none:
// a paragraph number the user goes to and finds other text at is worse than no number, since it would be
// trusted; a line without one still has its span. What makes a block unmatched: text mammoth writes that the
// paragraph's runs do not hold (a w:sym it maps to a character, a checkbox) or leaves out (a field mammoth does
// not read), a paragraph mammoth merges with the next (its mark deleted in tracked changes), footnotes and
// endnotes (mammoth puts them after the body; they are not in document.xml).
import type { Element, ElementContent, Root, RootContent } from "hast";
import type { OffsetMap } from "../pipeline/source-map.js";
import { BLOCKS } from "./html.js";
import { parseXml, type XmlElement, type XmlNode } from "./xml-tree.js";
import { unzip, utf8 } from "./zip-read.js";

/** From `offset` in the plan text on (up to the next entry), the text comes from Word paragraph `index`; null: unknown. */
export interface ParagraphRun {
  offset: number;
  index: number | null;
}

const W_NS = new Set(["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"]);
const MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const REL_NS_OFFICE_DOCUMENT = /\/officeDocument$/;

/** The text two sides are compared by: no white space (Word's tabs and breaks, HTML's collapsing), no invisible characters. */
export function matchText(text: string): string {
  return text.replace(/[\s\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad]+/g, "");
}

/** The main document part's name: the officeDocument relationship of _rels/.rels, else word/document.xml. */
async function mainPart(bytes: Uint8Array): Promise<string> {
  const rels = unzip(bytes, "the Word document", (n) => n === "_rels/.rels");
  if (!rels.ok) return "word/document.xml";
  const text = utf8(rels.files.get("_rels/.rels"));
  if (text === "") return "word/document.xml";
  try {
    const root = await parseXml(text);
    for (const c of root.children) {
      if (typeof c === "string") continue;
      const type = c.attrs.Type ?? "";
      const target = c.attrs.Target;
      if (REL_NS_OFFICE_DOCUMENT.test(type) && target) return target.replace(/^\//, "");
    }
  } catch {
    // A broken .rels: mammoth has read the document all the same, so its usual name it is.
  }
  return "word/document.xml";
}

/** The prefixes the document's root binds to WordprocessingML and markup compatibility (w and mc as Word writes them). */
function prefixes(root: XmlElement): { w: string; mc: string } {
  let w = "w";
  let mc = "mc";
  for (const [k, v] of Object.entries(root.attrs)) {
    if (!k.startsWith("xmlns:")) continue;
    if (W_NS.has(v)) w = k.slice(6);
    else if (v === MC_NS) mc = k.slice(6);
  }
  return { w, mc };
}

/**
 * The paragraphs of a .docx's main document, in document order: their text as compared (see matchText), ""
 * for an empty paragraph and for one no HTML block can stand for. null when the document cannot be read.
 */
export async function wordParagraphs(bytes: Uint8Array): Promise<string[] | null> {
  const name = await mainPart(bytes);
  const zip = unzip(bytes, "the Word document", (n) => n === name);
  if (!zip.ok) return null;
  const xml = zip.files.get(name);
  if (!xml) return null;
  let root: XmlElement;
  try {
    root = await parseXml(utf8(xml));
  } catch {
    return null;
  }
  const { w, mc } = prefixes(root);
  const q = (local: string): string => `${w}:${local}`;
  const P = q("p");
  const T = q("t");
  // What mammoth leaves out with everything inside (src: mammoth's body reader, its ignored and unknown elements):
  // tracked deletions, moved-away text, simple fields, properties (which hold no text but deleted-mark flags).
  const NO_TEXT = new Set([q("del"), q("moveFrom"), q("fldSimple"), q("pPr"), q("rPr"), q("sdtPr"), q("instrText"), q("delText")]);

  const texts: string[][] = [];
  const matchable: boolean[] = [];
  // mammoth moves the content of a paragraph whose mark is deleted into the next one: neither can match.
  let mergeNext = false;

  interface Frame {
    node: XmlNode;
    /** The paragraph the text here belongs to (-1: none). */
    para: number;
    /** Text here is text mammoth reads. */
    text: boolean;
    /** mammoth leaves this out (a deleted table row, a drawing's text box): paragraphs here match nothing. */
    dropped: boolean;
    /** Inside an mc:Choice that has a fallback: mammoth reads the fallback's copy of what is here. */
    mirrored: boolean;
  }
  const stack: Frame[] = [{ node: root, para: -1, text: true, dropped: false, mirrored: false }];
  const pushChildren = (el: XmlElement, frame: Omit<Frame, "node">, only?: (c: XmlElement) => boolean): void => {
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (typeof c === "string") continue;
      if (only && !only(c)) continue;
      stack.push({ node: c, ...frame });
    }
  };
  while (stack.length > 0) {
    const { node, para, text, dropped, mirrored } = stack.pop()!;
    if (typeof node === "string") continue;
    const n = node.name;
    if (n === P) {
      const index = texts.length;
      texts.push([]);
      const pPr = node.children.find((c): c is XmlElement => typeof c !== "string" && c.name === q("pPr"));
      const rPr = pPr?.children.find((c): c is XmlElement => typeof c !== "string" && c.name === q("rPr"));
      const markDeleted = rPr?.children.some((c) => typeof c !== "string" && c.name === q("del")) ?? false;
      matchable.push(!dropped && !markDeleted && !mergeNext);
      mergeNext = markDeleted;
      pushChildren(node, { para: index, text: true, dropped, mirrored });
      continue;
    }
    if (n === `${mc}:AlternateContent`) {
      // Word shows the first choice; the fallback is the same content for older readers (mammoth reads that
      // copy, whose text is the choice's), so only the choice's paragraphs are counted. A choice without a
      // fallback is nothing mammoth reads.
      const choice = node.children.find((c): c is XmlElement => typeof c !== "string" && c.name === `${mc}:Choice`);
      const fallback = node.children.find((c): c is XmlElement => typeof c !== "string" && c.name === `${mc}:Fallback`);
      if (choice) stack.push({ node: choice, para, text, dropped: dropped || !fallback, mirrored: fallback !== undefined });
      else if (fallback) stack.push({ node: fallback, para, text, dropped, mirrored });
      continue;
    }
    if (n === q("drawing")) {
      // mammoth reads a drawing's pictures, not its text boxes (only their VML copy in a fallback).
      pushChildren(node, { para, text, dropped: dropped || !mirrored, mirrored });
      continue;
    }
    if (n === q("tr")) {
      const trPr = node.children.find((c): c is XmlElement => typeof c !== "string" && c.name === q("trPr"));
      const deleted = trPr?.children.some((c) => typeof c !== "string" && c.name === q("del")) ?? false;
      pushChildren(node, { para, text, dropped: dropped || deleted, mirrored });
      continue;
    }
    if (para >= 0 && text) {
      const out = texts[para]!;
      if (n === T) {
        for (const c of node.children) if (typeof c === "string") out.push(c);
        continue;
      }
      if (n === q("noBreakHyphen")) {
        out.push("\u2011");
        continue;
      }
      if (n === q("tab") || n === q("br") || n === q("cr")) {
        out.push(" ");
        continue;
      }
    }
    pushChildren(node, { para, text: text && !NO_TEXT.has(n), dropped, mirrored });
  }
  return texts.map((parts, i) => (matchable[i] ? matchText(parts.join("")) : ""));
}

/** A block of mammoth's HTML: its text as compared, and the source range of its text. */
export interface HtmlBlock {
  text: string;
  start: number;
  end: number;
}

/** Links mammoth writes for note and comment references (`[1]`): text no Word paragraph's runs hold. */
const NOTE_LINK = /^#(?:footnote|endnote|comment)-/;

/**
 * The blocks of mammoth's HTML in source order (a block: text between two block elements' tags, so a <br> does
 * not end one), and the source offsets where block elements end.
 */
export function htmlBlocks(tree: Root): { blocks: HtmlBlock[]; closes: number[] } {
  const blocks: HtmlBlock[] = [];
  const closes: number[] = [];
  let parts: string[] = [];
  let start = -1;
  let end = -1;
  const flush = (): void => {
    if (start >= 0) {
      const text = matchText(parts.join(""));
      if (text !== "") blocks.push({ text, start, end });
    }
    parts = [];
    start = -1;
    end = -1;
  };
  type Item = { node: RootContent | ElementContent; counted: boolean } | { close: Element };
  const stack: Item[] = [];
  for (let i = tree.children.length - 1; i >= 0; i--) stack.push({ node: tree.children[i]!, counted: true });
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ("close" in item) {
      flush();
      const at = item.close.position?.end.offset;
      if (at !== undefined) closes.push(at);
      continue;
    }
    const { node, counted } = item;
    if (node.type === "text") {
      const s = node.position?.start.offset;
      const e = node.position?.end.offset;
      if (s === undefined || e === undefined) continue;
      if (start < 0) start = s;
      end = e;
      if (counted) parts.push(node.value);
      continue;
    }
    if (node.type !== "element") continue;
    const block = BLOCKS.has(node.tagName);
    if (block) {
      flush();
      stack.push({ close: node });
    }
    const href = node.tagName === "a" && typeof node.properties.href === "string" ? node.properties.href : "";
    const inner = counted && !NOTE_LINK.test(href);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, counted: inner });
  }
  flush();
  return { blocks, closes };
}

/** Strictly increasing subsequence of greatest length (patience sorting), as indices into `values`. */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const prev = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < values[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) out.push(i);
  return out.reverse();
}

/** How many paragraphs past the expected one a block may match, between anchors. */
const LOOKAHEAD = 64;

/**
 * For each block (its compared text), the 0-based paragraph it is, or null: a monotone matching of equal texts
 * (see the top of this file). Empty paragraphs ("") match nothing.
 */
export function alignBlocks(blocks: readonly string[], paragraphs: readonly string[]): (number | null)[] {
  const out = new Array<number | null>(blocks.length).fill(null);
  const count = (texts: readonly string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const t of texts) if (t !== "") m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  };
  const inBlocks = count(blocks);
  const inParagraphs = count(paragraphs);
  const where = new Map<string, number>();
  paragraphs.forEach((t, i) => {
    if (t !== "" && inParagraphs.get(t) === 1) where.set(t, i);
  });
  const candidates: { block: number; paragraph: number }[] = [];
  blocks.forEach((t, i) => {
    if (inBlocks.get(t) === 1 && where.has(t)) candidates.push({ block: i, paragraph: where.get(t)! });
  });
  const anchors = longestIncreasing(candidates.map((c) => c.paragraph)).map((i) => candidates[i]!);
  // Between two anchors (and before the first, after the last): blocks in order, each taking the next equal
  // paragraph not far ahead.
  let prevBlock = -1;
  let prevParagraph = -1;
  for (const anchor of [...anchors, { block: blocks.length, paragraph: paragraphs.length }]) {
    let next = prevParagraph + 1;
    for (let b = prevBlock + 1; b < anchor.block; b++) {
      let skipped = 0;
      for (let p = next; p < anchor.paragraph && skipped <= LOOKAHEAD; p++) {
        if (paragraphs[p] === "") continue;
        if (paragraphs[p] === blocks[b]) {
          out[b] = p;
          next = p + 1;
          break;
        }
        skipped++;
      }
    }
    if (anchor.block < blocks.length) out[anchor.block] = anchor.paragraph;
    prevBlock = anchor.block;
    prevParagraph = anchor.paragraph;
  }
  return out;
}

/**
 * The Word paragraph of every character of the plan text, as runs: `map` takes plan-text offsets to offsets in
 * mammoth's HTML (extractHtml's map), `paragraphOf` HTML blocks to 1-based paragraphs.
 */
export function paragraphRuns(textLength: number, map: OffsetMap, blocks: readonly HtmlBlock[], closes: readonly number[], paragraphOf: readonly (number | null)[]): ParagraphRun[] {
  /** The first index of an ascending list whose value is past `o`. */
  const firstPast = (length: number, value: (i: number) => number, o: number): number => {
    let lo = 0;
    let hi = length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (value(mid) <= o) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /**
   * The block an HTML offset is in. A character the reader wrote for an element's tag (a list item's number at
   * its <li>, a task table's brackets and labels at their cell's <td>) stands for the block that starts next —
   * unless a block element ends before it starts: then the element it was written for has no text of its own
   * (an empty cell), and the next block is another paragraph's.
   */
  const blockAt = (o: number): number => {
    const i = firstPast(blocks.length, (k) => blocks[k]!.end, o);
    if (i >= blocks.length) return -1;
    const block = blocks[i]!;
    if (block.start <= o) return i;
    const c = firstPast(closes.length, (k) => closes[k]!, o);
    return c < closes.length && closes[c]! <= block.start ? -1 : i;
  };
  const runs: ParagraphRun[] = [];
  let last: number | null | undefined;
  for (let i = 0; i < textLength; i++) {
    const block = blockAt(map.toOriginal(i));
    const index = block < 0 ? null : (paragraphOf[block] ?? null);
    if (index !== last) {
      runs.push({ offset: i, index });
      last = index;
    }
  }
  return runs;
}

/** Word paragraphs for a .docx's plan text, or undefined when they cannot be had (the document is read without them). */
export async function docxParagraphRuns(bytes: Uint8Array, tree: Root, textLength: number, map: OffsetMap): Promise<ParagraphRun[] | undefined> {
  const paragraphs = await wordParagraphs(bytes);
  if (paragraphs === null) return undefined;
  const { blocks, closes } = htmlBlocks(tree);
  const matched = alignBlocks(
    blocks.map((b) => b.text),
    paragraphs,
  );
  return paragraphRuns(
    textLength,
    map,
    blocks,
    closes,
    matched.map((p) => (p === null ? null : p + 1)),
  );
}
