// `plan-parse diff`: the engine (src/diff/) on the real seed plans. Seeds 000 (马村区) and 003 (焦作市示范区) were
// written from the same city template, so their differences are known: a renamed section 三, 区市场监管局's work
// handed to 区食药监分局, a rewritten item （七） with a new task for 区农业农村局.
import { readdirSync, readFileSync } from "node:fs";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { alignNodes, contentScore, DEFAULT_SIMILARITY, flatten } from "../src/diff/align.js";
import { diffPlans } from "../src/diff/diff.js";
import { inlineDiff, sides } from "../src/diff/inline.js";
import { renderDiffText } from "../src/diff/render.js";
import { DiffReport, diffJsonSchema, type Finding } from "../src/diff/schema.js";
import { partyKey } from "../src/pipeline/party-key.js";
import { agencyKey } from "../src/outputs/agencies.js";
import { parsePlan, parsePlanBytes } from "../src/pipeline/parse-plan.js";
import type { PlanDocument } from "../src/schema.js";
import { countByKind, summaryCounts } from "./support/diff-summary.js";

const dir = new URL("../fixtures/seeds/", import.meta.url);
const seeds = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort();

const cache = new Map<string, PlanDocument>();
function seed(prefix: string): PlanDocument {
  const file = seeds.find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  let doc = cache.get(file);
  if (!doc) {
    const result = parsePlanBytes(readFileSync(new URL(file, dir)), { name: file });
    if (!result.ok) throw new Error(result.problem);
    doc = result.document;
    cache.set(file, doc);
  }
  return doc;
}

function seedText(prefix: string): string {
  const file = seeds.find((f) => f.startsWith(prefix))!;
  return readFileSync(new URL(file, dir), "utf8");
}

const plain = new Chalk({ level: 0 });
const path = (f: Finding, side: "a" | "b"): string | undefined => f[side]?.path.join(".");
const of = <K extends Finding["kind"]>(r: DiffReport, kind: K): Extract<Finding, { kind: K }>[] =>
  r.findings.filter((f): f is Extract<Finding, { kind: K }> => f.kind === kind);

describe("a seed against itself", () => {
  it.each(seeds)("%s is equal, with no findings", (file) => {
    const doc = seed(file.slice(0, 3));
    const report = diffPlans(doc, doc);
    expect(report.equal).toBe(true);
    expect(report.findings).toEqual([]);
    expect(report.summary.nodes.added + report.summary.nodes.removed + report.summary.nodes.moved).toBe(0);
    expect(report.summary.tasks.paired).toBe(report.summary.tasks.a);
    expect(DiffReport.safeParse(report).success).toBe(true);
  });

  it.each(seeds)("%s parsed twice (a fresh copy) is equal too", (file) => {
    const text = readFileSync(new URL(file, dir));
    const again = parsePlanBytes(text, { name: "copy.txt" });
    if (!again.ok) throw new Error(again.problem);
    expect(diffPlans(seed(file.slice(0, 3)), again.document).equal).toBe(true);
  });
});

