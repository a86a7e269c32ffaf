// Task tables flattened to one cell per line (src/pipeline/flat-table.ts). Each fixtures/flat-tables/*.txt stands beside
// the exact reading it must give (*.expected.json, `null` for a text that is not such a table). An expected file
// changes only through the update flag, and is reviewed like code:
//
//   UPDATE_FIXTURES=1 npx vitest run test/flat-table.test.ts
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFlatTable, type FlatLine, type FlatTable } from "../src/pipeline/flat-table.js";

const dir = new URL("../fixtures/flat-tables/", import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort();
const update = process.env.UPDATE_FIXTURES === "1";

/** The text's lines as the caller gives them: trimmed, blank lines left out, offsets into the text. */
function flatLines(text: string): FlatLine[] {
  const out: FlatLine[] = [];
  const re = /[^\r\n]+/g;
  for (const m of text.matchAll(re)) {
    const lead = /^[\s\u3000]*/.exec(m[0])![0].length;
    const trimmed = m[0].trim();
    if (trimmed.length === 0) continue;
    out.push({ text: trimmed, start: m.index + lead, end: m.index + lead + trimmed.length });
  }
  return out;
}

/** Every cell's text is what the caller's text holds between its offsets (up to the joins). */
function checkSpans(text: string, table: FlatTable): void {
  const cells = table.rows.flatMap((row) => [
    row.numberCell,
    ...(row.name ? [row.name] : []),
    ...(row.content ? [row.content] : []),
    ...row.owners.map((o) => o.cell),
    ...(row.deadline ? [row.deadline] : []),
  ]);
  for (const cell of cells) {
    const source = text.slice(cell.start, cell.end).replace(/\s+/g, "");
    expect(source.startsWith(cell.text.slice(0, 1)), cell.text).toBe(true);
    expect(cell.text.replace(/、/g, "")).toBe(source.replace(/、/g, ""));
  }
}

describe.each(fixtures)("flat table %s", (file) => {
  const text = readFileSync(new URL(file, dir), "utf8");
  const lines = flatLines(text);
  const table = readFlatTable(lines);
  const actual = JSON.stringify(table, null, 2) + "\n";
  const expectedUrl = new URL(file.replace(/\.txt$/, ".expected.json"), dir);

  it("gives exactly its expected reading", () => {
    if (update) writeFileSync(expectedUrl, actual);
    expect(existsSync(expectedUrl), `${file} has no expected reading; run with UPDATE_FIXTURES=1 and review it`).toBe(true);
    expect(actual).toBe(readFileSync(expectedUrl, "utf8"));
  });

  it("cells point at their lines", () => {
    if (table) checkSpans(text, table);
  });
});

describe("readFlatTable", () => {
  const header = ["序号", "任务名称", "任务内容", "牵头部门", "配合部门", "时间节点"];
  const asLines = (texts: string[]): FlatLine[] => {
    let at = 0;
    return texts.map((text) => {
      const line = { text, start: at, end: at + text.length };
      at += text.length + 1;
      return line;
    });
  };

  it("is null without a header in the first lines", () => {
    expect(readFlatTable(asLines(["一", "二", "三", "四", "五", "六", "七", ...header, "1", "内容。", "区民政局"]))).toBeNull();
    expect(readFlatTable([])).toBeNull();
  });

  it("is null with a header but no row", () => {
    expect(readFlatTable(asLines([...header]))).toBeNull();
    expect(readFlatTable(asLines([...header, "说明一", "说明二", "说明三", "说明四", "1", "内容。"]))).toBeNull();
  });

  it("reads the consumed count up to the next attachment", () => {
    const table = readFlatTable(asLines([...header, "1", "开展培训。", "区人社局", "2020年", "附件2", "其他内容"]));
    expect(table?.consumed).toBe(10);
    expect(table?.rows).toHaveLength(1);
  });

  it("never throws on arbitrary line arrays", () => {
    const word = fc.constantFrom(
      ...header, "责任单位", "完成时限", "1", "2", "3", "１", "附件2", "区民政局", "区财政局、", "各街镇", "2020年", "6月底前",
      "持续推进", "加强领导", "开展检查。", "完善机制，", "", "续表", "— 3 —",
    );
    const line = fc.record({
      text: fc.oneof(word, fc.string({ maxLength: 30 }), fc.string({ unit: "grapheme", maxLength: 10 })),
      start: fc.oneof(fc.nat(), fc.integer(), fc.constant(Number.NaN)),
      end: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const table = readFlatTable(lines);
        if (table) {
          expect(table.consumed).toBeGreaterThan(0);
          expect(table.consumed).toBeLessThanOrEqual(lines.length);
          expect(table.rows.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
    // Not even on values that break the types.
    expect(readFlatTable(null as unknown as FlatLine[])).toBeNull();
    expect(readFlatTable([null, 3, { text: 5 }] as unknown as FlatLine[])).toBeNull();
  });

  it("reads 10,000 rows in linear time", () => {
    const parties = ["区民政局", "区财政局", "区教育局", "区卫生健康委", "各街镇", "区体育局、区文化旅游局"];
    const texts = ["附件1", "某区工作任务分解表", ...header];
    for (let n = 1; n <= 10_000; n++) {
      texts.push(String(n));
      if (n % 3 === 1) texts.push(`重点工作${n % 97}`);
      if (n % 5 === 0) texts.push(`第${n}项工作的第一部分，`, `第${n}项工作的第二部分。`);
      else texts.push(`完成第${n}项工作任务。`);
      texts.push(parties[n % parties.length]!);
      if (n % 2 === 0) texts.push(parties[(n + 1) % parties.length]!);
      texts.push(n % 4 === 0 ? "2020年" : `2020年${(n % 12) + 1}月`);
    }
    const lines = asLines(texts);
    const t0 = performance.now();
    const table = readFlatTable(lines);
    const ms = performance.now() - t0;
    expect(table?.rows).toHaveLength(10_000);
    expect(table?.consumed).toBe(lines.length);
    expect(table?.problems).toEqual([]);
    expect(table?.rows[4]?.content?.text).toBe("第5项工作的第一部分，第5项工作的第二部分。");
    expect(ms).toBeLessThan(2000);
  });

  it("stays linear when a row never ends and on very long lines", () => {
    const prose = Array.from({ length: 20_000 }, (_, n) => (n % 3 === 0 ? `第${n}段说明，` : n % 3 === 1 ? "区民政局、" : "2020年"));
    const huge = "很长的内容，".repeat(200_000);
    const t0 = performance.now();
    const endless = readFlatTable(asLines([...header, "1", ...prose]));
    const long = readFlatTable(asLines([...header, "1", huge, "区民政局", huge, "2020年", "2", huge]));
    const ms = performance.now() - t0;
    expect(endless?.rows).toHaveLength(1);
    expect(long?.rows).toHaveLength(2);
    expect(long?.rows[0]?.owners.map((o) => o.cell.text)).toEqual(["区民政局"]);
    expect(ms).toBeLessThan(2000);
  });
});
