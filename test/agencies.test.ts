// `plan-parse agencies`: the agency × document matrix over the real seed plans 000 (马村区) and 003 (焦作示范区),
// with counts checked by hand against the gold files and recomputed from them, name keys, aliases, and the
// three renderings.
import { readFileSync } from "node:fs";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { agencyKey, agencyMatrix, agencyTableWith, loadAliases, renderAgencies, textWidth, type AgencyMatrix, type Aliases } from "../src/outputs/agencies.js";
import { placeContext } from "../src/pipeline/agency-table.js";
import { BOM } from "../src/outputs/csv.js";
import { parsePlanBytes } from "../src/pipeline/parse-plan.js";
import type { PlanDocument, PlanNode, Task } from "../src/schema.js";

const seeds = new URL("../fixtures/seeds/", import.meta.url);
const aliasDir = new URL("../fixtures/aliases/", import.meta.url);
const S000 = "000_8d72839633e6c520.txt";
const S003 = "003_3fa5fd6deccc4e95.txt";
const ROLES = ["lead", "responsible", "support", "guide"] as const;

function parseSeed(file: string): PlanDocument {
  const result = parsePlanBytes(readFileSync(new URL(file, seeds)), { name: file });
  if (!result.ok) throw new Error(result.problem);
  return result.document;
}

interface GoldTask {
  under: number[];
  raw: string;
  lead: string[];
  responsible: string[];
  support: string[];
  guide: string[];
}
function goldTasks(file: string): GoldTask[] {
  return (JSON.parse(readFileSync(new URL(file.replace(/\.txt$/, ".gold.json"), seeds), "utf8")) as { tasks: GoldTask[] }).tasks;
}

type Counts = { lead: number; responsible: number; support: number; guide: number; total: number };

/**
 * Counts by key from the gold tasks (written without the parser's 区 carrying), once per task per role; keys
 * as the matrix makes them (the agency table with the aliases, the places the plan's title names).
 */
function goldCounts(file: string, aliases?: Aliases): Map<string, Counts> {
  const out = new Map<string, Counts>();
  const table = agencyTableWith(aliases);
  const context = placeContext(parseSeed(file));
  for (const t of goldTasks(file)) {
    const inTask = new Set<string>();
    for (const role of ROLES) {
      for (const key of new Set(t[role].map((n) => table.key(aliases?.canonicalOf(n) ?? n, context)))) {
        const c = out.get(key) ?? { lead: 0, responsible: 0, support: 0, guide: 0, total: 0 };
        c[role]++;
        if (!inTask.has(key)) c.total++;
        inTask.add(key);
        out.set(key, c);
      }
    }
  }
  return out;
}

const ZERO = { lead: 0, responsible: 0, support: 0, guide: 0, total: 0 };

/** A minimal one-node document holding the given tasks. */
function docWith(name: string, tasks: Partial<Task>[]): PlanDocument {
  const base = parseSeed(S000);
  const span = base.outline[0]!.span;
  const node: PlanNode = {
    ...base.outline[0]!,
    children: [],
    tasks: tasks.map((t, i) => ({ id: `1#${i + 1}`, text: "", lead: [], responsible: [], support: [], guide: [], raw: "", span, ...t })),
  };
  return { ...base, source: { ...base.source, name }, outline: [node] };
}

function row(m: AgencyMatrix, name: string) {
  const found = m.agencies.find((a) => a.name === name);
  if (!found) throw new Error(`no row ${name}`);
  return found;
}

