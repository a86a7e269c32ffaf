// The .xlsx workbooks of `table` and `agencies`, read back with exceljs (independent of the writer): sheets,
// headers, counts on the five seeds, and cell types — ids and labels as text (2.10 stays 2.10), one real date
// cell per task deadline beside its wording, years and counts as numbers; frozen header, autofilter, widths.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { agenciesWorkbook, agencyMatrix } from "../src/outputs/agencies.js";
import { parsePlan, parsePlanBytes } from "../src/pipeline/parse-plan.js";
import type { PlanDocument } from "../src/schema.js";
import { partyRows, tableRows, tableWorkbook } from "../src/outputs/table.js";
import { cellText, MAX_CELL_CHARS, workbookBytes } from "../src/outputs/xlsx.js";

const seeds = new URL("../fixtures/seeds/", import.meta.url);
const FILES = ["000_8d72839633e6c520.txt", "001_9ea69e7fd293a163.txt", "002_c0b8b7f66cffa162.txt", "003_3fa5fd6deccc4e95.txt", "004_36973856179009ba.txt"];

function parseSeed(file: string): PlanDocument {
  const r = parsePlanBytes(readFileSync(new URL(file, seeds)), { name: `fixtures/seeds/${file}` });
  if (!r.ok) throw new Error(r.problem);
  return r.document;
}

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function headers(ws: ExcelJS.Worksheet): string[] {
  return (ws.getRow(1).values as unknown[]).slice(1).map(String);
}

/** Column number (1-based) of a header. */
function col(ws: ExcelJS.Worksheet, header: string): number {
  const i = headers(ws).indexOf(header);
  if (i < 0) throw new Error(`no column ${header}`);
  return i + 1;
}

