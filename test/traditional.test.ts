// Plans in traditional characters (a government site's 繁体 page, a mirror): read as simplified, offsets kept.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseInput } from "../src/input/index.js";
import { keepingLengths, looksTraditional, toSimplified } from "../src/input/traditional.js";
import type { PlanDocument, PlanNode } from "../src/schema.js";
import { PlanDocument as PlanDocumentSchema } from "../src/schema.js";
import { runRecordingLoads } from "./helpers/loaded-modules.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const fixture = (name: string): Buffer => readFileSync(join(ROOT, "fixtures/traditional", name));
const TRADITIONAL = fixture("plan.traditional.txt");
const SIMPLIFIED = fixture("plan.simplified.txt");

async function parse(bytes: Uint8Array, name: string): Promise<PlanDocument> {
  const r = await parseInput(bytes, { name });
  if (!r.ok) throw new Error(r.problem);
  return r.document;
}

/** Everything a reader of the tree sees, spans included (they must point at the same offsets). */
function shape(nodes: readonly PlanNode[]): unknown[] {
  return nodes.map((n) => ({
    title: n.title,
    span: n.span,
    progress: n.progress,
    tasks: n.tasks.map((t) => ({ lead: t.lead, responsible: t.responsible, support: t.support, guide: t.guide, deadlines: t.deadlines, span: t.span })),
    children: shape(n.children),
  }));
}

describe("a plan in traditional characters", () => {
  it("reads like the same plan in simplified characters: titles, owners, deadlines and spans", async () => {
    const t = await parse(TRADITIONAL, "plan.traditional.txt");
    const s = await parse(SIMPLIFIED, "plan.simplified.txt");
    expect(t.meta.title).toBe("2022年某区市场监管工作要点");
    expect(t.meta.year).toBe(2022);
    expect(shape(t.outline)).toEqual(shape(s.outline));
    expect(t.outline[0]!.children[0]!.tasks[0]).toMatchObject({ lead: ["区市场监管局"], support: ["区教育局", "区农业农村局"] });
    expect(t.outline[1]!.children[1]!.tasks[0]).toMatchObject({ lead: ["区发展和改革委员会"], responsible: ["各镇（街道）"] });
    expect(t.stats).toEqual(s.stats);
    expect(t.agencies).toEqual(s.agencies);
    expect(PlanDocumentSchema.safeParse(t).success).toBe(true);
  });

  it("says so in an info diagnostic, and hashes the bytes as they are", async () => {
    const t = await parse(TRADITIONAL, "plan.traditional.txt");
    const s = await parse(SIMPLIFIED, "plan.simplified.txt");
    expect(t.diagnostics.filter((d) => d.code === "traditional-characters")).toEqual([
      expect.objectContaining({ severity: "info", span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } }),
    ]);
    expect(s.diagnostics.some((d) => d.code === "traditional-characters")).toBe(false);
    expect(t.source.sha256).not.toBe(s.source.sha256);
    expect(t.source.bytes).toBe(TRADITIONAL.length);
  });

  it("is read the same way from a web page", async () => {
    const page = (text: Buffer): Buffer =>
      Buffer.from(`<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body><div class="article">${text
        .toString("utf8")
        .split("\n")
        .map((l) => `<p>${l}</p>`)
        .join("")}</div></body></html>`);
    const t = await parse(page(TRADITIONAL), "plan.html");
    const s = await parse(page(SIMPLIFIED), "plan.html");
    expect(shape(t.outline)).toEqual(shape(s.outline));
    expect(t.diagnostics.some((d) => d.code === "traditional-characters")).toBe(true);
  });

  it("keeps the length of every line", async () => {
    const text = TRADITIONAL.toString("utf8");
    const simplified = await toSimplified(text);
    expect(simplified.split("\n").map((l) => l.length)).toEqual(text.split("\n").map((l) => l.length));
    expect(simplified).toBe(SIMPLIFIED.toString("utf8"));
  });

  it("converts a line a character at a time where a phrase would change its length, and keeps such a character", () => {
    // A converter with a phrase that shortens (主機板 → 主板) and a character that would lengthen (X → XX).
    const convert = (s: string): string => s.replace(/主機板/g, "主板").replace(/機/g, "机").replace(/X/g, "XX");
    expect(keepingLengths("更换主機板\n機房\n機X", convert)).toBe("更换主机板\n机房\n机X");
  });
});

describe("which texts are converted", () => {
  it("leaves the simplified seeds and fixtures alone", () => {
    for (const dir of ["fixtures/seeds", "fixtures/traditional"]) {
      for (const f of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith(".txt") && !n.includes("traditional"))) {
        expect(looksTraditional(readFileSync(join(ROOT, dir, f), "utf8")), f).toBe(false);
      }
    }
  });

  it("leaves a simplified plan that quotes a few names in traditional characters alone", () => {
    const quoting = `${SIMPLIFIED.toString("utf8")}\n（参考：香港“食物環境衞生署”“漁農自然護理署”的做法）\n`;
    expect(looksTraditional(quoting)).toBe(false);
    expect(looksTraditional(TRADITIONAL.toString("utf8"))).toBe(true);
  });

  it("the CLI reads a traditional .txt and loads OpenCC only for it", () => {
    const run = (file: string) => {
      const { run: r, loaded } = runRecordingLoads([join("fixtures/traditional", file)]);
      expect(r.status).toBe(0);
      return { doc: JSON.parse(r.stdout) as PlanDocument, opencc: loaded.some((m) => m.startsWith("opencc-js")) };
    };
    const t = run("plan.traditional.txt");
    const s = run("plan.simplified.txt");
    expect(t.opencc).toBe(true);
    expect(s.opencc).toBe(false);
    expect(shape(t.doc.outline)).toEqual(shape(s.doc.outline));
  });
});
