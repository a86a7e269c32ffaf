import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { extractDeadlines, isDeadlineOnly } from "../src/pipeline/deadlines.js";
import type { Deadline } from "../src/schema.js";

const by = (text: string, date: string | null): Deadline => ({ text, date, kind: "by" });
const every = (text: string): Deadline => ({ text, date: null, kind: "recurring" });
const vague = (text: string): Deadline => ({ text, date: null, kind: "vague" });

type Row = [input: string, year: number | null, expected: Deadline[]];

describe("by deadlines resolve to the last day they allow", () => {
  const rows: Row[] = [
    // end of month
    ["6月底前", 2021, [by("6月底前", "2021-06-30")]],
    ["12月底前完成", 2021, [by("12月底前", "2021-12-31")]],
    ["5月底前印发年度要点", 2021, [by("5月底前", "2021-05-31")]],
    ["11月底", 2021, [by("11月底", "2021-11-30")]],
    ["6月末", 2021, [by("6月末", "2021-06-30")]],
    ["9月底之前", 2021, [by("9月底之前", "2021-09-30")]],
    ["6月份底前", 2021, [by("6月份底前", "2021-06-30")]],
    ["11 月底前", 2021, [by("11 月底前", "2021-11-30")]],
    ["１２月底前", 2021, [by("１２月底前", "2021-12-31")]],
    ["十二月底前", 2021, [by("十二月底前", "2021-12-31")]],
    ["三月底前", 2021, [by("三月底前", "2021-03-31")]],
    ["2月底前", 2021, [by("2月底前", "2021-02-28")]],
    ["2月底前", 2024, [by("2月底前", "2024-02-29")]],
    ["2月底前", 2100, [by("2月底前", "2100-02-28")]],
    ["2月底前", 2000, [by("2月底前", "2000-02-29")]],
    ["2021年6月底前", 2020, [by("2021年6月底前", "2021-06-30")]],
    ["2022 年 3 月底前", 2021, [by("2022 年 3 月底前", "2022-03-31")]],
    ["明年6月底前", 2021, [by("明年6月底前", "2022-06-30")]],
    ["二〇二二年六月底前", 2021, [by("二〇二二年六月底前", "2022-06-30")]],
    // before a month starts
    ["6月前", 2021, [by("6月前", "2021-05-31")]],
    ["3月之前", 2024, [by("3月之前", "2024-02-29")]],
    ["1月前", 2021, [by("1月前", "2020-12-31")]],
    ["2022年1月前", 2021, [by("2022年1月前", "2021-12-31")]],
    // part of a month
    ["6月上旬", 2021, [by("6月上旬", "2021-06-10")]],
    ["6月中旬", 2021, [by("6月中旬", "2021-06-20")]],
    ["6月下旬", 2021, [by("6月下旬", "2021-06-30")]],
    ["2月下旬前", 2024, [by("2月下旬前", "2024-02-29")]],
    // a day
    ["11月1日前", 2021, [by("11月1日前", "2021-11-01")]],
    ["2021年11月1日前", 2020, [by("2021年11月1日前", "2021-11-01")]],
    ["9月30日之前", 2021, [by("9月30日之前", "2021-09-30")]],
    ["10月8号前", 2021, [by("10月8号前", "2021-10-08")]],
    [
      "并分别于8月27日和10月29日前向区委报送",
      2021,
      [by("8月27日", "2021-08-27"), by("10月29日前", "2021-10-29")],
    ],
    ["2月29日前", 2021, [by("2月29日前", null)]],
    ["2月29日前", 2024, [by("2月29日前", "2024-02-29")]],
    ["5月1日至6月30日开展专项行动", 2021, [by("6月30日", "2021-06-30")]],
    ["4月底至5月底", 2021, [by("5月底", "2021-05-31")]],
    // year end
    ["年底前", 2021, [by("年底前", "2021-12-31")]],
    ["年底对优秀网格员进行表彰", 2021, [by("年底", "2021-12-31")]],
    ["年末", 2021, [by("年末", "2021-12-31")]],
    ["2021年底", 2021, [by("2021年底", "2021-12-31")]],
    ["2021 年底全区", 2021, [by("2021 年底", "2021-12-31")]],
    ["到2022年底，至少打造1个", 2021, [by("2022年底", "2022-12-31")]],
    ["今年年底前", 2021, [by("今年年底前", "2021-12-31")]],
    ["二〇二一年底", 2020, [by("二〇二一年底", "2021-12-31")]],
    ["次年底前", 2021, [by("次年底前", "2022-12-31")]],
    ["年内完成", 2021, [by("年内", "2021-12-31")]],
    ["2021年内完成", null, [by("2021年内", "2021-12-31")]],
    ["全年内完成", 2021, [by("全年内", "2021-12-31")]],
    ["全年完成抽检任务", 2021, [by("全年", "2021-12-31")]],
    ["年\n\n底前大中型餐饮单位", 2021, [by("年\n\n底前", "2021-12-31")]],
    // halves and quarters
    ["上半年", 2021, [by("上半年", "2021-06-30")]],
    ["下半年", 2021, [by("下半年", "2021-12-31")]],
    ["2022年上半年完成", 2021, [by("2022年上半年", "2022-06-30")]],
    ["一季度", 2021, [by("一季度", "2021-03-31")]],
    ["第一季度末前", 2021, [by("第一季度末前", "2021-03-31")]],
    ["1季度", 2021, [by("1季度", "2021-03-31")]],
    ["第二季度", 2021, [by("第二季度", "2021-06-30")]],
    ["三季度前", 2021, [by("三季度前", "2021-09-30")]],
    ["四季度", 2021, [by("四季度", "2021-12-31")]],
    // no plan year: still a by deadline, but no date to give
    ["6月底前", null, [by("6月底前", null)]],
    ["年底前", null, [by("年底前", null)]],
    ["一季度", null, [by("一季度", null)]],
    ["2021年6月底前", null, [by("2021年6月底前", "2021-06-30")]],
  ];
  it.each(rows)("%j (year %s) gives %j", (input, year, expected) => {
    expect(extractDeadlines(input, year)).toEqual(expected);
  });
});

