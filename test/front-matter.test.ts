// Metadata around the body: headers, document number, notice wrapper, title, status, signature, print note,
// place names, and the year.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dateOfLine, docNumberYear, placeStems, readEndMatter, readFrontMatter, readSourceHeader, titleYear, type Line } from "../src/pipeline/front-matter.js";
import { parseInput } from "../src/input/index.js";
import { parsePlan } from "../src/pipeline/parse-plan.js";
import { chineseNumeral, numberOfMarker } from "../src/pipeline/numerals.js";

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

// Whole documents in every front-matter form (fixtures/front-matter/), through the parser: what meta says.
describe.each([
  {
    file: "self-notice.txt",
    form: "a notice that is itself the plan (…关于…的通知), 文号 line under it, signature at the end",
    meta: { title: "某省人民政府关于加强城乡供水保障工作的通知", year: 2023, docNumber: "某政发〔2023〕5号", issuer: "某省人民政府", date: "2023-04-06" },
    notice: false,
    preamble: "各市人民政府，省政府各部门：\n为保障城乡居民用水安全，现就有关事项通知如下。",
  },
  {
    file: "self-opinion-two-lines.txt",
    form: "an opinion set over two lines (…关于 / …的实施意见) above its 文号, disclosure after the date",
    meta: { title: "某市人民政府办公室关于推动夜间经济发展的实施意见", year: 2022, docNumber: "某政办发〔2022〕31号", issuer: "某市人民政府办公室", date: "2022-08-09" },
    notice: false,
    preamble: "各区人民政府，市政府各部门：\n为繁荣城市消费，经市政府同意，提出如下意见。",
  },
  {
    file: "measures-three-lines.txt",
    form: "若干措施 set over three lines, dated in Chinese numerals (二〇二一年三月十八日)",
    meta: { title: "某县关于支持小微企业稳定发展的若干措施", year: 2021, docNumber: null, issuer: "某县人民政府", date: "2021-03-18" },
    notice: false,
    preamble: "为帮助小微企业渡过难关，制定以下措施。",
  },
  {
    file: "notice-repeats-title.txt",
    form: "a plan inside a notice that repeats its title; the 文号 above the notice",
    meta: { title: "某市2024年冬季供暖保障工作方案", year: 2023, docNumber: "某政字〔2023〕88号", issuer: "某市人民政府", date: "2023-11-20" },
    notice: true,
    preamble: "为确保供暖季平稳运行，制定本方案。",
  },
  {
    file: "notice-quotes-title.txt",
    form: "a plan inside a notice that does not repeat its title (the title is the one 《》 quotes); a range is no year",
    meta: { title: "某区道路扬尘治理行动计划（2022—2024年）", year: 2022, docNumber: "某府办发〔2022〕7号", issuer: "某区人民政府办公室", date: "2022-01-10" },
    notice: true,
    preamble: "为持续改善空气质量，制定本行动计划。",
  },
  {
    file: "notice-run-in-number.txt",
    form: "a notice title run into its 文号, addressee, body and signature run into one paragraph",
    meta: { title: "某项改革重点任务分工方案", year: 2020, docNumber: "国办发〔2020〕99号", issuer: "国务院办公厅", date: "2020-12-02" },
    notice: true,
    preamble: "为落实改革部署，现制定如下分工方案。",
  },
  {
    file: "title-then-number.txt",
    form: "a notice title followed by its 文号 line",
    meta: { title: "某省数字乡村发展行动方案", year: 2019, docNumber: "鲁政字〔2019〕120号", issuer: "某省人民政府", date: "2019-03-02" },
    notice: true,
    preamble: "为推进乡村数字化，制定本方案。",
  },
  {
    file: "pkulaw-header.txt",
    form: "a database export header (【法宝引证码】, 【发布部门】, 【发文字号】, 【发布日期】2022.03.02, 【标题】…), CRLF",
    meta: { title: "某省关于促进绿色消费的实施意见", year: 2022, docNumber: "某发改〔2022〕15号", issuer: "某省发展和改革委员会", date: "2022-03-02" },
    notice: false,
    preamble: "为扩大绿色消费，提出如下意见。",
  },
  {
    file: "yaml-front-matter.txt",
    form: "YAML front matter, an archive note (>) and a # notice title left in a text file; the plan title over two lines",
    meta: { title: "关于加强社区养老服务的实施方案", year: 2021, docNumber: "某府办发〔2021〕40号", issuer: "某区人民政府办公室", date: "2021-09-10" },
    notice: true,
    preamble: "为提升社区养老服务水平，制定本方案。",
  },
  {
    file: "yaml-front-matter.md",
    form: "the same page read as Markdown (the reader drops the YAML; the parser still reads it)",
    meta: { title: "关于加强社区养老服务的实施方案", year: 2021, docNumber: "某府办发〔2021〕40号", issuer: "某区人民政府办公室", date: "2021-09-10" },
    notice: true,
    preamble: "为提升社区养老服务水平，制定本方案。",
  },
  {
    file: "site-header.txt",
    form: "a government site's key–value header (索引号：… 主题分类：…, 日期：, 来源：, 字体：) and buttons at the end",
    meta: { title: "某省河道保洁实施方案", year: 2016, docNumber: "某政发〔2016〕30号", issuer: "某省人民政府", date: "2016-11-30" },
    notice: true,
    preamble: "为改善河道环境，制定本方案。",
  },
  {
    file: "print-note.txt",
    form: "no title; a distribution list over two lines and a print note with full-width digits (2019年１月３日印发)",
    meta: { title: "", year: 2019, docNumber: null, issuer: "某市人民政府办公厅", date: "2019-01-03" },
    notice: false,
    preamble: "为促进制造业升级，特制定以下政策。",
  },
  {
    file: "joint-signature.txt",
    form: "no title; joint issuers signed one a line (letter-spaced) above the date",
    meta: { title: "", year: 2020, docNumber: null, issuer: "某某部、某某委员会、某某总局", date: "2020-12-23" },
    notice: false,
    preamble: "各省、自治区、直辖市人民政府，国务院各部委：\n为推动冷链物流协同发展，经国务院同意，现提出以下意见。",
  },
  {
    file: "plan-year-title.txt",
    form: "an issuer line above a short title that does not name it, whose year is the only one (2021年工作要点)",
    meta: { title: "2021年工作要点", year: 2021, docNumber: null, issuer: "某区食品安全委员会办公室", date: null },
    notice: false,
    preamble: "为做好2021年食品安全工作，制定本要点。",
  },
  {
    file: "range-title.txt",
    form: "a title naming a period only (“十四五”, （2021-2025年）) and a target year (到2025年): the period's first year",
    meta: { title: "某市“十四五”养老服务发展规划（2021-2025年）", year: 2021, docNumber: null, issuer: null, date: null },
    notice: false,
    preamble: "为推进养老服务发展，到2025年基本建成服务体系，制定本规划。",
  },
])("front matter: $form", ({ file, meta, notice, preamble }) => {
  const bytes = readFileSync(new URL(`../fixtures/front-matter/${file}`, import.meta.url));

  it(`reads ${file}: title, year, 文号, issuer and date`, async () => {
    const result = await parseInput(bytes, { name: file });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const doc = result.document;
    const { title, year, docNumber, issuer, date } = doc.meta;
    expect({ title, year, docNumber, issuer, date }).toEqual(meta);
    expect(doc.meta.notice !== null).toBe(notice);
    expect(doc.preamble).toBe(preamble);
    // Metadata never becomes the plan's text, and the first numbered heading is never swallowed.
    expect(doc.outline[0]!.marker).toBe("一、");
    expect(JSON.stringify(doc.outline)).not.toMatch(/【|抄送|印发给你们|字体|浏览次数|\d{4}年\d{1,2}月\d{1,2}日印发/);
  });
});

