// Plans as Chinese government sites publish them (issue 9): Word 97 (.doc), WPS Writer (.wps), Excel (.xlsx,
// .xls), WPS Spreadsheets (.et), OpenDocument (.odt), RTF, saved web pages (.mht), zips of attachments, task
// tables in PDFs — each made by LibreOffice or by script (fixtures/formats/README.md, make-office.sh) — must give
// the same tree as the plain text. Bad inputs of each format fail in one line, exit 2, nothing written.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseInput } from "../src/input/index.js";
import { archiveMembers } from "../src/input/archive.js";
import { findSoffice, readViaLibreOffice } from "../src/input/libreoffice.js";
import { findTables, pageRules, type Ops } from "../src/input/pdf-tables.js";
import type { PlanDocument, PlanNode } from "../src/index.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const F = "fixtures/formats";
const S004 = "004_36973856179009ba";
const S002 = "002_c0b8b7f66cffa162";

const bytesOf = (path: string): Uint8Array => readFileSync(join(ROOT, path));

async function parse(path: string, name = path): Promise<PlanDocument> {
  const result = await parseInput(bytesOf(path), { name });
  if (!result.ok) throw new Error(`${path}: ${result.problem}`);
  return result.document;
}

/** What must not depend on the format: the tree without spans and node text layout. */
function essence(nodes: PlanNode[]): unknown[] {
  return nodes.map((n) => ({
    id: n.id,
    marker: n.marker,
    number: n.number,
    style: n.style,
    title: n.title.replace(/\s+/g, ""),
    tasks: n.tasks.map((t) => ({ lead: t.lead, responsible: t.responsible, support: t.support, guide: t.guide })),
    progress: n.progress?.deadlines.map((d) => [d.kind, d.date ?? d.text.replace(/\s+/g, "")]) ?? null,
    children: essence(n.children),
  }));
}

/** The tasks of a document: item title, owners per role, deadlines. */
function tasks(doc: PlanDocument): unknown[] {
  const out: unknown[] = [];
  const walk = (nodes: PlanNode[]): void =>
    nodes.forEach((n) => {
      for (const t of n.tasks) {
        out.push({
          item: n.title.replace(/\s+/g, ""),
          lead: t.lead,
          responsible: t.responsible,
          support: t.support,
          // Said in the bracket (prose) or on a 完成时限 line of its own (a table row): the same deadlines.
          deadlines: [...new Set([...t.deadlines, ...(n.progress?.deadlines ?? [])].map((d) => d.date ?? d.text))].sort(),
        });
      }
      walk(n.children);
    });
  walk(doc.outline);
  return out;
}

describe.each([
  [S004, "doc", "doc"],
  [S004, "wps", "wps"],
  [S004, "odt", "odt"],
  [S004, "rtf", "rtf"],
  [S004, "xlsx", "xlsx"],
  [S004, "mht", "mht"],
  [S002, "doc", "doc"],
])("seed %s as .%s", (seed, ext, format) => {
  it("gives the same outline, tasks, owners, progress and deadlines as the .txt", async () => {
    const [txt, other] = await Promise.all([parse(`fixtures/seeds/${seed}.txt`), parse(`${F}/${seed}.${ext}`)]);
    expect(other.source.format).toBe(format);
    expect(other.source.spans).toBe("extracted");
    expect(other.meta.title).toBe(txt.meta.title);
    expect(other.meta.year).toBe(txt.meta.year);
    expect(essence(other.outline)).toEqual(essence(txt.outline));
    expect(other.diagnostics.filter((d) => d.code === "format-mismatch")).toEqual([]);
  });
});