describe("recurring deadlines keep their phrase and have no date", () => {
  const rows: Row[] = [
    ["每季度", 2021, [every("每季度")]],
    ["每半年进行数据共享", 2021, [every("每半年")]],
    ["每月发布红黑榜", 2021, [every("每月")]],
    ["每周开展核酸检测", 2021, [every("每周")]],
    ["每年", 2021, [every("每年")]],
    ["每两个月", 2021, [every("每两个月")]],
    ["每月编发 2期简报", 2021, [every("每月")]],
    ["每月编发简报不少于3期", 2021, [every("每月")]],
    ["每月10日前报送", 2021, [every("每月10日前")]],
    ["每年年底前", 2021, [every("每年年底前")]],
    ["每年6月底前", 2021, [every("每年6月底前")]],
    ["每一季度", 2021, [every("每一季度")]],
    ["全年不少于4次", 2021, [every("全年不少于4次")]],
    ["全年不少于 2次", 2021, [every("全年不少于 2次")]],
    ["全年至少向班子会汇报食品安全工作4次", 2021, [every("全年至少向班子会汇报食品安全工作4次")]],
    ["全年召开食安委会议不低于2次", 2021, [every("全年召开食安委会议不低于2次")]],
    ["全年完成4次", 2021, [every("全年完成4次")]],
    ["每季度一次，全年不少于4次", 2021, [every("每季度"), every("全年不少于4次")]],
    ["区食安办每季度通报，每半年总结", null, [every("每季度"), every("每半年")]],
  ];
  it.each(rows)("%j (year %s) gives %j", (input, year, expected) => {
    expect(extractDeadlines(input, year)).toEqual(expected);
  });
});

describe("vague deadlines keep their phrase and have no date", () => {
  const rows: Row[] = [
    ["适时完成本级政府食安委调整工作", 2021, [vague("适时")]],
    ["按时间节点推进", 2021, [vague("按时间节点推进")]],
    ["按照时间节点深入推进", 2021, [vague("按照时间节点")]],
    ["按工作进度分阶段有序推进。", 2021, [vague("按工作进度分阶段有序推进")]],
    ["工作情况有序推进", 2021, [vague("有序推进")]],
    ["长期坚持", 2021, [vague("长期坚持")]],
    ["持续推进", 2021, [vague("持续推进")]],
    ["按时完成上级安排部署的各项抽检任务", 2021, [vague("按时完成")]],
    ["随时报告", 2021, [vague("随时")]],
    ["按时间节点推\n\n进，年底前完成", 2021, [vague("按时间节点推\n\n进"), by("年底前", "2021-12-31")]],
  ];
  it.each(rows)("%j (year %s) gives %j", (input, year, expected) => {
    expect(extractDeadlines(input, year)).toEqual(expected);
  });
});

