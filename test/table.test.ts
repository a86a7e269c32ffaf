// `plan-parse table` rows and their csv / tsv / ndjson text, held to the real seed plans: the row count read
// off the tree, specific labels and owners, and a CSV that parses back (RFC 4180) into the same cells.
import { chineseNumber } from "../src/pipeline/numerals.js";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BOM, csvField, csvLine, tsvField, tsvLine } from "../src/outputs/csv.js";
import { parsePlanBytes } from "../src/pipeline/parse-plan.js";
import type { PlanDocument, PlanNode } from "../src/schema.js";
import { formatRows, labelSegment, TABLE_COLUMNS, tableRows, type TableRow } from "../src/outputs/table.js";

const dir = new URL("../fixtures/seeds/", import.meta.url);

function parseSeed(file: string): PlanDocument {
  const result = parsePlanBytes(readFileSync(new URL(file, dir)), { name: file });
  if (!result.ok) throw new Error(result.problem);
  return result.document;
}

const S000 = "000_8d72839633e6c520.txt";
const S001 = "001_9ea69e7fd293a163.txt";
const S002 = "002_c0b8b7f66cffa162.txt";
const S004 = "004_36973856179009ba.txt";

/** A tiny RFC 4180 reader: quoted fields with doubled quotes, CRLF records; no BOM handling. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === "") {
      // a quoted field runs to the quote not followed by another quote
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) throw new Error("unterminated quoted field");
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (i < text.length && text[i] !== "," && text[i] !== "\r") throw new Error(`junk after a quoted field at ${i}`);
    } else if (ch === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (ch === "\r") {
      if (text[i + 1] !== "\n") throw new Error(`bare CR at ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else if (ch === "\n") {
      throw new Error(`bare LF outside quotes at ${i}`);
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || record.length > 0) throw new Error("last record not terminated by CRLF");
  return records;
}

/** The cells a row should have in csv/tsv, written out independently of src/outputs/table.ts. */
function expectedCells(r: TableRow): string[] {
  const id = (s: string) => (/^[0-9.]+$/.test(s) && (s.match(/\./g) ?? []).length <= 1 ? `'${s}` : s);
  const dates = r.task_deadlines.flatMap((d) => (d.date ? [d.date] : [])).sort();
  return [
    id(r.task_id),
    id(r.node_id),
    r.label,
    r.section,
    r.item,
    r.task_text,
    r.lead.join("、"),
    r.responsible.join("、"),
    r.support.join("、"),
    r.guide.join("、"),
    r.leaders.join("、"),
    dates[0] ?? "",
    r.task_deadlines.map((d) => d.text).join("、"),
    r.progress,
    r.plan_title,
    r.issuer,
    r.year === null ? "" : String(r.year),
    r.region,
    r.file,
    r.path,
    r.kind,
  ];
}

/** Pre-order walk: the nodes in document order. */
function nodes(list: readonly PlanNode[]): PlanNode[] {
  return list.flatMap((n) => [n, ...nodes(n.children)]);
}

describe("csv.ts", () => {
  it("quotes a field only when it holds a comma, a quote, CR or LF, doubling quotes", () => {
    expect(csvField("区市场监管局")).toBe("区市场监管局");
    expect(csvField("全角，逗号")).toBe("全角，逗号");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('说"豫冷链"')).toBe('"说""豫冷链"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField("")).toBe("");
    expect(csvLine(["a", "b,c", ""])).toBe('a,"b,c",\r\n');
  });

  it("flattens tabs and line breaks in TSV fields to single spaces", () => {
    expect(tsvField("a\tb\r\nc\nd\re")).toBe("a b c d e");
    expect(tsvField('no "quoting", ever')).toBe('no "quoting", ever');
    expect(tsvLine(["x\ty", "z"])).toBe("x y\tz\n");
  });
});

