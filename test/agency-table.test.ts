// The agency table (data/agencies.json, src/pipeline/agency-table.ts): one key per agency however a plan writes it,
// its level and place, and the reform renamings with their successors — on the names the seeds really use.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { agencyKey, agencyTableWith, loadAliases } from "../src/outputs/agencies.js";
import { AgencyTable, builtInAgencies, documentRegion, placeContext, spellingForm, type AgencyData } from "../src/pipeline/agency-table.js";
import { parsePlan } from "../src/pipeline/parse-plan.js";
import { PlanDocument as PlanDocumentSchema } from "../src/schema.js";

const DATA = JSON.parse(readFileSync(new URL("../data/agencies.json", import.meta.url), "utf8")) as AgencyData;
const table = builtInAgencies();

describe("data/agencies.json", () => {
  it("gives every entry a source, and every renaming a successor in the table, a year and a known reform", () => {
    const names = new Set(DATA.agencies.map((e) => e.name));
    for (const e of DATA.agencies) {
      expect(e.source, e.name).toMatch(/\S/);
      for (const s of e.successors ?? []) expect(names.has(s), `${e.name} → ${s}`).toBe(true);
      if (e.successors?.length) {
        expect(e.year, e.name).toBeGreaterThan(2000);
        expect(Object.keys(DATA.reforms ?? {}), e.name).toContain(e.reform);
        expect(e.source, e.name).toMatch(/^reform renaming/);
      }
    }
  });

  it("claims no spelling for two bodies, and writes names without a place or level", () => {
    const owner = new Map<string, string>();
    for (const e of DATA.agencies) {
      expect(e.name, e.name).not.toMatch(/^[区县市省](?!场|容|政|民)/);
      for (const n of [e.name, ...e.variants]) {
        const form = spellingForm(n);
        const other = owner.get(form);
        expect(other === undefined || other === e.name, `${n}: ${other} and ${e.name}`).toBe(true);
        owner.set(form, e.name);
      }
    }
  });

  it("has no loop of successors", () => {
    for (const e of DATA.agencies) expect(table.successorsOf(e.name).has(e.name), e.name).toBe(false);
  });
});

describe("one key per agency", () => {
  const same = (names: string[]) => expect(new Set(names.map(agencyKey)), names.join(" = ")).toHaveProperty("size", 1);

  it("joins the abbreviations and full names the issue lists", () => {
    same(["区卫健委", "区卫生健康委", "卫生健康委员会", "卫健委"]);
    same(["发改委", "发展改革委", "发展和改革委员会", "区发改委（商务局）"]);
    same(["市场监管局", "市场监督管理局", "区市场监管局", "马村区市场监管局"]);
    same(["人社局", "人力资源社会保障局", "人力资源和社会保障局"]);
    same(["住建局", "住房城乡建设局", "住房和城乡建设局", "区住建局（交通运输局）"]);
    same(["区食安办", "区政府食品安全办", "政府食品安全委员会办公室"]);
    same(["区政府", "区人民政府"]);
    same(["区公安分局", "区公安局", "公安分局"]);
    expect(agencyKey("区卫健委")).toBe("卫生健康委员会");
  });

  it("applies the general rules to names it does not know: 和 inside dropped, a final 委员会 read as 委", () => {
    expect(agencyKey("区城乡和水务委员会")).toBe(agencyKey("城乡水务委"));
    // 和 at the start is a place's, not a joining word
    expect(agencyKey("和平区")).toBe("和平区");
  });

  it("keeps apart what is not one body", () => {
    const apart = [
      ["区市场监管局", "区食药监分局"],
      ["卫生健康委员会", "卫生健康局"],
      ["区住建局", "区交通运输局"],
      ["区委", "区政府"],
      ["城市管理局", "管理局"],
    ];
    for (const [a, b] of apart) expect(agencyKey(a!), `${a} ≠ ${b}`).not.toBe(agencyKey(b!));
  });

  it("reads the level and a named place from the name", () => {
    expect(table.info("区市场监管局")).toMatchObject({ level: "区", place: null, known: true });
    expect(table.info("县农业农村局")).toMatchObject({ level: "县", key: "农业农村局" });
    expect(table.info("省市场监管局")).toMatchObject({ level: "省", key: "市场监督管理局" });
    expect(table.info("市场监管局")).toMatchObject({ level: null, key: "市场监督管理局" });
    expect(table.info("马村区市场监管局")).toMatchObject({ level: "区", place: "马村", key: "市场监督管理局" });
    expect(table.info("区委宣传部")).toMatchObject({ level: "区", key: "宣传部" });
    // 马村公安分局: a place with no level, known from the plan's title (2021年马村区…)
    const doc = { meta: { title: "2021年马村区食品安全工作要点", issuer: null } };
    expect(table.info("马村公安分局", placeContext(doc))).toMatchObject({ level: "区", place: "马村", key: "公安局" });
    expect(table.info("马村公安分局").place).toBeNull();
  });

  it("reads a plan's region from its title, else its issuer", () => {
    expect(documentRegion({ meta: { title: "营口市鲅鱼圈区2021年食品安全重点工作安排", issuer: null } })).toBe("营口市鲅鱼圈区");
    expect(documentRegion({ meta: { title: "2022年全区食品安全协调工作要点", issuer: null } })).toBeNull();
    expect(documentRegion({ meta: { title: "食品安全工作要点", issuer: "天津市蓟州区人民政府办公室" } })).toBe("天津市蓟州区");
  });
});

