// The .xlsx writer of src/outputs/xlsx.ts (and its zip, src/outputs/zip-write.ts), checked by implementations that
// share nothing with it: exceljs reads every cell type back, plan-parse's own .xlsx reader reads the text and
// dates, LibreOffice (when installed) converts the workbook to CSV; and the package itself: deterministic bytes,
// the parts and names Excel expects, an entry larger than one deflate piece.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { findSoffice } from "../src/input/libreoffice.js";
import { readXlsx } from "../src/input/xlsx.js";
import { unzip, utf8 } from "../src/input/zip-read.js";
import { readCentralDirectory } from "../src/input/zip-limits.js";
import { dateSerial, MAX_CELL_CHARS, workbookBytes, type Sheet } from "../src/outputs/xlsx.js";
import { ZipWriter } from "../src/outputs/zip-write.js";

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function part(bytes: Uint8Array, name: string): string {
  const r = unzip(bytes, "the workbook", (n) => n === name);
  if (!r.ok) throw new Error(r.problem);
  return utf8(r.files.get(name));
}

const LONG = "长".repeat(40_000);

const EVERY: Sheet = {
  name: "cells",
  columns: [
    { header: "text", type: "text" },
    { header: "number", type: "integer" },
    { header: "date", type: "date" },
  ],
  rows: [
    ["  leading and trailing spaces  ", 2021, "2021-06-30"],
    ["two\nlines", 0, "2000-02-29"],
    ["=SUM(A1)", -7, "1900-03-01"],
    [LONG, 123456789, null],
    ["bell\u0007 nul\u0000 lone \uDC00 end", null, "2021-02-30"],
    ["市场监管局牵头，2.10", 3, "6月底前"],
    ["2.10", null, null],
    [null, null, null],
    ["\r\nCR LF", 1, "2023-12-31"],
    ["blank in a number column", " ", null],
  ],
};

describe("cells read back by exceljs", async () => {
  const wb = await read(await workbookBytes([EVERY]));
  const ws = wb.getWorksheet("cells")!;
  const cell = (r: number, c: number) => ws.getRow(r).getCell(c);

  it("keeps text exactly: spaces at both ends, line breaks, CR LF, CJK, a number-like id", () => {
    expect(cell(2, 1).value).toBe("  leading and trailing spaces  ");
    expect(cell(3, 1).value).toBe("two\nlines");
    expect(cell(10, 1).value).toBe("\r\nCR LF");
    expect(cell(7, 1).value).toBe("市场监管局牵头，2.10");
    expect(cell(8, 1).value).toBe("2.10");
    for (const r of [2, 3, 4, 7, 8]) {
      expect(cell(r, 1).type).toBe(ExcelJS.ValueType.String);
      expect(cell(r, 1).numFmt).toBe("@");
    }
  });

  it("leaves =SUM(A1) a string, not a formula", () => {
    expect(cell(4, 1).type).toBe(ExcelJS.ValueType.String);
    expect(cell(4, 1).value).toBe("=SUM(A1)");
    expect(cell(4, 1).formula).toBeUndefined();
  });

  it("cuts a 40,000-character cell to 32,767 ending in …", () => {
    const v = cell(5, 1).value as string;
    expect(v).toHaveLength(MAX_CELL_CHARS);
    expect(v.endsWith("…")).toBe(true);
    expect(v.slice(0, -1)).toBe(LONG.slice(0, MAX_CELL_CHARS - 1));
  });

  it("turns control characters and lone surrogates into U+FFFD", () => {
    expect(cell(6, 1).value).toBe("bell\uFFFD nul\uFFFD lone \uFFFD end");
  });

  it("writes whole numbers as numbers, 0 and negatives included", () => {
    expect([2, 3, 4, 5, 7].map((r) => cell(r, 2).value)).toEqual([2021, 0, -7, 123456789, 3]);
    for (const r of [2, 3, 4, 5]) expect(cell(r, 2).type).toBe(ExcelJS.ValueType.Number);
    expect(cell(2, 2).numFmt).toBe("0");
    // a blank is not the number 0
    expect(cell(11, 2).value).toBe(" ");
  });

  it("writes dates as real dates shown yyyy-mm-dd: 2021-06-30, 2000-02-29, 1900-03-01, 2023-12-31", () => {
    const dates = [2, 3, 4, 10].map((r) => cell(r, 3));
    for (const d of dates) {
      expect(d.type).toBe(ExcelJS.ValueType.Date);
      expect(d.numFmt).toBe("yyyy-mm-dd");
    }
    expect(dates.map((d) => (d.value as Date).toISOString())).toEqual(["2021-06-30T00:00:00.000Z", "2000-02-29T00:00:00.000Z", "1900-03-01T00:00:00.000Z", "2023-12-31T00:00:00.000Z"]);
  });

  it("keeps the wording of a date cell that is no date (6月底前, 2021-02-30) as text", () => {
    expect(cell(7, 3).value).toBe("6月底前");
    expect(cell(6, 3).value).toBe("2021-02-30");
    expect(cell(6, 3).type).toBe(ExcelJS.ValueType.String);
  });

  it("leaves null cells empty, and an all-null row still counts", () => {
    expect(cell(5, 3).type).toBe(ExcelJS.ValueType.Null);
    expect(cell(8, 2).type).toBe(ExcelJS.ValueType.Null);
    for (let c = 1; c <= 3; c++) expect(cell(9, c).type).toBe(ExcelJS.ValueType.Null);
    expect(cell(10, 1).value).toBe("\r\nCR LF");
  });
});

