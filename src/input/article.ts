// Finds the article of a web page, the way readability tools do, over the hast tree rehype-parse gives: text
// blocks with enough text score their parent (and, less, their ancestors) by their amount of text and their
// punctuation (，。；、 — prose has it, menus do not); a container's score then shrinks by its link density
// (navigation, breadcrumbs and lists of related articles are mostly links); the best container is the
// article, with the siblings that continue it (the same class, or prose with few links) and the page's title
// heading before it when the article does not start with it. Inside the article, blocks that are mostly links
// (a share bar, 上一篇/下一篇) are left out. One pass over the tree to count, one over the blocks to score: linear.
import type { Element, ElementContent, Root, RootContent } from "hast";

/** Block elements: their text is a unit of prose (a paragraph) when it is not inside a smaller block. */
const BLOCKS = new Set([
  "address", "article", "blockquote", "body", "center", "dd", "div", "dl", "dt", "figure", "form", "h1", "h2",
  "h3", "h4", "h5", "h6", "li", "main", "ol", "p", "pre", "section", "table", "td", "th", "ul", "html",
]);

/** Never the article itself: the parts of a table row, and inline wrappers (the block around them is). */
const NOT_CONTAINER = new Set(["tr", "tbody", "thead", "tfoot", "span", "font", "strong", "b", "em", "i", "a", "u", "small", "big", "label"]);

/** Class and id words of page chrome (English and the pinyin Chinese CMSs use). */
const NEGATIVE =
  /nav|menu|crumb|position|location|weizhi|dqwz|share|fenxiang|bdshare|foot|bottom|copyright|banquan|related|xgwz|xglj|xgxx|link|search|sousuo|header|topbar|toolbar|tools|print|dayin|banner|sidebar|side|aside|widget|comment|pinglun|hot|rank|paihang|prev|next|pager|pagination|login|qrcode|erweima|ewm|gotop|ad-|ads|advert|guanggao|info|meta|source|laiyuan|date|time/i;
const POSITIVE = /article|content|main|body|text|entry|post|story|zoom|trs_?editor|zhengwen|zw|wenzhang|detail|xiangqing|xl|view|con\b|neirong|nr\b/i;

/** Prose punctuation: each mark counts like a comma in readability's score. */
const PUNCT = new Set(["，", "。", "；", "、", "！", "？", ",", "；"]);

/** Units of text (own text of a block) shorter than this do not score (CJK: ten characters are a clause). */
const MIN_UNIT = 10;
/** An article shorter than this is no clear article: the whole page is read. */
const MIN_ARTICLE = 100;

interface Stat {
  node: Element;
  parent: Stat | null;
  /** Position in document order. */
  order: number;
  /** Visible non-space characters, link characters, punctuation marks in the subtree. */
  chars: number;
  link: number;
  punct: number;
  /** `<a>` elements with text in the subtree. */
  links: number;
  /** The same for the text not inside a descendant block (the block's own text). */
  ownChars: number;
  ownLink: number;
  ownPunct: number;
  /** Inside a data table: its cells are not units, the table is. */
  inData: boolean;
  dataTable: boolean;
  score: number | null;
  /** Inside <article> or <main>. */
  inArticle: boolean;
  /** Element children with text. */
  kids: Stat[];
}

export interface Article {
  /** What to read, in document order: the page's title element (when outside the article), the article, its continuing siblings. */
  elements: Element[];
  /** Elements inside them that are left out (share bars, link lists). */
  skip: Set<Element>;
  /** Whether the article sits inside <article> or <main> (their header and footer are content). */
  inArticle: boolean;
  /** The note: which element was read, how much of the page's text. */
  message: string;
  start: number;
  end: number;
}

function classOf(node: Element): string {
  const c = node.properties.className;
  return Array.isArray(c) ? c.join(" ") : typeof c === "string" ? c : "";
}

function idOf(node: Element): string {
  return typeof node.properties.id === "string" ? node.properties.id : "";
}

