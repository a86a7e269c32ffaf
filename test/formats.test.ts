// Plans as they are published: each seed as Markdown, HTML, Word and PDF (made with pandoc and LibreOffice,
// fixtures/formats/README.md) must give the same tree as the plain-text seed — outline, tasks, owners,
// progress and deadlines; spans and source aside.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseInput } from "../src/input/index.js";
import type { PlanDocument, PlanNode } from "../src/index.js";

const seeds = ["000_8d72839633e6c520", "001_9ea69e7fd293a163", "002_c0b8b7f66cffa162", "003_3fa5fd6deccc4e95", "004_36973856179009ba"];
const formats = ["md", "html", "docx", "pdf"] as const;

async function parse(path: string): Promise<PlanDocument> {
  const result = await parseInput(readFileSync(new URL(`../${path}`, import.meta.url)), { name: path });
  if (!result.ok) throw new Error(`${path}: ${result.problem}`);
  return result.document;
}

/** What must not depend on the format: the tree without spans and node text layout. */
function essence(nodes: PlanNode[]): unknown[] {
  return nodes.map((n) => ({
    id: n.id,
    marker: n.marker,
    number: n.number,
    style: n.style,
    title: n.title.replace(/\s+/g, ""),
    tasks: n.tasks.map((t) => ({ lead: t.lead, responsible: t.responsible, support: t.support, guide: t.guide })),
    progress: n.progress?.deadlines.map((d) => [d.kind, d.date ?? d.text.replace(/\s+/g, "")]) ?? null,
    children: essence(n.children),
  }));
}

describe.each(seeds)("seed %s", (seed) => {
  describe.each(formats)("as .%s", (format) => {
    it("gives the same outline, tasks, owners and deadlines as the .txt", async () => {
      const [txt, other] = await Promise.all([parse(`fixtures/seeds/${seed}.txt`), parse(`fixtures/formats/${seed}.${format}`)]);
      expect(other.source.format).toBe(format);
      expect(other.source.spans).toBe(format === "docx" || format === "pdf" ? "extracted" : "source");
      expect(other.meta.title).toBe(txt.meta.title);
      expect(other.meta.year).toBe(txt.meta.year);
      expect(essence(other.outline)).toEqual(essence(txt.outline));
    });
  });
});

describe("spans of text-like inputs point into the file", () => {
  it.each(["md", "html"])("every task span of seed 000 as .%s ends at the bracket in the source", async (format) => {
    const path = `fixtures/formats/000_8d72839633e6c520.${format}`;
    const doc = await parse(path);
    const source = readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
    const walk = (nodes: PlanNode[]): void =>
      nodes.forEach((n) => {
        for (const t of n.tasks) expect(source.slice(0, t.span.end.offset).endsWith("）")).toBe(true);
        walk(n.children);
      });
    walk(doc.outline);
  });
});

describe("a government web page", () => {
  it("gives seed 000's tree from the plan inside its table cell, ignoring page chrome", async () => {
    const [txt, page] = await Promise.all([parse("fixtures/seeds/000_8d72839633e6c520.txt"), parse("fixtures/formats/000-gov-page.html")]);
    expect(page.meta.title).toBe(txt.meta.title);
    expect(essence(page.outline)).toEqual(essence(txt.outline));
  });
});

describe("task tables (任务分工表)", () => {
  it.each(["html", "docx"])("as .%s give the same items, tasks and owners as the prose version", async (format) => {
    const [prose, table] = await Promise.all([parse("fixtures/formats/task-table-002.txt"), parse(`fixtures/formats/task-table-002.${format}`)]);
    const tasks = (doc: PlanDocument): unknown[] => {
      const out: unknown[] = [];
      const walk = (nodes: PlanNode[]): void =>
        nodes.forEach((n) => {
          for (const t of n.tasks) out.push({ item: n.title.replace(/\s+/g, ""), lead: t.lead, responsible: t.responsible, support: t.support });
          walk(n.children);
        });
      walk(doc.outline);
      return out;
    };
    expect(tasks(table)).toEqual(tasks(prose));
    expect(tasks(table).length).toBe(16);
  });
});

describe("bad inputs of each format", () => {
  it.each([
    ["fixtures/formats/scanned-no-text.pdf", /no text layer/],
    ["fixtures/formats/truncated.pdf", /truncated/],
    ["fixtures/formats/encrypted.pdf", /encrypted/],
    ["fixtures/inputs/unit/not-word.docx", /not a Word document/],
  ])("%s → one line saying %s", async (path, problem) => {
    const result = await parseInput(readFileSync(new URL(`../${path}`, import.meta.url)), { name: path });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toMatch(problem);
      expect(result.problem).not.toContain("\n");
    }
  });

  it("a .docx that is not a zip at all", async () => {
    const result = await parseInput(Buffer.from("这不是一个Word文件"), { name: "x.docx", format: "docx" });
    expect(result).toMatchObject({ ok: false, problem: expect.stringMatching(/not a Word document/) });
  });
});

describe("reading a PDF leaves the process as it was", () => {
  it("keeps the engine's own JSON.stringify (pdf.js's core-js would replace it with a slow polyfill)", async () => {
    const stringify = JSON.stringify;
    const toString = Function.prototype.toString;
    await parse("fixtures/formats/004_36973856179009ba.pdf");
    expect(JSON.stringify).toBe(stringify);
    expect(Function.prototype.toString).toBe(toString);
  });
});