describe("seed 000 (马村区) against seed 003 (焦作市示范区)", () => {
  const a = seed("000");
  const b = seed("003");
  const report = diffPlans(a, b);

  it("pairs every node with the node of the same path: nothing added, removed or moved", () => {
    expect(report.equal).toBe(false);
    expect(report.summary.nodes).toMatchObject({ a: 29, b: 29, paired: 29, added: 0, removed: 0, moved: 0, renumbered: 0 });
    const structure = report.findings.filter((f) => f.kind.startsWith("node-"));
    expect(structure).toEqual([]);
    for (const f of report.findings) if (f.a && f.b) expect(f.a.path).toEqual(f.b.path);
  });

  it("reports the document title", () => {
    const meta = of(report, "meta-changed");
    expect(meta.map((f) => [f.field, f.from, f.to])).toEqual([["title", "2021年马村区食品安全工作要点", "2021年焦作市示范区食品安全工作要点"]]);
  });

  it("reports section 三's new title", () => {
    const t = of(report, "title-changed").find((f) => path(f, "b") === "3");
    expect(t).toBeDefined();
    expect(t!.a!.marker).toBe("三、");
    expect(t!.from).toBe("突出示范引领，深化食品安全示范市建设");
    expect(t!.to).toBe("巩固创建成果，推动食品安全建设提档升级");
    expect(sides(t!.diff)).toEqual({ a: t!.from, b: t!.to });
  });

  it("reports 区市场监管局 (000) as 区食药监分局 (003) as a reform renaming, per role, not as an owner change", () => {
    const renamed = of(report, "owner-renamed").filter((f) => f.from === "区市场监管局" && f.to === "区食药监分局");
    expect(renamed.length).toBeGreaterThanOrEqual(20);
    expect(new Set(renamed.map((f) => f.role))).toEqual(new Set(["lead", "responsible"]));
    for (const f of renamed) expect(f.steps).toEqual([{ from: "食品药品监督管理局", to: "市场监督管理局", year: 2018, reform: expect.stringContaining("2018年") }]);
    // no owner change removes the one and adds the other
    expect(of(report, "owners-changed").filter((f) => f.removed.includes("区市场监管局") && f.added.includes("区食药监分局"))).toEqual([]);
    // （四）: its second task's lead renamed, and its support 区交通运输局 → 区住建局（交通运输局） a real change.
    const four = report.findings.filter((f) => path(f, "b") === "2.4");
    const lead = four.find((f) => f.kind === "owner-renamed" && f.role === "lead");
    expect(lead).toMatchObject({ task: { a: "2.1#2", b: "2.1#2" }, from: "区市场监管局", to: "区食药监分局" });
    expect(lead!.a).toMatchObject({ id: "2.1", marker: "（四）", title: "建设完善“豫冷链”平台" });
    const changed = four.filter((f): f is Extract<Finding, { kind: "owners-changed" }> => f.kind === "owners-changed");
    expect(changed.find((f) => f.role === "responsible" && f.task.b === "2.1#1")).toMatchObject({
      from: ["区市场监管局", "区农业农村局", "区交通运输局"],
      to: ["区食药监分局", "区农业农村局", "区住建局（交通运输局）"],
      removed: ["区交通运输局"],
      added: ["区住建局（交通运输局）"],
    });
    // A spelling variant is not a change: 公安分局 = 区公安分局, 区卫健委 = 区卫生健康委, 马村公安分局 = 区公安分局 (the plan of 马村区).
    for (const f of of(report, "owners-changed")) {
      const keysFrom = new Set(f.from.map(agencyKey));
      for (const x of f.added) expect(keysFrom.has(agencyKey(x))).toBe(false);
      expect(f.removed).not.toContain("区卫生健康委");
      expect(f.added).not.toContain("区卫健委");
      expect(f.removed).not.toContain("马村公安分局");
    }
    const health = of(report, "owners-changed").find((f) => f.from.includes("区卫生健康委") && f.to.includes("区卫健委"));
    expect(health).toBeDefined();
  });

  it("renders a renaming as one line with the reform, the role in Chinese and the task's named id", () => {
    const text = renderDiffText(report, plain);
    expect(text).toContain("牵头: 区市场监管局 → 区食药监分局  renamed (食品药品监督管理局 → 市场监督管理局, 2018)  task id 2.1#2");
    expect(text).toMatch(/\n {4}owners +\d+ changed, \d+ renamed\n/);
  });

  it("reports item （七）: new title, new text, a new task for 区农业农村局, its progress clause gone", () => {
    const seven = report.findings.filter((f) => path(f, "b") === "3.7");
    expect(seven.every((f) => f.a?.marker === "（七）" && f.b?.marker === "（七）")).toBe(true);
    const title = seven.find((f) => f.kind === "title-changed");
    expect(title).toMatchObject({ from: "实施“双安双创”示范引领工程", to: "巩固“双安双创”创建成果" });
    const text = seven.find((f) => f.kind === "text-changed");
    expect(text && text.kind === "text-changed" && text.diff.some((o) => o.op === "insert" && o.text.includes("做好市政府对农产品质量安全区动态核查的迎检工作"))).toBe(true);
    const added = seven.filter((f) => f.kind === "task-added");
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ task: { id: "3.1#2", responsible: ["区农业农村局"] } });
    expect(seven.find((f) => f.kind === "progress-changed")).toMatchObject({ to: null });
    expect(seven.filter((f) => f.kind === "task-removed")).toEqual([]);
  });

  it("reports deadlines by date, and dateless ones by text", () => {
    const one = report.findings.filter((f) => path(f, "b") === "1.1");
    expect(one.filter((f) => f.kind === "deadline-removed")).toMatchObject([{ deadline: { date: "2021-06-30", text: "6月底前" } }]);
    expect(one.filter((f) => f.kind === "deadline-changed")).toMatchObject([{ from: { text: "全年不少于4次" }, to: { text: "全年不少于2次" } }]);
  });

  it("orders findings by b's document order, grouped by node", () => {
    const order = report.findings.filter((f) => f.b).map((f) => f.b!.id);
    const ids = flatten(b.outline).map((x) => x.node.id);
    const positions = order.map((id) => ids.indexOf(id));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
  });

  it("validates against the schema, and is the same bytes on every run", () => {
    expect(DiffReport.safeParse(report).success).toBe(true);
    expect(JSON.stringify(diffPlans(a, b))).toBe(JSON.stringify(report));
    const fresh = parsePlanBytes(readFileSync(new URL(seeds[3]!, dir)), { name: seeds[3]! });
    if (!fresh.ok) throw new Error(fresh.problem);
    expect(JSON.stringify(diffPlans(a, fresh.document))).toBe(JSON.stringify(report));
  });

  it("counts its findings", () => {
    const s = report.summary;
    expect(s.findings).toBe(report.findings.length);
    expect(Object.values(s.byKind).reduce((x, y) => x + y, 0)).toBe(report.findings.length);
    expect(s.byKind["title-changed"]).toBe(2);
    expect(s.tasks.paired + s.tasks.added).toBe(s.tasks.b);
  });

  it("is fast", () => {
    const t = performance.now();
    for (let i = 0; i < 5; i++) diffPlans(a, b);
    expect((performance.now() - t) / 5).toBeLessThan(100);
  });

  it("has a similarity threshold between the scores of true pairs and non-pairs", () => {
    // The measurement documented in src/diff/align.ts: nodes with the same path are the true pairs.
    const fa = flatten(a.outline);
    const fb = flatten(b.outline);
    let lowestTrue = 1;
    let highestNon = 0;
    for (const x of fa)
      for (const y of fb) {
        if (x.container !== y.container) continue;
        const s = contentScore(x, y);
        if (x.pathKey === y.pathKey) lowestTrue = Math.min(lowestTrue, s);
        else highestNon = Math.max(highestNon, s);
      }
    expect(lowestTrue).toBeCloseTo(0.354, 3);
    expect(highestNon).toBeCloseTo(0.187, 3);
    expect(DEFAULT_SIMILARITY).toBeGreaterThan(highestNon);
    expect(DEFAULT_SIMILARITY).toBeLessThan(lowestTrue);
    // Without the numbering, similarity alone pairs the nodes as the paths do.
    const shuffled = alignNodes(
      fa.map((x) => ({ ...x, pathKey: `a${x.pathKey}` })),
      fb,
      DEFAULT_SIMILARITY,
    );
    expect(shuffled.bToA).toEqual(fb.map((y) => fa.find((x) => x.pathKey === y.pathKey)!.index));
  });
});