describe("date serials in Excel's 1900 date system", () => {
  it("count the fictitious 1900-02-29: days since 1899-12-30 from 1900-03-01 on, one less before", () => {
    expect(dateSerial("1900-01-01")).toBe(1);
    expect(dateSerial("1900-02-28")).toBe(59);
    expect(dateSerial("1900-03-01")).toBe(61);
    expect(dateSerial("2000-02-29")).toBe(36_585);
    expect(dateSerial("2021-06-30")).toBe(44_377);
    expect(dateSerial("9999-12-31")).toBe(2_958_465);
  });

  it("refuse what is no date in that system", () => {
    for (const s of ["1899-12-31", "2021-02-30", "2021-13-01", "2021-6-30", "2021-06-30T00:00", ""]) expect(dateSerial(s), s).toBeNull();
  });

  it("are what the sheet holds", async () => {
    const xml = part(await workbookBytes([EVERY]), "xl/worksheets/sheet1.xml");
    expect(xml).toContain('<c r="C2" s="4"><v>44377</v></c>');
    expect(xml).toContain('<c r="C4" s="4"><v>61</v></c>');
  });
});

describe("sheet layout read back by exceljs", async () => {
  const sheet: Sheet = {
    name: "layout",
    columns: [
      { header: "id", type: "text" },
      { header: "agency", type: "text" },
      { header: "task", type: "text", maxWidth: 30 },
      { header: "n", type: "integer" },
      { header: "due", type: "date" },
    ],
    rows: [
      ["1", "市场监管局", "很长的任务".repeat(20), 1, "2021-06-30"],
      ["2.10", "区卫健委\n第二行更长更长更长更长更长", "短", 22, null],
    ],
    frozenColumns: 1,
  };
  const bytes = await workbookBytes([sheet, { name: "plain", columns: [{ header: "a", type: "text" }], rows: [["x"]] }]);
  const wb = await read(bytes);
  const ws = wb.getWorksheet("layout")!;

  it("makes the header row bold and keeps it (and the frozen columns) in view", () => {
    for (let c = 1; c <= 5; c++) expect(ws.getRow(1).getCell(c).font?.bold).toBe(true);
    expect(ws.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1, xSplit: 1, topLeftCell: "B2" });
    expect(wb.getWorksheet("plain")!.views[0]).toMatchObject({ state: "frozen", ySplit: 1, topLeftCell: "A2" });
  });

  it("puts an autofilter over the header, with Excel's hidden _xlnm._FilterDatabase name for it", () => {
    expect(ws.autoFilter).toBe("A1:E1");
    expect(wb.getWorksheet("plain")!.autoFilter).toBe("A1:A1");
    const workbook = part(bytes, "xl/workbook.xml");
    expect(workbook).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'layout'!$A$1:$E$1</definedName>`);
    expect(workbook).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'plain'!$A$1:$A$1</definedName>`);
  });

  it("sizes columns in display columns, CJK counting two, first line only, up to the cap", () => {
    const width = (c: number) => ws.getColumn(c).width;
    expect(width(1)).toBe(6); // "id" + filter button, "2.10": below the minimum
    expect(width(2)).toBe(2 * 5 + 2); // 市场监管局; the longer second line of the other cell does not count
    expect(width(3)).toBe(30); // 100 CJK characters, capped at maxWidth
    expect(width(4)).toBe(6);
    expect(width(5)).toBe(12); // room for 2021-06-30
  });

  it("formats whole columns by type, so what is typed below the data keeps the type", () => {
    const xml = part(bytes, "xl/worksheets/sheet1.xml");
    expect(xml).toContain('<col min="1" max="1" width="6" style="2" customWidth="1"/>');
    expect(xml).toContain('<col min="4" max="4" width="6" style="3" customWidth="1"/>');
    expect(xml).toContain('<col min="5" max="5" width="12" style="4" customWidth="1"/>');
  });
});

