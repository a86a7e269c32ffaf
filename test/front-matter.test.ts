// Metadata around the body: document number, notice wrapper, title, status, print note, place names.
import { describe, expect, it } from "vitest";
import { placeStems, readEndMatter, readFrontMatter, type Line } from "../src/front-matter.js";
import { chineseNumeral, numberOfMarker } from "../src/numerals.js";

const lines = (...texts: string[]): Line[] => texts.map((text, i) => ({ text, start: i, end: i }));

describe("readFrontMatter", () => {
  it("reads a plan's own title and its preamble", () => {
    const f = readFrontMatter(lines("2021年马村区食品安全工作要点", "2021年是“十四五”规划开局之年。现就重点工作安排如下："));
    expect(f).toMatchObject({ title: "2021年马村区食品安全工作要点", status: null, docNumber: null, notice: null });
    expect(f.preamble.map((l) => l.text)).toEqual(["2021年是“十四五”规划开局之年。现就重点工作安排如下："]);
  });

  it.each([
    ["（征求意见稿）", "征求意见稿"],
    ["(送审稿)", "送审稿"],
    ["（草案）", "草案"],
  ])("puts a draft marker %s on the next line into status", (line, status) => {
    expect(readFrontMatter(lines("营口市鲅鱼圈区2021年食品安全重点工作安排", line, "为做好工作，制定如下方案。"))).toMatchObject({
      title: "营口市鲅鱼圈区2021年食品安全重点工作安排",
      status,
    });
  });

  it("splits a draft marker written at the end of the title", () => {
    expect(readFrontMatter(lines("某区2021年食品安全工作要点（征求意见稿）"))).toMatchObject({ title: "某区2021年食品安全工作要点", status: "征求意见稿" });
  });

  it.each(["焦示食安〔2021〕1号", "焦示食安〔2021〕1 号", "津蓟政办发[2018]23号", "博食安委（2022）3号"])("reads the document number %s", (num) => {
    expect(readFrontMatter(lines(num, "某区2021年食品安全工作要点")).docNumber).toBe(num.replace(/\s/g, ""));
  });

  it("reads a notice whose title is split over two lines, with issuer, date and disclosure", () => {
    const f = readFrontMatter(
      lines(
        "天津市蓟州区人民政府办公室关于",
        "印发蓟州区2018年食品安全监管计划的通知",
        "各镇乡人民政府和街道办事处，各委、办、局，各直属单位：",
        "经区人民政府同意，现将《蓟州区2018年食品安全监管计划》印发给你们，请照此执行。",
        "天津市蓟州区人民政府办公室",
        "2018年7月11日",
        "（此件主动公开）",
        "蓟州区2018年食品安全监管计划",
        "为切实加强全区食品安全监管，制定本计划。",
      ),
    );
    expect(f.title).toBe("蓟州区2018年食品安全监管计划");
    expect(f.notice).toEqual({
      title: "天津市蓟州区人民政府办公室关于印发蓟州区2018年食品安全监管计划的通知",
      addressee: "各镇乡人民政府和街道办事处，各委、办、局，各直属单位：",
      body: "经区人民政府同意，现将《蓟州区2018年食品安全监管计划》印发给你们，请照此执行。",
      issuer: "天津市蓟州区人民政府办公室",
      date: "2018-07-11",
      disclosure: "此件主动公开",
    });
  });

  it("takes the issuer from the notice title when no signature line stands above the date", () => {
    const f = readFrontMatter(
      lines("焦作市示范区食品安全委员会", "关于印发2021年示范区食品安全工作要点的", "通 知", "各乡（镇）人民政府：", "现印发给你们。", "2021年5月24日", "2021年焦作市示范区食品安全工作要点"),
    );
    expect(f.notice).toMatchObject({ issuer: "焦作市示范区食品安全委员会", date: "2021-05-24" });
    expect(f.title).toBe("2021年焦作市示范区食品安全工作要点");
  });

  it("has no title when the document starts with prose", () => {
    expect(readFrontMatter(lines("这是一段很长的说明文字，没有标题，也不是计划。它只是一段话。")).title).toBe("");
  });
});

describe("readEndMatter", () => {
  it("reads a print note at the end", () => {
    expect(readEndMatter(lines("（二十二）加大工作保障。", "焦作市示范区食品安全委员会办公室 2021年 5月 24日印发"))).toEqual({
      issuer: "焦作市示范区食品安全委员会办公室",
      date: "2021-05-24",
      signed: null,
      printed: "2021-05-24",
      count: 1,
    });
  });

  it("reads a signature and a date at the end, and a distribution list", () => {
    expect(readEndMatter(lines("3.加强宣传。", "某区食品安全委员会办公室", "2022年3月1日", "抄送：市食安办。"))).toEqual({
      issuer: "某区食品安全委员会办公室",
      date: "2022-03-01",
      signed: "2022-03-01",
      printed: null,
      count: 3,
    });
  });

  it("reads nothing from an ordinary last paragraph", () => {
    expect(readEndMatter(lines("14.探索建立食品安全志愿者队伍。广泛吸纳社会各界。")).count).toBe(0);
  });
});

describe("place stems", () => {
  it("takes place names from titles and issuers, ignoring 全区 and years", () => {
    expect(placeStems("2021年马村区食品安全工作要点", "营口市鲅鱼圈区", "2022年全区食品安全协调工作要点", "天津市蓟州区人民政府办公室")).toEqual(
      ["营口", "天津", "蓟州", "马村", "鲅鱼圈"].sort(),
    );
  });
});

describe("numerals", () => {
  it.each([
    ["一", 1],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["二十二", 22],
    ["一百零五", 105],
  ])("reads %s as %d", (text, n) => {
    expect(chineseNumeral(text)).toBe(n);
  });

  it.each([
    ["（十二）", 12],
    ["3．", 3],
    ["１２、", 12],
    ["(4)", 4],
    ["⑤", 5],
    ["二十一、", 21],
  ])("reads the marker %s as number %d", (marker, n) => {
    expect(numberOfMarker(marker)).toBe(n);
  });
});

describe("titles set unusually", () => {
  it("joins a title set on two centred lines", () => {
    expect(readFrontMatter(lines("2021年某某区食品安全", "工作要点", "为做好工作，制定本要点。")).title).toBe("2021年某某区食品安全工作要点");
  });

  it("does not join an issuer above a short title", () => {
    expect(readFrontMatter(lines("某区食品安全委员会办公室", "2021年工作要点", "为做好工作，制定本要点。")).title).toBe("2021年工作要点");
  });

  it("takes the title the notice quotes when the plan does not repeat it", () => {
    const f = readFrontMatter(
      lines("某区人民政府办公室关于印发《某区2023年食品安全工作要点》的通知", "各镇街：", "现印发给你们，请认真贯彻执行。", "2023年3月1日", "为做好2023年食品安全工作，制定本要点。"),
    );
    expect(f.title).toBe("某区2023年食品安全工作要点");
  });
});