describe("task tables (任务分工表) in every format", () => {
  it.each([
    ["task-table-002.doc", "doc"],
    ["task-table-002.odt", "odt"],
    ["task-table-002.rtf", "rtf"],
    ["task-table-002.xlsx", "xlsx"],
    ["task-table-002.xls", "xls"],
    ["task-table-002.mht", "mht"],
    ["task-table-002.pdf", "pdf"],
    ["task-table-sheets.xlsx", "xlsx"],
    ["task-table-sheets.xls", "xls"],
    ["task-table-sheets.et", "et"],
  ])("%s gives the prose version's 16 tasks, owners per role and deadlines", async (file, format) => {
    const [prose, table] = await Promise.all([parse(`${F}/task-table-002.txt`), parse(`${F}/${file}`)]);
    expect(table.source.format).toBe(format);
    expect(tasks(table)).toEqual(tasks(prose));
    expect(tasks(table).length).toBe(16);
  });

  it("the PDF task table gives the .docx table's tasks", async () => {
    const [docx, pdf] = await Promise.all([parse(`${F}/task-table-002.docx`), parse(`${F}/task-table-002.pdf`)]);
    expect(tasks(pdf)).toEqual(tasks(docx));
  });

  it("the .mht says the charset of its page (GB2312 → gb18030)", async () => {
    expect((await parse(`${F}/task-table-002.mht`)).source.encoding).toBe("gb18030");
  });
});

describe("task tables without ruling lines in PDFs (no borders, three-line, over two pages)", () => {
  const BORDERLESS = ["task-table-borderless.pdf", "task-table-three-line.pdf"];
  const TWO_PAGES = ["task-table-borderless-2pages.pdf", "task-table-borderless-2pages-once.pdf"];

  it.each([...BORDERLESS, ...TWO_PAGES])("%s draws no vertical rule: the ruled-table reader finds no table in it", async (file) => {
    await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytesOf(`${F}/${file}`)), verbosity: 0 }).promise;
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const viewport = page.getViewport({ scale: 1 });
        const ops = await page.getOperatorList();
        const rules = pageRules(ops.fnArray, ops.argsArray, viewport.transform, pdfjs.OPS as unknown as Ops);
        expect(rules.v).toEqual([]);
        // The three-line table has its three horizontal rules, and they make no grid.
        expect(rules.h.length).toBe(file === "task-table-three-line.pdf" ? 3 : 0);
        expect(findTables(rules, [], n).tables).toEqual([]);
      }
    } finally {
      await doc.destroy();
    }
  });

  it.each(BORDERLESS)("%s gives the .docx table's tasks, owners per role and deadlines", async (file) => {
    const [docx, pdf] = await Promise.all([parse(`${F}/task-table-borderless.docx`), parse(`${F}/${file}`)]);
    expect(pdf.source.format).toBe("pdf");
    expect(tasks(pdf)).toEqual(tasks(docx));
    expect(essence(pdf.outline)).toEqual(essence(docx.outline));
    expect(pdf.diagnostics.filter((d) => d.code === "table-cells-unread")).toEqual([]);
  });

  it("the rows: seven tasks, a wrapped task and owner list joined, the row without 配合单位", async () => {
    const doc = await parse(`${F}/task-table-borderless.pdf`);
    expect(doc.outline.map((n) => n.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const [first, second, third] = doc.outline;
    // Row 1's task wraps over four lines in its cell (…开办、不 / 动产登记…), its lead over two (区政务服务中 / 心).
    expect(first!.title).toBe("深化“一网通办”改革，推动高频政务服务事项全程网上办理，年内实现企业开办、不动产登记等事项一次申报、一窗受理、一网办结");
    expect(first!.tasks[0]).toMatchObject({ lead: ["区政务服务中心"], support: ["区市场监管局", "区自然资源局"] });
    expect(first!.progress?.deadlines.map((d) => d.text)).toEqual(["2024年6月底前"]);
    // Row 2: no 配合单位.
    expect(second!.tasks[0]).toMatchObject({ lead: ["区发展改革局"], support: [], responsible: [] });
    // Row 3: the 配合单位 cell wraps over five lines, in the middle of a list.
    expect(third!.tasks[0]!.lead).toEqual(["区金融办"]);
    expect(third!.tasks[0]!.support).toEqual(["区财政局", "区工业和信息化局", "区人力资源社会保障局", "人民银行示范区支行"]);
    expect(doc.outline[5]!.progress?.deadlines.map((d) => d.text)).toEqual(["持续推进"]);
  });

  it.each(TWO_PAGES)("%s: the table over the page break gives the one-page table's rows; the prose around it stays text", async (file) => {
    const [one, two, docx] = await Promise.all([parse(`${F}/task-table-borderless.pdf`), parse(`${F}/${file}`), parse(`${F}/task-table-borderless-2pages.docx`)]);
    expect(tasks(two)).toEqual(tasks(one));
    expect(tasks(two)).toEqual(tasks(docx));
    // Rows 1–2 on page 1, rows 3–7 on page 2 (the header repeated there, or not).
    const rows = two.outline[2]!.children;
    expect(rows.map((n) => [n.number, n.page])).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
      [4, 2],
      [5, 2],
      [6, 2],
      [7, 2],
    ]);
    // The headings and paragraphs before and after the table, and the sentence that names 牵头单位 and 配合单位.
    expect(two.outline.map((n) => n.title)).toEqual(["总体要求", "工作安排", "保障措施", "其他事项"]);
    expect(two.outline[0]!.text).toContain("各项任务明确牵头单位和配合单位，由牵头单位会同配合单位制定具体措施");
    expect(two.outline[3]!.text).toContain("本分工表自印发之日起执行");
    expect(essence(two.outline)).toEqual(essence(docx.outline));
  });
});