describe("numbers that are not deadlines give nothing", () => {
  const rows: Row[] = [
    ["拨打12315投诉举报", 2021, []],
    ["实施率达到100%", 2021, []],
    ["全年抽检4批次/千人", 2021, []],
    ["开展培训2次", 2021, []],
    ["合格率40.8%", 2021, []],
    ["2021年是中国共产党成立100周年", 2021, []],
    ["纳入“十四五”规划", 2021, []],
    ["制定实施《2021年马村区食品安全国家标准跟踪评价方案》", 2021, []],
    ["近3个月", 2021, []],
    ["6月开展宣传月活动", 2021, []],
    ["1-6月", 2021, []],
    ["6月前后", 2021, []],
    ["自6月1日起施行", 2021, []],
    ["13月底前", 2021, []],
    ["比上年底增长", 2021, []],
    ["去年底", 2021, []],
    ["三年内完成", 2021, []],
    ["两年内", 2021, []],
    ["5年内", 2021, []],
    ["年内容", 2021, []],
    ["培训月", 2021, []],
    ["", 2021, []],
  ];
  it.each(rows)("%j (year %s) gives %j", (input, year, expected) => {
    expect(extractDeadlines(input, year)).toEqual(expected);
  });
});

// Progress clauses copied from fixtures/seeds/000_8d72839633e6c520.txt (label 工作进度： removed); the plan is of 2021.
const CLAUSE_000 = {
  "（一）":
    "及时向班子会报告食品安全工作按时间节点推进，年底前完成；未制定本级《健全食品安全责任制加强食品安全工作的若干措施》的办事处，6月底前完成。12月底前完成食品安全工作专题调研；全年不少于4次组织召开班子会或专题会议听取食品安全工作汇报；全年不少于2次组织协调食品安全监管部门和相关部门，及时分析食品安全形势，研究解决食品安全领域相关问题。",
  "（三）":
    "全年至少向班子会或专题会议汇报食品安全工作4次；5月底前印发年度食品安全工作要点；全年召开食安委会议不低于2次，食品安全办主任会议不低于4次。",
  "（十一）":
    "年底前，全区餐饮单位明厨亮灶实施率达到100%，大中型餐饮单位“互联网+明厨亮灶”入网餐饮单位达到100%；年底前大中型餐饮单位“6S”标准化管理建设达到100%； 6月底前，完成学校（幼儿园）食堂智慧监管系统推广应用工作，8月底前，完成养老机构食堂、医疗机构食堂、大中型餐饮单位智慧监管系统推广应用工作，12月底前，完成其他餐饮服务单位智慧监管系统推广应用工作；适时开展保健食品行业专项清理整治行动；根据《河南省乳制品质量提升行动方案》和《河南省肉制品质量提升行动方案》，按照时间节点深入推进乳制品和肉制品质量安全提升行动；在节假日等重点时段加大对旅游景区、养老机构、医院、建筑工地的食品安全检查力度；召开清真食品工作培训会，按照时间节点做好民族宗教政策法规培训月食品安全宣传工作。",
  "（十二）":
    "区政府食品安全办每季度组织食品安全委员会成员单位对当前食品安全开展食品安全形势会商，并形成专题报告，提出相关建议，报区领导供决策参考；5月底前建立形势会商制度、信息共享制度、信息报送制度；全年对食品安全网格员开展培训工作不少于2次，年底对优秀网格员进行表彰。",
  "（十四）":
    "11月底前全部完成各类食品经营主体的推进工作；年底前实现100%许可网上办理；2021年底全区参与放心食品超市自我承诺活动的食品超市达到90%以上；11月底前完成国家追溯平台注册信息审核。",
  "（十七）":
    "适时修订完善《马村区食品安全事故应急预案》《马村区农产品质量安全事故应急预案》；11月底前开展食品安全事件应急演练活动。",
  "（十八）":
    "年底前按照省标准跟踪评价方案，精心谋划，制定实施《2021年马村区食品安全国家标准跟踪评价方案》，完成食品安全国家标准跟踪评价任务；结合省市等专业培训机构，组织企业开展培训，推进企业诚信管理体系建设。",
} as const;

const datesOf = (ds: Deadline[]) => [...new Set(ds.flatMap((d) => (d.date === null ? [] : [d.date])))].sort();

