// The Word paragraph of every node and task read from a .docx (`paragraph`): checked against word/document.xml
// counted here independently — every `<w:p` element in document order, by a regular expression over the
// unzipped XML — so the number a user types into Word's navigation finds the node's marker and the task's
// bracket. Where mammoth's text cannot be matched to a paragraph, there is no number rather than a wrong one.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { alignBlocks } from "../src/input/docx-paragraphs.js";
import { readDocx } from "../src/input/docx.js";
import { parseInput } from "../src/input/index.js";
import { unzip, utf8 } from "../src/input/zip-read.js";
import { planJsonSchema, type PlanDocument, type PlanNode, type Task } from "../src/schema.js";
import { makeDocx } from "./helpers/zip.js";

const bytesOf = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../${path}`, import.meta.url)));

async function parse(path: string, bytes = bytesOf(path)): Promise<PlanDocument> {
  const result = await parseInput(bytes, { name: path });
  if (!result.ok) throw new Error(`${path}: ${result.problem}`);
  return result.document;
}

const decode = (s: string): string =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const squeeze = (s: string): string => s.replace(/[\s\u3000]+/g, "");

interface CountedParagraph {
  /** The element's XML, up to the next paragraph's start. */
  xml: string;
  /** Its w:t text, white space removed. */
  text: string;
  inTable: boolean;
}

/** The paragraphs of a .docx as counted by hand: each `<w:p>` or `<w:p …>` start tag in word/document.xml. */
function countParagraphs(bytes: Uint8Array): CountedParagraph[] {
  const zip = unzip(bytes, "test", (n) => n === "word/document.xml");
  if (!zip.ok) throw new Error(zip.problem);
  const xml = utf8(zip.files.get("word/document.xml"));
  const starts = [...xml.matchAll(/<w:p[\s>/]/g)].map((m) => m.index);
  return starts.map((s, i) => {
    const part = xml.slice(s, starts[i + 1] ?? xml.length);
    const text = squeeze(decode([...part.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("")));
    const before = xml.slice(0, s);
    return { xml: part, text, inTable: before.lastIndexOf("<w:tc>") > before.lastIndexOf("</w:tc>") };
  });
}

function allNodes(doc: PlanDocument): PlanNode[] {
  const out: PlanNode[] = [];
  const walk = (nodes: PlanNode[]): void =>
    nodes.forEach((n) => {
      out.push(n);
      walk(n.children);
    });
  walk(doc.outline);
  return out;
}

const find = (doc: PlanDocument, marker: string): PlanNode => {
  const node = allNodes(doc).find((n) => n.marker === marker);
  if (!node) throw new Error(`no node ${marker}`);
  return node;
};

describe("paragraph: the seed plans as Word files (pandoc)", () => {
  const seeds = ["000_8d72839633e6c520", "001_9ea69e7fd293a163", "002_c0b8b7f66cffa162", "003_3fa5fd6deccc4e95", "004_36973856179009ba"];

  it.each(seeds)("%s.docx: every node's paragraph holds its marker and title, every task's its bracket", async (seed) => {
    const path = `fixtures/formats/${seed}.docx`;
    const doc = await parse(path);
    const paragraphs = countParagraphs(bytesOf(path));
    const nodes = allNodes(doc);
    expect(nodes.length).toBeGreaterThan(5);
    for (const node of nodes) {
      expect(node.paragraph, `${node.id} ${node.marker}${node.title}`).toBeDefined();
      expect(paragraphs[node.paragraph! - 1]!.text).toContain(squeeze(node.marker + node.title));
      for (const task of node.tasks) {
        expect(task.paragraph, task.id).toBeDefined();
        expect(paragraphs[task.paragraph! - 1]!.text).toContain(squeeze(task.raw));
      }
    }
    // In document order, never backwards.
    const order = nodes.map((n) => n.paragraph!);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe("paragraph: Word's own list numbers, line breaks and an empty paragraph (headings-lists.docx)", () => {
  const path = "fixtures/inputs/unit/headings-lists.docx";

  it("counts the empty paragraph: 三、 is paragraph 18, after the empty 17", async () => {
    const doc = await parse(path);
    const paragraphs = countParagraphs(bytesOf(path));
    const three = find(doc, "三、");
    expect(three.paragraph).toBe(18);
    expect(paragraphs[16]!.text).toBe("");
    expect(paragraphs[17]!.text.startsWith("三、保障措施")).toBe(true);
    // （四） follows a Word line break in the same paragraph: the same number, and its task too.
    const four = find(doc, "（四）");
    expect(four.paragraph).toBe(18);
    expect(four.tasks.map((t) => t.paragraph)).toEqual([18]);
  });

  it("a list item whose number Word generates (w:numPr) gets the paragraph of its text", async () => {
    const doc = await parse(path);
    const paragraphs = countParagraphs(bytesOf(path));
    const first = find(doc, "（一）").children[0]!;
    expect(first.marker).toBe("1.");
    expect(first.paragraph).toBe(9);
    const p = paragraphs[8]!;
    expect(p.xml).toContain("<w:numPr>");
    expect(p.text.startsWith("1.")).toBe(false);
    expect(p.text).toContain(squeeze(first.title));
    expect(first.tasks[0]!.paragraph).toBe(9);
    // The numbering runs on across the heading: 3. is paragraph 12.
    const third = find(doc, "（二）").children[0]!;
    expect([third.marker, third.paragraph]).toEqual(["3.", 12]);
    expect(paragraphs[11]!.text).toContain(squeeze(third.title));
  });

  it("paragraph is the last key of a node and a task, after span (no page in Word)", async () => {
    const doc = await parse(path);
    const node = find(doc, "（一）").children[0]!;
    expect(Object.keys(node).slice(-2)).toEqual(["span", "paragraph"]);
    expect(Object.keys(node.tasks[0]!).slice(-2)).toEqual(["span", "paragraph"]);
    expect(node.page).toBeUndefined();
  });
});

describe("paragraph: a task table in Word (task-table-002.docx, LibreOffice)", () => {
  const path = "fixtures/formats/task-table-002.docx";

  it("nodes and tasks inside table cells: the 类别 cell, the 序号 cell the marker is made from, the 牵头单位 cell the bracket is made from", async () => {
    const doc = await parse(path);
    const paragraphs = countParagraphs(bytesOf(path));
    const sections = doc.outline;
    expect(sections).toHaveLength(9);
    for (const section of sections) {
      const p = paragraphs[section.paragraph! - 1]!;
      expect(p.inTable).toBe(true);
      expect(p.text).toBe(squeeze(section.marker + section.title));
      for (const row of section.children) {
        // The row's marker `1.` is written from its 序号 cell.
        const number = paragraphs[row.paragraph! - 1]!;
        expect(number.inTable).toBe(true);
        expect(number.text).toBe(String(row.number));
        const [task] = row.tasks as [Task];
        const lead = paragraphs[task.paragraph! - 1]!;
        expect(lead.inTable).toBe(true);
        expect(lead.text).toBe(task.lead.join("、"));
      }
    }
    expect(sections[0]!.paragraph).toBe(9);
    expect(sections[0]!.children.map((r) => [r.number, r.paragraph, r.tasks[0]!.paragraph])).toEqual([
      [1, 8, 11],
      [2, 14, 17],
      [3, 20, 23],
      [4, 26, 29],
    ]);
    // The table's merged (w:vMerge) and empty cells still count: row 2's 类别 cell is the empty paragraph 15.
    expect(paragraphs[14]).toMatchObject({ text: "", inTable: true });
  });
});

describe("paragraph: only for Word", () => {
  it("a .txt has no paragraph key at all", async () => {
    const doc = await parse("fixtures/seeds/004_36973856179009ba.txt");
    expect(allNodes(doc).length).toBeGreaterThan(5);
    expect(JSON.stringify(doc)).not.toContain('"paragraph"');
  });

  it("a Word 97 .doc has none: its text comes without paragraphs to count", async () => {
    const doc = await parse("fixtures/formats/task-table-002.doc");
    expect(doc.stats.tasks).toBe(16);
    expect(JSON.stringify(doc)).not.toContain('"paragraph"');
  });

  it("a PDF has pages, not paragraphs", async () => {
    const doc = await parse("fixtures/formats/task-table-002.pdf");
    expect(doc.outline[0]!.page).toBe(1);
    expect(JSON.stringify(doc)).not.toContain('"paragraph"');
  });

  it("the JSON Schema has an optional integer paragraph ≥ 1 on nodes and tasks, right after page", () => {
    const text = JSON.stringify(planJsonSchema());
    const found = text.match(/"page":\{[^}]*\},"paragraph":\{"description":"docx: [^"]*","type":"integer","minimum":1,[^}]*\}/g) ?? [];
    expect(found).toHaveLength(2);
    expect(text).not.toMatch(/"required":\[[^\]]*"paragraph"/);
  });
});

describe("paragraph: the CLI", () => {
  it("plan-parse FILE.docx prints paragraph after span in the JSON (spawns the built binary)", () => {
    const bin = fileURLToPath(new URL("../bin/plan-parse.js", import.meta.url));
    const r = spawnSync(process.execPath, [bin, "fixtures/inputs/unit/headings-lists.docx"], { cwd: fileURLToPath(new URL("..", import.meta.url)), input: "" });
    expect(r.status).toBe(0);
    const out = r.stdout.toString("utf8");
    const doc = JSON.parse(out) as PlanDocument;
    expect(find(doc, "三、").paragraph).toBe(18);
    expect(out).toMatch(/"span": \{[^]*?\n {6}\},\n {6}"paragraph": 5\n/);
  });
});

// Word files made here: what mammoth writes differently from the paragraph's runs, and text boxes.
const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
  'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
const p = (text: string): string => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const word = (body: string): Uint8Array =>
  new Uint8Array(makeDocx(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>${body}</w:body></w:document>`));

