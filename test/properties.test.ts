// Properties of the library on arbitrary input: the parser is total (never throws), its output always meets
// the plan-parse/v1 schema, every span points into the text with a line/column that agree with its offset,
// ids are unique and the result is deterministic. Fixed seeds, so a failure reproduces.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBytes, parsePlan, parsePlanBytes, PlanDocumentSchema, type PlanDocument, type PlanNode, type Span } from "../src/index.js";

const RUNS = 200;
const SEED = 20240611;
const params = (offset: number): fc.Parameters<unknown> => ({ seed: SEED + offset, numRuns: RUNS, endOnFailure: false });

// ---------------------------------------------------------------------------------------------------------
// Checks

/** Line starts computed here, independently of src/pipeline/source-map.ts: CRLF, CR and LF each end a line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("\r\n", i)) {
      i += 2;
      starts.push(i);
    } else if (text[i] === "\r" || text[i] === "\n") {
      i += 1;
      starts.push(i);
    } else i += 1;
  }
  return starts;
}

function expectedPosition(starts: number[], offset: number): { line: number; column: number } {
  let line = 0;
  // The last line start ≤ offset (linear is fine at these sizes, and obviously right).
  for (let k = 0; k < starts.length && starts[k]! <= offset; k++) line = k;
  return { line: line + 1, column: offset - starts[line]! + 1 };
}

/** Every span in the document, with where it was found. */
function spansOf(doc: PlanDocument): [string, Span][] {
  const out: [string, Span][] = [];
  doc.diagnostics.forEach((d, i) => out.push([`diagnostics[${i}] ${d.code}`, d.span]));
  const walk = (nodes: PlanNode[]): void =>
    nodes.forEach((n) => {
      out.push([`node ${n.id}`, n.span]);
      n.tasks.forEach((t) => out.push([`task ${t.id}`, t.span]));
      if (n.progress) out.push([`progress of ${n.id}`, n.progress.span]);
      walk(n.children);
    });
  walk(doc.outline);
  return out;
}

function idsOf(doc: PlanDocument): string[] {
  const ids: string[] = [];
  const walk = (nodes: PlanNode[]): void =>
    nodes.forEach((n) => {
      ids.push(n.id, ...n.tasks.map((t) => t.id));
      walk(n.children);
    });
  walk(doc.outline);
  return ids;
}

/** Throws (so fast-check shrinks) with a readable message when a property does not hold. */
function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

function checkDocument(doc: PlanDocument, text: string): void {
  const valid = PlanDocumentSchema.safeParse(doc);
  check(valid.success, () => `schema: ${JSON.stringify(valid.error?.issues.slice(0, 3))}`);

  const starts = lineStarts(text);
  for (const [where, span] of spansOf(doc)) {
    const { start, end } = span;
    check(0 <= start.offset && start.offset <= end.offset && end.offset <= text.length, () => `${where}: offsets ${start.offset}..${end.offset} outside 0..${text.length}`);
    for (const [name, pos] of [["start", start], ["end", end]] as const) {
      const want = expectedPosition(starts, pos.offset);
      check(
        pos.line === want.line && pos.column === want.column,
        () => `${where}: ${name} offset ${pos.offset} says ${pos.line}:${pos.column}, the text says ${want.line}:${want.column}`,
      );
    }
  }

  const walk = (nodes: PlanNode[], parentLevel: number): void =>
    nodes.forEach((n) => {
      check(n.level > parentLevel, () => `node ${n.id} (level ${n.level}) under a node of level ${parentLevel}`);
      check(!/[\r\n]/.test(n.title), () => `node ${n.id}: title spans lines: ${JSON.stringify(n.title)}`);
      n.tasks.forEach((t, i) => check(t.id === `${n.id}#${i + 1}`, () => `task ${t.id} in node ${n.id} at ${i + 1}`));
      n.children.forEach((c, i) => check(c.id === `${n.id}.${i + 1}`, () => `child ${c.id} of ${n.id} at ${i + 1}`));
      walk(n.children, n.level);
    });
  // Level 0 is only for the implicit top-level node a restarted numbering (an attachment) gets.
  doc.outline.forEach((n) => check(n.level > 0 || n.style === "implicit", () => `root ${n.id} at level 0 is not implicit`));
  walk(doc.outline, -1);
  doc.outline.forEach((n, i) => check(n.id === String(i + 1), () => `root ${n.id} at ${i + 1}`));

  const ids = idsOf(doc);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  check(dup === undefined, () => `duplicate id ${dup}`);
}

function checkText(text: string): void {
  let doc: PlanDocument;
  try {
    doc = parsePlan(text);
  } catch (e) {
    throw new Error(`parsePlan threw: ${(e as Error).stack}`);
  }
  checkDocument(doc, text);
  const again = JSON.stringify(parsePlan(text));
  check(again === JSON.stringify(doc), () => "two parses of the same text differ");
}

