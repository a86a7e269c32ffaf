// Normalization and PDF reflow: what the grammar reads, and that every character still points into the original.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalize } from "../src/pipeline/normalize.js";
import { LineIndex } from "../src/pipeline/source-map.js";
import { detectPdfLayout, displayWidth } from "../src/pipeline/reflow.js";

const seed = (name: string): string => readFileSync(new URL(`../fixtures/seeds/${name}`, import.meta.url), "utf8");
const SEEDS = {
  "000": seed("000_8d72839633e6c520.txt"),
  "001": seed("001_9ea69e7fd293a163.txt"),
  "002": seed("002_c0b8b7f66cffa162.txt"),
  "003": seed("003_3fa5fd6deccc4e95.txt"),
  "004": seed("004_36973856179009ba.txt"),
};

/** Every kept character must be the original character at the mapped offset (newlines stand for line ends). */
function expectFaithful(original: string): void {
  const n = normalize(original);
  for (let i = 0; i < n.text.length; i++) {
    const o = n.map.toOriginal(i);
    const c = n.text[i]!;
    if (c === "\n") expect(["\n", "\r"]).toContain(original[o]);
    else if (c !== " " || original[o] !== "\n") expect(original[o]).toBe(c);
  }
}

describe("normalize", () => {
  it("turns CRLF and CR line ends into one newline each, mapped to the original line end", () => {
    const n = normalize("一、甲\r\n二、乙\r三、丙");
    expect(n.text).toBe("一、甲\n二、乙\n三、丙");
    expect(n.map.toOriginal(n.text.indexOf("二"))).toBe(5);
    expect(n.map.toOriginal(n.text.indexOf("三"))).toBe(9);
  });

  it("drops blank lines and trims indentation with full-width spaces", () => {
    expect(normalize("\u3000\u3000甲\n\n\n  乙\u3000\n").text).toBe("甲\n乙");
  });

  it.each(["— 15 —", "- 15 -", "－15－", "—15—", "第 3 页", "第3页 共12页"])("drops the page-number line %s", (line) => {
    expect(normalize(`甲\n${line}\n乙`).text).toBe("甲\n乙");
  });

  it("keeps a line that only starts like a page number", () => {
    expect(normalize("甲\n- 15 -条规定\n乙").text).toBe("甲\n- 15 -条规定\n乙");
  });

  it("removes a Word bookmark artifact and says so", () => {
    const n = normalize("13.甲。\n[bookmark: _GoBack]14.乙。");
    expect(n.text).toBe("13.甲。\n14.乙。");
    expect(n.notes).toEqual([expect.objectContaining({ code: "artifact-removed", start: 6, end: 25 })]);
  });

  it("removes spaces between CJK and digits but keeps those between CJK words and in Latin text", () => {
    expect(normalize("2021 年 5 月，达到 100%；中共中央 国务院；ISO 22000 and HACCP").text).toBe(
      "2021年5月，达到100%；中共中央 国务院；ISO 22000 and HACCP",
    );
  });

  it.each(Object.keys(SEEDS))("maps every character of seed %s back to the same character", (key) => {
    expectFaithful(SEEDS[key as keyof typeof SEEDS]);
  });
});

describe("PDF reflow", () => {
  it("detects the PDF-extracted seed and no other", () => {
    expect(Object.fromEntries(Object.entries(SEEDS).map(([k, t]) => [k, normalize(t).pdf]))).toEqual({
      "000": false,
      "001": false,
      "002": false,
      "003": true,
      "004": false,
    });
  });

  it("joins a bracket cut across PDF lines and keeps its offsets in the original", () => {
    const original = SEEDS["003"];
    const n = normalize(original);
    const whole = "（区食药监分局牵头，住建局（交通运输局）等配合）";
    const at = n.text.indexOf(whole);
    expect(at).toBeGreaterThan(0);
    const start = n.map.toOriginal(at);
    const end = n.map.toOriginal(at + whole.length - 1) + 1;
    expect(original.slice(start, end)).toBe("（区食药监分局牵\n\n头，住建局（交通运输局）等配合）");
  });

  it("ends a paragraph at a line that stops short of the margin", () => {
    const n = normalize(SEEDS["003"]);
    expect(n.text).toContain("\n工作进度：按新冠肺炎疫情防控要求，工作情况有序推进。\n（五）");
  });

  it("never joins a line that starts with a numbering marker", () => {
    const n = normalize(SEEDS["003"]);
    for (const marker of ["一、", "（一）", "（二十二）", "工作进度："]) expect(n.text).toContain(`\n${marker}`);
  });

  it("drops the page number line of the PDF", () => {
    expect(normalize(SEEDS["003"]).text).not.toContain("— 15 —");
  });

  it("finds no margin in word-processor text whose lines have every length", () => {
    const widths = [40, 300, 120, 88, 900, 36, 52, 410, 77, 230, 64, 150, 99, 340].map((width) => ({ width }));
    expect(detectPdfLayout(widths)).toBeNull();
  });

  it("counts CJK and full-width characters as two columns", () => {
    expect(displayWidth("食品ab１")).toBe(8);
  });
});