describe("table → xlsx on the five seeds", async () => {
  const docs = FILES.map(parseSeed);
  const rows = docs.flatMap(tableRows);
  const parties = docs.flatMap((d) => partyRows(d));
  const bytes = await tableWorkbook(rows, parties);
  const wb = await read(bytes);
  const tasks = wb.getWorksheet("tasks")!;
  const sheet = wb.getWorksheet("parties")!;

  it("is a zip (an Office Open XML package) with the sheets tasks and parties", () => {
    expect(Buffer.from(bytes.subarray(0, 2)).toString("latin1")).toBe("PK");
    expect(wb.worksheets.map((w) => w.name)).toEqual(["tasks", "parties"]);
  });

  it("has the columns the issue names, in order, and one row per table row", () => {
    expect(headers(tasks)).toEqual([
      "task_id",
      "label",
      "section",
      "item",
      "task_text",
      "lead",
      "responsible",
      "support",
      "guide",
      "leaders",
      "deadline_1",
      "deadline_1_date",
      "progress",
      "plan_title",
      "issuer",
      "year",
      "region",
      "file",
      "node_id",
      "path",
      "kind",
    ]);
    expect(rows).toHaveLength(354);
    expect(tasks.rowCount).toBe(1 + rows.length);
  });

  it("writes ids and labels as text cells: 2.10 and 3.10 stay themselves", () => {
    const ids = col(tasks, "node_id");
    const taskIds = col(tasks, "task_id");
    const labels = col(tasks, "label");
    const seen: string[] = [];
    for (let r = 2; r <= tasks.rowCount; r++) {
      const row = tasks.getRow(r);
      expect(row.getCell(ids).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(labels).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(ids).numFmt).toBe("@");
      const t = row.getCell(taskIds);
      expect(t.type === ExcelJS.ValueType.String || t.type === ExcelJS.ValueType.Null).toBe(true);
      seen.push(String(row.getCell(ids).value));
    }
    expect(seen).toEqual(rows.map((r) => r.node_id));
    expect(seen).toContain("2.10");
    expect(seen).toContain("3.10");
    const four = rows.findIndex((r) => r.task_id === "2.1#2" && r.file === FILES[0]);
    expect(tasks.getRow(four + 2).getCell(labels).value).toBe("二（四）");
    expect(tasks.getRow(four + 2).getCell(taskIds).value).toBe("2.1#2");
  });

  it("writes each task deadline as its wording and, beside it, a real date cell", () => {
    const wording = col(tasks, "deadline_1");
    const date = col(tasks, "deadline_1_date");
    let dates = 0;
    rows.forEach((r, i) => {
      const row = tasks.getRow(i + 2);
      const d = r.task_deadlines[0];
      if (!d) {
        expect(row.getCell(wording).type).toBe(ExcelJS.ValueType.Null);
        expect(row.getCell(date).type).toBe(ExcelJS.ValueType.Null);
        return;
      }
      expect(row.getCell(wording).value).toBe(d.text);
      if (d.date) {
        dates++;
        expect(row.getCell(date).type).toBe(ExcelJS.ValueType.Date);
        expect((row.getCell(date).value as Date).toISOString().slice(0, 10)).toBe(d.date);
        expect(row.getCell(date).numFmt).toBe("yyyy-mm-dd");
      }
    });
    expect(dates).toBe(rows.flatMap((r) => r.task_deadlines).filter((d) => d.date).length);
    expect(dates).toBeGreaterThan(0);
  });

  it("gives as many wording/date pairs as the row with the most deadlines, each date beside its wording", async () => {
    const doc = parsePlan("某县2023年重点工作任务\n一、建设任务\n（一）污水厂。2023年6月底前，完成选址；2023年底前，建成县城污水处理厂。（县住建局负责）\n（二）公路。修建乡村公路。（县交通运输局负责）\n", { name: "x.txt" });
    const r = tableRows(doc);
    const ws = (await read(await tableWorkbook(r))).getWorksheet("tasks")!;
    expect(wbHas(ws, ["deadline_1", "deadline_1_date", "deadline_2", "deadline_2_date"])).toBe(true);
    const row = ws.getRow(3);
    expect([row.getCell(col(ws, "deadline_1")).value, (row.getCell(col(ws, "deadline_1_date")).value as Date).toISOString().slice(0, 10)]).toEqual(["2023年6月底前", "2023-06-30"]);
    expect([row.getCell(col(ws, "deadline_2")).value, (row.getCell(col(ws, "deadline_2_date")).value as Date).toISOString().slice(0, 10)]).toEqual(["2023年底前", "2023-12-31"]);
    expect(ws.getRow(4).getCell(col(ws, "deadline_1_date")).type).toBe(ExcelJS.ValueType.Null);
  });

  it("writes the year as a number and the plan's title, issuer, region and file name as text", () => {
    const year = col(tasks, "year");
    for (let r = 2; r <= tasks.rowCount; r++) {
      const cell = tasks.getRow(r).getCell(year);
      if (rows[r - 2]!.year === null) expect(cell.type).toBe(ExcelJS.ValueType.Null);
      else expect(cell.type).toBe(ExcelJS.ValueType.Number);
    }
    const first = tasks.getRow(2);
    expect(first.getCell(col(tasks, "plan_title")).value).toBe("2021年马村区食品安全工作要点");
    expect(first.getCell(col(tasks, "region")).value).toBe("马村区");
    expect(first.getCell(col(tasks, "file")).value).toBe(FILES[0]);
    const jizhou = rows.findIndex((r) => r.file === FILES[1]);
    expect(tasks.getRow(jizhou + 2).getCell(col(tasks, "issuer")).value).toBe("天津市蓟州区人民政府办公室");
  });

  it("freezes the header row (and the id columns), filters on it, and sizes columns for CJK text", () => {
    expect(tasks.views[0]).toMatchObject({ state: "frozen", ySplit: 1, xSplit: 2 });
    expect(tasks.autoFilter).toBe("A1:U1");
    const width = (h: string) => tasks.getColumn(col(tasks, h)).width!;
    // 区市场监管局、区农业农村局、区交通运输局 is 20 CJK characters: 40 display columns, capped at 40
    expect(width("responsible")).toBe(40);
    expect(width("task_text")).toBe(60);
    expect(width("kind")).toBeLessThan(10);
    expect(width("label")).toBeGreaterThanOrEqual(10);
    expect(width("deadline_1_date")).toBeGreaterThanOrEqual(12);
  });

  it("has one parties row per party of a task's role, with the agency table's key, level, place and successor", () => {
    expect(headers(sheet)).toEqual(["task_id", "node_id", "role", "party", "key", "level", "place", "successor", "renamed_year", "plan_title", "year", "file", "path"]);
    const count = docs.reduce((n, d) => n + partyRows(d).length, 0);
    expect(sheet.rowCount).toBe(1 + count);
    const find = (party: string) => {
      for (let r = 2; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        if (row.getCell(4).value === party) return (row.values as unknown[]).slice(1);
      }
      throw new Error(`no ${party}`);
    };
    expect(find("区卫健委").slice(3, 9)).toEqual(["区卫健委", "卫生健康委员会", "区", undefined, undefined, undefined]);
    expect(find("区卫生健康委")[4]).toBe("卫生健康委员会");
    expect(find("区食药监分局").slice(3, 9)).toEqual(["区食药监分局", "食品药品监督管理局", "区", undefined, "市场监督管理局", 2018]);
    expect(find("马村公安分局").slice(3, 7)).toEqual(["马村公安分局", "公安局", "区", "马村"]);
  });
});

