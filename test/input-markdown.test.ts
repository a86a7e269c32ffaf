// The Markdown reader: exact plan text for each unit input and inline form, a map whose every copied
// character is the source's character at its mapped offset, and the core's reading of the text.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractMarkdown, readMarkdown } from "../src/input/markdown.js";
import { parsePlan } from "../src/pipeline/parse-plan.js";
import type { PlanDocument } from "../src/schema.js";
import { unit, expectMapped, written, outline, expectSpansInSource } from "./support/readers.js";

const HEADINGS_LISTS = `2021年示范区食品安全工作要点
为深入贯彻落实食品安全工作部署，现就2021年工作安排如下：
一、总体要求
坚持以人民为中心的发展思想，遵循 “四个最严” 要求。Use the HACCP system in key enterprises.
二、重点任务
（一）严格进口冷链食品管理
1.充分利用进口冷链食品追溯平台，督促上报溯源信息（区市场监管局）。
2.落实口岸环节预防性消毒措施（鲅鱼圈海关）。
（二）强化智慧监管
3.加快推进与政务服务平台对接（区市场监管局、区行政审批局按职责分工负责）。
推广“食安辽宁码”；
深化与第三方平台合作。
4.强化乡镇监管机构建设 & 检验检测体系建设（区农业农村局）。
工作进度：2021年12月底前完成。
（三）加强宣传引导。开展食品安全宣传周活动（区食安办牵头，相关部门配合）。
三、保障措施
（四）加强组织领导。各单位要高度重视（各街道办事处）。
工作进度：全年不少于4次。`;

const TASK_TABLE = `某区2021年食品安全重点工作任务分工
一、源头治理
1.开展耕地土壤污染防治。（责任单位：区生态环境局；配合单位：区农业农村局）
完成时限：2021年6月底前
2.严格农药兽药管理。（责任单位：区农业农村局）
完成时限：年底前
二、过程监管
3.加强食品生产企业监督检查。（责任单位：区市场监管局）
附件：联系人
单位　联系人　电话
区食安办　张三　0391-1234567
区市场监管局　李四`;

describe("readMarkdown: unit inputs", () => {
  it.each([
    // The space stands for the soft break between "HACCP" and "system"; & for &amp;.
    ["headings-lists.md", HEADINGS_LISTS, ["&", " ", "\n"]],
    // Markers (3. for the row without 编号), brackets, labels, and U+3000 between plain cells.
    ["task-table.md", TASK_TABLE, ["\n", "\u3000", "（", "）", "：", "；", ".", "3", "一", "二", "、", "位", "单", "合", "完", "成", "时", "责", "任", "配", "限"]],
  ])("%s gives its exact text and map", (file, expected, synthetic) => {
    const source = unit(file);
    const built = extractMarkdown(source);
    expect(built.text).toBe(expected);
    expectMapped(source, built);
    expect(written(built)).toEqual([...synthetic].sort());
    const read = readMarkdown(source);
    expect(read.ok && read.extracted.text).toBe(expected);
    expect(read.ok && read.extracted.map?.length).toBe(expected.length);
  });

  it("maps a list marker, a reference and a front-matter-shifted heading to their source", () => {
    const source = unit("headings-lists.md");
    const { text, map } = extractMarkdown(source);
    const at = (needle: string, k = 0) => map.toOriginal(text.indexOf(needle) + k);
    expect(source.slice(at("3.加快"), at("3.加快") + 4)).toBe("3. 加");
    expect(source.slice(at("& 检验"), at("& 检验") + 5)).toBe("&amp;");
    expect(source.slice(at("一、总体要求"), at("一、总体要求") + 6)).toBe("一、总体要求");
    // The newline stands for the end of the line before it.
    expect(source[map.toOriginal(text.indexOf("\n"))]).toBe("\n");
  });
});