describe("reflow never joins a labelled line", () => {
  it("keeps 责任单位：… on its own line even after a line that reaches the margin", () => {
    const full = "开展食品安全专项整治行动，加强农村集体聚餐食品安全管理，完善风险隐患清单";
    const lines = Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? `${full}` : "责任单位：区市场监管局"));
    const text = normalize(["2021年某区工作要点", ...lines].join("\n")).text;
    expect(text.split("\n").filter((l) => l.startsWith("责任单位："))).toHaveLength(7);
  });
});

describe("line ends and widths, found with indexOf and the regex engine", () => {
  // The character-by-character versions these replace, kept as the reference.
  const lineStartsByLoop = (text: string): number[] => {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return starts;
  };
  const widthByLoop = (text: string): number => {
    let w = 0;
    for (let i = 0; i < text.length; i++) w += text.charCodeAt(i) >= 0x1100 ? 2 : 1;
    return w;
  };
  const pieces = fc.constantFrom("\n", "\r", "\r\n", "\n\r", "\r\r\n", "a", "局", "１", " ", "\u3000", "\u1100", "\u10ff", "\uffff");
  const texts = fc.array(pieces, { maxLength: 40 }).map((a) => a.join(""));

  it("gives every offset the line and column a character loop gives (LF, CR and CRLF)", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const index = new LineIndex(text);
        const starts = lineStartsByLoop(text);
        for (let offset = 0; offset <= text.length; offset++) {
          let line = 0;
          while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
          expect(index.position(offset)).toEqual({ line: line + 1, column: offset - starts[line]! + 1, offset });
        }
      }),
    );
  });

  it("counts two columns from U+1100 on and one below, over any range", () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (text, a, b) => {
        const start = Math.min(a, b) % (text.length + 1);
        const end = Math.max(start, Math.max(a, b) % (text.length + 1));
        expect(displayWidth(text, start, end)).toBe(widthByLoop(text.slice(start, end)));
      }),
    );
  });

  it("reads LF, CR and CRLF as the same line end", () => {
    const ends = fc.constantFrom("\n", "\r", "\r\n");
    const body = fc.array(fc.tuple(fc.constantFrom("一、总体要求", "（一）加强领导", "  文字 ", "", "第3页", "— 2 —", "12/30", "2021 年"), ends), { maxLength: 12 });
    fc.assert(
      fc.property(body, (lines) => {
        const mixed = lines.map(([t, e]) => t + e).join("");
        const lf = lines.map(([t]) => t + "\n").join("");
        expect(normalize(mixed).text).toBe(normalize(lf).text);
      }),
    );
  });

  it("drops page-number lines wherever they stand, whatever they start with", () => {
    for (const pageLine of ["— 15 —", "- 15 -", "－15－", "~3~", "～3～", "第 3 页", "第3页 共12页", "3/12", "01/12", "\u2028 3 / 12"]) {
      expect(normalize(`一、总体要求\n${pageLine}\n（一）加强领导`).text, pageLine).toBe("一、总体要求\n（一）加强领导");
    }
    expect(normalize("一、总体要求\n第3条\n（一）加强领导").text).toBe("一、总体要求\n第3条\n（一）加强领导");
  });
});

describe("white space between CJK and digits, found by the regex engine", () => {
  // The rule on one line, written as the character loop it replaced.
  const isSpace = (c: number): boolean =>
    c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0x0b || c === 0x0c || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f;
  const isDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
  const isWide = (c: number): boolean => c >= 0x2e80 && !(c >= 0xff10 && c <= 0xff19);
  const reference = (line: string): string => {
    let s = 0;
    let e = line.length;
    while (s < e && isSpace(line.charCodeAt(s))) s++;
    while (e > s && isSpace(line.charCodeAt(e - 1))) e--;
    let out = "";
    let last = -1;
    for (let i = s; i < e; ) {
      const c = line.charCodeAt(i);
      if (!isSpace(c)) {
        out += line[i];
        last = c;
        i++;
        continue;
      }
      let j = i;
      while (j < e && isSpace(line.charCodeAt(j))) j++;
      const next = j < e ? line.charCodeAt(j) : -1;
      if (!((isWide(last) && isDigit(next)) || (isDigit(last) && isWide(next)))) out += line.slice(i, j);
      i = j;
    }
    return out;
  };

  it("drops exactly the runs a character loop drops", () => {
    const line = fc.array(fc.constantFrom("年", "局", "1", "２", " ", "\u3000", "\u2003", "\u200b", "a", "%", "（", "）"), { maxLength: 30 }).map((a) => a.join(""));
    fc.assert(
      fc.property(line, (l) => {
        const expected = reference(l);
        // A line that is only a page number is dropped as a whole; that is another rule.
        fc.pre(!/^[\s\u3000]*\d{1,4}[\s\u3000]*$/.test(expected));
        expect(normalize(`一、总体要求\n${l}`).text).toBe(expected === "" ? "一、总体要求" : `一、总体要求\n${expected}`);
      }),
    );
  });
});

it("carries the last character across the pieces of a line, so a space after a removed artifact is judged by it", () => {
  expect(normalize("一、总体要求\n到2021[bookmark: _GoBack] 年底完成").text).toBe("一、总体要求\n到2021年底完成");
});