/** `<div class="article-content">`, `<td id="zoom" class="b12c">`. */
export function describeElement(node: Element): string {
  const attrs = [idOf(node) && `id="${idOf(node)}"`, classOf(node) && `class="${classOf(node)}"`].filter(Boolean);
  return `<${[node.tagName, ...attrs].join(" ")}>`;
}

function classWeight(node: Element): number {
  let w = 0;
  for (const name of [classOf(node), idOf(node)]) {
    if (!name) continue;
    if (NEGATIVE.test(name)) w -= 25;
    if (POSITIVE.test(name)) w += 25;
  }
  return w;
}

function tagWeight(tag: string): number {
  if (tag === "div" || tag === "article" || tag === "main" || tag === "section") return 5;
  if (tag === "pre" || tag === "td" || tag === "blockquote") return 3;
  if (tag === "address" || tag === "ol" || tag === "ul" || tag === "dl" || tag === "dd" || tag === "dt" || tag === "li" || tag === "form") return -3;
  if (/^h[1-6]$/.test(tag) || tag === "th") return -5;
  return 0;
}

const isSpace = (code: number): boolean => code <= 0x20 || code === 0xa0 || code === 0x3000 || code === 0x200b || code === 0xfeff;

/** The normalized text of an element (no white space), for comparing titles. */
function plainText(node: Element | Root, isHidden: (node: Element, inArticle: boolean) => boolean, limit: number): string {
  const parts: string[] = [];
  let length = 0;
  const visit = (n: RootContent | ElementContent): void => {
    if (length > limit) return;
    if (n.type === "text") {
      const t = n.value.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, "");
      parts.push(t);
      length += t.length;
    } else if (n.type === "element" && !isHidden(n, false)) n.children.forEach(visit);
  };
  node.children.forEach(visit);
  return parts.join("");
}

/**
 * The article of a page, or null when there is no clear one (then the whole page is read). `isHidden` is the
 * HTML reader's test for furniture (scripts, styles, hidden elements, nav).
 */