describe("readMarkdown: forms", () => {
  it.each([
    ["an ordered list keeps its numbers as written", "3. 加强管理\n4. 开展整治\n", "3.加强管理\n4.开展整治"],
    ["a `1)` list keeps its delimiter", "1) 加强管理\n2) 开展整治\n", "1)加强管理\n2)开展整治"],
    ["nested lists are lines of their own, in order", "1. 加强管理\n   1. 建立台账\n   2. 公开信息\n2. 开展整治\n", "1.加强管理\n1.建立台账\n2.公开信息\n2.开展整治"],
    ["bullets give their text", "- 第一项\n- 第二项\n", "第一项\n第二项"],
    ["a soft break joins CJK without a space, Latin with one", "加强食品\n安全监管，推行 HACCP\nsystem 认证\n", "加强食品安全监管，推行 HACCP system 认证"],
    ["a soft break before a numbering marker starts a line", "一、总体要求\n（一）加强领导\n1.压实责任\n工作进度：年底前\n", "一、总体要求\n（一）加强领导\n1.压实责任\n工作进度：年底前"],
    ["a hard break starts a line", "加强监管。  \n开展整治。\\\n完成宣传。\n", "加强监管。\n开展整治。\n完成宣传。"],
    ["inline markup reduces to its text", "**加强**_食品_[安全](http://x \"t\")`监管`~~工作~~\n", "加强食品安全监管工作"],
    ["an inline <br> starts a line, other inline HTML drops", "加强<span style=\"x\">监管</span><br>开展整治\n", "加强监管\n开展整治"],
    ["escapes and references", "1\\. 不是列表 &lt;b&gt; &#x4E00;&#12288;二\n", "1. 不是列表 <b> 一\u3000二"],
    ["setext headings, block quotes, thematic breaks", "一、总体要求\n======\n\n> （一）加强领导\n> 继续\n\n***\n", "一、总体要求\n（一）加强领导继续"],
    ["an HTML block is read as HTML, a comment drops", "<!-- 注释 -->\n\n<div align=\"center\"><p>一、总体要求</p><p>（一）加强&amp;领导</p></div>\n", "一、总体要求\n（一）加强&领导"],
    ["a fenced code block gives its lines", "```text\n一、总体要求\n（一）加强领导\n```\n", "一、总体要求\n（一）加强领导"],
    ["YAML front matter drops", "---\ntitle: 标题\n---\n\n一、总体要求\n", "一、总体要求"],
    ["TOML front matter drops", "+++\ntitle = \"标题\"\n+++\n一、总体要求\n", "一、总体要求"],
    ["images, footnotes and definitions drop", "加强监管![图](a.png)[^1]。\n\n[^1]: 脚注内容\n\n[x]: http://x\n", "加强监管。"],
    ["CRLF line ends", "## 一、总体要求\r\n\r\n1. 加强\r\n   领导\r\n", "一、总体要求\n1.加强领导"],
    ["full-width indentation is trimmed at a line start", "\u3000\u3000一、总体要求\n", "一、总体要求"],
    ["a non-task table stays text, a row per line", "| 单位 | 电话 |\n| --- | --- |\n| 区食安办 | 123 |\n", "单位\u3000电话\n区食安办\u3000123"],
  ])("%s", (_name, source, expected) => {
    const built = extractMarkdown(source);
    expect(built.text).toBe(expected);
    expectMapped(source, built);
  });

  it("reads empty and blank input as empty text", () => {
    for (const source of ["", "\n\n", "   \n", "---\n---\n"]) {
      const read = readMarkdown(source);
      expect(read.ok).toBe(true);
      if (read.ok) expect(read.extracted.text).toBe("");
    }
  });

  it("never throws on odd input", () => {
    for (const source of ["\u0000\uffff", "|||\n|-|\n", "<".repeat(1000), "1.\n".repeat(50), "> ".repeat(200), "&#0;&#x110000;&bogus;"]) {
      expect(readMarkdown(source).ok).toBe(true);
      expectMapped(source, extractMarkdown(source));
    }
  });
});