describe("an edited copy of seed 002", () => {
  const original = seedText("002");
  const a = seed("002");
  const lines = original.split("\n");
  const at = (prefix: string): number => {
    const i = lines.findIndex((l) => l.startsWith(prefix));
    if (i < 0) throw new Error(`no line ${prefix}`);
    return i;
  };
  const parse = (text: string): PlanDocument => parsePlan(text, { name: "edited.txt" });

  it("with item 14. deleted and item 16. renumbered 15.: one removed, one renumbered", () => {
    const edited = [...lines];
    edited[at("16.")] = edited[at("16.")]!.replace(/^16\./, "15.");
    edited.splice(at("14."), 1);
    const report = diffPlans(a, parse(edited.join("\n")));
    expect(report.findings.map((f) => [f.kind, path(f, "a") ?? null, path(f, "b") ?? null])).toEqual([
      ["node-renumbered", "2.8.16", "2.8.15"],
      ["node-removed", "2.7.14", null],
    ]);
    expect(report.findings[0]).toMatchObject({ fromMarker: "16.", toMarker: "15." });
    expect(report.summary.nodes).toMatchObject({ added: 0, removed: 1, renumbered: 1, moved: 0 });
  });

  it("with item 14. deleted and every later item renumbered: one removed, the rest renumbered, none added", () => {
    const edited = lines.map((l) => l.replace(/^(\d+)\./, (m, n: string) => (Number(n) > 14 ? `${Number(n) - 1}.` : m)));
    edited.splice(at("14."), 1);
    const report = diffPlans(a, parse(edited.join("\n")));
    const kinds = report.findings.map((f) => f.kind);
    expect(kinds.filter((k) => k === "node-removed")).toHaveLength(1);
    expect(kinds.filter((k) => k === "node-added")).toHaveLength(0);
    expect(kinds.filter((k) => k === "node-renumbered")).toHaveLength(33 - 14);
    expect(new Set(kinds)).toEqual(new Set(["node-removed", "node-renumbered"]));
    expect(of(report, "node-removed")[0]!.a!.title).toMatch(/^持续推进农药减量增效/);
    // 15. became 14.: at 14.'s old place, but paired with its own old self.
    expect(of(report, "node-renumbered")[0]).toMatchObject({ a: { path: [2, 7, 15] }, b: { path: [2, 7, 14] } });
  });

  it("with item 18. moved from （九） to （十）: one moved node", () => {
    const edited = [...lines];
    const [moved] = edited.splice(at("18."), 1);
    edited.splice(at("（十）") + 1, 0, moved!);
    const report = diffPlans(a, parse(edited.join("\n")));
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ kind: "node-moved", a: { path: [2, 9, 18] }, b: { path: [2, 10, 18] }, fromParent: [2, 9], toParent: [2, 10] });
    expect(renderDiffText(report, plain)).toContain("moved: 二（九）18. → 二（十）18.  (under 二（九） → 二（十）)");
  });

  it("with an item retitled and its owner changed: title, text and owners, nothing else", () => {
    const edited = original.replace("13.按照营口市食品安全风险监测方案", "13.依照营口市食品安全风险监测方案").replace("培训力度（区卫健局）。", "培训力度（区疾控中心）。");
    const report = diffPlans(a, parse(edited));
    expect(report.findings.map((f) => [f.kind, path(f, "b")])).toEqual([
      ["title-changed", "2.6.13"],
      ["text-changed", "2.6.13"],
      ["owners-changed", "2.6.13"],
    ]);
    expect(report.findings[2]).toMatchObject({ role: "responsible", from: ["区卫健局"], to: ["区疾控中心"] });
    const text = renderDiffText(report, plain);
    expect(text).toContain("title: [-按-]{+依+}照营口市");
    expect(text).toContain("[-卫健局-]{+疾控中心+}");
    expect(text).toContain("负责: [-区卫健局-] → {+区疾控中心+}");
  });
});

