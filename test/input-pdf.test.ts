// The PDF reader: real PDFs of the five seeds (made by pandoc → Word → LibreOffice, see fixtures/formats/README.md)
// must parse to the same tree as the seed text; broken, scanned and encrypted PDFs give one line saying why;
// and pdf.js prints nothing. Small synthetic PDFs pin down the geometry rules one by one.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readPdf } from "../src/input/pdf.js";
import { parsePlan } from "../src/pipeline/parse-plan.js";
import type { PlanDocument, PlanNode } from "../src/schema.js";

const formats = new URL("../fixtures/formats/", import.meta.url);
const seedsDir = new URL("../fixtures/seeds/", import.meta.url);
const SEEDS = [
  "000_8d72839633e6c520",
  "001_9ea69e7fd293a163",
  "002_c0b8b7f66cffa162",
  "003_3fa5fd6deccc4e95",
  "004_36973856179009ba",
];

const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, formats)));

async function pdfText(bytes: Uint8Array): Promise<string> {
  const result = await readPdf(bytes);
  if (!result.ok) throw new Error(result.problem);
  expect(result.extracted.map).toBeNull();
  return result.extracted.text;
}

function flatten(nodes: PlanNode[]): PlanNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** What must survive the trip through a PDF: the outline, who does what, and the deadlines. */
function essence(doc: PlanDocument) {
  return flatten(doc.outline).map((n) => ({
    id: n.id,
    level: n.level,
    style: n.style,
    marker: n.marker,
    number: n.number,
    title: n.title,
    tasks: n.tasks.map((t) => ({ lead: t.lead, responsible: t.responsible, support: t.support, guide: t.guide })),
    deadlines: n.progress?.deadlines ?? [],
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// A minimal PDF writer for synthetic pages: text in the non-embedded STSong-Light font (UniGB-UCS2-H, the classic
// Chinese PDF standard font, which needs pdf.js's CMaps), ASCII half width, every glyph advancing by its width.

interface Text {
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  text: string;
  size?: number;
  /** Rotation in degrees (a watermark). */
  rotate?: number;
}

function hexUcs2(s: string): string {
  return Array.from(s)
    .map((c) => c.charCodeAt(0).toString(16).padStart(4, "0"))
    .join("");
}

function makePdf(pages: Text[][], { height = 842, width = 595 } = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add("");
  const pagesObj = add("");
  // objects 3, 4, 5: the font, its descriptor, its descendant CID font
  const font = add(
    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>",
  );
  const descriptor = add(
    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 " +
      "/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
  );
  add(
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light " +
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> " +
      `/FontDescriptor ${descriptor} 0 R /DW 1000 /W [1 95 500] >>`,
  );
  const kids: number[] = [];
  for (const texts of pages) {
    const ops = texts
      .map((t) => {
        const size = t.size ?? 16;
        const r = ((t.rotate ?? 0) * Math.PI) / 180;
        const [a, b, c, d] = [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r)].map((v) => v.toFixed(4));
        return `BT /F1 ${size} Tf ${a} ${b} ${c} ${d} ${t.x} ${height - t.y} Tm <${hexUcs2(t.text)}> Tj ET`;
      })
      .join("\n");
    const content = add(`<< /Length ${Buffer.byteLength(ops, "latin1")} >>\nstream\n${ops}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${width} ${height}] ` +
          `/Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  let out = "%PDF-1.7\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}

/** Body lines of a page: left margin 80, 28 characters of 16 pt (right edge 528), 28 pt apart from y = 120. */
function body(lines: (string | { text: string; indent?: number; gap?: number })[], top = 120): Text[] {
  let y = top;
  return lines.map((l) => {
    const line = typeof l === "string" ? { text: l } : l;
    y += line.gap ?? 0;
    const t: Text = { x: 80 + (line.indent ?? 0) * 16, y, text: line.text };
    y += 28;
    return t;
  });
}

const FULL = "这是一行排满的正文，共有二十八个字符宽度，整齐地排到右边"; // 28 characters: reaches the right margin

// ---------------------------------------------------------------------------------------------------------------

describe("readPdf prints nothing", () => {
  const spies: ReturnType<typeof vi.spyOn>[] = [];
  beforeEach(() => {
    for (const method of ["log", "warn", "info", "error", "debug"] as const) spies.push(vi.spyOn(console, method));
    spies.push(vi.spyOn(process.stdout, "write"), vi.spyOn(process.stderr, "write"));
  });
  afterEach(() => {
    for (const spy of spies.splice(0)) spy.mockRestore();
  });

  it("loading pdf.js and reading good and bad PDFs writes nothing to the console, stdout or stderr", async () => {
    await readPdf(bytesOf("004_36973856179009ba.pdf"));
    await readPdf(bytesOf("scanned-no-text.pdf"));
    await readPdf(bytesOf("truncated.pdf"));
    await readPdf(bytesOf("encrypted.pdf"));
    await readPdf(new Uint8Array(Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")));
    await readPdf(makePdf([[{ x: 80, y: 120, text: "（一）测试" }]]));
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

describe.each(SEEDS)("seed %s as a PDF", (seed) => {
  it("parses to the same outline, tasks and deadlines as the seed text", async () => {
    const text = await pdfText(bytesOf(`${seed}.pdf`));
    const fromPdf = parsePlan(text, { name: `${seed}.pdf` });
    const fromTxt = parsePlan(readFileSync(new URL(`${seed}.txt`, seedsDir), "utf8"), { name: `${seed}.txt` });
    expect(essence(fromPdf)).toEqual(essence(fromTxt));
    expect(fromPdf.meta.title).toBe(fromTxt.meta.title);
    expect(fromPdf.meta.year).toBe(fromTxt.meta.year);
  });

  it("drops the running header and the `— N —` page numbers, keeps no page break inside a paragraph", async () => {
    const text = await pdfText(bytesOf(`${seed}.pdf`));
    expect(text).not.toContain("食品安全工作文件");
    expect(text).not.toMatch(/—\s*\d+\s*—/);
    // One paragraph per line, as in the Markdown the PDF was made from (pandoc wrote one paragraph per block).
    const md = readFileSync(new URL(`${seed}.md`, formats), "utf8")
      .split(/\n{2,}/)
      .filter((b) => b.trim() !== "");
    expect(text.split("\n")).toHaveLength(md.length);
  });
});

describe("another layout: 003-plain.pdf (Letter, left-aligned, no indents, fallback fonts)", () => {
  it("parses to the same tree as the seed text", async () => {
    const seed = "003_3fa5fd6deccc4e95";
    const text = await pdfText(bytesOf("003-plain.pdf"));
    const fromPdf = parsePlan(text, { name: "003-plain.pdf" });
    const fromTxt = parsePlan(readFileSync(new URL(`${seed}.txt`, seedsDir), "utf8"), { name: `${seed}.txt` });
    expect(essence(fromPdf)).toEqual(essence(fromTxt));
    // Quotes and digits drawn by another font inside a CJK run land where they were drawn.
    expect(text).toContain("区“十四五”科技创新重点工作");
    expect(text).toContain("推广“生鲜电商+冷链宅配”“中央厨房+食材冷链”等统一配送新模式");
  });
});

describe("PDFs that cannot be read", () => {
  it("a PDF of scanned images has no text layer", async () => {
    expect(await readPdf(bytesOf("scanned-no-text.pdf"))).toEqual({
      ok: false,
      problem: "PDF has no text layer (scanned images?); run OCR first",
    });
  });

  it("a truncated PDF (the first half of a real one)", async () => {
    const result = await readPdf(bytesOf("truncated.pdf"));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toMatch(/truncated/);
      expect(result.problem).not.toContain("\n");
    }
  });

  it("an encrypted PDF", async () => {
    const result = await readPdf(bytesOf("encrypted.pdf"));
    expect(result).toEqual({ ok: false, problem: "PDF is encrypted (a password is needed to open it)" });
  });

  it("bytes that are not a PDF", async () => {
    for (const bytes of [
      new Uint8Array(readFileSync(new URL("002_c0b8b7f66cffa162.md", formats))),
      new Uint8Array(readFileSync(new URL("000_8d72839633e6c520.docx", formats))),
      new Uint8Array(0),
    ]) {
      expect(await readPdf(bytes)).toEqual({ ok: false, problem: "not a PDF (no %PDF- header)" });
    }
  });

  it("a PDF header on a damaged body", async () => {
    const bytes = new Uint8Array(Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ngarbage\n%%EOF\n"));
    const result = await readPdf(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).not.toContain("\n");
  });

  it("a PDF whose pages carry no text at all", async () => {
    expect(await readPdf(makePdf([[], []]))).toEqual({
      ok: false,
      problem: "PDF has no text layer (scanned images?); run OCR first",
    });
  });

  it("reads several PDFs at once", async () => {
    const names = SEEDS.map((s) => `${s}.pdf`);
    const alone: string[] = [];
    for (const name of names) alone.push(await pdfText(bytesOf(name)));
    const together = await Promise.all(names.map((name) => pdfText(bytesOf(name))));
    expect(together).toEqual(alone);
  });

  it("never throws, whatever the bytes", async () => {
    const real = bytesOf("002_c0b8b7f66cffa162.pdf");
    for (const cut of [10, 1000, 50_000]) {
      const damaged = new Uint8Array(real);
      damaged.fill(0x41, cut, cut + 5000);
      const result = await readPdf(damaged);
      if (!result.ok) expect(result.problem).not.toContain("\n");
    }
  });

  it("gives up after the time limit instead of hanging", async () => {
    const result = await readPdf(bytesOf("003_3fa5fd6deccc4e95.pdf"), { timeoutMs: 5 });
    expect(result).toEqual({ ok: false, problem: "PDF took longer than 5 ms to read; gave up" });
    // and the reader still works afterwards
    expect((await readPdf(bytesOf("004_36973856179009ba.pdf"))).ok).toBe(true);
  });

  it("leaves the caller's bytes intact", async () => {
    const bytes = bytesOf("004_36973856179009ba.pdf");
    const copy = new Uint8Array(bytes);
    await readPdf(bytes);
    expect(bytes).toEqual(copy);
  });
});

describe("lines and paragraphs from geometry (synthetic PDFs)", () => {
  it("reads a non-embedded Chinese font through pdf.js's CMaps", async () => {
    expect(await pdfText(makePdf([[{ x: 80, y: 120, text: "一、总体要求" }]]))).toBe("一、总体要求");
  });

  it("joins runs on one baseline left to right; CJK gets no spaces, Latin words and columns do", async () => {
    const page: Text[] = [
      // given out of order, split into runs, a hair off the baseline
      { x: 80 + 6 * 16, y: 120.5, text: "达到" },
      { x: 80, y: 120, text: "抽检合格率" },
      { x: 80 + 5 * 16 + 4, y: 120, text: "要" }, // a justification gap inside CJK text
      { x: 80 + 8 * 16 + 3, y: 120, text: "98%" }, // a CJK–digit gap
      { x: 80, y: 148, text: "HACCP" },
      { x: 80 + 5 * 8 + 5, y: 148, text: "ISO22000" }, // a gap between Latin words
      { x: 80 + 13 * 8 + 5, y: 148, text: "认证" },
      { x: 80, y: 176, text: "区市场监管局" },
      { x: 80 + 6 * 16 + 60, y: 176, text: "区卫健局" }, // a column gap
    ];
    expect(await pdfText(makePdf([page]))).toBe("抽检合格率要达到98%\nHACCP ISO22000认证\n区市场监管局 区卫健局");
  });

  it("a line that reaches the right margin continues on the next; a short one ends the paragraph", async () => {
    expect(FULL).toHaveLength(28);
    const page = body([FULL, FULL, "到此为止。", FULL, "另起一段。", FULL, FULL, "结束。"]);
    expect(await pdfText(makePdf([page]))).toBe(`${FULL}${FULL}到此为止。\n${FULL}另起一段。\n${FULL}${FULL}结束。`);
  });

  it("a left-aligned line that stops short because the next line's first word would not fit continues", async () => {
    const short = (n: number) => FULL.slice(0, n);
    const page = body([
      FULL,
      short(26), // 2 em of room: `2021` (and the CJK–Latin spacing) does not fit
      "2021年底前完成。",
      FULL,
      short(25), // 3 em of room: `“十` (an opening quote binds the next character) fits, so this line ended
      "“十四五”规划。",
      FULL,
      short(24), // 4 em of room: `〔2019〕17` does not fit
      "〔2019〕17号文件。",
      FULL,
      short(20), // 8 em of room: nothing on the next line needed that much
      "另起一段。",
    ]);
    expect((await pdfText(makePdf([page]))).split("\n")).toEqual([
      `${FULL}${short(26)}2021年底前完成。`,
      `${FULL}${short(25)}`,
      "“十四五”规划。",
      `${FULL}${short(24)}〔2019〕17号文件。`,
      `${FULL}${short(20)}`,
      "另起一段。",
    ]);
  });

  it("an indented line, a numbering marker or a wide vertical gap starts a paragraph", async () => {
    const page = body([
      FULL,
      { text: "缩进两字的首行。" },
      FULL,
      { text: "首行缩进两个字符开始新的段落。", indent: 2 },
      FULL,
      "（二）编号开头的行另起一段。",
      FULL,
      "1.阿拉伯数字编号也另起一段。",
      FULL,
      "工作进度：年底前完成。",
      FULL,
      { text: "段间距很大的行。", gap: 20 },
      FULL,
      "1.5批次/千人是小数，不是编号。",
    ]);
    expect((await pdfText(makePdf([page]))).split("\n")).toEqual([
      `${FULL}缩进两字的首行。`,
      FULL,
      "首行缩进两个字符开始新的段落。",
      FULL,
      "（二）编号开头的行另起一段。",
      FULL,
      "1.阿拉伯数字编号也另起一段。",
      FULL,
      "工作进度：年底前完成。",
      FULL,
      "段间距很大的行。",
      `${FULL}1.5批次/千人是小数，不是编号。`,
    ]);
  });

  it("drops running headers (digits masked) and page numbers, and joins a paragraph across the page break", async () => {
    const pages: Text[][] = [1, 2, 3].map((n) => [
      { x: 400, y: 50, text: `示范区食品安全简报第${n}期` },
      ...body(n === 3 ? ["最后一页。"] : [FULL, FULL, FULL, FULL, FULL, FULL, FULL]),
      { x: 270, y: 790, text: [`— ${n} —`, `- ${n} -`, `第 ${n} 页`][n - 1]! },
    ]);
    const text = await pdfText(makePdf(pages));
    expect(text).toBe(FULL.repeat(14) + "最后一页。");
  });

  it("keeps a repeated line outside the page margins, and a lone number in the body", async () => {
    const pages: Text[][] = [1, 2].map(() => [
      ...body(["（一）每页都有的正文行。", "2021", FULL, FULL, FULL, FULL, FULL, "完。"]),
      { x: 290, y: 800, text: "3" },
    ]);
    expect((await pdfText(makePdf(pages))).split("\n")).toEqual([
      "（一）每页都有的正文行。",
      "2021",
      FULL.repeat(5) + "完。",
      "（一）每页都有的正文行。",
      "2021",
      FULL.repeat(5) + "完。",
    ]);
  });

  it("drops fake bold (a run drawn twice) and rotated watermarks", async () => {
    const page: Text[] = [
      { x: 80, y: 120, text: "一、加强领导" },
      { x: 80.3, y: 120, text: "一、加强领导" },
      { x: 200, y: 400, text: "内部资料", rotate: 45, size: 60 },
      { x: 80, y: 148, text: "（一）正文。" },
    ];
    expect(await pdfText(makePdf([page]))).toBe("一、加强领导\n（一）正文。");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Task tables without ruling lines (src/input/pdf-borderless.ts): synthetic pages pin down the geometry rules;
// the real ones (LibreOffice's PDFs of borderless and three-line tables) are in formats-office.test.ts.

/**
 * Columns of a synthetic table (left edges), 12 pt text: 序号 | 工作任务 (19 characters) | 牵头单位 (7) |
 * 配合单位 (7) | 完成时限 (5), 4 pt between one column's text and the next.
 */
const COLS = [62, 92, 324, 412, 500];
const HEADER = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"];

interface Row {
  /** One string per column; a cell's lines separated by `/`. */
  cells: string[];
}

/**
 * A table without rules: the header words centred over their columns, each cell's lines 17 pt apart from the
 * row's top (top-aligned), rows 7 pt apart below their tallest cell. Returns the texts and the y after it.
 */
function borderless(rows: (string[] | { line: string; x?: number })[], { top = 200, header = HEADER, cols = COLS } = {}): { texts: Text[]; end: number } {
  const texts: Text[] = [];
  const widths = cols.map((x, i) => (cols[i + 1] ?? 560) - x - 4);
  header.forEach((h, i) => texts.push({ x: cols[i]! + Math.max(0, (widths[i]! - h.length * 12) / 2), y: top, text: h, size: 12 }));
  let y = top + 24;
  for (const row of rows) {
    if (!Array.isArray(row)) {
      texts.push({ x: row.x ?? cols[0]!, y, text: row.line, size: 12 });
      y += 24;
      continue;
    }
    let tallest = 1;
    row.forEach((cell, i) => {
      const lines = cell === "" ? [] : cell.split("/");
      lines.forEach((line, k) => texts.push({ x: cols[i]!, y: y + 17 * k, text: line, size: 12 }));
      tallest = Math.max(tallest, lines.length);
    });
    y += 17 * tallest + 7;
  }
  return { texts, end: y };
}

async function readNotes(bytes: Uint8Array): Promise<{ text: string; notes: { code: string; message: string; start: number; end: number }[] }> {
  const result = await readPdf(bytes);
  if (!result.ok) throw new Error(result.problem);
  return { text: result.extracted.text, notes: result.extracted.notes ?? [] };
}

const TITLE: Text = { x: 150, y: 160, text: "示范区重点任务分工表", size: 16 };

describe("task tables without ruling lines (synthetic PDFs)", () => {
  it("rows from the 序号 column, columns from the header, a cell's wrapped lines joined, an empty cell left out", async () => {
    const { texts } = borderless([
      ["1", "推进政务服务事项全程网上办理，年内实现/企业开办一网通办。", "区政务服务中心", "区市场监管局、/区自然资源局", "2024年6月/底前"],
      ["2", "建立涉企收费目录清单制度。", "区发展改革局", "", "2024年3月/底前"],
      ["3", "开展银企对接专项行动。", "区金融办", "区财政局", "持续推进"],
    ]);
    const { text, notes } = await readNotes(makePdf([[TITLE, ...texts]]));
    expect(text.split("\n")).toEqual([
      "示范区重点任务分工表",
      "1.推进政务服务事项全程网上办理，年内实现企业开办一网通办。（牵头单位：区政务服务中心；配合单位：区市场监管局、区自然资源局）",
      "完成时限：2024年6月底前",
      "2.建立涉企收费目录清单制度。（牵头单位：区发展改革局）",
      "完成时限：2024年3月底前",
      "3.开展银企对接专项行动。（牵头单位：区金融办；配合单位：区财政局）",
      "完成时限：持续推进",
    ]);
    expect(notes).toEqual([]);
  });

  it("a header-like line in prose (a sentence naming 牵头单位, 配合单位 and 完成时限) starts no table", async () => {
    const page: Text[] = [
      ...body(["各单位要对照分工，明确牵头单位、配合单位和完成时限。"]),
      // The same words as runs of their own, touching (a font change inside the sentence): still a sentence.
      { x: 112, y: 148, text: "表中列明", size: 16 },
      { x: 176, y: 148, text: "牵头单位", size: 16 },
      { x: 240, y: 148, text: "、", size: 16 },
      { x: 256, y: 148, text: "配合单位", size: 16 },
      { x: 320, y: 148, text: "和", size: 16 },
      { x: 336, y: 148, text: "完成时限", size: 16 },
      { x: 400, y: 148, text: "。", size: 16 },
      { x: 80, y: 176, text: "（一）正文另起一段。", size: 16 },
    ];
    const { text, notes } = await readNotes(makePdf([page]));
    expect(text.split("\n")).toEqual(["各单位要对照分工，明确牵头单位、配合单位和完成时限。", "表中列明牵头单位、配合单位和完成时限。", "（一）正文另起一段。"]);
    expect(notes).toEqual([]);
  });

  it("a line over two columns inside the table is kept, in the column it starts in, and said with its page", async () => {
    const { texts } = borderless([
      ["1", "推进政务服务事项全程网上办理，年内实现", "区政务服务中心", "区市场监管局", "6月底前"],
      // Row 2's task set too wide for its column (20 characters): it runs on under 牵头单位, whose text
      // stands on the row's second line.
      ["2", "建立涉企收费目录清单制度并向社会公开目录", "/区发展改革局", "区财政局", "3月底前"],
      ["3", "开展银企对接专项行动。", "区金融办", "", "持续推进"],
    ]);
    const { text, notes } = await readNotes(makePdf([[TITLE, ...texts]]));
    expect(text).toContain("2.建立涉企收费目录清单制度并向社会公开目录（牵头单位：区发展改革局；配合单位：区财政局）");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ code: "table-cells-unread" });
    expect(notes[0]!.message).toMatch(/^page 1: .*“建立涉企收费目录清单制度并向社会公开目录”.*工作任务 and 牵头单位/);
    expect(text.slice(notes[0]!.start, notes[0]!.end)).toContain("建立涉企收费目录清单制度");
  });

  it("a header whose next lines do not fit its columns stays text, with a diagnostic", async () => {
    const { texts } = borderless([]);
    const page = [...texts, ...body([FULL, "第二段。"], 240)];
    const { text, notes } = await readNotes(makePdf([page]));
    expect(text.split("\n")).toEqual(["序号 工作任务 牵头单位 配合单位 完成时限", FULL, "第二段。"]);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toMatch(/^page 1: a task-table header without ruling lines \(序号 \| 工作任务 \| 牵头单位 \| 配合单位 \| 完成时限\)/);
  });

  it("a category row inside the table is a section; a heading and prose after it end the table", async () => {
    const { texts, end } = borderless([
      { line: "一、优化政务服务环境" },
      ["1", "推进政务服务事项全程网上办理。", "区政务服务中心", "区市场监管局", "6月底前"],
      { line: "二、优化市场环境" },
      ["2", "建立涉企收费目录清单制度。", "区发展改革局", "", "3月底前"],
    ]);
    const after: Text[] = [
      { x: 80, y: end + 20, text: "三、保障措施", size: 16 },
      { x: 80, y: end + 48, text: "各单位要加强组织领导。", size: 16 },
    ];
    const { text, notes } = await readNotes(makePdf([[TITLE, ...texts, ...after]]));
    expect(text.split("\n")).toEqual([
      "示范区重点任务分工表",
      "一、优化政务服务环境",
      "1.推进政务服务事项全程网上办理。（牵头单位：区政务服务中心；配合单位：区市场监管局）",
      "完成时限：6月底前",
      "二、优化市场环境",
      "2.建立涉企收费目录清单制度。（牵头单位：区发展改革局）",
      "完成时限：3月底前",
      "三、保障措施",
      "各单位要加强组织领导。",
    ]);
    expect(notes).toEqual([]);
  });

  it("without a 序号 column, a row starts where the gap is wider than a cell's line pitch", async () => {
    const { texts } = borderless(
      [
        ["推进政务服务事项全程网上办理，年内实现/企业开办一网通办。", "区政务服务中心", "区市场监管局", "6月底前"],
        ["建立涉企收费目录清单制度。", "区发展改革局", "区财政局", "3月底前"],
      ],
      { header: HEADER.slice(1), cols: COLS.slice(1) },
    );
    const { text } = await readNotes(makePdf([[TITLE, ...texts]]));
    expect(text.split("\n")).toEqual([
      "示范区重点任务分工表",
      "1.推进政务服务事项全程网上办理，年内实现企业开办一网通办。（牵头单位：区政务服务中心；配合单位：区市场监管局）",
      "完成时限：6月底前",
      "2.建立涉企收费目录清单制度。（牵头单位：区发展改革局；配合单位：区财政局）",
      "完成时限：3月底前",
    ]);
  });

  it("a header word wrapped in its cell (牵头 over 单位) is put together", async () => {
    const { texts } = borderless([["1", "推进政务服务事项全程网上办理。", "区政务服务中心", "区市场监管局", "6月底前"]]);
    const page = texts.filter((t) => t.text !== "牵头单位" && t.text !== "完成时限");
    // Centred vertically beside the one-line words: half a line above and below their baseline.
    page.push({ x: 344, y: 191, text: "牵头", size: 12 }, { x: 344, y: 208, text: "单位", size: 12 });
    page.push({ x: 518, y: 191, text: "完成", size: 12 }, { x: 518, y: 208, text: "时限", size: 12 });
    const { text } = await readNotes(makePdf([[TITLE, ...page]]));
    expect(text.split("\n")).toEqual([
      "示范区重点任务分工表",
      "1.推进政务服务事项全程网上办理。（牵头单位：区政务服务中心；配合单位：区市场监管局）",
      "完成时限：6月底前",
    ]);
  });

  it.each([
    ["rows only", false],
    ["the header repeated", true],
  ])("goes on over the page break (page 2 starts with %s): past the page number and running header, a row split", async (_, repeated) => {
    const first = borderless(
      [
        ["1", "推进政务服务事项全程网上办理。", "区政务服务中心", "区市场监管局", "6月底前"],
        ["2", "建立涉企收费目录清单制度，向社会", "区发展改革局", "", "3月底前"],
      ],
      { top: 700 },
    );
    const running = (n: number): Text[] => [
      { x: 400, y: 50, text: "示范区营商环境简报", size: 12 },
      { x: 280, y: 800, text: `— ${n} —`, size: 12 },
    ];
    const second: Text[] = [
      ...(repeated ? borderless([], { top: 76 }).texts : []),
      // The rest of row 2's task, then row 3, at the top of page 2.
      { x: 92, y: 100, text: "公布并动态调整。", size: 12 },
      { x: 62, y: 124, text: "3", size: 12 },
      { x: 92, y: 124, text: "开展银企对接专项行动。", size: 12 },
      { x: 324, y: 124, text: "区金融办", size: 12 },
      { x: 412, y: 124, text: "区财政局", size: 12 },
      { x: 500, y: 124, text: "持续推进", size: 12 },
      { x: 80, y: 170, text: "二、保障措施", size: 16 },
    ];
    const { text, notes } = await readNotes(makePdf([[...running(1), ...first.texts], [...running(2), ...second]]));
    expect(text.split("\n")).toEqual([
      "1.推进政务服务事项全程网上办理。（牵头单位：区政务服务中心；配合单位：区市场监管局）",
      "完成时限：6月底前",
      "2.建立涉企收费目录清单制度，向社会公布并动态调整。（牵头单位：区发展改革局）",
      "完成时限：3月底前",
      "3.开展银企对接专项行动。（牵头单位：区金融办；配合单位：区财政局）",
      "完成时限：持续推进",
      "二、保障措施",
    ]);
    expect(notes).toEqual([]);
  });
});