describe("paragraph: what cannot be matched gets none", () => {
  it("a paragraph whose text mammoth writes otherwise (a w:sym it maps to ✓) has no paragraph; the ones after it keep theirs", async () => {
    const sym = '<w:p><w:r><w:t>（一）落实责任</w:t></w:r><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r><w:r><w:t>。（区食安办）</w:t></w:r></w:p>';
    const bytes = word(p("2021年工作要点") + "<w:p/>" + p("一、加强监管") + sym + "<w:p/><w:p/>" + p("（二）强化检查。（区市场监管局）"));
    const read = await readDocx(bytes);
    expect(read.ok && read.extracted.text).toContain("（一）落实责任✓。（区食安办）");
    const doc = await parse("sym.docx", bytes);
    const one = find(doc, "（一）");
    expect(one.paragraph).toBeUndefined();
    expect(one.tasks[0]!.paragraph).toBeUndefined();
    expect("paragraph" in one).toBe(false);
    expect(find(doc, "一、").paragraph).toBe(3);
    const two = find(doc, "（二）");
    expect([two.paragraph, two.tasks[0]!.paragraph]).toEqual([7, 7]);
  });

  it("a text box is counted once (Word shows mc:Choice; mammoth reads the mc:Fallback copy), its paragraphs after the one that anchors it", async () => {
    const box = (text: string): string =>
      `<w:txbxContent>${p(text)}</w:txbxContent>`;
    const anchored =
      '<w:p><w:r><w:t>一、加强监管</w:t></w:r><w:r><mc:AlternateContent>' +
      `<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>${box("（一）框内任务。（区食安办）")}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
      `<mc:Fallback><w:pict><v:shape><v:textbox>${box("（一）框内任务。（区食安办）")}</v:textbox></v:shape></w:pict></mc:Fallback>` +
      "</mc:AlternateContent></w:r></w:p>";
    const bytes = word(p("2021年工作要点") + anchored + p("（二）强化检查。（区市场监管局）"));
    const doc = await parse("box.docx", bytes);
    expect(find(doc, "一、").paragraph).toBe(2);
    const inBox = find(doc, "（一）");
    expect([inBox.paragraph, inBox.tasks[0]!.paragraph]).toEqual([3, 3]);
    expect(find(doc, "（二）").paragraph).toBe(4);
  });

  it("a text box mammoth does not read (a drawing with no fallback copy) still counts for the paragraphs after it", async () => {
    const anchored =
      '<w:p><w:r><w:t>一、加强监管</w:t></w:r><w:r><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>' +
      `<w:txbxContent>${p("（一）框内任务。（区食安办）")}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>`;
    const doc = await parse("drawing.docx", word(p("2021年工作要点") + anchored + p("（二）强化检查。（区市场监管局）")));
    expect(allNodes(doc).map((n) => [n.marker, n.paragraph])).toEqual([
      ["一、", 2],
      ["（二）", 4],
    ]);
  });
});

describe("alignBlocks", () => {
  it("matches equal texts in order, skips empty paragraphs, leaves a block with no equal paragraph unmatched", () => {
    expect(alignBlocks(["A", "B", "C"], ["A", "", "B", "", "", "C"])).toEqual([0, 2, 5]);
    expect(alignBlocks(["A", "B*", "C"], ["A", "B", "C"])).toEqual([0, null, 2]);
  });

  it("repeated texts (the same owner in many cells) go to the next equal paragraph, between unique anchors", () => {
    expect(alignBlocks(["1", "局", "", "2", "局", "3", "局"].filter((t) => t !== ""), ["1", "局", "", "2", "局", "", "3", "局"])).toEqual([0, 1, 3, 4, 6, 7]);
  });

  it("a block that is not in the document (a footnote) does not pull later blocks off their paragraphs", () => {
    expect(alignBlocks(["A", "注", "B", "C"], ["A", "B", "C"])).toEqual([0, null, 1, 2]);
    // The same text further on, past a unique anchor, is not taken: anchors are kept in order.
    expect(alignBlocks(["X", "A", "X"], ["A", "X"])).toEqual([null, 0, 1]);
  });
});