describe("fixtures/diff: two versions of a small plan", () => {
  const load = (name: string): PlanDocument => {
    const result = parsePlanBytes(readFileSync(new URL(`../fixtures/diff/${name}`, import.meta.url)), { name });
    if (!result.ok) throw new Error(result.problem);
    return result.document;
  };
  const report = diffPlans(load("plan-2021.txt"), load("plan-2022.txt"));

  it("finds every edit, and nothing else", () => {
    expect(report.findings.map((f) => [f.kind, path(f, "a") ?? null, path(f, "b") ?? null])).toEqual([
      ["meta-changed", null, null],
      ["meta-changed", null, null],
      ["text-changed", "1.1", "1.1"],
      ["owner-renamed", "1.1", "1.1"],
      ["deadline-changed", "1.1", "1.1"],
      ["deadline-changed", "1.1", "1.1"],
      ["progress-changed", "1.1", "1.1"],
      ["node-moved", "2.5", "1.2"],
      ["text-changed", "2.5", "1.2"],
      ["owner-renamed", "2.5", "1.2"],
      ["text-changed", "2.3", "2.3"],
      ["owner-renamed", "2.3", "2.3"],
      ["task-added", "2.3", "2.3"],
      ["title-changed", "2.4", "2.4"],
      ["deadline-added", "2.4", "2.4"],
      ["progress-changed", "2.4", "2.4"],
      ["node-removed", "1.2", null],
    ]);
    const f = report.findings;
    expect(f[1]).toMatchObject({ field: "year", from: 2021, to: 2022, category: "deadlines" });
    expect(f[3]).toMatchObject({ role: "lead", from: "区市场监管局", to: "区食药监分局", steps: [{ from: "食品药品监督管理局", to: "市场监督管理局", year: 2018 }] });
    expect(f[4]).toMatchObject({ from: { date: "2021-06-30" }, to: { date: "2022-09-30" } });
    expect(f[5]).toMatchObject({ from: { text: "全年不少于2次" }, to: { text: "全年不少于4次" } });
    expect(f[7]).toMatchObject({ fromParent: [2], toParent: [1] });
    expect(f[12]).toMatchObject({ task: { responsible: ["区农业农村局"] } });
    expect(f[16]).toMatchObject({ a: { marker: "（二）", title: "加强评议考核" } });
    expect(report.summary.nodes).toEqual({ a: 7, b: 6, paired: 6, added: 0, removed: 1, moved: 1, renumbered: 0, changed: 4 });
  });

  it("renders each node once, in b's order, removed nodes last, each by its printed label and named id", () => {
    const text = renderDiffText(report, plain);
    const headers = text.split("\n").filter((l) => /^[^ ]/.test(l) && !/^(diff|a:|summary)/.test(l));
    expect(headers).toEqual([
      "document",
      "一（一） 全面落实党政同责  id 1.1",
      "一（二） 开展食品安全宣传  id a:2.3 → b:1.2",
      "二（三） 加大抽检监测力度  id 2.1",
      "二（四） 依法严惩违法犯罪  id 2.2",
      "- 一（二） 加强评议考核  id a:1.2  removed",
    ]);
    expect(text).toContain("\n  moved: 二（五） → 一（二）  (under 二 → 一)\n");
    expect(text).toContain("\n  负责: 区市场监管局 → 区食药监分局  renamed (食品药品监督管理局 → 市场监督管理局, 2018)  task id a:2.3#1 → b:1.2#1\n");
    expect(text).toContain("\n  progress deadline: 2021-06-30（6月底前） → 2022-09-30（9月底前）\n");
    expect(text).toContain("\n  + progress deadline 2022-12-31（年底前）\n");
    expect(text).toContain("\n  + task id b:2.1#2  推动快检结果公示。  负责 区农业农村局\n");
  });

  it("without the documents (a report read back from JSON) names items by their own markers, and by the labels when given them", () => {
    const fromJson = DiffReport.parse(JSON.parse(JSON.stringify(report)));
    const bare = renderDiffText(fromJson, plain);
    expect(bare).toContain("\n（二） 开展食品安全宣传  id a:2.3 → b:1.2\n");
    expect(bare).toContain("\n  moved: （五） → （二）  (under 2 → 1)\n");
    const given = renderDiffText(fromJson, plain, { a: load("plan-2021.txt"), b: load("plan-2022.txt") });
    expect(given).toBe(renderDiffText(report, plain));
  });
});

