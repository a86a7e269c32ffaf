// The body grammar, rule by rule, on every numbering form of domain.md §2 and the lines that only look like one.
import { describe, expect, it } from "vitest";
import { PlanGrammar, parsePlanText } from "../grammars/plan.js";
import { createPlanLexer } from "../grammars/tokens.js";
import { readBlocks } from "../src/pipeline/blocks.js";

const kinds = (text: string): string[] => createPlanLexer().tokenize(text).tokens.map((t) => t.tokenType.name);

describe("the plan lexer", () => {
  it("keeps chevrotain's first-character optimisation (no complement sets, hints on custom patterns)", () => {
    expect(() => createPlanLexer({ ensureOptimizations: true })).not.toThrow();
  });

  it("builds a parser whose grammar passes chevrotain's validations", () => {
    expect(() => new PlanGrammar({ validate: true })).not.toThrow();
  });

  it.each([
    ["一、指导思想", "ChineseNumeralMarker", "一、"],
    ["二十一、加强保障", "ChineseNumeralMarker", "二十一、"],
    ["（一）全面落实党政同责。", "ChineseParenMarker", "（一）"],
    ["（二十二）加大工作保障。", "ChineseParenMarker", "（二十二）"],
    ["(三)半角括号", "ChineseParenMarker", "(三)"],
    ["1.充分利用追溯平台", "ArabicMarker", "1."],
    ["1．根据规定", "ArabicMarker", "1．"],
    ["12、加强监管", "ArabicMarker", "12、"],
    ["３．全角数字", "ArabicMarker", "３．"],
    ["（1）开展农药残留监测", "ArabicParenMarker", "（1）"],
    ["(2)开展兽药残留监测", "ArabicParenMarker", "(2)"],
    ["①生猪养殖环节", "CircledMarker", "①"],
    ["⑳第二十项", "CircledMarker", "⑳"],
    ["工作进度：按时完成。", "ProgressLabel", "工作进度："],
    ["完成时限：2021年6月底前", "ProgressLabel", "完成时限："],
    ["时间进度:每季度", "ProgressLabel", "时间进度:"],
    ["时限要求：年底前", "ProgressLabel", "时限要求："],
  ])("reads %s as a line starting with %s", (line, kind, image) => {
    const tokens = createPlanLexer().tokenize(`前一行\n${line}`).tokens;
    expect(tokens[2]!.tokenType.name).toBe(kind);
    expect(tokens[2]!.image).toBe(image);
  });

  it.each([
    ["2.5%的样品进行复检", "a decimal percentage"],
    ["1．5倍于上年", "a full-width decimal"],
    ["2021.全年完成", "a year followed by a dot"],
    ["100%，发现风险报告率达到100%", "a number a PDF wrapped to the line start"],
    ["4批次/千人", "a quantity"],
    ["1234、超过三位的数字", "a number too long for a marker"],
  ])("does not read %s as a heading (%s)", (line) => {
    expect(kinds(`前一行\n${line}`)[2]).toBe("Text");
  });

  it("reads markers only at the start of a line", () => {
    expect(kinds("落实（一）和1.以及①")).toEqual(["Text", "OpenParen", "Text", "CloseParen", "Text"]);
  });

  it("splits a line into text, brackets and sentence ends", () => {
    expect(kinds("上报信息（区市场监管局）。下一句")).toEqual(["Text", "OpenParen", "Text", "CloseParen", "SentenceEnd", "Text"]);
  });
});

describe("the plan grammar", () => {
  it("reads one block per line: heading, progress clause or paragraph", () => {
    const { blocks } = readBlocks("标题\n一、总体要求\n（一）落实责任。（区食安办）\n工作进度：年底前。\n种养殖环节：加大检测力度。");
    expect(blocks.map((b) => b.kind)).toEqual(["paragraph", "heading", "heading", "progress", "paragraph"]);
    expect(blocks.map((b) => b.marker?.style ?? null)).toEqual([null, "chinese", "chinese-paren", null, null]);
    expect(blocks.map((b) => b.marker?.number ?? null)).toEqual([null, 1, 1, null, null]);
  });

  it("keeps a line's tokens in document order", () => {
    const { blocks } = readBlocks("（一）甲（乙）。丙");
    expect(blocks[0]!.inlines.map((t) => t.kind)).toEqual(["text", "open", "text", "close", "stop", "text"]);
  });

  it("accepts any text without errors, unbalanced brackets included", () => {
    const parsed = parsePlanText("（（（\n）））\n\n一、\n（一）\n1.\n工作进度：\n。。。");
    expect(parsed.lexErrors).toEqual([]);
    expect(parsed.parseErrors).toEqual([]);
  });

  it("handles 100,000 opening brackets without recursion", () => {
    const { blocks } = readBlocks("一、标题\n" + "（".repeat(100_000));
    expect(blocks).toHaveLength(2);
  });
});
