// Markdown → plan text (unified + remark-parse + remark-gfm). Headings, paragraphs and list items become
// lines; an ordered list keeps its numbers as written (`3. 加强…` → `3.加强…`, the marker copied from the
// source); inline markup reduces to its text; GFM tables go through task-table.ts; raw HTML blocks through
// the HTML reader. Every character maps back to the Markdown source.
import type { Nodes, PhrasingContent, RootContent, Table } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { htmlLines } from "./html.js";
import { tableLines, type TableRow } from "./task-table.js";
import { alignText, joinLines, TextBuilder, type Built } from "./text-builder.js";
import type { ReadResult } from "./types.js";

interface Context {
  source: string;
  /** The last source offset seen, for nodes without a position. */
  at: number;
}

// `---` YAML or `+++` TOML front matter, closed by the same fence (or `...` for YAML).
const FRONT_MATTER = /^(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n[\s\S]*?\r?\n(?:\1|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** The source with front matter replaced by spaces (line breaks kept), so that offsets stay the same. */
function blankFrontMatter(source: string): string {
  const m = FRONT_MATTER.exec(source);
  if (!m) return source;
  return m[0].replace(/[^\r\n]/g, " ") + source.slice(m[0].length);
}

function phrasing(nodes: readonly PhrasingContent[], b: TextBuilder, ctx: Context): void {
  for (const node of nodes) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined) ctx.at = start;
    switch (node.type) {
      case "text":
      case "inlineCode":
        if (start === undefined || end === undefined) b.fixed(node.value, ctx.at);
        else b.aligned(node.value, ctx.source, start, end);
        break;
      case "break":
        // A hard break (two spaces or a backslash at the end of a line) is a <br>: a new line.
        b.breakLine();
        break;
      case "html":
        if (/^<br\b/i.test(node.value)) b.breakLine();
        break;
      case "emphasis":
      case "strong":
      case "delete":
      case "link":
      case "linkReference":
        phrasing(node.children, b, ctx);
        break;
      default:
        // image, imageReference, footnoteReference: no text.
        break;
    }
  }
}

function table(node: Table, ctx: Context): TableRow[] {
  return node.children.map((row, r) => ({
    header: r === 0,
    cells: row.children.map((cell) => {
      const b = new TextBuilder();
      phrasing(cell.children, b, ctx);
      return { lines: b.take(), at: cell.position?.start.offset ?? ctx.at, header: r === 0 };
    }),
  }));
}

// The marker of an ordered list item, as written: `1.` `12)`.
const LIST_MARKER = /[ \t]*([0-9]{1,9}[.)])/y;

function blocks(nodes: readonly (RootContent | Nodes)[], b: TextBuilder, ctx: Context): void {
  for (const node of nodes) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined) ctx.at = start;
    switch (node.type) {
      case "heading":
      case "paragraph":
        b.breakLine();
        phrasing(node.children, b, ctx);
        b.breakLine();
        break;
      case "list":
        for (const item of node.children) {
          b.breakLine();
          const itemStart = item.position?.start.offset;
          if (node.ordered && itemStart !== undefined) {
            LIST_MARKER.lastIndex = itemStart;
            const m = LIST_MARKER.exec(ctx.source);
            if (m) b.copy(m[1]!, itemStart + m[0].length - m[1]!.length);
          }
          const [first, ...rest] = item.children;
          if (first && (first.type === "paragraph" || first.type === "heading")) {
            phrasing(first.children, b, ctx);
            blocks(rest, b, ctx);
          } else {
            blocks(item.children, b, ctx);
          }
          b.breakLine();
        }
        break;
      case "blockquote":
        blocks(node.children, b, ctx);
        break;
      case "code": {
        if (start === undefined || end === undefined) break;
        b.breakLine();
        // A fenced block's text starts on the line after the fence.
        const fenced = /^[ \t]*(?:```|~~~)/.test(ctx.source.slice(start, start + 8));
        const from = fenced ? ctx.source.indexOf("\n", start) + 1 || end : start;
        alignText(node.value, ctx.source, from, end, (c, at, copied) => {
          if (c === "\n") b.breakLine();
          else b.char(c, at, copied);
        });
        b.breakLine();
        break;
      }
      case "html":
        // Raw HTML blocks: read as HTML (comments drop out); a lone HTML comment gives nothing.
        if (start !== undefined && end !== undefined) b.appendLines(htmlLines(ctx.source.slice(start, end), { fragment: true, base: start }));
        break;
      case "table":
        b.appendLines(tableLines(table(node, ctx)));
        break;
      default:
        // thematicBreak, definition, footnoteDefinition, yaml, toml: no plan text.
        break;
    }
  }
}

/** Plan text of a Markdown text, its map to the source, and which characters copy the source. */
export function extractMarkdown(source: string): Built {
  const blanked = blankFrontMatter(source);
  const tree = unified().use(remarkParse).use(remarkGfm).parse(blanked);
  const b = new TextBuilder({ breakBeforeMarkers: true });
  blocks(tree.children, b, { source: blanked, at: 0 });
  return joinLines(b.take());
}

/** Reads decoded Markdown: plan text with a map from text offsets to offsets in `source`. Never throws. */
export function readMarkdown(source: string): ReadResult {
  try {
    const { text, map } = extractMarkdown(source);
    return { ok: true, extracted: { text, map } };
  } catch (error) {
    return { ok: false, problem: `unreadable Markdown (${error instanceof Error ? error.message : String(error)})` };
  }
}