describe("the real progress clauses of seed 000 give the gold dates", () => {
  const gold: [keyof typeof CLAUSE_000, string[]][] = [
    ["（一）", ["2021-06-30", "2021-12-31"]],
    ["（三）", ["2021-05-31"]],
    ["（十一）", ["2021-06-30", "2021-08-31", "2021-12-31"]],
    ["（十二）", ["2021-05-31"]],
    ["（十四）", ["2021-11-30", "2021-12-31"]],
    ["（十七）", ["2021-11-30"]],
    ["（十八）", ["2021-12-31"]],
  ];
  it.each(gold)("%s includes %j", (item, dates) => {
    expect(datesOf(extractDeadlines(CLAUSE_000[item], 2021))).toEqual(expect.arrayContaining(dates));
  });

  it("(一) lists each deadline once, in text order", () => {
    expect(extractDeadlines(CLAUSE_000["（一）"], 2021)).toEqual([
      vague("按时间节点推进"),
      by("年底前", "2021-12-31"),
      by("6月底前", "2021-06-30"),
      by("12月底前", "2021-12-31"),
      every("全年不少于4次"),
      every("全年不少于2次"),
    ]);
  });

  it("(三) has exactly one dated deadline; its other counts are recurring", () => {
    expect(extractDeadlines(CLAUSE_000["（三）"], 2021)).toEqual([
      every("全年至少向班子会或专题会议汇报食品安全工作4次"),
      by("5月底前", "2021-05-31"),
      every("全年召开食安委会议不低于2次"),
    ]);
  });

  it("(十一) finds the by dates and the vague phrases and nothing in 100% or 6S", () => {
    expect(extractDeadlines(CLAUSE_000["（十一）"], 2021)).toEqual([
      by("年底前", "2021-12-31"),
      by("年底前", "2021-12-31"),
      by("6月底前", "2021-06-30"),
      by("8月底前", "2021-08-31"),
      by("12月底前", "2021-12-31"),
      vague("适时"),
      vague("按照时间节点"),
      vague("按照时间节点"),
    ]);
  });

  it("(十二) also reports 年底 (表彰) as a by deadline next to the gold 5月底前", () => {
    expect(extractDeadlines(CLAUSE_000["（十二）"], 2021)).toEqual([
      every("每季度"),
      by("5月底前", "2021-05-31"),
      every("全年对食品安全网格员开展培训工作不少于2次"),
      by("年底", "2021-12-31"),
    ]);
  });

  it("(十四) keeps the explicit year of 2021年底", () => {
    expect(extractDeadlines(CLAUSE_000["（十四）"], 2021)).toEqual([
      by("11月底前", "2021-11-30"),
      by("年底前", "2021-12-31"),
      by("2021年底", "2021-12-31"),
      by("11月底前", "2021-11-30"),
    ]);
  });

  it("(十八) does not read the year in a document title as a deadline", () => {
    expect(extractDeadlines(CLAUSE_000["（十八）"], 2021)).toEqual([by("年底前", "2021-12-31")]);
  });
});

// Seed 003 is PDF-extracted: clauses wrap mid-phrase and put spaces between CJK and digits.
describe("PDF-wrapped clauses of seed 003 give the same deadlines, with the text as written", () => {
  it("(一) joins phrases broken over lines", () => {
    const clause =
      "及时向党委会议报告食品安全工作按时间节点推\n\n进，年底前完成；12月底前完成食品安全工作专题调研；组织\n 召开常委会会议或专题会议听取食品安全工作汇报全年不少于2\n\n次；组织召开政府常务会议、办公会议或专题会议听取食品安全\n\n工作汇报全年不少于 2次；组织协调食品安全监管部门和相关部\n\n门，及时分析食品安全形势，研究解决食品安全领域相关问题全\n\n年不少于 2次。\n";
    expect(extractDeadlines(clause, 2021)).toEqual([
      vague("按时间节点推\n\n进"),
      by("年底前", "2021-12-31"),
      by("12月底前", "2021-12-31"),
      every("全年不少于2\n\n次"),
      every("全年不少于 2次"),
      every("全\n\n年不少于 2次"),
    ]);
  });

  it("(十四) reads 2021 年底 and ignores 100% / 90%", () => {
    const clause =
      "11月底前全部完成各类食品经营主体的推进工\n\n作；年底前实现 100%许可网上办理，100%发放食品生产许可电\n\n子证书；2021 年底全区参与放心食品超市自我承诺活动的食品\n\n超市达到 90%以上；11月底前完成国家追溯平台注册信息审核。";
    expect(extractDeadlines(clause, 2021)).toEqual([
      by("11月底前", "2021-11-30"),
      by("年底前", "2021-12-31"),
      by("2021 年底", "2021-12-31"),
      by("11月底前", "2021-11-30"),
    ]);
  });

  it("(十七) reads 11月 / 底前 split over lines", () => {
    const clause =
      "适时修订完善《焦作市示范区食品安全事故应急\n\n预案》《焦作市示范区农产品质量安全事故应急预案》；11月\n\n底前区乡两级开展食品安全事件应急演练活动。";
    expect(extractDeadlines(clause, 2021)).toEqual([vague("适时"), by("11月\n\n底前", "2021-11-30")]);
  });

  it("does not glue digits separated by a space into one number", () => {
    expect(extractDeadlines("第 1 2月底前", 2021)).toEqual([by("2月底前", "2021-02-28")]);
  });
});