describe("reform renamings", () => {
  const successorOf = (name: string) => table.info(name).current;

  it("knows the 2018 institutional reform's renamings and mergers", () => {
    const expected: [string, string][] = [
      ["区食药监局", "市场监督管理局"],
      ["区食药监分局", "市场监督管理局"],
      ["工商局", "市场监督管理局"],
      ["区工商分局", "市场监督管理局"],
      ["质监局", "市场监督管理局"],
      ["区卫计委", "卫生健康委员会"],
      ["卫生计生委", "卫生健康委员会"],
      ["区农委", "农业农村局"],
      ["农业局", "农业农村局"],
      ["区环保局", "生态环境局"],
      ["国土资源局", "自然资源局"],
      ["安监局", "应急管理局"],
      ["文广新局", "文化广电和旅游局"],
      ["旅游局", "文化广电和旅游局"],
      ["国税局", "税务局"],
      ["地税局", "税务局"],
      ["出入境检验检疫局", "海关"],
      ["综治办", "政法委员会"],
      ["法制办", "司法局"],
    ];
    for (const [old, now] of expected) {
      expect(successorOf(old), old).toBe(now);
      expect(table.info(old).renamed, old).toMatchObject({ year: 2018 });
    }
  });

  it("follows a chain of reforms: 卫生局 (2013) → 卫生和计划生育委员会 (2018) → 卫生健康委员会", () => {
    expect(successorOf("卫生局")).toBe("卫生健康委员会");
    expect(table.renaming(agencyKey("卫生局"), agencyKey("区卫健委"))!.map((s) => [s.from, s.to, s.year])).toEqual([
      ["卫生局", "卫生和计划生育委员会", 2013],
      ["卫生和计划生育委员会", "卫生健康委员会", 2018],
    ]);
    expect(successorOf("扶贫办")).toBe("农业农村局");
  });

  it("finds the renaming in either order (an older plan second), and none between two bodies merged into a third", () => {
    const steps = table.renaming(agencyKey("区市场监管局"), agencyKey("区食药监分局"));
    expect(steps).toEqual([{ from: "食品药品监督管理局", to: "市场监督管理局", year: 2018, reform: expect.stringContaining("深化党和国家机构改革") }]);
    expect(table.renaming(agencyKey("区食药监分局"), agencyKey("区市场监管局"))).toEqual(steps);
    expect(table.renaming(agencyKey("工商局"), agencyKey("质监局"))).toBeNull();
    expect(table.renaming(agencyKey("区卫健委"), agencyKey("区卫生健康委"))).toBeNull();
    // both names the successor may have: 文化和旅游局 or 文化广电和旅游局
    expect(table.renaming(agencyKey("旅游局"), agencyKey("文化和旅游局"))).not.toBeNull();
  });
});

