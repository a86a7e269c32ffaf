// HTML → plan text. Blocks (p, h1–h6, li, div, table rows, …) become lines, inline markup (span, font, b, a)
// reduces to its text, whitespace between tags makes no text, and page furniture (scripts, styles, nav, head,
// hidden elements, search forms) is left out. Every character maps back to the source through hast positions:
// text copies its source 1:1, a character reference stands for its `&`, characters the reader writes (a list
// number, a table's brackets, a space for a line break) stand for the element they come from.
import type { Element, ElementContent, Root, RootContent } from "hast";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { findArticle, type Article } from "./article.js";
import { tableLines, type TableCell, type TableRow } from "./task-table.js";
import { alignText, joinLines, PLAN_MARKER, TextBuilder, type Built, type Line } from "./text-builder.js";
import type { ReaderNote, ReadResult } from "./types.js";

/** Elements whose content is never plan text. */
const IGNORED = new Set([
  "script", "style", "noscript", "template", "head", "title", "meta", "link", "base",
  "nav", "aside", "button", "select", "option", "optgroup", "datalist", "textarea", "input",
  "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "canvas", "audio", "video",
  "img", "picture", "map", "area",
]);

/** Elements that start and end a block (a line). */
export const BLOCKS: ReadonlySet<string> = new Set([
  "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div",
  "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
  "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "ol", "p", "pre", "section", "summary",
  "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "xmp", "listing", "plaintext",
]);

/** Content that makes a `<form>` the page's body (ASP.NET pages wrap everything in one) rather than a search box. */
const CONTENT = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "li", "article", "main", "section"]);

const CIRCLED = Array.from({ length: 20 }, (_, i) => String.fromCharCode(0x2460 + i));

interface Context {
  source: string;
  /** Depth of `<ol>` around the current element. */
  olDepth: number;
  /** Inside `<pre>`: line breaks are kept. */
  pre: boolean;
  /** Inside `<article>` or `<main>`: their header and footer are content. */
  article: boolean;
  /** The last source offset seen, for nodes without a position. */
  at: number;
  /**
   * Top-level numbered lists without a `start` continue the number of the one before (Word: mammoth drops
   * the numbering's start values, and a plan's auto-numbered points usually run on across headings).
   */
  continueLists: boolean;
  /** The next number of a top-level numbered list, when lists continue. */
  next: { n: number };
  /** Elements inside the page's article that are left out (share bars, link lists: see article.ts). */
  skip?: ReadonlySet<Element>;
}

function hasContent(node: Element): boolean {
  return node.children.some((child) => child.type === "element" && (CONTENT.has(child.tagName) || hasContent(child)));
}

function isHidden(node: Element, ctx: Context): boolean {
  return isFurniture(node, ctx.article) || (ctx.skip?.has(node) ?? false);
}

/** Page furniture: never plan text (inside `<article>`/`<main>`, a header and footer are content). */
function isFurniture(node: Element, article: boolean): boolean {
  const p = node.properties;
  if (IGNORED.has(node.tagName)) return true;
  if (p.hidden !== undefined && p.hidden !== false && p.hidden !== null) return true;
  if (p.ariaHidden === "true") return true;
  const style = typeof p.style === "string" ? p.style : "";
  if (/display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all/i.test(style)) return true;
  const role = typeof p.role === "string" ? p.role.toLowerCase() : "";
  if (role === "navigation" || role === "search") return true;
  if ((node.tagName === "header" || node.tagName === "footer") && !article) return true;
  if (node.tagName === "form" && !hasContent(node)) return true;
  if (node.tagName === "dialog" && (p.open === undefined || p.open === false)) return true;
  return false;
}

function startOf(node: RootContent | ElementContent, ctx: Context): number {
  return node.position?.start.offset ?? ctx.at;
}

function olMarker(n: number, depth: number): string {
  if (depth <= 1) return `${n}.`;
  if (depth === 2 || n < 1 || n > 20) return `（${n}）`;
  return CIRCLED[n - 1]!;
}