describe("the package", () => {
  afterEach(() => vi.useRealTimers());

  it("is byte for byte the same for the same sheets, whenever it is written", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2001-02-03T04:05:06Z"));
    const a = await workbookBytes([EVERY]);
    vi.setSystemTime(new Date("2031-12-30T23:59:59Z"));
    const b = await workbookBytes([EVERY]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(part(a, "docProps/core.xml")).not.toMatch(/dcterms:(created|modified)|\d{4}-\d\d-\d\dT/);
  });

  it("dates every zip entry 1980-01-01 00:00, names it in UTF-8 and deflates it", async () => {
    const bytes = await workbookBytes([EVERY]);
    const view = Buffer.from(bytes);
    const entries = readCentralDirectory(bytes)!;
    expect(entries.map((e) => e.name)).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/app.xml",
      "docProps/core.xml",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/worksheets/sheet1.xml",
      "xl/sharedStrings.xml",
    ]);
    for (const e of entries) {
      expect(e.flags).toBe(0x0800);
      expect(e.method).toBe(8);
      expect(view.readUInt16LE(e.offset + 10)).toBe(0); // time
      expect(view.readUInt16LE(e.offset + 12)).toBe(0x21); // 1980-01-01
    }
  });

  it("has one shared string per distinct text, with xml:space=preserve where spaces or breaks must stay", async () => {
    const bytes = await workbookBytes([
      { name: "a", columns: [{ header: "x", type: "text" }, { header: "y", type: "text" }], rows: [["区卫健委", "区卫健委"], ["区卫健委", " edge "], ["a\nb", "_x0041_"]] },
    ]);
    const sst = part(bytes, "xl/sharedStrings.xml");
    expect(sst).toContain('count="8" uniqueCount="6"');
    expect(sst.split("<t>区卫健委</t>")).toHaveLength(2);
    expect(sst).toContain('<t xml:space="preserve"> edge </t>');
    expect(sst).toContain('<t xml:space="preserve">a\nb</t>');
    // Excel reads _x0041_ as A: the underscore itself is escaped
    expect(sst).toContain("<t>_x005F_x0041_</t>");
  });

  it("names sheets as Excel allows: none of []:*?/\\, at most 31 characters, distinct regardless of case", async () => {
    const names = ["a[b]:c*d?e/f\\g", "x".repeat(40), "X".repeat(40), "'quoted'", "", "History"];
    const wb = await read(await workbookBytes(names.map((name) => ({ name, columns: [{ header: "h", type: "text" as const }], rows: [] }))));
    const got = wb.worksheets.map((w) => w.name);
    expect(got).toEqual(["a_b__c_d_e_f_g", "x".repeat(31), `${"X".repeat(27)} (2)`, "quoted", "Sheet5", "History_"]);
  });

  it("deflates a sheet larger than one piece (a mebibyte of text) into one valid entry", async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => [`第${i}项任务：落实属地管理责任`, i, "2021-06-30"] as const);
    const bytes = await workbookBytes([{ name: "big", columns: EVERY.columns, rows }]);
    const entries = readCentralDirectory(bytes)!;
    const sheet = entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    expect(sheet.size).toBeGreaterThan(1 << 20); // all markup and numbers: as many characters as bytes
    const files = unzip(bytes, "the workbook");
    if (!files.ok) throw new Error(files.problem);
    for (const e of entries) expect(crc32(files.files.get(e.name)!) >>> 0, e.name).toBe(Buffer.from(bytes).readUInt32LE(e.offset + 14));
    const ws = (await read(bytes)).getWorksheet("big")!;
    expect(ws.rowCount).toBe(12_001);
    expect(ws.getRow(12_001).getCell(1).value).toBe("第11999项任务：落实属地管理责任");
    expect(ws.getRow(12_001).getCell(2).value).toBe(11_999);
  });

  it("is an empty but valid zip with no entries", () => {
    const bytes = new ZipWriter().bytes();
    expect(bytes).toHaveLength(22);
    expect(readCentralDirectory(bytes)).toEqual([]);
  });
});