function checkBytes(bytes: Uint8Array): void {
  let result: ReturnType<typeof parsePlanBytes>;
  try {
    result = parsePlanBytes(bytes);
  } catch (e) {
    throw new Error(`parsePlanBytes threw: ${(e as Error).stack}`);
  }
  if (!result.ok) {
    check(typeof result.problem === "string" && result.problem.length > 0, () => "empty problem");
    check(!/[\r\n]/.test(result.problem), () => `problem is not one line: ${JSON.stringify(result.problem)}`);
    return;
  }
  const decoded = decodeBytes(bytes);
  check(decoded.ok, () => "parsePlanBytes ok but decodeBytes not");
  if (!decoded.ok) return;
  checkDocument(result.document, decoded.text);
  check(result.document.source.bytes === bytes.byteLength, () => `source.bytes ${result.document.source.bytes} ≠ ${bytes.byteLength}`);
  check(result.document.source.encoding === decoded.encoding, () => "encoding differs from decodeBytes");
}

// ---------------------------------------------------------------------------------------------------------
// Arbitraries

/** Pieces of real plans: markers, brackets, labels, deadlines, parties, role words, separators, whitespace. */
const VOCABULARY = [
  "一、", "二、", "十二、", "（一）", "（二）", "(三)", "（二十）", "1.", "2．", "3.", "3、", "12.", "（4）", "(5)", "①", "②", "⑳",
  "（", "）", "(", ")", "。", "；", "，", "、", "：", "等", "！", "？",
  "\n", "\n", "\r\n", "\r", "\n\n", " ", "  ", "\u3000", "\u3000\u3000", "\t",
  "工作进度：", "完成时限：", "时间节点：", "6月底前", "2021年", "年底前", "全年", "持续推进", "每季度",
  "区市场监管局", "区农业农村局", "各街道办事处", "区卫生健康委", "区政府食品安全办",
  "（区市场监管局）", "（区市场监管局牵头，区农业农村局、区卫生健康委配合）", "（各街道办事处负责）", "(区农业农村局等)",
  "（责任单位：区市场监管局、各街道办事处）", "（6月底前）", "（区食安办指导，各街道办事处按职责分工负责）",
  "牵头", "配合", "负责", "指导", "按职责分工负责", "责任单位：", "牵头单位：",
  "加强食品安全监管", "全面落实党政同责", "食品安全工作要点", "关于印发", "的通知", "此件主动公开",
  "2.5%", "1.5", "第", "页", "-", "—", "〈", "〉", "“", "”", "\uFEFF", "\uFFFD",
];

const piece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...VOCABULARY) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }) },
);
const planLike = fc.array(piece, { maxLength: 80 }).map((parts) => parts.join(""));

/** Lines that start like headings, so the tree builder (nesting, numbering, brackets) gets real work. */
const planLines = fc
  .array(
    fc.tuple(
      fc.constantFrom("", "一、", "二、", "三、", "（一）", "（二）", "（三）", "1.", "2.", "2.", "（1）", "（2）", "①", "工作进度：", "\u3000\u3000"),
      fc.array(piece, { maxLength: 12 }).map((p) => p.join("")),
      fc.constantFrom("\n", "\r\n", "\r", "\n\n"),
    ),
    { maxLength: 30 },
  )
  .map((lines) => lines.map(([m, body, eol]) => m + body + eol).join(""));

/**
 * PDF-extracted text: paragraphs hard-wrapped at a fixed number of characters, often with a blank line after
 * each visual line and page numbers in between, so the reflow (src/pipeline/normalize.ts, src/pipeline/reflow.ts) joins lines
 * and spans have to be mapped back across the removed line breaks and blank lines.
 */
const CJK_WORDS = ["加强", "食品安全", "监管", "工作", "全面落实", "责任", "开展", "专项整治", "区市场监管局", "牵头", "配合", "，", "、", "。", "2021年", "6月底前", " ", "\u3000", "（", "）", "（区市场监管局）", "（区农业农村局牵头，各街道办事处配合）"];
const pdfLike = fc
  .record({
    width: fc.integer({ min: 16, max: 40 }),
    blank: fc.constantFrom("\n", "\n\n", "\r\n\r\n"),
    pageNumber: fc.constantFrom("- 3 -", "— 12 —", "第 2 页", "1/9", ""),
    paragraphs: fc.array(
      fc.tuple(
        fc.constantFrom("", "一、", "二、", "（一）", "（二）", "1.", "2.", "工作进度：", "\u3000\u3000"),
        fc.array(fc.constantFrom(...CJK_WORDS), { minLength: 5, maxLength: 60 }).map((w) => w.join("")),
      ),
      { minLength: 3, maxLength: 12 },
    ),
  })
  .map(({ width, blank, pageNumber, paragraphs }) => {
    const lines: string[] = ["2021年示范区食品安全工作要点"];
    paragraphs.forEach(([marker, body], i) => {
      const text = marker + body;
      for (let at = 0; at < text.length; at += width) lines.push(text.slice(at, at + width));
      if (pageNumber && i % 3 === 2) lines.push(pageNumber);
    });
    return lines.join(blank) + blank;
  });