/** RFC 4180 reader (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else if (ch === "\r" || ch === "\n") throw new Error(`bare line break at ${i}`);
    else field += ch;
  }
  if (quoted || field !== "" || record.length > 0) throw new Error("unterminated record");
  return records;
}

describe("agencyKey", () => {
  it("drops the district prefix 区/县/市, but not the 市 of 市场/市容/市政", () => {
    expect(agencyKey("区农业农村局")).toBe("农业农村局");
    expect(agencyKey("农业农村局")).toBe("农业农村局");
    expect(agencyKey("县农业农村局")).toBe("农业农村局");
    expect(agencyKey("市农业农村局")).toBe("农业农村局");
    expect(agencyKey("区市场监管局")).toBe("市场监督管理局");
    expect(agencyKey("市场监管局")).toBe("市场监督管理局");
    expect(agencyKey("市容园林委")).toBe("市容园林委");
    expect(agencyKey("区市容园林委")).toBe("市容园林委");
    expect(agencyKey("市政工程处")).toBe("市政工程处");
    expect(agencyKey("区政府食品安全办")).toBe("政府食品安全委员会办公室");
    // a party committee's department: 区委宣传部 is the 宣传部 other plans write as 区宣传部
    expect(agencyKey("区委宣传部")).toBe("宣传部");
    expect(agencyKey("区委网信办")).toBe("网络安全和信息化委员会办公室");
    expect(agencyKey("区")).toBe("区");
  });

  it("drops bracketed parts (nested too), spaces and a trailing 等", () => {
    expect(agencyKey("区发改委（商务局）")).toBe("发展和改革委员会");
    expect(agencyKey("住建局(交通运输局)")).toBe("住房和城乡建设局");
    expect(agencyKey("天津海关〈原宝坻出入境检验检疫局〉")).toBe("天津海关");
    expect(agencyKey("区宣传部（网信办（新闻办））")).toBe("宣传部");
    expect(agencyKey("区宣传部（网信办〈新闻办〉）")).toBe("宣传部");
    expect(agencyKey("各乡镇（街道）")).toBe("各乡镇");
    expect(agencyKey(" 区 农业农村局　等")).toBe("农业农村局");
    expect(agencyKey("区交通运输局等")).toBe("交通运输局");
    expect(agencyKey("区住建局（交通运输局")).toBe("住房和城乡建设局");
  });
});

describe("agency matrix over seeds 000 + 003", () => {
  const d000 = parseSeed(S000);
  const d003 = parseSeed(S003);
  const m = agencyMatrix([d000, d003]);

  it("lists the documents by source name, in the order given", () => {
    expect(m.documents).toEqual([S000, S003]);
    for (const a of m.agencies) expect(Object.keys(a.counts)).toEqual([S000, S003]);
  });

  it("区市场监管局: 5 lead, 34 responsible, 1 support in 40 tasks of 000; nothing in 003", () => {
    // gold 000: 牵头 in 2.4#2, two brackets of 4.11, one of 6.20, one of 7.22; 配合 in 6.20 (…公安分局、市场监管局配合)
    const r = row(m, "区市场监管局");
    expect(r.key).toBe("市场监督管理局");
    expect(r.counts[S000]).toEqual({ lead: 5, responsible: 34, support: 1, guide: 0, total: 40 });
    expect(r.counts[S003]).toEqual(ZERO);
    expect(r.total).toBe(40);
    expect(r.variants).toEqual(["区市场监管局"]);
  });

  it("区食药监分局 appears only in 003: 6 lead, 35 responsible in 41 tasks", () => {
    const r = row(m, "区食药监分局");
    expect(r.counts[S000]).toEqual(ZERO);
    expect(r.counts[S003]).toEqual({ lead: 6, responsible: 35, support: 0, guide: 0, total: 41 });
    // 食药监分局 without 区 in 1.2's long list is the same party
    expect(r.variants).toEqual(["区食药监分局", "食药监分局"]);
  });

  it("区农业农村局 and 农业农村局 are one row", () => {
    const rows = m.agencies.filter((a) => a.key === "农业农村局");
    expect(rows).toHaveLength(1);
    expect(m.agencies.some((a) => a.name === "农业农村局")).toBe(false);
    const r = rows[0]!;
    expect(r.name).toBe("区农业农村局");
    expect(r.variants).toEqual(["区农业农村局", "农业农村局"]);
    expect(r.counts[S000]).toEqual({ lead: 1, responsible: 22, support: 0, guide: 0, total: 23 });
    expect(r.counts[S003]).toEqual({ lead: 1, responsible: 30, support: 0, guide: 0, total: 31 });
    expect(r.total).toBe(54);
  });

  it("counts 区食安办 (003) with 区政府食品安全办 (000): the agency table knows the abbreviation", () => {
    expect(m.agencies.some((a) => a.name === "区食安办")).toBe(false);
    const r = row(m, "区政府食品安全办");
    expect(r.key).toBe("政府食品安全委员会办公室");
    expect(r.variants).toEqual(["区政府食品安全办", "区食安办"]);
    expect(r.counts[S000]).toEqual({ lead: 7, responsible: 2, support: 0, guide: 0, total: 9 });
    expect(r.counts[S003]).toEqual({ lead: 4, responsible: 2, support: 0, guide: 0, total: 6 });
  });

  it("counts 区卫健委 with 区卫生健康委 (003 writes both), as one row", () => {
    const r = row(m, "区卫生健康委");
    expect(r.key).toBe("卫生健康委员会");
    expect(r.variants).toEqual(["区卫生健康委", "区卫健委"]);
    expect(m.agencies.some((a) => a.name === "区卫健委")).toBe(false);
    expect(r.counts[S003]).toEqual({ lead: 1, responsible: 11, support: 0, guide: 0, total: 12 });
  });

  it("counts 马村公安分局 (000, named after the plan's place) with 区公安分局, place 马村", () => {
    const r = m.agencies.find((a) => a.key === "公安局")!;
    expect(r.variants).toContain("马村公安分局");
    expect(r.variants).toContain("区公安分局");
    expect(r.level).toBe("区");
  });

  it("keeps 区食药监分局 and 区市场监管局 apart, the first renamed into the second by the 2018 reform", () => {
    const old = row(m, "区食药监分局");
    expect(old.key).toBe("食品药品监督管理局");
    expect(old.successors).toEqual(["市场监督管理局"]);
    expect(old.renamed).toMatchObject({ from: "食品药品监督管理局", to: "市场监督管理局", year: 2018 });
    expect(row(m, "区市场监管局").renamed).toBeNull();
  });

  it("with followRenamings counts 区食药监分局, 区工商分局 and 区质监分局 (003) under 区市场监管局 (000)", () => {
    const f = agencyMatrix([d000, d003], undefined, { followRenamings: true });
    const r = row(f, "区市场监管局");
    expect(r.key).toBe("市场监督管理局");
    expect(r.predecessors).toEqual(["工商行政管理局", "质量技术监督局", "食品药品监督管理局"].sort());
    expect(r.counts[S000]).toEqual({ lead: 5, responsible: 34, support: 1, guide: 0, total: 40 });
    expect(r.counts[S003]!.total).toBeGreaterThanOrEqual(41);
    expect(f.agencies.some((a) => a.name === "区食药监分局")).toBe(false);
  });

  it("agrees with the counts recomputed from the gold files, for every party", () => {
    for (const file of [S000, S003]) {
      const gold = goldCounts(file);
      const got = new Map(m.agencies.filter((a) => a.counts[file]!.total > 0).map((a) => [a.key, a.counts[file]!]));
      expect(Object.fromEntries(got)).toEqual(Object.fromEntries(gold));
    }
  });

  it("sorts by total descending, then name", () => {
    expect(m.agencies.slice(0, 3).map((a) => a.name)).toEqual(["区农业农村局", "区食药监分局", "区市场监管局"]);
    expect(m.agencies[3]!.name).toBe("区卫生健康委");
    for (let i = 1; i < m.agencies.length; i++) {
      const a = m.agencies[i - 1]!;
      const b = m.agencies[i]!;
      expect(a.total > b.total || (a.total === b.total && a.name < b.name)).toBe(true);
    }
    for (const a of m.agencies) expect(a.total).toBe(a.counts[S000]!.total + a.counts[S003]!.total);
  });
});

describe("counting rules", () => {
  it("counts a party once per task per role, and once per task in total", () => {
    const doc = docWith("x.txt", [
      { lead: ["区市场监管局", "市场监管局"] },
      { lead: ["区市场监管局"], support: ["市场监管局"] },
      { responsible: ["区市场监管局等"] },
    ]);
    const m = agencyMatrix([doc]);
    expect(m.agencies).toHaveLength(1);
    // 区市场监管局 and 市场监管局 are written twice each: the tie goes to the shorter
    const r = row(m, "市场监管局");
    expect(r.counts["x.txt"]).toEqual({ lead: 2, responsible: 1, support: 1, guide: 0, total: 3 });
    expect(r.variants).toEqual(["市场监管局", "区市场监管局", "区市场监管局等"]);
  });

  it("names a row by its most frequent variant; ties go to the shorter, then codepoint order", () => {
    const m = agencyMatrix([
      docWith("a.txt", [{ responsible: ["区农业农村局"] }, { responsible: ["农业农村局"] }, { responsible: ["县农业农村局"] }]),
    ]);
    expect(row(m, "农业农村局").variants).toEqual(["农业农村局", "区农业农村局", "县农业农村局"]);
    const m2 = agencyMatrix([docWith("a.txt", [{ guide: ["县卫生健康委"] }, { guide: ["区卫生健康委"] }, { guide: ["区卫生健康委"] }])]);
    expect(row(m2, "区卫生健康委").counts["a.txt"]).toEqual({ lead: 0, responsible: 0, support: 0, guide: 3, total: 3 });
  });
});

describe("aliases", () => {
  const text = readFileSync(new URL("seeds.yaml", aliasDir), "utf8");
  const aliases = loadAliases(text);

  it("resolves variants by key", () => {
    expect(aliases.canonicalOf("区食安办")).toBe("区政府食品安全办");
    expect(aliases.canonicalOf("食安办")).toBe("区政府食品安全办");
    expect(aliases.canonicalOf("县食安办等")).toBe("区政府食品安全办");
    expect(aliases.canonicalOf("区政府食品安全办")).toBe("区政府食品安全办");
    expect(aliases.canonicalOf("区市场监管局")).toBeUndefined();
  });

  it("fixtures/aliases/seeds.yaml merges 区食安办 into 区政府食品安全办 over 000 + 003", () => {
    const m = agencyMatrix([parseSeed(S000), parseSeed(S003)], aliases);
    expect(m.agencies.some((a) => a.name === "区食安办")).toBe(false);
    const r = row(m, "区政府食品安全办");
    expect(r.variants).toEqual(["区政府食品安全办", "区食安办"]);
    expect(r.counts[S000]).toEqual({ lead: 7, responsible: 2, support: 0, guide: 0, total: 9 });
    expect(r.counts[S003]).toEqual({ lead: 4, responsible: 2, support: 0, guide: 0, total: 6 });
    expect(r.total).toBe(15);
    // 区卫健委 (003) joins 区卫生健康委 (000 and 003)
    const health = row(m, "区卫生健康委");
    expect(health.counts[S000]).toEqual({ lead: 1, responsible: 11, support: 0, guide: 0, total: 12 });
    expect(health.counts[S003]).toEqual({ lead: 1, responsible: 11, support: 0, guide: 0, total: 12 });
    // and every party still agrees with the gold, aliases applied
    for (const file of [S000, S003]) {
      const got = new Map(m.agencies.filter((a) => a.counts[file]!.total > 0).map((a) => [a.key, a.counts[file]!]));
      expect(Object.fromEntries(got)).toEqual(Object.fromEntries(goldCounts(file, aliases)));
    }
  });

  it("an empty file means no aliases", () => {
    expect(loadAliases("").canonicalOf("区食安办")).toBeUndefined();
    expect(loadAliases("# nothing yet\n").canonicalOf("区食安办")).toBeUndefined();
  });

  it("accepts a single string as one variant", () => {
    expect(loadAliases("区卫生健康委: 区卫健委\n").canonicalOf("卫健委")).toBe("区卫生健康委");
  });

  const bad: [string, string, RegExp][] = [
    ["fixtures/aliases/bad-shape.yaml", readFileSync(new URL("bad-shape.yaml", aliasDir), "utf8"), /"区政府食品安全办" must map to a list of variant names, got a mapping/],
    ["a list at the top", "- 区食安办\n- 食安办\n", /expected a mapping/],
    ["an unclosed flow list", "区政府食品安全办: [区食安办, 食安办\n区卫生健康委: [区卫健委]\n", /invalid YAML/],
    ["a number as a variant", "区政府食品安全办: [区食安办, 12]\n", /"区政府食品安全办": every variant must be a non-empty name, got 12/],
    ["an empty variant", "区政府食品安全办: [区食安办, '']\n", /"区政府食品安全办": every variant/],
    ["no variants at all", "区政府食品安全办:\n", /"区政府食品安全办" must map to a list of variant names, got nothing/],
    ["a name under two canonical names", "区政府食品安全办: [区食安办]\n区市场监管局: [食安办]\n", /"食安办" is listed under both "区政府食品安全办" and "区市场监管局"/],
    ["a duplicate key", "区政府食品安全办: [区食安办]\n区政府食品安全办: [食安办]\n", /invalid YAML.*unique/],
  ];
  it.each(bad)("refuses %s with a one-line error naming the key", (_what, yaml, message) => {
    let error: unknown;
    try {
      loadAliases(yaml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const msg = (error as Error).message;
    expect(msg).toMatch(message);
    expect(msg).toMatch(/^aliases: /);
    expect(msg).not.toMatch(/[\r\n]/);
  });
});

describe("renderAgencies", () => {
  const m = agencyMatrix([parseSeed(S000), parseSeed(S003)]);

  it("table: every table line has the same display width (CJK counted 2), no trailing spaces", () => {
    const text = renderAgencies(m, "table");
    expect(text.endsWith("\n")).toBe(true);
    const table = text.split("\n\n")[0]!.split("\n");
    expect(table).toHaveLength(3 + m.agencies.length);
    const width = textWidth(table[0]!);
    for (const line of table) {
      expect(line).toBe(line.trimEnd());
      expect(textWidth(line)).toBe(width);
    }
    // the columns line up: each cell ends at the same display column as its header
    const header = table[0]!;
    const ends = ["000_8d72839633e6c520", "003_3fa5fd6deccc4e95", "total"].map((h) => textWidth(header.slice(0, header.indexOf(h) + h.length)));
    const market = table.find((l) => l.startsWith("区市场监管局 "))!;
    const cells = market.trim().split(/\s+/);
    expect(cells).toEqual(["区市场监管局", "5/34/1/0", "0/0/0/0", "40"]);
    let from = 0;
    cells.slice(1).forEach((cell, i) => {
      const at = market.indexOf(cell, from) + cell.length;
      expect(textWidth(market.slice(0, at))).toBe(ends[i]);
      from = at;
    });
    expect(table.find((l) => l.startsWith("区政府食品安全委相关成员单位 "))!.trim().split(/\s+/)).toEqual(["区政府食品安全委相关成员单位", "0/3/1/0", "0/0/0/0", "4"]);
    expect(textWidth("区市场监管局")).toBe(12);
  });

  it("table: lists merged variants below", () => {
    const text = renderAgencies(m, "table");
    expect(text).toContain("区农业农村局 ← 区农业农村局、农业农村局");
    expect(text).toContain("L/R/S/G");
  });

  it("table: colour codes do not change the layout", () => {
    const coloured = renderAgencies(m, "table", new Chalk({ level: 1 }));
    expect(coloured).toMatch(/\u001b\[/);
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, "")).toBe(renderAgencies(m, "table"));
    expect(renderAgencies(m, "table", new Chalk({ level: 0 }))).toBe(renderAgencies(m, "table"));
  });

  it("csv: BOM, one RFC 4180 row per agency × document with role counts", () => {
    const csv = renderAgencies(m, "csv");
    expect(csv.startsWith(BOM)).toBe(true);
    const records = parseCsv(csv.slice(1));
    expect(records[0]).toEqual(["agency", "key", "document", "lead", "responsible", "support", "guide", "total", "variants", "level", "place", "successor", "renamed_year"]);
    expect(records).toHaveLength(1 + m.agencies.length * 2);
    expect(records.filter((r) => r[0] === "区市场监管局")).toEqual([
      ["区市场监管局", "市场监督管理局", S000, "5", "34", "1", "0", "40", "区市场监管局", "区", "", "", ""],
      ["区市场监管局", "市场监督管理局", S003, "0", "0", "0", "0", "0", "区市场监管局", "区", "", "", ""],
    ]);
    expect(records.find((r) => r[0] === "区农业农村局" && r[2] === S003)).toEqual(["区农业农村局", "农业农村局", S003, "1", "30", "0", "0", "31", "区农业农村局、农业农村局", "区", "", "", ""]);
    expect(records.find((r) => r[0] === "区食药监分局" && r[2] === S003)).toEqual(["区食药监分局", "食品药品监督管理局", S003, "6", "35", "0", "0", "41", "区食药监分局、食药监分局", "区", "", "市场监督管理局", "2018"]);
  });

  it("csv quotes a name with a comma", () => {
    const doc = docWith("a,b.txt", [{ lead: ['区"某"局'] }]);
    const csv = renderAgencies(agencyMatrix([doc]), "csv");
    expect(csv).toContain('"区""某""局",');
    expect(parseCsv(csv.slice(1))[1]).toEqual(['区"某"局', '"某"局', "a,b.txt", "1", "0", "0", "0", "1", '区"某"局', "区", "", "", ""]);
  });

  it("json: the matrix itself", () => {
    const json = renderAgencies(m, "json");
    expect(JSON.parse(json)).toEqual(m);
    expect(json).toBe(JSON.stringify(m, null, 2) + "\n");
  });
});