describe("readMarkdown → parsePlan", () => {
  it("gives the outline, owners and deadlines of headings-lists.md", () => {
    const doc = parsePlan(extractMarkdown(unit("headings-lists.md")).text);
    expect(doc.meta.title).toBe("2021年示范区食品安全工作要点");
    expect(doc.meta.year).toBe(2021);
    expect(outline(doc)).toEqual([
      "一、总体要求",
      "二、重点任务",
      "  （一）严格进口冷链食品管理",
      "    1.充分利用进口冷链食品追溯平台，督促上报溯源信息",
      "    2.落实口岸环节预防性消毒措施",
      "  （二）强化智慧监管",
      "    3.加快推进与政务服务平台对接",
      "    4.强化乡镇监管机构建设 & 检验检测体系建设",
      "  （三）加强宣传引导",
      "三、保障措施",
      "  （四）加强组织领导",
    ]);
    const points = doc.outline[1]!.children;
    expect(points[1]!.children[0]!.tasks[0]!.responsible).toEqual(["区市场监管局", "区行政审批局"]);
    expect(points[1]!.children[1]!.progress?.deadlines[0]?.date).toBe("2021-12-31");
    expect(points[2]!.tasks[0]).toMatchObject({ lead: ["区食安办"], support: ["相关部门"] });
    expect(doc.outline[2]!.children[0]!.progress?.deadlines[0]).toMatchObject({ text: "全年不少于4次", kind: "recurring" });
    expect(doc.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("gives the task table's sections, owners and deadlines", () => {
    const doc = parsePlan(extractMarkdown(unit("task-table.md")).text);
    expect(outline(doc)).toEqual([
      "一、源头治理",
      "  1.开展耕地土壤污染防治",
      "  2.严格农药兽药管理",
      "二、过程监管",
      "  3.加强食品生产企业监督检查",
    ]);
    const first = doc.outline[0]!.children[0]!;
    expect(first.tasks[0]).toMatchObject({ responsible: ["区生态环境局"], support: ["区农业农村局"] });
    expect(first.progress?.deadlines[0]?.date).toBe("2021-06-30");
    expect(doc.outline[0]!.children[1]!.progress?.deadlines[0]?.date).toBe("2021-12-31");
    expect(doc.outline[1]!.children[0]!.progress).toBeNull();
  });
});

describe("the real seed 002, made Markdown (fixtures/inputs/unit/seed-002.md)", () => {
  const txt = readFileSync(new URL("../fixtures/seeds/002_c0b8b7f66cffa162.txt", import.meta.url), "utf8");
  const md = unit("seed-002.md");
  const fromTxt = parsePlan(txt);
  const built = extractMarkdown(md);
  const fromMd = parsePlan(built.text);
  const noSpans = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === "span" ? undefined : v)));

  it("maps every copied character to the Markdown source", () => {
    expectMapped(md, built);
    expect(written(built)).toEqual(["\n"]);
  });

  it("has the 33 numbered points under （一）–（十八）", () => {
    const flat = (nodes: PlanDocument["outline"]): PlanDocument["outline"] => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const nodes = flat(fromMd.outline);
    expect(nodes.filter((n) => n.style === "arabic").map((n) => n.number)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
    expect(nodes.filter((n) => n.style === "chinese-paren").map((n) => n.number)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  });

  it("reads the same tree, tasks and progress as the .txt (spans aside)", () => {
    expect(noSpans(fromMd.outline)).toEqual(noSpans(fromTxt.outline));
    expect(fromMd.meta).toEqual(fromTxt.meta);
    expect(fromMd.preamble).toBe(fromTxt.preamble);
    expect(noSpans(fromMd.diagnostics)).toEqual(noSpans(fromTxt.diagnostics));
  });
});

describe("spans through the map (Markdown)", () => {
  it("every node's span starts at its marker in the Markdown source, and tasks and progress stay inside it", () => {
    const source = unit("headings-lists.md");
    const { text, map } = extractMarkdown(source);
    const doc = parsePlan(text, { origin: { text: source, map } });
    const nodes = expectSpansInSource(source, doc);
    // A task's span ends at its bracket's end in the source.
    const task = nodes.find((n) => n.marker === "（三）")!;
    expect(source.slice(0, task.tasks[0]!.span.end.offset)).toMatch(/配合）$/);
  });
});

describe("linear in the size of a paragraph (Markdown)", () => {
  // One paragraph of soft line breaks joins into one long line; building it a character at a time on a string
  // and reading its last character back was quadratic (416 KB took 5.4 s).
  const page = (kb: number): string => "一、总体要求\n" + "加强食品安全监管工作\n".repeat(Math.ceil((kb * 1024) / 31));
  /** Best of five runs of each, interleaved (a burst of load on the machine hits both sizes alike). */
  const seconds = (...sources: string[]): number[] => {
    const best = sources.map(() => Infinity);
    for (let run = 0; run < 5; run++) {
      sources.forEach((source, i) => {
        const t = performance.now();
        const read = readMarkdown(source);
        best[i] = Math.min(best[i]!, (performance.now() - t) / 1000);
        expect(read.ok).toBe(true);
      });
    }
    return best;
  };

  // Linear is 2× and quadratic 4×; 3× leaves room for a collector that works harder on the larger heap when the
  // machine is busy (2.6× was seen with two test runs on two cores), as the HTML test beside it does.
  it("200 KB in under 2 s, and twice the size in at most 3× the time", () => {
    seconds(page(20)); // warm up
    const [small, large] = seconds(page(200), page(400)) as [number, number];
    expect(small).toBeLessThan(2);
    expect(large / small).toBeLessThan(3);
  }, 60_000);
});