/** Any UTF-16 code units, lone surrogates included. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 });

// ---------------------------------------------------------------------------------------------------------

describe("parsePlan on arbitrary text", () => {
  it("never throws, validates, has spans that agree with the text, unique ids, and is deterministic — graphemes", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), checkText), params(1));
  });

  it("… — any code point (full Unicode)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), checkText), params(2));
  });

  it("… — any UTF-16 code units, lone surrogates included", () => {
    fc.assert(fc.property(codeUnits, checkText), params(3));
  });

  it("… — strings built from a plan vocabulary", () => {
    fc.assert(fc.property(planLike, checkText), params(4));
  });

  it("… — lines that start with markers and progress labels", () => {
    fc.assert(fc.property(planLines, checkText), params(5));
  });

  it("… — a title and a notice line in front of plan-like lines", () => {
    const withFront = fc
      .tuple(fc.constantFrom("", "2021年马村区食品安全工作要点\n", "关于印发2021年食品安全工作要点的通知\n各街道办事处：\n", "\uFEFF"), planLines)
      .map(([front, body]) => front + body);
    fc.assert(fc.property(withFront, checkText), params(6));
  });

  it("… — PDF-extracted text: hard-wrapped lines, blank lines, page numbers", () => {
    fc.assert(fc.property(pdfLike, checkText), params(10));
  });
});

describe("parsePlanBytes on arbitrary bytes", () => {
  it("never throws; ok:true with a valid document or ok:false with a one-line problem — random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), checkBytes), params(7));
  });

  it("… — UTF-8 plan-like text with a few bytes overwritten", () => {
    const corrupted = fc
      .tuple(planLines, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }))
      .map(([text, edits]) => {
        const bytes = new Uint8Array(Buffer.from(text, "utf8"));
        for (const [at, value] of edits) if (bytes.length > 0) bytes[at % bytes.length] = value;
        return bytes;
      });
    fc.assert(fc.property(corrupted, checkBytes), params(8));
  });

  it("… — UTF-16 plan-like text, with and without a BOM, either byte order", () => {
    const utf16 = fc.tuple(planLines, fc.boolean(), fc.boolean()).map(([text, bom, bigEndian]) => {
      const body = Buffer.from((bom ? "\uFEFF" : "") + text, "utf16le");
      if (bigEndian) body.swap16();
      return new Uint8Array(body);
    });
    fc.assert(fc.property(utf16, checkBytes), params(9));
  });
});

describe("pathological inputs (reduced sizes) return a valid document without overflowing the stack", () => {
  function expectValid(text: string): PlanDocument {
    const doc = parsePlan(text);
    const valid = PlanDocumentSchema.safeParse(doc);
    expect(valid.success, valid.success ? "" : JSON.stringify(valid.error.issues.slice(0, 3))).toBe(true);
    return doc;
  }

  it("20,000 nested （ in a heading", () => {
    const text = "一、加强监管" + "（".repeat(20_000) + "区市场监管局" + "）".repeat(20_000) + "\n";
    const doc = expectValid(text);
    expect(doc.outline).toHaveLength(1);
    checkDocument(doc, text);
  });

  it("20,000 unclosed （ in a heading", () => {
    const text = "一、加强监管" + "（".repeat(20_000) + "\n";
    const doc = expectValid(text);
    expect(doc.outline).toHaveLength(1);
    expect(doc.diagnostics.some((d) => d.code === "unclosed-bracket")).toBe(true);
  });

  it("20,000 lines of （ alone", () => {
    expectValid("一、x\n" + "（\n".repeat(20_000));
  });

  it("a 200 KB single line", () => {
    const text = "一、" + "加强食品安全监管，（区市场监管局）".repeat(Math.ceil(200_000 / 17 / 3));
    expect(Buffer.byteLength(text)).toBeGreaterThan(200_000);
    const doc = expectValid(text);
    expect(doc.outline).toHaveLength(1);
    expect(doc.outline[0]!.tasks.length).toBeGreaterThan(1000);
  });

  it("a 200 KB single line without any break or bracket", () => {
    const doc = expectValid("一、" + "食".repeat(70_000));
    expect(doc.outline).toHaveLength(1);
  });

  it("20,000 headings 一、x", () => {
    const doc = expectValid("一、x\n".repeat(20_000));
    expect(doc.outline).toHaveLength(20_000);
    // Every one after the first repeats the number 一.
    expect(doc.diagnostics.filter((d) => d.code === "duplicate-number")).toHaveLength(19_999);
  });

  it("20,000 headings nested one level deeper each (一、 （一） 1. （1） ① repeated)", () => {
    const doc = expectValid("一、a\n（一）b\n1.c\n（1）d\n①e\n".repeat(4_000));
    expect(doc.outline).toHaveLength(4_000);
  });
});

describe("options.year", () => {
  it("any four-digit options.year gives a document that validates, even with 明年", () => {
    const doc = parsePlan("一、加强监管。\n工作进度：明年底前完成。\n", { year: 9999 });
    expect(PlanDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it("a year in 1000–9998 with 明年/今年/6月底前 gives a document that validates", () => {
    const text = "一、加强监管。\n工作进度：明年底前完成，今年6月底前启动，2月30日前评估。\n";
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9998 }), (year) => checkDocument(parsePlan(text, { year }), text)),
      params(11),
    );
  });
});