function intProperty(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

function walkChildren(children: readonly (RootContent | ElementContent)[], b: TextBuilder, ctx: Context): void {
  for (const child of children) walk(child, b, ctx);
}

function walk(node: RootContent | ElementContent, b: TextBuilder, ctx: Context): void {
  if (node.position?.start.offset !== undefined) ctx.at = node.position.start.offset;
  if (node.type === "text") {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) {
      b.fixed(node.value, ctx.at);
      return;
    }
    // Inside <pre>, each source line is a line.
    alignText(node.value, ctx.source, start, end, (c, at, copied) => {
      if (ctx.pre && c === "\n") b.breakLine();
      else b.char(c, at, copied);
    });
    return;
  }
  if (node.type !== "element") return;
  if (isHidden(node, ctx)) return;
  const tag = node.tagName;
  if (tag === "br") {
    b.breakLine();
    return;
  }
  if (tag === "table") {
    b.appendLines(tableOf(node, ctx));
    return;
  }
  if (tag === "ol" || tag === "ul") {
    b.breakLine();
    const inner: Context = { ...ctx, olDepth: tag === "ol" ? ctx.olDepth + 1 : ctx.olDepth };
    const start = intProperty(node.properties.start);
    const continues = tag === "ol" && inner.olDepth === 1 && ctx.continueLists && start === undefined;
    let n = tag === "ol" ? (start ?? (continues ? ctx.next.n : 1)) : 0;
    for (const child of node.children) {
      if (child.type === "element" && child.tagName === "li" && tag === "ol" && !isHidden(child, inner)) {
        n = intProperty(child.properties.value) ?? n;
        const item = new TextBuilder();
        walkChildren(child.children, item, inner);
        const lines = item.take();
        const first = lines[0];
        // A numbered list's numbers are not in its text: write them, unless the text has its own.
        if (first && !PLAN_MARKER.test(first.text)) {
          const at = startOf(child, inner);
          const marker = olMarker(n, inner.olDepth);
          lines[0] = {
            text: marker + first.text,
            origins: [...Array<number>(marker.length).fill(at), ...first.origins],
            copied: [...Array<boolean>(marker.length).fill(false), ...first.copied],
          };
        }
        b.appendLines(lines);
        n++;
        ctx.at = inner.at;
        continue;
      }
      walk(child, b, inner);
    }
    ctx.at = inner.at;
    if (continues) ctx.next.n = n;
    b.breakLine();
    return;
  }
  const inner: Context =
    tag === "pre" || tag === "xmp" || tag === "listing" || tag === "plaintext"
      ? { ...ctx, pre: true }
      : tag === "article" || tag === "main"
        ? { ...ctx, article: true }
        : ctx;
  if (BLOCKS.has(tag)) {
    b.breakLine();
    walkChildren(node.children, b, inner);
    b.breakLine();
  } else {
    walkChildren(node.children, b, inner);
  }
  if (inner !== ctx) ctx.at = inner.at;
}

/** Rows of a table (not of tables nested in its cells). */
function rowsOf(table: Element, ctx: Context): { row: Element; head: boolean }[] {
  const rows: { row: Element; head: boolean }[] = [];
  const visit = (parent: Element, head: boolean) => {
    for (const child of parent.children) {
      if (child.type !== "element" || isHidden(child, ctx)) continue;
      if (child.tagName === "tr") rows.push({ row: child, head });
      else if (child.tagName === "thead" || child.tagName === "tbody" || child.tagName === "tfoot") visit(child, child.tagName === "thead");
    }
  };
  visit(table, false);
  return rows;
}