function wbHas(ws: ExcelJS.Worksheet, names: string[]): boolean {
  const h = headers(ws);
  return names.every((n) => h.includes(n));
}

describe("agencies → xlsx on seeds 000 and 003", async () => {
  const docs = [parseSeed(FILES[0]!), parseSeed(FILES[3]!)];
  const m = agencyMatrix(docs);
  const wb = await read(await agenciesWorkbook(m));

  it("has a wide sheet, one row per agency and per plan a column for each role and the total", () => {
    const ws = wb.getWorksheet("agencies")!;
    const h = headers(ws);
    expect(h.slice(0, 6)).toEqual(["agency", "key", "level", "place", "successor", "renamed_year"]);
    expect(h.slice(6, 11)).toEqual(["000_8d72839633e6c520 lead", "000_8d72839633e6c520 responsible", "000_8d72839633e6c520 support", "000_8d72839633e6c520 guide", "000_8d72839633e6c520 total"]);
    expect(h).toHaveLength(6 + 5 * 2 + 2);
    expect(ws.rowCount).toBe(1 + m.agencies.length);
    const market = m.agencies.findIndex((a) => a.name === "区市场监管局") + 2;
    const values = (ws.getRow(market).values as unknown[]).slice(1);
    expect(values.slice(0, 3)).toEqual(["区市场监管局", "市场监督管理局", "区"]);
    expect(values.slice(6, 16)).toEqual([5, 34, 1, 0, 40, 0, 0, 0, 0, 0]);
    expect(ws.getRow(market).getCell(7).type).toBe(ExcelJS.ValueType.Number);
    const old = m.agencies.findIndex((a) => a.name === "区食药监分局") + 2;
    expect((ws.getRow(old).values as unknown[]).slice(1, 7)).toEqual(["区食药监分局", "食品药品监督管理局", "区", undefined, "市场监督管理局", 2018]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1, xSplit: 1 });
  });

  it("has the long sheet: one row per agency × plan, as the CSV", () => {
    const ws = wb.getWorksheet("long")!;
    expect(headers(ws)).toEqual(["agency", "key", "document", "lead", "responsible", "support", "guide", "total", "variants", "level", "place", "successor", "renamed_year"]);
    expect(ws.rowCount).toBe(1 + m.agencies.length * 2);
    const health = [...Array(ws.rowCount - 1).keys()].map((i) => ws.getRow(i + 2)).find((r) => r.getCell(1).value === "区卫生健康委" && String(r.getCell(3).value).includes("003"))!;
    expect(health.getCell(9).value).toBe("区卫生健康委、区卫健委");
    expect(health.getCell(8).value).toBe(12);
  });
});

describe("cells", () => {
  it("keeps a formula-like text a string (xlsx has no CSV injection), and drops what XML cannot hold", async () => {
    const bytes = await workbookBytes([
      {
        name: "s",
        columns: [{ header: "a", type: "text" }, { header: "b", type: "integer" }, { header: "c", type: "date" }],
        rows: [
          ["=1+1", 3, "2021-06-30"],
          ["@SUM(1+1)*cmd|' /C calc'!A0", null, null],
          ["bell\u0007 and \uD800 lone", "x", "6月底前"],
        ],
      },
    ]);
    const ws = (await read(bytes)).getWorksheet("s")!;
    expect(ws.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(2).getCell(1).value).toBe("=1+1");
    expect(ws.getRow(3).getCell(1).value).toBe("@SUM(1+1)*cmd|' /C calc'!A0");
    expect(ws.getRow(2).getCell(2).value).toBe(3);
    expect(ws.getRow(4).getCell(1).value).toBe("bell\uFFFD and \uFFFD lone");
    // a date column's cell that is no date keeps its text
    expect(ws.getRow(4).getCell(3).value).toBe("6月底前");
    expect(ws.getRow(4).getCell(2).value).toBe("x");
  });

  it("cuts a cell longer than Excel holds", () => {
    const long = "字".repeat(MAX_CELL_CHARS + 10);
    const cut = cellText(long);
    expect(cut).toHaveLength(MAX_CELL_CHARS);
    expect(cut.endsWith("…")).toBe(true);
    expect(cellText("短")).toBe("短");
  });
});
