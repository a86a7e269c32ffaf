// The Word reader: .docx files made from the unit inputs by pandoc and LibreOffice (see
// fixtures/inputs/unit/README.md) give the same plan text as their sources; bad bytes give one line, never a throw.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readDocx } from "../src/input/docx.js";
import { extractHtml } from "../src/input/html.js";
import { extractMarkdown } from "../src/input/markdown.js";
import { parsePlan } from "../src/pipeline/parse-plan.js";
import { unit, outline } from "./support/readers.js";

const unitBytes = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/inputs/unit/${name}`, import.meta.url)));

async function docxText(name: string): Promise<string> {
  const read = await readDocx(unitBytes(name));
  if (!read.ok) throw new Error(read.problem);
  expect(read.extracted.map).toBeNull();
  return read.extracted.text;
}

describe("readDocx", () => {
  it("headings-lists.docx (pandoc): Word's numbered lists get their numbers back, running on across headings", async () => {
    const text = await docxText("headings-lists.docx");
    // pandoc writes the front matter as Title and Author paragraphs, and (with hard_line_breaks) each source
    // line break as a Word line break; the rest is the Markdown reader's text.
    const md = extractMarkdown(unit("headings-lists.md")).text;
    expect(text).toBe(
      [
        "示范区2021年食品安全工作要点",
        "食安办",
        md
          .replace("工作部署，现就", "工作部署，\n现就")
          .replace("HACCP system", "HACCP\nsystem"),
      ].join("\n"),
    );
    const doc = parsePlan(text);
    expect(doc.meta.year).toBe(2021);
    expect(outline(doc)).toEqual(outline(parsePlan(md)));
    const point4 = doc.outline[1]!.children[1]!.children[1]!;
    expect(point4.number).toBe(4);
    expect(point4.tasks[0]!.responsible).toEqual(["区农业农村局"]);
    expect(point4.progress?.deadlines[0]?.date).toBe("2021-12-31");
  });

  it("task-table.docx (LibreOffice, merged cells): the same text as the HTML it was made from", async () => {
    const text = await docxText("task-table.docx");
    expect(text).toBe(extractHtml(unit("task-table.html")).text);
    const doc = parsePlan(text);
    expect(outline(doc).filter((l) => !l.startsWith(" "))).toEqual(["一、强化责任落实", "二、严厉打击违法犯罪", "三、加强能力建设"]);
    expect(doc.outline[0]!.children[1]!.tasks[0]!.support).toEqual(["县教育局", "县卫健局"]);
  });

  it("task-table-md.docx (pandoc, a header row): the same text as the Markdown it was made from", async () => {
    const text = await docxText("task-table-md.docx");
    expect(text).toBe(extractMarkdown(unit("task-table.md")).text);
    const doc = parsePlan(text);
    expect(doc.outline[0]!.children[0]!.progress?.deadlines[0]?.date).toBe("2021-06-30");
  });

  it.each([
    ["empty input", new Uint8Array(0), /^not a Word document \(empty file\)$/],
    ["text, not a zip", new TextEncoder().encode("一、总体要求\n（一）加强领导\n"), /^not a Word document \(not a zip archive\)$/],
    ["a zip without a Word document", unitBytes("not-word.docx"), /^not a Word document \(.*main document.*\)$/i],
    ["a truncated .docx (first half)", (() => { const b = unitBytes("headings-lists.docx"); return b.subarray(0, b.length >> 1); })(), /^not a Word document \(.+\)$/],
    ["zip magic and garbage", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]), /^not a Word document \(.+\)$/],
    ["a PDF", new TextEncoder().encode("%PDF-1.7\n"), /^not a Word document \(not a zip archive\)$/],
  ])("%s: one line saying it is not a Word document", async (_name, bytes, problem) => {
    const read = await readDocx(bytes);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problem).toMatch(problem);
      expect(read.problem).not.toMatch(/\n/);
      expect(read.problem).not.toMatch(/\.$/);
    }
  });
});