/** A table's lines: a task table as bracketed items (see task-table.ts), any other table a row per line. */
function tableOf(table: Element, ctx: Context): Line[] {
  const lines: Line[] = [];
  for (const child of table.children) {
    if (child.type === "element" && child.tagName === "caption" && !isHidden(child, ctx)) {
      const b = new TextBuilder();
      walkChildren(child.children, b, ctx);
      lines.push(...b.take());
    }
  }
  const rows: TableRow[] = [];
  for (const { row, head } of rowsOf(table, ctx)) {
    const cells: TableCell[] = [];
    for (const cell of row.children) {
      if (cell.type !== "element" || (cell.tagName !== "td" && cell.tagName !== "th")) continue;
      // A hidden cell still takes its place in the grid.
      const b = new TextBuilder();
      const at = startOf(cell, ctx);
      if (!isHidden(cell, ctx)) walkChildren(cell.children, b, ctx);
      cells.push({
        lines: b.take(),
        at,
        colSpan: intProperty(cell.properties.colSpan) ?? 1,
        rowSpan: intProperty(cell.properties.rowSpan) ?? 1,
        header: cell.tagName === "th",
      });
    }
    if (cells.length > 0) rows.push({ cells, header: head });
  }
  lines.push(...tableLines(rows));
  return lines;
}

function parse(source: string, fragment: boolean): Root {
  return unified().use(rehypeParse, { fragment }).parse(source);
}

export interface HtmlOptions {
  /** Parse as a fragment (Markdown's raw HTML) rather than a page. */
  fragment?: boolean;
  /** Offset of the source in a larger text, added to every origin. */
  base?: number;
  /** Top-level `<ol>`s without `start` continue the numbering of the one before (mammoth's HTML of a .docx). */
  continueLists?: boolean;
  /**
   * Read only the page's article when it has a clear one (article.ts): a published web page, with its
   * navigation, menus and footer around the plan. Not for fragments and Word's HTML.
   */
  article?: boolean;
  /** Given the parsed page (the Word reader matches its blocks to Word's paragraphs: docx-paragraphs.ts). */
  onTree?: (tree: Root) => void;
}

/** The lines of an HTML text, and the article read (when `options.article` found one). */
function readLines(source: string, options: HtmlOptions): { lines: Line[]; article: Article | null } {
  const tree = parse(source, options.fragment ?? false);
  options.onTree?.(tree);
  const b = new TextBuilder();
  const ctx: Context = { source, olDepth: 0, pre: false, article: false, at: 0, continueLists: options.continueLists ?? false, next: { n: 1 } };
  const article = options.article && !options.fragment ? findArticle(tree, isFurniture) : null;
  if (article) {
    const inner: Context = { ...ctx, article: article.inArticle, skip: article.skip };
    for (const element of article.elements) {
      b.breakLine();
      walk(element, b, inner);
      b.breakLine();
    }
  } else {
    walkChildren(tree.children, b, ctx);
  }
  const lines = b.take();
  const base = options.base ?? 0;
  if (base !== 0) for (const line of lines) for (let i = 0; i < line.origins.length; i++) line.origins[i] = line.origins[i]! + base;
  return { lines, article };
}

/** The lines of an HTML text. */
export function htmlLines(source: string, options: HtmlOptions = {}): Line[] {
  return readLines(source, options).lines;
}

/** Plan text of an HTML page, its map to the page, which characters copy the page, and the reader's notes. */
export function extractHtml(source: string, options: Omit<HtmlOptions, "base"> = {}): Built & { notes: ReaderNote[] } {
  const { lines, article } = readLines(source, options);
  const notes: ReaderNote[] = article ? [{ severity: "info", code: "html-article", message: article.message, start: article.start, end: article.end }] : [];
  return { ...joinLines(lines), notes };
}

/** Reads decoded HTML: the page's article (or the whole page) as plan text with a map from text offsets to offsets in `source`. Never throws. */
export function readHtml(source: string): ReadResult {
  try {
    const { text, map, notes } = extractHtml(source, { article: true });
    return { ok: true, extracted: { text, map, notes } };
  } catch (error) {
    return { ok: false, problem: `unreadable HTML (${error instanceof Error ? error.message : String(error)})` };
  }
}