describe("options", () => {
  const a = seed("000");
  const b = seed("003");

  it("ignore drops those categories (and only those), the alignment stays", () => {
    const all = diffPlans(a, b);
    const some = diffPlans(a, b, { ignore: ["text", "title"] });
    expect(some.options.ignore).toEqual(["title", "text"]);
    expect(some.findings.some((f) => f.category === "text" || f.category === "title")).toBe(false);
    expect(some.findings).toEqual(all.findings.filter((f) => f.category !== "text" && f.category !== "title"));
    expect(some.summary.nodes).toMatchObject({ ...all.summary.nodes, changed: some.summary.nodes.changed });
    expect(some.summary.byKind["owners-changed"]).toBe(all.summary.byKind["owners-changed"]);
    expect(some.summary.byKind["title-changed"]).toBe(0);
    const everything = diffPlans(a, b, { ignore: ["text", "title", "owners", "deadlines", "progress", "structure"] });
    expect(everything.equal).toBe(true);
    expect(everything.findings).toEqual([]);
    expect(DiffReport.safeParse(some).success).toBe(true);
  });

  it("similarity sets the threshold; out of range is refused", () => {
    expect(diffPlans(a, b, { similarity: 0.5 }).options.similarity).toBe(0.5);
    expect(() => diffPlans(a, b, { similarity: 2 })).toThrow(RangeError);
  });
});

