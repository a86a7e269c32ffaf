// Word (.docx) → plan text: mammoth turns the document into HTML (paragraphs, headings, numbered lists,
// tables with merged cells), which the HTML reader reads like any page. Spans then point into the extracted
// text (map null), and each part of that text knows the Word paragraph it comes from (docx-paragraphs.ts).
// Anything that is not a readable .docx gives one line saying so; this never throws.
// Before mammoth unpacks anything, the archive is checked (src/input/zip-limits.ts): what it unpacks to is bounded
// (a zip bomb is "too large when unpacked"), and so is how deeply the document's XML nests.
import { xmlDepthInspector } from "./xml-depth.js";
import { checkZip } from "./zip-limits.js";
import type { Root } from "hast";
import { docxParagraphRuns, type ParagraphRun } from "./docx-paragraphs.js";
import { extractHtml } from "./html.js";
import type { ReadResult } from "./types.js";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function notWord(reason: string): ReadResult {
  return { ok: false, problem: `not a Word document (${reason})` };
}

/** mammoth's error, on one line and short. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split(/\r?\n/).find((l) => l.trim() !== "")?.trim() ?? "unreadable";
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/** The HTML mammoth makes of a .docx (images left out). */
export async function docxToHtml(bytes: Uint8Array): Promise<{ ok: true; html: string } | { ok: false; problem: string }> {
  if (bytes.byteLength === 0) return { ok: false, problem: "not a Word document (empty file)" };
  if (bytes.byteLength < 4 || ZIP_MAGIC.some((b, i) => bytes[i] !== b)) {
    return { ok: false, problem: "not a Word document (not a zip archive)" };
  }
  const check = await checkZip(bytes, { inspect: (name) => (/^word\/.*\.xml$/i.test(name) ? xmlDepthInspector(name) : null) });
  if (!check.ok) return { ok: false, problem: check.problem };
  try {
    // Loaded on first use: mammoth and its zip reader are large, and most inputs are not Word files.
    const { default: mammoth } = await import("mammoth");
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = await mammoth.convertToHtml(
      { buffer },
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })) },
    );
    return { ok: true, html: result.value };
  } catch (error) {
    return { ok: false, problem: `not a Word document (${reasonOf(error)})` };
  }
}

/**
 * Reads a .docx: the plan text of its HTML; spans point into that text (map null), and `paragraphs` says which
 * Word paragraph each part of it comes from (docx-paragraphs.ts). Never throws.
 */
export async function readDocx(bytes: Uint8Array): Promise<ReadResult> {
  const html = await docxToHtml(bytes);
  if (!html.ok) return html.problem.startsWith("not a Word document") ? notWord(html.problem.replace(/^not a Word document \((.*)\)$/, "$1")) : html;
  let built: ReturnType<typeof extractHtml>;
  let tree: Root | undefined;
  try {
    built = extractHtml(html.html, { continueLists: true, onTree: (t) => (tree = t) });
  } catch (error) {
    return notWord(reasonOf(error));
  }
  const { text } = built;
  let paragraphs: ParagraphRun[] | undefined;
  try {
    paragraphs = tree ? await docxParagraphRuns(bytes, tree, text.length, built.map) : undefined;
  } catch {
    // Paragraph numbers are a help for finding a line in Word, not part of reading it: without them the
    // document is read all the same.
    paragraphs = undefined;
  }
  return { ok: true, extracted: { text, map: null, ...(paragraphs ? { paragraphs } : {}) } };
}