describe("--aliases extends the table", () => {
  it("adds variants to a body the table knows, and bodies and renamings it does not", () => {
    const aliases = loadAliases(
      [
        "区卫生健康委: [区卫生委]",
        "区政府食品安全委相关成员单位: [区食安委相关成员单位, 区食安委有关成员单位]",
        "区城市管理局:",
        "  variants: [区城管执法局]",
        "  successor: 区城市管理综合执法局",
        "  year: 2019",
        "  reform: 区机构改革",
        "",
      ].join("\n"),
    );
    const t = agencyTableWith(aliases);
    expect(t.key("区卫生委")).toBe("卫生健康委员会");
    expect(t.key("区食安委有关成员单位")).toBe(t.key("区政府食品安全委相关成员单位"));
    expect(t.key("区城管执法局")).toBe("城市管理局");
    expect(t.info("区城管局")).toMatchObject({ key: "城市管理局", current: "城市管理综合执法局", renamed: { year: 2019, reform: "区机构改革" } });
    expect(t.renaming(t.key("区城管局"), t.key("区城市管理综合执法局"))).toHaveLength(1);
    // the built-in table is left as it was
    expect(builtInAgencies().key("区卫生委")).not.toBe("卫生健康委员会");
  });

  it("refuses a successor that is not a name, with one line", () => {
    expect(() => loadAliases("区城市管理局:\n  successor: [a, b]\n")).toThrow(/^aliases: "区城市管理局": successor must be a name, got a list$/);
    expect(() => loadAliases("区城市管理局:\n  year: 2019\n")).toThrow(/must map to a list of variant names/);
  });

  it("a table of one's own, from data of the same shape", () => {
    const own = new AgencyTable({ agencies: [{ name: "甲局", variants: ["甲"], successors: ["乙局"], year: 2020, reform: "x", source: "test" }, { name: "乙局", variants: [], source: "test" }] });
    expect(own.info("区甲")).toMatchObject({ key: "甲局", current: "乙局", renamed: { from: "甲局", to: "乙局", year: 2020, reform: "x" } });
  });
});

describe("the document-level agencies map in the JSON", () => {
  const parse = (text: string) => parsePlan(text, { name: "x.txt" });

  it("gives every party as written its key, level and reform successor, in order of first appearance", () => {
    const doc = parse("2021年某区工作要点\n一、监管\n（一）检查。（区食药监分局牵头，区卫健委、区卫生健康委配合）\n（二）宣传。（各街道办事处）\n");
    expect(Object.keys(doc.agencies)).toEqual(["区食药监分局", "区卫健委", "区卫生健康委", "各街道办事处"]);
    expect(doc.agencies["区食药监分局"]).toMatchObject({ key: "食品药品监督管理局", known: true, level: "区", successor: "市场监督管理局" });
    expect(doc.agencies["区卫健委"]!.key).toBe(doc.agencies["区卫生健康委"]!.key);
    expect(doc.agencies["区卫健委"]!.successor).toBeNull();
    expect(doc.agencies["各街道办事处"]!.known).toBe(false);
    expect(PlanDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it("keeps a party named __proto__ as data", () => {
    const doc = parse("2021年某区工作要点\n一、监管\n（一）检查。（责任单位：__proto__）\n");
    const json = JSON.parse(JSON.stringify(doc));
    expect(Object.keys(json.agencies)).toEqual(doc.outline[0]!.children[0]!.tasks.length > 0 ? ["__proto__"] : []);
    expect(Object.getPrototypeOf(doc.agencies)).toBe(Object.prototype);
  });
});