describe("labels", () => {
  it("writes numbers the way plans number sections", () => {
    expect([1, 9, 10, 11, 17, 20, 21, 99, 100, 105, 110].map(chineseNumber)).toEqual([
      "一", "九", "十", "十一", "十七", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十",
    ]);
  });

  it("drops marker punctuation and folds its variants", () => {
    expect(labelSegment("chinese", "二、", 1, 2)).toBe("二");
    expect(labelSegment("chinese-paren", "(四)", 2, 1)).toBe("（四）");
    expect(labelSegment("arabic", "17．", 3, 1)).toBe("17.");
    expect(labelSegment("arabic", "１２、", 3, 1)).toBe("12.");
    expect(labelSegment("arabic-paren", "(3)", 4, 1)).toBe("（3）");
    expect(labelSegment("circled", "⑤", 5, 1)).toBe("⑤");
    // an implicit node: the form of its level for its position
    expect(labelSegment("implicit", "", 1, 1)).toBe("一");
    expect(labelSegment("implicit", "", 2, 3)).toBe("（三）");
    expect(labelSegment("implicit", "", 3, 2)).toBe("2.");
  });
});

describe("seed 000 rows", () => {
  const doc = parseSeed(S000);
  const rows = tableRows(doc);

  it("has one row per task plus one per task-less node, in document order", () => {
    const all = nodes(doc.outline);
    const tasks = all.reduce((n, x) => n + x.tasks.length, 0);
    const taskless = all.filter((x) => x.tasks.length === 0).length;
    expect(tasks).toBe(66);
    expect(taskless).toBe(7); // the seven sections 一 (implicit) … 七
    expect(rows).toHaveLength(tasks + taskless);
    expect(rows.filter((r) => r.kind === "node")).toHaveLength(taskless);
    const order = all.flatMap((n) => (n.tasks.length === 0 ? [n.id] : n.tasks.map(() => n.id)));
    expect(rows.map((r) => r.node_id)).toEqual(order);
    expect(new Set(rows.map((r) => r.path))).toEqual(new Set([S000]));
    expect(new Set(rows.map((r) => r.file))).toEqual(new Set([S000.replace(/^.*\//, "")]));
    expect(new Set(rows.map((r) => r.year))).toEqual(new Set([2021]));
    expect(new Set(rows.map((r) => r.plan_title))).toEqual(new Set(["2021年马村区食品安全工作要点"]));
    expect(new Set(rows.map((r) => r.region))).toEqual(new Set(["马村区"]));
    // a task row's id is its task's, a node row has none
    expect(rows.filter((r) => r.kind === "task").every((r) => r.task_id.startsWith(`${r.node_id}#`))).toBe(true);
    expect(rows.filter((r) => r.kind === "node").every((r) => r.task_id === "")).toBe(true);
  });

  it("labels the implicit first section 一 and its items 一（一）…", () => {
    expect(rows[0]).toMatchObject({
      node_id: "1",
      label: "一",
      section: "全面落实责任，强化对食品安全工作的领导",
      item: "全面落实责任，强化对食品安全工作的领导",
      kind: "node",
      lead: [],
      task_deadlines: [],
      task_id: "",
      progress: "",
    });
    expect(rows[1]).toMatchObject({ node_id: "1.1", label: "一（一）", item: "全面落实党政同责", responsible: ["各街道办事处"], kind: "task" });
    expect(rows[1]!.task_id).toBe("1.1#1");
    // the progress clause's deadlines stay in the JSON's progress: they are not copied onto every task row
    expect(Object.keys(rows[1]!)).not.toContain("deadlines");
  });

  it("gives （四）'s second task label 二（四）, lead 区市场监管局, support 区交通运输局", () => {
    const four = rows.filter((r) => r.label === "二（四）");
    expect(four).toHaveLength(2);
    expect(four[0]).toMatchObject({ responsible: ["区市场监管局", "区农业农村局", "区交通运输局"], lead: [], support: [] });
    expect(four[1]).toMatchObject({
      node_id: "2.1",
      section: "严格进口冷链食品管理，切实加强疫情防控",
      item: "建设完善“豫冷链”平台",
      lead: ["区市场监管局"],
      responsible: [],
      support: ["区交通运输局"],
      guide: [],
      task_id: "2.1#2",
      progress: "按新冠肺炎疫情防控要求，工作情况有序推进。",
      kind: "task",
    });
    expect(four[1]!.task_text.startsWith("统筹利用现有资源建立进口冷链食品从口岸到销售环节全链条追溯体系")).toBe(true);
  });

  it("carries the continuous （十一） numbering under 四 with six tasks", () => {
    const eleven = rows.filter((r) => r.label === "四（十一）");
    expect(eleven).toHaveLength(6);
    expect(eleven.every((r) => r.section === "聚焦突出问题，开展放心工程建设攻坚行动" && r.item === "强化生产经营环节问题治理")).toBe(true);
  });
});

describe("labels on the other seeds", () => {
  it("seed 002: 17. under （九） under 二 is 二（九）17.", () => {
    const rows = tableRows(parseSeed(S002));
    const row = rows.find((r) => r.label === "二（九）17.");
    expect(row).toMatchObject({ node_id: "2.9.1", section: "重点工作任务", kind: "task" });
    expect(row!.item.startsWith("全面推行学校食堂“明厨亮灶”")).toBe(true);
    expect(rows.filter((r) => r.label.startsWith("二（九）")).map((r) => r.label)).toEqual(["二（九）", "二（九）17.", "二（九）18.", "二（九）18."]);
  });

  it("seed 001: full-width 1． reads 1.; the duplicate 3． keeps its printed label, node_id tells them apart", () => {
    const rows = tableRows(parseSeed(S001));
    expect(rows.find((r) => r.node_id === "3.1.1")!.label).toBe("三（一）1.");
    const threes = rows.filter((r) => r.label === "三（十二）3.");
    expect(threes.map((r) => r.node_id)).toEqual(["3.12.3", "3.12.4"]);
  });

  it("seed 004: 1. directly under 一、 is 一1.; with no brackets every row is a node row with the item's text", () => {
    const doc = parseSeed(S004);
    const rows = tableRows(doc);
    expect(rows).toHaveLength(nodes(doc.outline).length);
    expect(rows.every((r) => r.kind === "node")).toBe(true);
    expect(rows[1]).toMatchObject({ node_id: "1.1", label: "一1.", item: "健全完善工作机制" });
    expect(rows[1]!.task_text).toBe(doc.outline[0]!.children[0]!.text);
    expect(rows.find((r) => r.node_id === "4.5")!.label).toBe("四14.");
  });
});

describe("formats", () => {
  const doc = parseSeed(S000);
  const rows = tableRows(doc);

  it("csv: BOM, the English header, CRLF, a field with a comma quoted", () => {
    const csv = formatRows(rows, "csv");
    expect(
      csv.startsWith(
        BOM +
          "task_id,node_id,label,section,item,task_text,lead,responsible,support,guide,leaders,deadline_date,deadline_text,progress,plan_title,issuer,year,region,file,path,kind\r\n",
      ),
    ).toBe(true);
    expect(csv.split(BOM)).toHaveLength(2);
    // （十四）'s first task sentence lists 大数据、云计算… with an ASCII comma in it
    const comma = rows.find((r) => r.node_id === "5.3" && r.task_text.includes(","))!;
    expect(comma).toBeDefined();
    expect(csv).toContain(`,"${comma.task_text}",`);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("csv parses back (RFC 4180) into exactly the rows' cells", () => {
    const csv = formatRows(rows, "csv");
    const records = parseCsv(csv.slice(BOM.length));
    expect(records[0]).toEqual([...TABLE_COLUMNS]);
    expect(records.slice(1)).toEqual(rows.map(expectedCells));
  });

  it("csv round-trips quotes, commas and line breaks", () => {
    const tricky: TableRow = {
      ...rows[0]!,
      item: 'a "quoted", item',
      task_text: "two\r\nlines\nand\ra CR",
      lead: ["甲,乙", '丙"'],
    };
    const csv = formatRows([tricky], "csv", { header: false });
    expect(csv.startsWith(BOM)).toBe(false);
    expect(parseCsv(csv)).toEqual([expectedCells(tricky)]);
    expect(csv).toContain('"a ""quoted"", item"');
  });

  it("tsv: header, LF, no tab or line break inside any field", () => {
    const tsv = formatRows(rows, "tsv");
    expect(tsv.startsWith(BOM)).toBe(false);
    expect(tsv).not.toContain("\r");
    const lines = tsv.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[0]).toBe(TABLE_COLUMNS.join("\t"));
    for (const line of lines) expect(line.split("\t")).toHaveLength(TABLE_COLUMNS.length);
    expect(lines.slice(1).map((l) => l.split("\t"))).toEqual(rows.map(expectedCells));

    const tricky: TableRow = { ...rows[0]!, task_text: "tab\there\nnewline" };
    const line = formatRows([tricky], "tsv", { header: false });
    expect(line.split("\t")).toHaveLength(TABLE_COLUMNS.length);
    expect(line.split("\n")).toHaveLength(2);
    expect(line).toContain("tab here newline");
  });

  it("ndjson: one JSON object per row, keys in column order, lists as arrays, no BOM or header", () => {
    const nd = formatRows(rows, "ndjson", { header: true, bom: true });
    const lines = nd.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(rows.length);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((r) => r.task_id)).toEqual(rows.map((r) => r.task_id));
    expect(parsed.map((r) => r.node_id)).toEqual(rows.map((r) => r.node_id));
    expect(parsed.map((r) => r.deadline_text)).toEqual(rows.map((r) => r.task_deadlines.map((d) => d.text)));
    expect(Object.keys(parsed[0]!)).toEqual([...TABLE_COLUMNS]);
    expect(parsed[0]!.year).toBe(2021);
    expect(parsed.find((r) => r.label === "二（四）" && (r.lead as string[]).length > 0)!.support).toEqual(["区交通运输局"]);
  });

  it("streams: per-document calls with header: false after the first give the same file as one call", () => {
    const other = tableRows(parseSeed(S002));
    for (const format of ["csv", "tsv", "ndjson"] as const) {
      const streamed = formatRows(rows, format) + formatRows(other, format, { header: false });
      expect(streamed).toBe(formatRows([...rows, ...other], format));
    }
    const csv = formatRows(rows, "csv") + formatRows(other, "csv", { header: false });
    expect(csv.split(BOM)).toHaveLength(2);
    expect(csv.split("task_id,node_id,label")).toHaveLength(2);
    // an iterable, not only an array
    function* gen(): Generator<TableRow> {
      yield* rows;
    }
    expect(formatRows(gen(), "tsv")).toBe(formatRows(rows, "tsv"));
  });

  it("honours bom and header options", () => {
    expect(formatRows(rows, "csv", { bom: false }).startsWith("task_id,")).toBe(true);
    expect(formatRows(rows, "tsv", { bom: true }).startsWith(BOM + "task_id\t")).toBe(true);
    expect(formatRows([], "csv")).toBe(BOM + TABLE_COLUMNS.join(",") + "\r\n");
    expect(formatRows([], "csv", { header: false })).toBe("");
  });
});

describe("per-task columns", () => {
  it("gives each task its own deadline dates and leaders, and a task-less node none", () => {
    const doc = parsePlanBytes(
      Buffer.from("某县2023年重点工作任务\n一、建设任务\n（一）污水厂。2023年底前，建成县城污水处理厂。（责任领导：张明；责任单位：县住建局）\n（二）公路。修建乡村公路。（县交通运输局负责，2023年6月底前完成）\n"),
      { name: "x.txt" },
    );
    if (!doc.ok) throw new Error(doc.problem);
    const rows = tableRows(doc.document);
    expect(rows.map((r) => [r.label, r.kind, r.leaders, r.task_deadlines.map((d) => d.date)])).toEqual([
      ["一", "node", [], []],
      ["一（一）", "task", ["张明"], ["2023-12-31"]],
      ["一（二）", "task", [], ["2023-06-30"]],
    ]);
    const csv = parseCsv(formatRows(rows, "csv").slice(BOM.length));
    const col = (name: string) => TABLE_COLUMNS.indexOf(name);
    // one date per row, beside the wording; ids a spreadsheet would read as numbers marked as text
    expect(csv.slice(1).map((r) => [r[col("task_id")], r[col("node_id")], r[col("deadline_date")], r[col("deadline_text")]])).toEqual([
      ["", "'1", "", ""],
      ["1.1#1", "'1.1", "2023-12-31", "2023年底前"],
      ["1.2#1", "'1.2", "2023-06-30", "2023年6月底前"],
    ]);
  });
});