describe("year of issue and the deadlines' year", () => {
  it("gives the year of issue in meta.year, and resolves deadlines against the year the title names", async () => {
    const bytes = readFileSync(new URL("../fixtures/front-matter/notice-repeats-title.txt", import.meta.url));
    const result = await parseInput(bytes, { name: "notice-repeats-title.txt" });
    if (!result.ok) throw new Error(result.problem);
    expect(result.document.meta.year).toBe(2023);
    expect(result.document.outline[0]!.progress!.deadlines).toEqual([{ text: "10月底前", date: "2024-10-31", kind: "by" }]);
  });

  it("lets --year override both", () => {
    const doc = parsePlan(readFileSync(new URL("../fixtures/front-matter/notice-repeats-title.txt", import.meta.url), "utf8"), { year: 2030 });
    expect(doc.meta.year).toBe(2030);
    expect(doc.outline[0]!.progress!.deadlines[0]!.date).toBe("2030-10-31");
  });
});

describe("dates, 文号 years and title years", () => {
  it.each([
    ["2018年12月29日", "2018-12-29"],
    ["2018 年 7 月 1 日", "2018-07-01"],
    ["２０１９年１月３日", "2019-01-03"],
    ["二〇一八年十二月二十九日", "2018-12-29"],
    ["二零二一年三月八日", "2021-03-08"],
    ["（2021年5月24日）", "2021-05-24"],
    ["2021年13月1日", null],
    ["2021年5月", null],
    ["截至2021年5月24日", null],
  ])("reads the date line %s as %s", (line, iso) => {
    expect(dateOfLine(line)).toBe(iso);
  });

  it.each([
    ["鲁政字〔2019〕12号", 2019],
    ["津蓟政办发[2018]23号", 2018],
    ["博食安委（2022）3号", 2022],
    [null, null],
  ])("reads the year of the 文号 %s", (num, year) => {
    expect(docNumberYear(num)).toBe(year);
  });

  it.each([
    ["2021年马村区食品安全工作要点", 2021],
    ["蓟州区2018年食品安全监管计划", 2018],
    ["某省数字经济2019行动方案", 2019],
    ["某区2022年度工作计划", 2022],
    ["某市“十四五”教育事业发展规划", null],
    ["某市养老服务发展规划（2018-2022年）", null],
    ["某市行动计划（2021—2023年）", null],
    ["到2025年基本建成某某体系的实施意见", null],
    ["某市国民经济和社会发展2035年远景目标纲要", null],
    ["关于贯彻《2020年某某条例》的实施方案", null],
    ["某区2019年底前完成整治的工作方案", null],
  ])("reads the plan's own year in %s as %s", (title, year) => {
    expect(titleYear(title)).toBe(year);
  });
});

