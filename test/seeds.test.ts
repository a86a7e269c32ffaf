// The five seed plans, held to their expected structure (fixtures/seeds/*.gold.json) and to facts read off
// the real text: counts, specific nodes, specific owners, specific deadlines.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlanBytes, PlanDocumentSchema, type PlanDocument, type PlanNode } from "../src/index.js";
import { score, type Gold } from "./gold-score.js";

const dir = new URL("../fixtures/seeds/", import.meta.url);
const seeds = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort();

function parseSeed(file: string): PlanDocument {
  const result = parsePlanBytes(readFileSync(new URL(file, dir)), { name: file });
  if (!result.ok) throw new Error(result.problem);
  return result.document;
}

function find(doc: PlanDocument, path: number[]): PlanNode {
  let list = doc.outline;
  let node: PlanNode | undefined;
  for (const n of path) {
    node = list.find((x, i) => (x.number ?? i + 1) === n);
    if (!node) throw new Error(`no node ${path.join(".")}`);
    list = node.children;
  }
  return node!;
}

function count(nodes: PlanNode[]): number {
  return nodes.reduce((n, x) => n + 1 + count(x.children), 0);
}

describe.each(seeds)("seed %s", (file) => {
  const doc = parseSeed(file);
  const gold = JSON.parse(readFileSync(new URL(file.replace(/\.txt$/, ".gold.json"), dir), "utf8")) as Gold;

  it("matches the expected outline, tasks, progress and deadlines exactly", () => {
    const s = score(gold, doc);
    expect(s.misses).toEqual([]);
    expect(s).toMatchObject({ outline_f: 1, task_f: 1, progress_f: 1, title: true, year: true });
  });

  it("validates against the plan-parse/v1 schema", () => {
    expect(PlanDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it("gives every node and task a unique id", () => {
    const ids: string[] = [];
    const walk = (nodes: PlanNode[]): void =>
      nodes.forEach((n) => {
        ids.push(n.id, ...n.tasks.map((t) => t.id));
        walk(n.children);
      });
    walk(doc.outline);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("points every task span at its bracket in the original text", () => {
    const text = readFileSync(new URL(file, dir), "utf8");
    const walk = (nodes: PlanNode[]): void =>
      nodes.forEach((n) => {
        for (const t of n.tasks) {
          const written = text.slice(t.span.start.offset, t.span.end.offset).replace(/\s+/g, "");
          expect(written.endsWith(t.raw.replace(/\s+/g, "") + "）") || written.endsWith(t.raw.replace(/\s+/g, "") + ")") || written.endsWith(t.raw.replace(/\s+/g, ""))).toBe(true);
        }
        walk(n.children);
      });
    walk(doc.outline);
  });

  it("is deterministic: the same input gives the same bytes", () => {
    expect(JSON.stringify(parseSeed(file))).toBe(JSON.stringify(doc));
  });
});

describe("seed 000 (马村区 2021, first section without 一、)", () => {
  const doc = parseSeed("000_8d72839633e6c520.txt");
  it("reads the title, year and an implicit first section", () => {
    expect(doc.meta.title).toBe("2021年马村区食品安全工作要点");
    expect(doc.meta.year).toBe(2021);
    expect(doc.outline).toHaveLength(7);
    expect(doc.outline[0]).toMatchObject({ style: "implicit", marker: "", number: null, level: 1, id: "1" });
    expect(doc.outline[0]!.title).toBe("全面落实责任，强化对食品安全工作的领导");
    expect(doc.diagnostics.some((d) => d.code === "implicit-heading")).toBe(true);
    expect(count(doc.outline)).toBe(29);
  });
  it("keeps （一）–（二十二） numbered continuously across sections", () => {
    expect(find(doc, [2, 4]).marker).toBe("（四）");
    expect(find(doc, [7, 22]).id).toBe("7.2");
  });
  it("splits item （四） into its two bracketed tasks", () => {
    const item = find(doc, [2, 4]);
    expect(item.tasks).toHaveLength(2);
    expect(item.tasks[0]!.responsible).toEqual(["区市场监管局", "区农业农村局", "区交通运输局"]);
    expect(item.tasks[1]).toMatchObject({ lead: ["区市场监管局"], support: ["区交通运输局"], id: "2.1#2" });
    expect(item.tasks[1]!.text.startsWith("统筹利用现有资源")).toBe(true);
  });
  it("gives a bracket without role words the role of the next clause", () => {
    const t = find(doc, [6, 20]).tasks.find((x) => x.raw.startsWith("区检察院"))!;
    expect(t.responsible).toEqual(["区检察院", "区公安分局", "区农业农村局", "区市场监管局"]);
  });
  it("does not put a place-prefixed party under the district", () => {
    const t = find(doc, [6, 20]).tasks[0]!;
    expect(t.responsible).toEqual(["马村公安分局"]);
  });
  it("resolves the progress clause of （十一） against 2021", () => {
    const p = find(doc, [4, 11]).progress!;
    expect(p.text.startsWith("年底前，全区餐饮单位")).toBe(true);
    const dated = p.deadlines.filter((d) => d.date).map((d) => d.date);
    expect(dated).toEqual(expect.arrayContaining(["2021-06-30", "2021-08-31", "2021-12-31"]));
  });
});

describe("seed 001 (蓟州区 2018, inside a notice, duplicate 3．)", () => {
  const doc = parseSeed("001_9ea69e7fd293a163.txt");
  it("reads the plan's own title and the notice around it", () => {
    expect(doc.meta.title).toBe("蓟州区2018年食品安全监管计划");
    expect(doc.meta.year).toBe(2018);
    expect(doc.meta.issuer).toBe("天津市蓟州区人民政府办公室");
    expect(doc.meta.date).toBe("2018-07-11");
    expect(doc.meta.notice).toMatchObject({
      title: "天津市蓟州区人民政府办公室关于印发蓟州区2018年食品安全监管计划的通知",
      addressee: "各镇乡人民政府和街道办事处，各委、办、局，各直属单位：",
      disclosure: "此件主动公开",
    });
    expect(doc.preamble.startsWith("为切实加强全区食品安全监管")).toBe(true);
  });
  it("reports the duplicate 3． in （十二） with its line", () => {
    const dups = doc.diagnostics.filter((d) => d.code === "duplicate-number");
    expect(dups).toHaveLength(1);
    expect(dups[0]!.span.start.line).toBe(199);
    expect(find(doc, [3, 12]).children.map((c) => c.number)).toEqual([1, 2, 3, 3, 4, 5, 6]);
  });
  it("attributes the four 环节 paragraphs under （八）1． to that item", () => {
    expect(find(doc, [3, 8, 1]).tasks).toHaveLength(5);
  });
  it("reads labelled brackets with a coordinator", () => {
    const t = find(doc, [3, 9, 1]).tasks[0]!;
    expect(t.lead).toEqual(["区食安办"]);
    expect(t.responsible).toContain("天津海关〈原宝坻出入境检验检疫局〉");
  });
});

describe("seed 002 (鲅鱼圈区 2021, draft, glued heading)", () => {
  const doc = parseSeed("002_c0b8b7f66cffa162.txt");
  it("puts the draft marker in meta.status", () => {
    expect(doc.meta.title).toBe("营口市鲅鱼圈区2021年食品安全重点工作安排");
    expect(doc.meta.status).toBe("征求意见稿");
  });
  it("starts （九） where it is glued to the end of item 16's line", () => {
    expect(find(doc, [2, 9]).title).toBe("深化校园食品安全守护行动");
    expect(find(doc, [2, 8, 16]).text.endsWith("（区市场监管局）。")).toBe(true);
    expect(doc.diagnostics.filter((d) => d.code === "glued-heading")).toHaveLength(1);
  });
  it("numbers 1.–33. continuously across the （n） items", () => {
    expect(find(doc, [3, 18]).children.map((c) => c.number)).toEqual([32, 33]);
    expect(doc.diagnostics.filter((d) => d.code === "unexpected-number")).toEqual([]);
  });
  it("keeps 鲅鱼圈海关 without a district prefix", () => {
    expect(find(doc, [2, 14, 27]).tasks[0]!.responsible).toEqual(["鲅鱼圈海关", "区公安局"]);
  });
});

describe("seed 003 (焦作市示范区 2021, PDF-extracted)", () => {
  const doc = parseSeed("003_3fa5fd6deccc4e95.txt");
  it("reads the document number, notice and print note", () => {
    expect(doc.meta.docNumber).toBe("焦示食安〔2021〕1号");
    expect(doc.meta.title).toBe("2021年焦作市示范区食品安全工作要点");
    expect(doc.meta.date).toBe("2021-05-24");
    expect(doc.meta.issuer).toBe("焦作市示范区食品安全委员会");
  });
  it("reflows a bracket cut across PDF lines", () => {
    const t = find(doc, [2, 4]).tasks[1]!;
    expect(t.raw).toBe("区食药监分局牵头，住建局（交通运输局）等配合");
    expect(t.support).toEqual(["区住建局（交通运输局）"]);
    expect(t.span.start.line).toBeLessThan(t.span.end.line);
  });
  it("keeps the print note out of the last item", () => {
    expect(find(doc, [7, 22]).text).not.toContain("印发");
    expect(find(doc, [7, 22]).progress!.text).toBe("按工作进度分阶段有序推进。");
  });
  it("removes the spaces the PDF put between CJK and digits", () => {
    expect(find(doc, [1, 2]).text).toContain("权重达到2%以上");
  });
});

describe("seed 004 (博山区 2022, no （一） level, Word artifact)", () => {
  const doc = parseSeed("004_36973856179009ba.txt");
  it("hangs 1. directly under 一、 at level 3", () => {
    expect(find(doc, [1, 1])).toMatchObject({ style: "arabic", level: 3, title: "健全完善工作机制" });
    expect(count(doc.outline)).toBe(18);
  });
  it("drops the [bookmark: _GoBack] artifact and reports it", () => {
    expect(find(doc, [4, 14]).title).toBe("探索建立食品安全志愿者队伍");
    expect(doc.diagnostics.some((d) => d.code === "artifact-removed")).toBe(true);
  });
  it("has no tasks: nothing in it names owners in brackets", () => {
    expect(JSON.stringify(doc.outline)).not.toContain('"raw"');
  });
});