describe("pages of PDF nodes and tasks", () => {
  it("every node and task of the PDF task table has its page; the table runs onto page 2", async () => {
    const doc = await parse(`${F}/task-table-002.pdf`);
    const pages: number[] = [];
    const walk = (nodes: PlanNode[]): void =>
      nodes.forEach((n) => {
        expect(n.page).toBeGreaterThanOrEqual(1);
        pages.push(n.page!);
        for (const t of n.tasks) expect(t.page).toBe(n.page);
        walk(n.children);
      });
    walk(doc.outline);
    expect(new Set(pages)).toEqual(new Set([1, 2]));
    // In document order the pages never go back.
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
    // page is the last key of a node, after span (key order is the contract).
    const keys = Object.keys(doc.outline[0]!);
    expect(keys.slice(-2)).toEqual(["span", "page"]);
  });

  it("a plain PDF's pages match where its text is (seed 004 has 3 pages or more)", async () => {
    const doc = await parse(`${F}/${S004}.pdf`);
    const last = doc.outline[doc.outline.length - 1]!;
    expect(doc.outline[0]!.page).toBe(1);
    expect(last.page).toBeGreaterThan(1);
  });

  it("other formats have no page", async () => {
    const doc = await parse(`${F}/task-table-002.docx`);
    expect(doc.outline[0]!.page).toBeUndefined();
    expect(doc.outline[0]!.children[0]!.tasks[0]!.page).toBeUndefined();
  });
});

describe("content decides, the name is only a hint", () => {
  it("a web page saved under .doc is read as HTML, with an info diagnostic", async () => {
    const doc = await parse(`${F}/${S004}.html`, "附件.doc");
    expect(doc.source.format).toBe("html");
    const info = doc.diagnostics.find((d) => d.code === "format-mismatch");
    expect(info).toMatchObject({ severity: "info", message: "read as html by its content; its name says doc" });
    expect(doc.stats.warnings).toBe((await parse(`${F}/${S004}.html`)).stats.warnings);
  });

  it.each([
    ["task-table-002.xlsx", "任务分工表.docx", "xlsx"],
    ["task-table-002.xls", "任务分工表.doc", "xls"],
    ["task-table-002.doc", "任务分工表.xls", "doc"],
    ["task-table-002.rtf", "任务分工表.doc", "rtf"],
    ["task-table-002.odt", "任务分工表.docx", "odt"],
    ["task-table-002.mht", "任务分工表.html", "mht"],
  ])("%s named %s is read as %s", async (file, name, format) => {
    const doc = await parse(`${F}/${file}`, name);
    expect(doc.source.format).toBe(format);
    expect(doc.diagnostics.some((d) => d.code === "format-mismatch" && d.severity === "info")).toBe(true);
    expect(tasks(doc).length).toBe(16);
  });
});