export function findArticle(tree: Root, isHidden: (node: Element, inArticle: boolean) => boolean): Article | null {
  const stats: Stat[] = [];
  const byNode = new Map<Element, Stat>();
  let pageTitle = "";
  let metaTitle = "";
  let order = 0;

  // Pass 1: count text per element, bottom up.
  const visit = (node: Element, parent: Stat | null, inArticle: boolean, inLink: boolean): Stat | null => {
    if (node.tagName === "head") {
      for (const h of node.children) {
        if (h.type !== "element") continue;
        if (h.tagName === "title") pageTitle ||= plainText(h, () => false, 500);
        if (h.tagName === "meta" && /^articletitle$/i.test(String(h.properties.name ?? ""))) metaTitle ||= String(h.properties.content ?? "").replace(/\s+/g, "");
      }
    }
    if (isHidden(node, inArticle)) return null;
    const s: Stat = {
      node, parent, order: order++, chars: 0, link: 0, punct: 0, links: node.tagName === "a" ? 1 : 0, ownChars: 0, ownLink: 0, ownPunct: 0,
      inData: false, dataTable: false, score: null, inArticle, kids: [],
    };
    const link = inLink || node.tagName === "a";
    const inner = inArticle || node.tagName === "article" || node.tagName === "main";
    for (const child of node.children) {
      if (child.type === "text") {
        const v = child.value;
        let chars = 0;
        let punct = 0;
        for (let i = 0; i < v.length; i++) {
          if (isSpace(v.charCodeAt(i))) continue;
          chars++;
          if (PUNCT.has(v[i]!)) punct++;
        }
        s.chars += chars;
        s.ownChars += chars;
        s.punct += punct;
        s.ownPunct += punct;
        if (link) {
          s.link += chars;
          s.ownLink += chars;
        }
      } else if (child.type === "element") {
        const k = visit(child, s, inner, link);
        if (!k || k.chars === 0) continue;
        s.kids.push(k);
        s.chars += k.chars;
        s.link += k.link;
        s.punct += k.punct;
        s.links += k.links;
        if (!BLOCKS.has(k.node.tagName) && !k.dataTable) {
          // Inline content: its own text is this block's own text.
          s.ownChars += k.ownChars;
          s.ownLink += k.ownLink;
          s.ownPunct += k.ownPunct;
        }
      }
    }
    if (node.tagName === "table") s.dataTable = isDataTable(s);
    stats.push(s);
    byNode.set(node, s);
    return s;
  };
  let root: Stat | null = null;
  for (const child of tree.children) if (child.type === "element") root = visit(child, null, false, false) ?? root;
  if (!root || root.chars === 0) return null;

  // Data tables (a task table, a contact list) are one unit of text: their cells score nothing on their own.
  for (let i = stats.length - 1; i >= 0; i--) {
    const s = stats[i]!;
    if (s.parent && (s.parent.inData || s.parent.dataTable)) s.inData = true;
  }

  // Pass 2: every unit of prose scores its ancestors: the parent fully, the grandparent half, then less.
  const initial = (s: Stat): number => tagWeight(s.node.tagName) + classWeight(s.node);
  for (const s of stats) {
    if (s.inData) continue;
    const own = s.dataTable ? s.chars : s.ownChars;
    const ownLink = s.dataTable ? s.link : s.ownLink;
    const ownPunct = s.dataTable ? s.punct : s.ownPunct;
    if (!(BLOCKS.has(s.node.tagName) || s.dataTable) || own < MIN_UNIT || ownLink > own / 2) continue;
    const score = 1 + ownPunct + Math.min(Math.floor(own / 50), 3);
    let a = s.parent;
    for (let level = 0; a && level < 5; level++, a = a.parent) {
      a.score ??= initial(a);
      a.score += level === 0 ? score : level === 1 ? score / 2 : score / (level * 3);
    }
  }
  const final = (s: Stat): number => (s.score ?? 0) * (1 - (s.chars > 0 ? s.link / s.chars : 0));
  let top: Stat | null = null;
  for (const s of stats) if (s.score !== null && !NOT_CONTAINER.has(s.node.tagName) && (!top || final(s) > final(top))) top = s;
  if (!top) return null;
  // Climb to the parent when it scores better (the article's text is spread over its children).
  let last = final(top);
  for (let p = top.parent; p && p.score !== null; p = p.parent) {
    const ps = final(p);
    if (ps < last / 3) break;
    if (ps > last && !NOT_CONTAINER.has(p.node.tagName)) {
      top = p;
      break;
    }
    last = ps;
  }
  if (top.node.tagName === "body" || top.node.tagName === "html" || top.chars < MIN_ARTICLE) return null;

  // Siblings that continue the article: as good a container, the same class, or prose with few links.
  const chosen: Stat[] = [];
  const threshold = Math.max(10, final(top) * 0.2);
  const topClass = classOf(top.node);
  for (const sib of top.parent ? top.parent.kids : [top]) {
    if (sib === top) {
      chosen.push(sib);
      continue;
    }
    if (sib.chars === 0 || NOT_CONTAINER.has(sib.node.tagName)) continue;
    const density = sib.link / sib.chars;
    let score = final(sib);
    if (topClass && classOf(sib.node) === topClass) score += final(top) * 0.2;
    const prose = density < 0.25 && sib.chars >= 40 && sib.punct >= 2 && classWeight(sib.node) >= 0;
    if (score >= threshold || prose) chosen.push(sib);
  }

  // Inside the article: blocks that are mostly links (share bars, 上一篇/下一篇, lists of related articles).
  const skip = new Set<Element>();
  const clean = (s: Stat): void => {
    for (const k of s.kids) {
      const chrome =
        k.node.tagName !== "a" &&
        ((k.link > k.chars * 0.6 && k.links >= 2) || (classWeight(k.node) < 0 && k.punct === 0 && k.chars < 200));
      if (chrome) skip.add(k.node);
      else clean(k);
    }
  };
  chosen.forEach(clean);

  // The page's title, when it is outside the article (an <h1> above it) and the article does not start with it.
  const first = chosen[0]!;
  const lastChosen = chosen[chosen.length - 1]!;
  const elements = chosen.map((s) => s.node);
  let titleNote = "";
  const title = findTitle(stats, first, pageTitle, metaTitle, isHidden);
  if (title && !plainText(first.node, isHidden, title.text.length + 10).startsWith(title.text)) {
    elements.unshift(title.stat.node);
    titleNote = ` and its title in ${describeElement(title.stat.node)}`;
  }

  let read = 0;
  for (const s of chosen) read += s.chars;
  for (const e of skip) read -= byNode.get(e)?.chars ?? 0;
  if (titleNote) read += title!.stat.chars;
  const siblings = chosen.length - 1;
  // Thousands separated by commas, written out: output never depends on the runtime's locale data.
  const fmt = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const where = `${describeElement(top.node)}${siblings > 0 ? ` and ${siblings} sibling${siblings > 1 ? "s" : ""} continuing it` : ""}${titleNote}`;
  const start = Math.min(...elements.map((e) => e.position?.start.offset ?? Infinity));
  const end = lastChosen.node.position?.end.offset ?? start;
  return {
    elements,
    skip,
    inArticle: top.inArticle,
    message: `read the article in ${where} (${fmt(read)} of ${fmt(root.chars)} characters)`,
    start: Number.isFinite(start) ? start : 0,
    end: Math.max(end, Number.isFinite(start) ? start : 0),
  };
}