describe("headers", () => {
  it("reads a pkulaw header as metadata and keeps it out of the preamble", () => {
    const f = readFrontMatter(
      lines(
        "【法宝引证码】CLI.13.5678",
        "【发布部门】某市人民政府",
        "【发文字号】某政发〔2022〕3号",
        "【发布日期】2022.03.02",
        "【实施日期】2022.04.01",
        "【时效性】现行有效",
        "【效力级别】地方规范性文件",
        "【标题】某市人民政府关于印发《某市节水行动方案》的通知",
        "为推进节水，制定本方案。",
      ),
    );
    expect(f.header).toEqual({ title: "某市人民政府关于印发《某市节水行动方案》的通知", docNumber: "某政发〔2022〕3号", issuer: "某市人民政府", date: "2022-03-02" });
    expect(f).toMatchObject({ title: "某市节水行动方案", docNumber: "某政发〔2022〕3号" });
    expect(f.preamble.map((l) => l.text)).toEqual(["为推进节水，制定本方案。"]);
  });

  it("reads YAML front matter with English keys", () => {
    const f = readFrontMatter(lines("---", "title: 某区2023年河长制工作要点", "date: 2023-02-01", "author: 某区河长办", "---", "为做好工作，制定本要点。"));
    expect(f.header).toEqual({ title: "某区2023年河长制工作要点", docNumber: null, issuer: "某区河长办", date: "2023-02-01" });
    expect(f.title).toBe("某区2023年河长制工作要点");
    expect(f.preamble.map((l) => l.text)).toEqual(["为做好工作，制定本要点。"]);
  });

  it("reads the YAML front matter of a source", () => {
    expect(readSourceHeader("---\n标题: 某区工作方案\n文号: 某发〔2020〕1号\n成文日期: 2020-01-02\n发布日期: 2020-01-05\n---\n# 正文\n")).toEqual({
      title: "某区工作方案",
      docNumber: "某发〔2020〕1号",
      issuer: null,
      date: "2020-01-02",
    });
    expect(readSourceHeader("# 没有头\n---\ntitle: x\n---\n")).toEqual({ title: null, docNumber: null, issuer: null, date: null });
  });

  it("keeps a preamble line that starts with an unknown 【…】 after the title", () => {
    const f = readFrontMatter(lines("某区2021年工作要点", "【总体思路】坚持问题导向，制定本要点。"));
    expect(f.preamble.map((l) => l.text)).toEqual(["【总体思路】坚持问题导向，制定本要点。"]);
  });

  it("reads a masthead (XX文件) as the issuer", () => {
    const f = readFrontMatter(lines("某市人民政府文件", "某政发〔2020〕8号", "某市人民政府关于加强安全生产工作的意见", "各区人民政府：", "为加强安全生产，提出如下意见。"));
    expect(f).toMatchObject({ title: "某市人民政府关于加强安全生产工作的意见", issuer: "某市人民政府", docNumber: "某政发〔2020〕8号" });
  });

  it("reads a date set under a plan's own title", () => {
    const f = readFrontMatter(lines("某区关于优化营商环境的若干措施", "（2020年6月1日）", "为优化营商环境，制定以下措施。"));
    expect(f).toMatchObject({ title: "某区关于优化营商环境的若干措施", date: "2020-06-01" });
    expect(f.preamble.map((l) => l.text)).toEqual(["为优化营商环境，制定以下措施。"]);
  });

  it("splits a 文号 run into the plan's title", () => {
    expect(readFrontMatter(lines("某省人民政府关于推进某项工作的实施意见鲁政字〔2019〕12号", "为推进工作，提出如下意见。"))).toMatchObject({
      title: "某省人民政府关于推进某项工作的实施意见",
      docNumber: "鲁政字〔2019〕12号",
    });
  });

  it("drops a title the database printed twice", () => {
    const f = readFrontMatter(
      lines("某市人民政府关于印发某市节能方案(试行)的通知", "某市人民政府关于印发某市节能方案（试行）的通知", "各区：", "现印发给你们。", "2020年1月2日", "某市节能方案（试行）", "为节能，制定本方案。"),
    );
    expect(f.notice).toMatchObject({ title: "某市人民政府关于印发某市节能方案(试行)的通知", addressee: "各区：", date: "2020-01-02" });
    expect(f.title).toBe("某市节能方案（试行）");
  });
});

describe("readEndMatter in other documents", () => {
  it("skips a disclosure and a page's attachment links below the signature", () => {
    expect(readEndMatter(lines("（五）强化考核。", "某市人民政府办公厅", "2022年10月1日", "（此件公开发布）", "文件下载", "某市关于某事的实施意见.doc"))).toEqual({
      issuer: "某市人民政府办公厅",
      date: "2022-10-01",
      signed: "2022-10-01",
      printed: null,
      count: 5,
    });
  });

  it("reads a signature run into its date", () => {
    expect(readEndMatter(lines("3.加强宣传。", "某区人民政府 2021年3月1日"))).toMatchObject({ issuer: "某区人民政府", signed: "2021-03-01", count: 1 });
  });

  it("takes only the line above the date when the one above it is a heading", () => {
    expect(readEndMatter(lines("三、区市场监管局", "某区食安办", "2021年3月1日"))).toMatchObject({ issuer: "某区食安办", count: 2 });
  });
});