describe("plan-parse's own .xlsx reader", () => {
  it("reads the writer's text, numbers and dates back", async () => {
    const bytes = await workbookBytes([
      {
        name: "tasks",
        columns: [{ header: "task_id", type: "text" }, { header: "task_text", type: "text" }, { header: "year", type: "integer" }, { header: "deadline", type: "date" }],
        rows: [
          ["2.10", "加强食品安全监管，区市场监管局牵头", 2021, "2021-06-30"],
          ["3.1", "=SUM(A1) 不是公式", 2022, "2000-02-29"],
        ],
      },
    ]);
    const r = await readXlsx(bytes);
    if (!r.ok) throw new Error(r.problem);
    const text = r.extracted.text;
    for (const s of ["task_id", "2.10", "加强食品安全监管，区市场监管局牵头", "2021", "2021年6月30日", "=SUM(A1) 不是公式", "2000年2月29日"]) expect(text).toContain(s);
  });
});

const soffice = findSoffice();

describe("LibreOffice", () => {
  it.skipIf(soffice === null)("converts the workbook to CSV with the cells as written", async () => {
    const bytes = await workbookBytes([
      {
        name: "cells",
        columns: [{ header: "text", type: "text" }, { header: "number", type: "integer" }, { header: "date", type: "date" }],
        rows: [
          ["  leading", 2021, "2021-06-30"],
          ["=SUM(A1)", -7, "2000-02-29"],
          ["市场监管局", 3, "1900-03-01"],
          ["2.10", null, null],
          ["_x0041_", null, null],
        ],
      },
    ]);
    const dir = mkdtempSync(join(tmpdir(), "plan-parse-xlsx-lo-"));
    try {
      const input = join(dir, "cells.xlsx");
      writeFileSync(input, bytes);
      // 44,34,76: comma-separated, double quotes, UTF-8
      execFileSync(soffice!, [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, input], {
        env: { ...process.env, HOME: dir },
        stdio: "ignore",
        timeout: 120_000,
      });
      const csv = readFileSync(join(dir, "cells.csv"), "utf8");
      expect(csv.split("\n").slice(0, 6).join("\n")).toBe(["text,number,date", "  leading,2021,2021-06-30", "=SUM(A1),-7,2000-02-29", "市场监管局,3,1900-03-01", "2.10,,", "_x0041_,,"].join("\n"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