/** Rows of a table (not of nested tables), as their cells' stats. */
function isDataTable(table: Stat): boolean {
  const rows: Stat[] = [];
  for (const k of table.kids) {
    if (k.node.tagName === "tr") rows.push(k);
    else if (k.node.tagName === "tbody" || k.node.tagName === "thead" || k.node.tagName === "tfoot") for (const r of k.kids) if (r.node.tagName === "tr") rows.push(r);
  }
  let wide = false;
  for (const row of rows) {
    const cells = row.kids.filter((c) => c.node.tagName === "td" || c.node.tagName === "th");
    if (cells.length >= 2) wide = true;
    // A layout table: one cell holds most of the table's text, or holds a table of its own.
    for (const cell of cells) if (cell.chars >= table.chars * 0.6 || hasTable(cell)) return false;
  }
  return wide;
}

/** Whether `s` is inside the article's parent or grandparent. */
function near(s: Stat, article: Stat): boolean {
  const around = article.parent?.parent ?? article.parent;
  for (let a = s.parent; a; a = a.parent) if (a === around) return true;
  return false;
}

function hasTable(s: Stat): boolean {
  return s.kids.some((k) => k.node.tagName === "table" || hasTable(k));
}

/** The title heading before the article: the longest element text the page's <title> contains, nearest first. */
function findTitle(
  stats: readonly Stat[],
  first: Stat,
  pageTitle: string,
  metaTitle: string,
  isHidden: (node: Element, inArticle: boolean) => boolean,
): { stat: Stat; text: string } | null {
  const names = [metaTitle, pageTitle].filter((t) => t.length > 0);
  let best: { stat: Stat; text: string } | null = null;
  for (const s of stats) {
    if (s.order >= first.order || s.chars < 4 || s.chars > 120 || s.link > 0) continue;
    const tag = s.node.tagName;
    const heading = /^h[1-6]$/.test(tag);
    const named = /title|biaoti|\bbt\b|tit\b/i.test(`${classOf(s.node)} ${idOf(s.node)}`);
    if (!heading && !named && !(BLOCKS.has(tag) && names.length > 0)) continue;
    // An inline-free block: its text is its own (not an outer wrapper of the title).
    if (s.kids.some((k) => BLOCKS.has(k.node.tagName))) continue;
    const text = plainText(s.node, isHidden, 200);
    if (text.length < 4) continue;
    // The page's <title> starts with the article's title, or holds it (not just the site's name, which is shorter).
    const matches = names.some((n) => n.startsWith(text) || (n.includes(text) && text.length >= 8 && text.length >= n.length * 0.4));
    if (names.length > 0 ? !matches : !(heading && (tag === "h1" || tag === "h2") && near(s, first))) continue;
    // Stats are in post-order; for document order compare `order`. Longest match wins, then the nearest.
    if (!best || text.length > best.text.length || (text.length === best.text.length && s.order > best.stat.order)) best = { stat: s, text };
  }
  return best;
}