describe("renderDiffText", () => {
  const report = diffPlans(seed("000"), seed("003"));
  const text = renderDiffText(report, plain);

  it("without colour: item headers by label and id, changes marked [-…-]{+…+}, owners by Chinese role", () => {
    expect(text).not.toMatch(/\u001b\[/);
    expect(text).toContain("\n三 巩固创建成果，推动食品安全建设提档升级  id 3\n");
    expect(text).toContain("\n  title: [-突出示范引领，深化食品安全示范市建设-]{+巩固创建成果，推动食品安全建设提档升级+}\n");
    expect(text).toContain("\n二（四） 建设完善“豫冷链”平台  id 2.1\n");
    expect(text).toContain("\n  牵头: 区市场监管局 → 区食药监分局  renamed");
    expect(text).toContain("\n  配合: [-区交通运输局-] → {+区住建局（交通运输局）+}  task id 2.1#2\n");
    expect(text).toContain("\n  + task id b:3.1#2  做好市政府对农产品质量安全区动态核查的…  负责 区农业农村局\n");
    expect(renderDiffText(report, plain)).toBe(text);
  });

  it("a title edited in part shows the deletion and the insertion inline, without colour", () => {
    expect(text).toContain("\n三（七） 巩固“双安双创”创建成果  id 3.1\n  title: [-实施-]{+巩固+}“双安双创”[-示范引领工程-]{+创建成果+}\n");
    expect(text).toContain("\n  title: 2021年[-马村-]{+焦作市示范+}区食品安全工作要点\n");
  });

  it("names roles in Chinese, never by the JSON's English field names", () => {
    for (const word of ["牵头: ", "负责: ", "配合: ", "负责 "]) expect(text).toContain(word);
    expect(text).not.toMatch(/\b(lead|responsible|support|guide)\b/);
  });

  it("opens with the summary, whose counts are the report's counts of findings by kind", () => {
    const lines = text.split("\n");
    const first = lines.findIndex((l) => l !== "" && !/^(diff |a: )/.test(l));
    expect(lines[first]).toBe("summary");
    const end = lines.indexOf("", first);
    const block = lines.slice(first, end);
    expect(lines.slice(end + 1).some((l) => l === "summary")).toBe(false);
    expect(block).toContain("  items      29 → 29: 29 paired, 0 added, 0 removed, 0 moved, 0 renumbered, 21 changed");
    expect(block).toContain("  tasks      66 → 76: 66 paired, 10 added, 0 removed");
    expect(block).toContain(`  ${report.findings.length} findings:`);
    expect(summaryCounts(block)).toEqual(countByKind(report.findings));
  });

  it("with colour: the marks stay, red deletions, green insertions on top", () => {
    const coloured = renderDiffText(report, new Chalk({ level: 1 }));
    expect(coloured).toContain("\u001b[31m[-");
    expect(coloured).toContain("\u001b[32m{+");
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, "")).toBe(text);
  });

  it("an equal report says so", () => {
    const doc = seed("004");
    expect(renderDiffText(diffPlans(doc, doc), plain)).toContain("\nsummary\n");
    expect(renderDiffText(diffPlans(doc, doc), plain)).toContain("  no differences\n");
  });
});

describe("pieces", () => {
  it("inline diffs spell both sides and fold short equal runs between changes", () => {
    const ops = inlineDiff("区市场监管局牵头", "区食药监分局牵头");
    expect(sides(ops)).toEqual({ a: "区市场监管局牵头", b: "区食药监分局牵头" });
    expect(ops).toEqual([
      { op: "equal", text: "区" },
      { op: "delete", text: "市场监管" },
      { op: "insert", text: "食药监分" },
      { op: "equal", text: "局牵头" },
    ]);
    expect(inlineDiff("", "")).toEqual([]);
    expect(inlineDiff("", "新")).toEqual([{ op: "insert", text: "新" }]);
  });

  it("party keys drop the district prefix and brackets", () => {
    expect(partyKey("区农业农村局")).toBe(partyKey("农业农村局"));
    expect(partyKey("区住建局（交通运输局）")).toBe("住建局");
    expect(partyKey("区市场监管局")).toBe("市场监管局");
    expect(partyKey("市场监管局")).toBe("市场监管局");
    expect(partyKey("区委宣传部")).toBe(partyKey("区宣传部（网信办）"));
    expect(partyKey("区市场监管局")).not.toBe(partyKey("区食药监分局"));
  });

  it("the JSON Schema is generated from the zod schema", () => {
    const schema = diffJsonSchema();
    expect(schema.type).toBe("object");
    expect(JSON.stringify(schema)).toContain("plan-parse-diff/v1");
  });
});
