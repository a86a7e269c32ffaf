// OpenDocument text (.odt; a spreadsheet's content.xml reads the same way): content.xml's headings, paragraphs,
// lists and tables (merged cells: number-rows-spanned / number-columns-spanned, covered cells left out) as
// blocks; footnotes, annotations, drawings and tracked deletions are not text of the plan. Read from the zip
// within its limits and parsed with saxes. An encrypted document (a password in LibreOffice) says so.
import { blocksToText, type Block, type TableBlockCell } from "./blocks.js";
import type { ReadResult } from "./types.js";
import { attr, find, local, parseXml, XmlError, type XmlElement, type XmlNode } from "./xml-tree.js";
import { unzip, utf8 } from "./zip-read.js";

const WHAT = "an OpenDocument text (.odt)";

/** Elements whose content is never plan text. */
const SKIP = new Set(["note", "annotation", "tracked-changes", "sequence-decls", "bookmark", "bookmark-start", "bookmark-end", "soft-page-break", "table-of-content-source", "variable-decls", "user-field-decls", "forms", "rt"]);
const SKIP_QUALIFIED = /^(?:draw|svg|office:annotation|office:forms|office:event-listeners|dr3d|chart|form):/;

/** A paragraph's text: spans and links flattened, `text:s` as spaces, tabs as a space, line breaks as newlines. */
function inline(node: XmlNode, out: string[]): void {
  if (typeof node === "string") {
    out.push(node.replace(/[\r\n\t]+/g, " "));
    return;
  }
  const name = local(node.name);
  if (SKIP.has(name) || SKIP_QUALIFIED.test(node.name)) return;
  if (name === "s") {
    out.push(" ".repeat(Math.min(Number(attr(node, "c") ?? 1) || 1, 100)));
    return;
  }
  if (name === "tab") {
    out.push(" ");
    return;
  }
  if (name === "line-break") {
    out.push("\n");
    return;
  }
  for (const c of node.children) inline(c, out);
}

function paragraphText(el: XmlElement): string {
  const out: string[] = [];
  for (const c of el.children) inline(c, out);
  return out.join("");
}

/** The paragraphs of a table cell (tables nested in it give their rows' text). */
function cellParagraphs(cell: XmlElement): string[] {
  const blocks: Block[] = [];
  walkBlocks(cell.children, blocks);
  return blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : b.rows.map((r) => r.flatMap((c) => c.paragraphs).join(" "))));
}

const MAX_REPEAT = 256;

function tableBlock(table: XmlElement): Block {
  const rows: TableBlockCell[][] = [];
  const visit = (el: XmlElement): void => {
    for (const c of el.children) {
      if (typeof c === "string") continue;
      const n = local(c.name);
      if (n === "table-header-rows" || n === "table-rows" || n === "table-row-group") visit(c);
      else if (n === "table-row") {
        const cells: TableBlockCell[] = [];
        let width = 0;
        for (const cell of c.children) {
          if (typeof cell === "string") continue;
          const cn = local(cell.name);
          if (cn !== "table-cell" && cn !== "covered-table-cell") continue;
          const repeat = Math.max(1, Math.min(Number(attr(cell, "number-columns-repeated") ?? 1) || 1, MAX_REPEAT - width));
          width += repeat;
          if (cn === "covered-table-cell") continue;
          const paragraphs = cellParagraphs(cell);
          const colSpan = Number(attr(cell, "number-columns-spanned") ?? 1) || 1;
          const rowSpan = Number(attr(cell, "number-rows-spanned") ?? 1) || 1;
          for (let i = 0; i < repeat; i++) cells.push({ paragraphs, ...(colSpan > 1 ? { colSpan } : {}), ...(rowSpan > 1 ? { rowSpan } : {}) });
          if (width >= MAX_REPEAT) break;
        }
        const empty = cells.every((x) => x.paragraphs.every((p) => p.trim() === ""));
        const repeat = empty ? 1 : Math.max(1, Math.min(Number(attr(c, "number-rows-repeated") ?? 1) || 1, MAX_REPEAT));
        for (let i = 0; i < repeat; i++) rows.push(cells);
      }
    }
  };
  visit(table);
  return { kind: "table", rows };
}

/** Block-level content in document order. */
function walkBlocks(nodes: readonly XmlNode[], out: Block[]): void {
  for (const node of nodes) {
    if (typeof node === "string") continue;
    const name = local(node.name);
    if (SKIP.has(name) || SKIP_QUALIFIED.test(node.name)) continue;
    if (name === "p" || name === "h") out.push({ kind: "paragraph", text: paragraphText(node) });
    else if (name === "table" && node.name.startsWith("table:")) out.push(tableBlock(node));
    else walkBlocks(node.children, out);
  }
}

export async function readOdf(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.byteLength === 0) return { ok: false, problem: `not ${WHAT} (empty file)` };
  const files = unzip(bytes, WHAT, (n) => n === "content.xml" || n === "META-INF/manifest.xml");
  if (!files.ok) return files;
  const manifest = utf8(files.files.get("META-INF/manifest.xml"));
  if (/<manifest:encryption-data\b/.test(manifest)) return { ok: false, problem: `${WHAT} is encrypted (a password is needed to open it)` };
  const content = files.files.get("content.xml");
  if (!content) return { ok: false, problem: `not ${WHAT} (no content.xml)` };
  let root: XmlElement;
  try {
    root = await parseXml(utf8(content));
  } catch (e) {
    return { ok: false, problem: `${WHAT} cannot be read (${e instanceof XmlError ? `malformed XML: ${e.message}` : (e as Error).message})` };
  }
  const body = find(root, "body");
  const blocks: Block[] = [];
  if (body) walkBlocks(body.children, blocks);
  const text = blocksToText(blocks);
  if (text.trim() === "") return { ok: false, problem: `${WHAT} has no text` };
  return { ok: true, extracted: { text, map: null, format: "odt" } };
}
