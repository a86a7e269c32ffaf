// Task tables: header synonyms, merged cells, missing 序号, deadline lines, sections, and tables that stay text.
// Tables are built here as the readers give them (cells of lines), from a grid of strings; then through the
// Markdown and HTML readers, and the core.
import { chineseNumber } from "../src/pipeline/numerals.js";
import { describe, expect, it } from "vitest";
import { extractHtml } from "../src/input/html.js";
import { extractMarkdown } from "../src/input/markdown.js";
import { columnRole, HEADER_WORDS, plainTableLines, tableLines, taskTableLines, type ColumnRole, type TableRow } from "../src/input/task-table.js";
import { emptyLine, joinLines, pushCopy } from "../src/input/text-builder.js";
import { parsePlan } from "../src/pipeline/parse-plan.js";

/**
 * A table from rows of cells; each cell's text is "copied" from a made-up source where cell (r, c) starts at
 * offset 1000·r + 100·c, so a character's origin says which cell it came from. `a|b` in a cell: two paragraphs.
 * `{rowspan=2}x` / `{colspan=3}x`: a merged cell.
 */
function table(rows: string[][]): TableRow[] {
  return rows.map((cells, r) => ({
    cells: cells.map((raw, c) => {
      const span = /^\{(row|col)span=(\d+)\}/.exec(raw);
      const text = span ? raw.slice(span[0].length) : raw;
      const at = 1000 * r + 100 * c;
      let offset = at + 1;
      const lines = text === "" ? [] : text.split("|").map((part) => {
        const line = emptyLine();
        pushCopy(line, part, offset);
        offset += part.length + 1;
        return line;
      });
      return { lines, at, rowSpan: span?.[1] === "row" ? Number(span[2]) : 1, colSpan: span?.[1] === "col" ? Number(span[2]) : 1 };
    }),
  }));
}

const text = (rows: string[][]) => joinLines(tableLines(table(rows))).text;

describe("header words", () => {
  it("names every synonym's role", () => {
    for (const [role, words] of Object.entries(HEADER_WORDS) as [ColumnRole, readonly string[]][]) {
      for (const word of words) expect(columnRole(word), word).toBe(role);
    }
  });

  it.each([
    ["牵 头 单 位", "lead"],
    ["责\u3000任\u3000单\u3000位", "responsible"],
    ["完成时限：", "deadline"],
    ["牵头单位（部门）", "lead"],
    ["责任单位及责任人", "responsible"],
    ["完成时限/进度安排", "deadline"],
    ["工作任务和目标", "task"],
    ["序 号", "number"],
    ["备注", null],
    ["任务来源", null],
    ["主要目标", null],
    ["", null],
  ])("%s → %s", (header, role) => {
    expect(columnRole(header)).toBe(role);
  });

  it("writes Chinese numbers", () => {
    expect([1, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110, 123].map(chineseNumber)).toEqual([
      "一", "九", "十", "十一", "十九", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十", "一百二十三",
    ]);
  });
});