describe("zip archives of attachments", () => {
  const known = (base: string): boolean => /\.(docx?|xlsx?|pdf|txt)$/i.test(base);
  it.each(["attachments.zip", "attachments-gbk.zip"])("%s: each member by name, the image listed as skipped", (file) => {
    const read = archiveMembers(bytesOf(`${F}/${file}`), file, known);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const gbk = file.includes("gbk");
    expect(read.members.map((m) => m.name)).toEqual([`${file}!/附件1.doc${gbk ? "x" : ""}`, `${file}!/附件2.xls${gbk ? "" : "x"}`]);
    expect(read.skipped).toEqual([{ name: `${file}!/封面.png`, reason: "not a plan format (.png)" }]);
  });

  it("parseInput on a zip of attachments says how to read it, in one line", async () => {
    const r = await parseInput(bytesOf(`${F}/attachments.zip`), { name: "attachments.zip" });
    expect(r).toMatchObject({ ok: false, problem: expect.stringMatching(/^a zip archive of attachments: .*archive\.zip!\/member/) });
  });

  it("an OFD document gets one line naming OFD and suggesting a PDF export", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-parse-ofd-"));
    try {
      writeFileSync(join(dir, "OFD.xml"), '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>');
      const made = spawnSync("zip", ["-q", "-X", join(dir, "plan.ofd"), "OFD.xml"], { cwd: dir });
      if (made.status !== 0) return; // no zip tool
      const r = await parseInput(readFileSync(join(dir, "plan.ofd")), { name: "plan.ofd" });
      expect(r).toMatchObject({ ok: false, problem: expect.stringMatching(/^an OFD document \(GB\/T 33190.*export it as PDF/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("bad inputs of each format: one line", () => {
  it.each([
    ["truncated.doc", /^a Word 97–2003 document \(\.doc\) is damaged or truncated/],
    ["truncated.xls", /^an Excel 97–2003 workbook \(\.xls\) is damaged or truncated/],
    ["truncated.xlsx", /^an Excel workbook \(\.xlsx\) is damaged or truncated/],
    ["truncated.odt", /^an OpenDocument text \(\.odt\) is damaged or truncated/],
    ["truncated.rtf", /^an RTF document \(\.rtf\) is truncated/],
    ["truncated.mht", /^a saved web page \(\.mht\) is truncated/],
    ["encrypted.doc", /is encrypted/],
    ["encrypted.xls", /is encrypted/],
    ["encrypted.odt", /is encrypted/],
    ["encrypted.docx", /^a password-protected Office document \(encrypted \.docx or \.xlsx\)/],
    ["encrypted.xlsx", /^a password-protected Office document \(encrypted \.docx or \.xlsx\)/],
    ["text-named.doc", /^not a Word 97–2003 document \(\.doc\): no OLE compound-file header; it is plain text/],
    ["text-named.xls", /^not an Excel 97–2003 workbook \(\.xls\): no OLE/],
    ["empty-sheet.xlsx", /has no text in any sheet/],
    ["empty-sheet.xls", /has no text in any sheet/],
  ])("%s → %s", async (file, problem) => {
    const r = await parseInput(bytesOf(`${F}/${file}`), { name: file });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toMatch(problem);
      expect(r.problem).not.toContain("\n");
    }
  });

  it("a truncated zip of attachments fails in one line", () => {
    const r = archiveMembers(bytesOf(`${F}/truncated.zip`), "truncated.zip", () => true);
    expect(r).toMatchObject({ ok: false, problem: expect.stringMatching(/damaged or truncated/) });
  });
});

describe("LibreOffice for what no library here reads", () => {
  it("without soffice: one line naming the format and the command to install or convert", async () => {
    const saved = process.env.PLAN_PARSE_SOFFICE;
    process.env.PLAN_PARSE_SOFFICE = "";
    try {
      const r = await readViaLibreOffice(bytesOf(`${F}/task-table-002.doc`), "doc", "docx", "a Word document in the Word 6/95 format", "doc");
      expect(r).toMatchObject({
        ok: false,
        problem: "a Word document in the Word 6/95 format: plan-parse reads it through LibreOffice, which is not installed; install it (apt-get install libreoffice-writer-nogui) or convert the file first (soffice --headless --convert-to docx FILE)",
      });
    } finally {
      if (saved === undefined) delete process.env.PLAN_PARSE_SOFFICE;
      else process.env.PLAN_PARSE_SOFFICE = saved;
    }
  });

  it.skipIf(findSoffice() === null)("with soffice: converts and reads (the Word 97 task table through LibreOffice gives its 16 tasks)", async () => {
    const r = await readViaLibreOffice(bytesOf(`${F}/task-table-002.doc`), "doc", "docx", "a Word document", "doc");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.extracted.format).toBe("doc");
    expect(r.extracted.text).toContain("（牵头单位：区市场监管局）");
    // LibreOffice's .docx has paragraphs of its own, not the .doc's: none are given.
    expect(r.extracted.paragraphs).toBeUndefined();
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------------------
// The CLI (spawns the built binary: `npm run build` first)

const BIN = join(ROOT, "bin/plan-parse.js");
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), "plan-parse-formats-"));
  temps.push(d);
  return d;
};
function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, input: "", maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

/** Runs the CLI on a bad fixture with -o: exit 2, nothing on stdout, one stderr line naming the file, and no file
 *  written (nor a temporary one left). The line, for what a test says of it. */
function refusedInOneLine(file: string): string {
  const dir = tempDir();
  const out = join(dir, "out.json");
  const r = cli([`${F}/${file}`, "-o", out]);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^plan-parse: ${F}/${file.replace(/\./g, "\\.")}: `));
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(dir)).toEqual([]);
  return lines[0]!;
}

describe("CLI: bad input of each format", () => {
  it.each([
    "truncated.doc",
    "truncated.xls",
    "truncated.xlsx",
    "truncated.odt",
    "truncated.rtf",
    "truncated.mht",
    "truncated.zip",
    "encrypted.doc",
    "encrypted.xls",
    "encrypted.odt",
    "text-named.doc",
    "text-named.xls",
    "empty-sheet.xlsx",
    "empty-sheet.xls",
  ])("%s: one line, exit 2, nothing written", (file) => {
    refusedInOneLine(file);
  });
});

describe("CLI: a password-protected .docx and .xlsx (LibreOffice's ECMA-376 encryption)", () => {
  it.each(["encrypted.docx", "encrypted.xlsx"])("%s is a compound file with EncryptionInfo and EncryptedPackage, not a zip", async (file) => {
    const mod = (await import("cfb")) as typeof import("cfb") & { default?: typeof import("cfb") };
    const CFB = mod.default ?? mod;
    const bytes = bytesOf(`${F}/${file}`);
    expect([...bytes.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const names = CFB.read(Buffer.from(bytes), { type: "buffer" }).FullPaths.map((p) => p.replace(/^[^/]*\//, ""));
    expect(names).toEqual(expect.arrayContaining(["EncryptionInfo", "EncryptedPackage"]));
  });

  it.each(["encrypted.docx", "encrypted.xlsx"])("%s: exit 2, one stderr line naming the file and saying it is password-protected, no stdout, no -o file", (file) => {
    const line = refusedInOneLine(file);
    expect(line).toMatch(new RegExp(`^plan-parse: ${F}/${file.replace(/\./g, "\\.")}: a password-protected Office document`));
    expect(line).toContain("password-protected");
  });

  it("without -o: still nothing on stdout, and the whole line says what to do", () => {
    const r = cli([`${F}/encrypted.docx`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      `plan-parse: ${F}/encrypted.docx: a password-protected Office document (encrypted .docx or .xlsx): open it, remove the password and save it again`,
    ]);
  });
});

describe("CLI: archives and folders", () => {
  it("a .zip gives one document per member, named archive.zip!/member, and says what it skipped", () => {
    const r = cli([`${F}/attachments.zip`, "--format", "ndjson"]);
    expect(r.status).toBe(0);
    const docs = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as PlanDocument);
    expect(docs.map((d) => [d.source.name, d.source.format])).toEqual([
      [`${F}/attachments.zip!/附件1.doc`, "doc"],
      [`${F}/attachments.zip!/附件2.xlsx`, "xlsx"],
    ]);
    expect(docs[1]!.stats.tasks).toBe(16);
    expect(r.stderr).toContain(`plan-parse: skipped ${F}/attachments.zip!/封面.png: not a plan format (.png)`);
  });

  it("-o dir/ writes each member under its own name", () => {
    const dir = tempDir();
    const r = cli([`${F}/attachments-gbk.zip`, "-o", `${dir}/`, "-q"]);
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["附件1.json", "附件2.json"]);
  });

  it("a folder run skips lock and hidden files, lists what it left out by extension, reads .shtml and .htm", () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, F, `${S004}.doc`), join(dir, "工作要点.doc"));
    writeFileSync(join(dir, "~$工作要点.doc"), "lock");
    writeFileSync(join(dir, ".DS_Store"), "x");
    writeFileSync(join(dir, "a.jpg"), "x");
    writeFileSync(join(dir, "b.jpg"), "x");
    writeFileSync(join(dir, "c.exe"), "x");
    mkdirSync(join(dir, "sub"));
    copyFileSync(join(ROOT, F, `${S004}.html`), join(dir, "sub", "page.shtml"));
    copyFileSync(join(ROOT, F, "task-table-002.html"), join(dir, "sub", "table.htm"));
    copyFileSync(join(ROOT, F, "task-table-sheets.et"), join(dir, "sub", "分工表.et"));
    const r = cli([dir, "--format", "ndjson", "-q"]);
    expect(r.status).toBe(0);
    const names = r.stdout.trim().split("\n").map((l) => (JSON.parse(l) as PlanDocument).source.name.slice(dir.length + 1));
    expect(names).toEqual(["sub/page.shtml", "sub/table.htm", "sub/分工表.et", "工作要点.doc"]);
    expect(r.stderr).toBe(`plan-parse: skipped ${dir}: 2 .jpg, 1 .exe (not a plan format); 1 Office lock file (~$工作要点.doc); 1 hidden file or folder\n`);
  });

  it("a file whose content disagrees with its name is read by its content; --verbose shows the info line", () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, F, "task-table-002.xlsx"), join(dir, "分工表.docx"));
    const r = cli([join(dir, "分工表.docx"), "--verbose"]);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as PlanDocument).source.format).toBe("xlsx");
    expect(r.stderr).toMatch(/分工表\.docx:1:1: info format-mismatch: read as xlsx by its content; its name says docx/);
  });
});

describe("CLI: schema", () => {
  it("plan-parse schema lists the new formats and the optional page and paragraph of nodes and tasks", () => {
    const r = cli(["schema"]);
    expect(r.status).toBe(0);
    const text = r.stdout;
    for (const f of ["doc", "wps", "xlsx", "xls", "et", "odt", "rtf", "mht"]) expect(text).toContain(`"${f}"`);
    expect(text).toContain("format-mismatch");
    const schema = JSON.parse(text) as { $defs?: Record<string, unknown>; properties: Record<string, unknown> };
    const found = JSON.stringify(schema).match(/"page":\{[^}]*"minimum":1/g) ?? [];
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(schema).match(/"paragraph":\{"description":"docx: [^}]*"minimum":1/g) ?? []).toHaveLength(2);
  });
});

describe("zip bombs in the zipped formats stop at the limit", () => {
  // 300 MiB of spaces in about 300 KB, the central directory lying about its size: only inflating it tells.
  it.each([
    ["bomb.xlsx", "xl/workbook.xml", "xl/sharedStrings.xml"],
    ["bomb.odt", "content.xml", "content.xml"],
    ["bomb.zip", "附件1.txt", "附件1.txt"],
  ])("%s: one line, too large when unpacked", async (name, marker, bombName) => {
    const { bombStream, makeZip } = await import("./helpers/zip.js");
    const entries = [
      ...(marker !== bombName ? [{ name: marker, data: Buffer.from("<workbook/>") }] : []),
      ...(name.endsWith(".odt") ? [{ name: "mimetype", data: Buffer.from("application/vnd.oasis.opendocument.text") }] : []),
      { name: bombName, deflated: bombStream(300), claimSize: 1000 },
    ];
    const bytes = makeZip(entries);
    if (name.endsWith(".zip")) {
      const r = archiveMembers(bytes, name, () => true);
      expect(r).toMatchObject({ ok: false, problem: expect.stringMatching(/^too large when unpacked \(附件1\.txt unpacks to over 256 MiB/) });
      return;
    }
    const r = await parseInput(bytes, { name });
    expect(r).toMatchObject({ ok: false, problem: expect.stringMatching(/^too large when unpacked \(.* unpacks to over 256 MiB; the limit is 256 MiB\)$/) });
  }, 60_000);
});