describe("isDeadlineOnly", () => {
  it.each([
    "2021年6月底前完成",
    "6月底前",
    "年底前完成",
    "长期坚持",
    "持续推进",
    "2021年12月底前完成，长期坚持",
    "每季度",
    "年底前全部完成",
    " 6 月底前 ",
    "8月27日和10月29日前",
    "于2021年6月底前完成",
    "力争年底前完成",
  ])("is true for the progress-only bracket %j", (inner) => {
    expect(isDeadlineOnly(inner)).toBe(true);
  });

  it.each([
    "区市场监管局牵头",
    "区市场监管局牵头，6月底前完成",
    "各乡镇（街道）",
    "2021年",
    "12315",
    "幼儿园",
    "",
    "  ",
    "完成",
  ])("is false for %j, which names owners or has no deadline", (inner) => {
    expect(isDeadlineOnly(inner)).toBe(false);
  });
});

describe("robustness", () => {
  const alphabet = [..."0123456789０１２３４５６７８９年月日号底末前后内上中下半旬季度第每全至少不于次期和、，；。 \n.%适时按节点推进有序长期坚持十一二三四今明去"];
  const clauseLike = fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((cs) => cs.join(""));

  const check = (input: string, year: number | null) => {
    const ds = extractDeadlines(input, year);
    let from = 0;
    for (const d of ds) {
      const at = input.indexOf(d.text, from);
      expect(at).toBeGreaterThanOrEqual(from);
      expect(d.text.length).toBeGreaterThan(0);
      from = at + d.text.length;
      if (d.date !== null) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(["by", "recurring", "vague"]).toContain(d.kind);
      if (d.kind !== "by") expect(d.date).toBeNull();
    }
    isDeadlineOnly(input);
  };

  it("never throws on arbitrary strings, and every text is a substring at increasing positions", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.option(fc.integer({ min: -5, max: 10000 })), (s, y) =>
        check(s, y),
      ),
      { numRuns: 500 },
    );
  });

  it("never throws on clause-like strings dense in deadline characters, and the same invariants hold", () => {
    fc.assert(
      fc.property(clauseLike, fc.option(fc.integer({ min: 1900, max: 2100 })), (s, y) => check(s, y)),
      { numRuns: 2000 },
    );
  });

  it("never gives a date that is not a real calendar day", () => {
    fc.assert(
      fc.property(clauseLike, fc.integer({ min: 1900, max: 2100 }), (s, y) => {
        for (const d of extractDeadlines(s, y)) {
          if (d.date === null) continue;
          const parsed = new Date(`${d.date}T00:00:00Z`);
          expect(parsed.toISOString().slice(0, 10)).toBe(d.date);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["月", "月".repeat(1 << 20)],
    ["1", "1".repeat(1 << 20)],
    ["年", "年".repeat(1 << 20)],
    ["每", "每".repeat(1 << 20)],
    ["全年 + spaces", "全年" + " ".repeat(1 << 20) + "2次"],
    ["1 + spaces", ("1" + " ".repeat(64)).repeat(1 << 14)],
    ["6月底前", "6月底前".repeat(1 << 18)],
  ])("returns on a 1 MB string of %s", (_name, input) => {
    expect(Array.isArray(extractDeadlines(input, 2021))).toBe(true);
    expect(typeof isDeadlineOnly(input)).toBe("boolean");
  });
});

describe("a year written right after another deadline", () => {
  it("reads 2021年底前 after 前 as a deadline of its own (前 guards only 前年底)", () => {
    expect(extractDeadlines("6月底前2021年底前", 2021).map((d) => d.date)).toEqual(["2021-06-30", "2021-12-31"]);
    expect(extractDeadlines("前年底", 2021)).toEqual([]);
  });
});