describe("task tables", () => {
  it("writes each row as if the owners were bracketed, with a deadline line", () => {
    expect(
      text([
        ["序号", "工作任务", "牵头单位", "责任单位", "配合单位", "指导单位", "完成时限"],
        ["1", "加强监管。", "区市场监管局", "各街道办事处", "区公安分局、区农业农村局", "区政府", "2021年6月底前"],
        ["2", "开展整治", "", "区卫健局", "", "", ""],
      ]),
    ).toBe(
      [
        "1.加强监管。（牵头单位：区市场监管局；责任单位：各街道办事处；配合单位：区公安分局、区农业农村局；指导单位：区政府）",
        "完成时限：2021年6月底前",
        "2.开展整治（责任单位：区卫健局）",
      ].join("\n"),
    );
  });

  it("reads synonyms, in any column order", () => {
    expect(
      text([
        ["完成时间", "主责单位", "协办单位", "具体任务", "编号"],
        ["年底前", "区食安办", "相关部门", "完善制度", "（一）"],
      ]),
    ).toBe("（一）完善制度（牵头单位：区食安办；配合单位：相关部门）\n完成时限：年底前");
  });

  it("numbers rows without 序号 by their position, and keeps markers a cell already has", () => {
    expect(
      text([
        ["序号", "重点任务", "责任部门"],
        ["", "甲任务", "甲局"],
        ["2", "乙任务", "乙局"],
        ["（三）", "丙任务", "丙局"],
        ["④", "丁任务", "丁局"],
        ["5.", "戊任务", "戊局"],
        ["第六", "己任务", "己局"],
      ]),
    ).toBe(
      ["1.甲任务（责任单位：甲局）", "2.乙任务（责任单位：乙局）", "（三）丙任务（责任单位：丙局）", "④丁任务（责任单位：丁局）", "5.戊任务（责任单位：戊局）", "6.己任务（责任单位：己局）"].join("\n"),
    );
    // No 序号 column at all.
    expect(text([["工作内容", "负责单位"], ["甲任务", "甲局"], ["乙任务", "乙局"]])).toBe("1.甲任务（责任单位：甲局）\n2.乙任务（责任单位：乙局）");
  });

  it("a bare Chinese numeral 序号 is 一、 without sections, （一） under them", () => {
    expect(text([["序号", "任务", "责任单位"], ["一", "甲任务", "甲局"]])).toBe("一、甲任务（责任单位：甲局）");
    expect(text([["类别", "序号", "任务", "责任单位"], ["源头", "一", "甲任务", "甲局"]])).toBe("一、源头\n（一）甲任务（责任单位：甲局）");
  });

  it("writes a section when its value changes; a blank section cell repeats the one above", () => {
    expect(
      text([
        ["工作类别", "序号", "工作任务", "牵头部门"],
        ["源头治理", "1", "甲任务", "甲局"],
        ["", "2", "乙任务", "乙局"],
        ["源头治理", "3", "丙任务", "丙局"],
        ["过程监管", "4", "丁任务", "丁局"],
        ["二、已有编号", "5", "戊任务", "戊局"],
        ["末类", "6", "己任务", "己局"],
      ]),
    ).toBe(
      [
        "一、源头治理",
        "1.甲任务（牵头单位：甲局）",
        "2.乙任务（牵头单位：乙局）",
        "3.丙任务（牵头单位：丙局）",
        "二、过程监管",
        "4.丁任务（牵头单位：丁局）",
        "二、已有编号",
        "5.戊任务（牵头单位：戊局）",
        "四、末类",
        "6.己任务（牵头单位：己局）",
      ].join("\n"),
    );
  });

  it("reads merged cells: a section spanning rows, an owner spanning rows, a category row across the table", () => {
    expect(
      text([
        ["项目", "序号", "任务内容", "责任单位", "时限要求"],
        ["{rowspan=2}源头治理", "1", "甲任务", "{rowspan=2}甲局", "{rowspan=2}年底前"],
        ["2", "乙任务"],
        ["{colspan=5}过程监管"],
        ["", "3", "丙任务", "丙局", ""],
      ]),
    ).toBe(
      [
        "一、源头治理",
        "1.甲任务（责任单位：甲局）",
        "完成时限：年底前",
        "2.乙任务（责任单位：甲局）",
        "完成时限：年底前",
        "二、过程监管",
        "3.丙任务（责任单位：丙局）",
      ].join("\n"),
    );
  });

  it("a row with only a heading-like 序号 cell is a section; a row with only a remark is skipped", () => {
    expect(
      text([
        ["序号", "工作任务", "责任单位", "备注"],
        ["一、源头治理", "", "", ""],
        ["1", "甲任务", "甲局", ""],
        ["", "", "", "仅有备注"],
        ["过程监管", "", "", ""],
        ["2", "乙任务", "乙局", "无"],
      ]),
    ).toBe(["一、源头治理", "1.甲任务（责任单位：甲局）", "二、过程监管", "2.乙任务（责任单位：乙局）"].join("\n"));
  });

  it("a row under a merged 序号 cell continues its item (no marker)", () => {
    expect(
      text([
        ["序号", "工作任务", "牵头单位"],
        ["{rowspan=2}1", "甲任务。", "甲局"],
        ["乙措施。", "乙局"],
        ["2", "丙任务。", "丙局"],
      ]),
    ).toBe(["1.甲任务。（牵头单位：甲局）", "乙措施。（牵头单位：乙局）", "2.丙任务。（牵头单位：丙局）"].join("\n"));
  });

  it("joins paragraphs of an owner cell with 、, of a task cell without a space after CJK punctuation", () => {
    expect(
      text([
        ["序号", "工作任务", "牵头单位", "配合单位"],
        ["1", "加强监管。|开展整治", "甲局", "乙局|丙局"],
      ]),
    ).toBe("1.加强监管。开展整治（牵头单位：甲局；配合单位：乙局、丙局）");
  });

  it("joins several task columns with 。 and several columns of one role with 、; drops other columns", () => {
    expect(
      text([
        ["序号", "重点任务", "具体措施", "牵头领导", "责任单位", "责任部门", "备注"],
        ["1", "严格冷链管理", "落实消毒措施。", "张副区长", "区市场监管局", "区卫健局", "无"],
      ]),
    ).toBe("1.严格冷链管理。落实消毒措施。（责任单位：区市场监管局、区卫健局）");
  });

  it("skips empty rows and rows without task text; keeps title rows above the header as text", () => {
    expect(
      text([
        ["{colspan=4}2021年重点工作任务分工表"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        ["", "", "", ""],
        ["1", "甲任务", "甲局", ""],
        ["2", "", "乙局", "年底前"],
      ]),
    ).toBe("2021年重点工作任务分工表\n1.甲任务（责任单位：甲局）");
  });

  it("reads a two-row header (责任单位 over 牵头单位 | 配合单位)", () => {
    expect(
      text([
        ["{rowspan=2}序号", "{rowspan=2}工作任务", "{colspan=2}责任单位", "{rowspan=2}进度安排"],
        ["牵头单位", "配合单位"],
        ["1", "甲任务", "甲局", "乙局", "6月底前"],
      ]),
    ).toBe("1.甲任务（牵头单位：甲局；配合单位：乙局）\n完成时限：6月底前");
  });

  it("rows of the <thead> under the header row are header rows too", () => {
    const html =
      "<table><thead><tr><th>序号</th><th>工作任务</th><th>责任单位</th></tr><tr><th>（甲）</th><th>（乙）</th><th>（丙）</th></tr></thead>" +
      "<tbody><tr><td>1</td><td>甲任务</td><td>甲局</td></tr></tbody></table>";
    expect(extractHtml(html).text).toBe("1.甲任务（责任单位：甲局）");
  });

  it("maps synthetic characters to the start of their cell, copied ones 1:1", () => {
    const built = joinLines(tableLines(table([["序号", "工作任务", "牵头单位", "完成时限"], ["1", "甲任务", "甲局", "年底前"]])));
    expect(built.text).toBe("1.甲任务（牵头单位：甲局）\n完成时限：年底前");
    const origins = [...built.text].map((_, i) => built.map.toOriginal(i));
    // "1" copies cell (1,0) at 1001; "." stands for the cell's start 1000; 甲任务 copies (1,1); the bracket
    // and label stand for the 牵头单位 cell (1,2) at 1200; 完成时限： for the deadline cell (1,3) at 1300.
    expect(origins.slice(0, 5)).toEqual([1001, 1000, 1101, 1102, 1103]);
    expect(origins.slice(5, 11)).toEqual([1200, 1200, 1200, 1200, 1200, 1200]);
    expect(origins.slice(11, 13)).toEqual([1201, 1202]);
    expect(origins[13]).toBe(1200);
    expect(origins.slice(15, 20)).toEqual([1300, 1300, 1300, 1300, 1300]);
    expect(origins.slice(20)).toEqual([1301, 1302, 1303]);
  });
});

describe("tables that are not task tables stay text", () => {
  it.each([
    ["no owner column", [["序号", "工作任务", "完成时限"], ["1", "甲任务", "年底前"]], "序号\u3000工作任务\u3000完成时限\n1\u3000甲任务\u3000年底前"],
    ["no task column", [["单位", "联系人", "电话"], ["区食安办", "张三", "123"]], "单位\u3000联系人\u3000电话\n区食安办\u3000张三\u3000123"],
    ["the header is not in the first three rows", [["a"], ["b"], ["c"], ["工作任务", "责任单位"], ["甲任务", "甲局"]], "a\nb\nc\n工作任务\u3000责任单位\n甲任务\u3000甲局"],
    ["a layout table with a cell of several blocks", [["一、总体要求|（一）加强领导"]], "一、总体要求\n（一）加强领导"],
  ])("%s", (_name, rows, expected) => {
    expect(taskTableLines(table(rows))).toBeNull();
    expect(joinLines(plainTableLines(table(rows))).text).toBe(expected);
    expect(text(rows)).toBe(expected);
  });
});

describe("task tables through the readers and the core", () => {
  const md = [
    "# 2021年某区食品安全重点工作任务分工",
    "",
    "| 重点领域 | 序 号 | 工作措施 | 牵头部门 | 配合部门 | 时间节点 |",
    "| --- | --- | --- | --- | --- | --- |",
    "| 冷链管理 | 1 | 落实进口冷链食品追溯管理。 | 区市场监管局 | 区交通运输局、区商务局 | 6月底前 |",
    "| | 2 | 做好从业人员核酸检测。 | 区卫健局 | | 每周 |",
    "| 农药兽药 | | 开展农药兽药残留专项整治。 | 区农业农村局 | 区市场监管局 | 2021年11月底前 |",
    "",
  ].join("\n");
  const html =
    "<h1>2021年某区食品安全重点工作任务分工</h1><table><thead><tr><th>重点领域</th><th>序 号</th><th>工作措施</th><th>牵头部门</th><th>配合部门</th><th>时间节点</th></tr></thead><tbody>" +
    "<tr><td rowspan=\"2\">冷链管理</td><td>1</td><td>落实进口冷链食品追溯管理。</td><td>区市场监管局</td><td><p>区交通运输局</p><p>区商务局</p></td><td>6月底前</td></tr>" +
    "<tr><td>2</td><td>做好从业人员核酸检测。</td><td>区卫健局</td><td></td><td>每周</td></tr>" +
    "<tr><td>农药兽药</td><td></td><td>开展农药兽药残留专项整治。</td><td>区农业农村局</td><td>区市场监管局</td><td>2021年11月底前</td></tr></tbody></table>";
  const expected = [
    "2021年某区食品安全重点工作任务分工",
    "一、冷链管理",
    "1.落实进口冷链食品追溯管理。（牵头单位：区市场监管局；配合单位：区交通运输局、区商务局）",
    "完成时限：6月底前",
    "2.做好从业人员核酸检测。（牵头单位：区卫健局）",
    "完成时限：每周",
    "二、农药兽药",
    "3.开展农药兽药残留专项整治。（牵头单位：区农业农村局；配合单位：区市场监管局）",
    "完成时限：2021年11月底前",
  ].join("\n");

  it.each([
    ["Markdown", extractMarkdown(md).text],
    ["HTML", extractHtml(html).text],
  ])("%s gives the same lines, and the core the same tree", (_name, extracted) => {
    expect(extracted).toBe(expected);
    const doc = parsePlan(extracted);
    expect(doc.meta.year).toBe(2021);
    expect(doc.outline.map((n) => `${n.marker}${n.title}`)).toEqual(["一、冷链管理", "二、农药兽药"]);
    const [one, two] = doc.outline[0]!.children;
    expect(one!.tasks[0]).toMatchObject({ lead: ["区市场监管局"], support: ["区交通运输局", "区商务局"] });
    expect(one!.progress?.deadlines[0]?.date).toBe("2021-06-30");
    expect(two!.tasks[0]!.lead).toEqual(["区卫健局"]);
    expect(two!.progress?.deadlines[0]?.kind).toBe("recurring");
    const three = doc.outline[1]!.children[0]!;
    expect(three.number).toBe(3);
    expect(three.tasks[0]).toMatchObject({ lead: ["区农业农村局"], support: ["区市场监管局"] });
    expect(three.progress?.deadlines[0]?.date).toBe("2021-11-30");
    expect(doc.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });
});
