import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Lexer } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CLAUSE_SEPARATORS,
  GUIDE_LABELS,
  LEADER_LABELS,
  GUIDE_WORDS,
  LEAD_LABELS,
  LEAD_WORDS,
  LIST_SEPARATORS,
  NESTED_CLOSERS,
  NESTED_OPENERS,
  RESPONSIBLE_LABELS,
  RESPONSIBLE_WORDS,
  ResponsibilityParser,
  SUPPORT_LABELS,
  SUPPORT_WORDS,
  createResponsibilityLexer,
  partyTextStartChars,
  responsibilityTokens,
} from "../grammars/responsibility.js";
import {
  MAX_BRACKET_LENGTH,
  readResponsibility,
  readResponsibilityOrThrow,
  type ResponsibilityReading,
} from "../src/pipeline/responsibility.js";

type Roles = Pick<ResponsibilityReading, "lead" | "responsible" | "support" | "guide">;
interface GoldRow extends Roles {
  seed: number;
  places: string[];
  raw: string;
}

const gold: GoldRow[] = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/brackets/gold-brackets.json", import.meta.url)), "utf8"),
) as GoldRow[];

/** The scorer's party key (shared/tools/score.py `key()`): nested brackets, blanks, a final 等 and a leading
 *  区/县/市 (unless 市场) removed. */
const key = (n: string): string =>
  n
    .replace(/[（(〈][^）)〉]*[）)〉]/g, "")
    .replace(/\s+/g, "")
    .replace(/等$/, "")
    .replace(/^(区|县|市)(?!场)/, "");

const ROLES = ["lead", "responsible", "support", "guide"] as const;
const PLACES = { places: ["马村", "焦作", "鲅鱼圈", "天津", "蓟州"] } as const;
const roles = (r: ResponsibilityReading | null): Roles | null =>
  r && { lead: r.lead, responsible: r.responsible, support: r.support, guide: r.guide };
const R = (p: Partial<Roles>): Roles => ({ lead: [], responsible: [], support: [], guide: [], ...p });

// ---------------------------------------------------------------------------------------------------------------

describe("grammar", () => {
  it("builds a lexer that keeps chevrotain's first-character optimisation (ensureOptimizations)", () => {
    const lexer = new Lexer(responsibilityTokens, { ensureOptimizations: true, positionTracking: "onlyOffset" });
    expect(lexer.lexerDefinitionErrors).toEqual([]);
    expect(() => createResponsibilityLexer({ ensureOptimizations: true })).not.toThrow();
  });

  // The hints spare the lexer chevrotain's analysis of each pattern at start-up; a hint that misses a first
  // character would make the lexer skip that token wherever it starts with that character.
  it("gives every regex token a start_chars_hint that covers chevrotain's own first-character analysis", async () => {
    const { getOptimizedStartCodesIndices } = await import(new URL("../node_modules/chevrotain/lib/src/scan/reg_exp.js", import.meta.url).href);
    const bucket = (c: number): number => (c < 256 ? c : 255 + Math.floor(c / 255));
    for (const t of responsibilityTokens) {
      if (!(t.PATTERN instanceof RegExp) || t.PATTERN === Lexer.NA) continue;
      const hint = (t as { START_CHARS_HINT?: (string | number)[] }).START_CHARS_HINT;
      expect(hint, t.name).toBeDefined();
      const hinted = new Set(hint!.map((h) => bucket(typeof h === "number" ? h : h.charCodeAt(0))));
      const analysed: number[] = getOptimizedStartCodesIndices(t.PATTERN);
      expect(analysed.length, t.name).toBeGreaterThan(0);
      expect(analysed.filter((b) => !hinted.has(b)), t.name).toEqual([]);
    }
  });

  it("lets party text start with a character of any of chevrotain's buckets, U+FE01–U+FEFF included", () => {
    const bucket = (c: number): number => (c < 256 ? c : 255 + Math.floor(c / 255));
    const hinted = new Set(partyTextStartChars().map(bucket));
    const missing: number[] = [];
    for (let c = 256; c <= 0xffff; c++) if (!hinted.has(bucket(c))) missing.push(c);
    expect(missing).toEqual([]);
    const r = createResponsibilityLexer().tokenize("\uFE4F区市场监管局牵头");
    expect(r.errors).toEqual([]);
    expect(r.tokens.map((t) => `${t.tokenType.name}:${t.image}`)).toEqual(["PartyText:\uFE4F区市场监管局", "LeadRoleWord:牵头"]);
  });

  it("passes chevrotain's grammar validations (skipValidations: false)", () => {
    expect(() => new ResponsibilityParser({ skipValidations: false })).not.toThrow();
  });

  const lexer = createResponsibilityLexer();
  const names = (s: string): string[] => {
    const r = lexer.tokenize(s);
    expect(r.errors).toEqual([]);
    return r.tokens.map((t) => `${t.tokenType.name}:${t.image}`);
  };

  it("splits a labelled bracket into label, party text, role words, separators and 及相关", () => {
    expect(names("责任单位：区农委牵头，畜牧中心、水产中心及相关职能部门依职责分工负责")).toEqual([
      "ResponsibleUnitLabel:责任单位：",
      "PartyText:区农委",
      "LeadRoleWord:牵头",
      "ClauseSeparator:，",
      "PartyText:畜牧中心",
      "ListSeparator:、",
      "PartyText:水产中心",
      "AndRelated:及",
      "PartyText:相关职能部门",
      "ResponsibleRoleWord:依职责分工负责",
    ]);
  });

  it("reads 等 before a role word and nested brackets as their own tokens", () => {
    expect(names("区食药监分局牵头，住建局（交通运输局）等配合")).toEqual([
      "PartyText:区食药监分局",
      "LeadRoleWord:牵头",
      "ClauseSeparator:，",
      "PartyText:住建局",
      "NestedOpen:（",
      "PartyText:交通运输局",
      "NestedClose:）",
      "EtCetera:等",
      "SupportRoleWord:配合",
    ]);
  });

  it("takes the longest role word at a clause end (依职责分工负责, not 负责)", () => {
    expect(names("区农委依职责分工负责").at(-1)).toBe("ResponsibleRoleWord:依职责分工负责");
    expect(names("区食安办负责组织协调").at(-1)).toBe("LeadRoleWord:负责组织协调");
  });

  it("does not split a role word out of the middle of a party name", () => {
    expect(names("区安全生产负责人办公室")).toEqual(["PartyText:区安全生产负责人办公室"]);
    expect(names("区配合协调中心、区指导站")).toEqual([
      "PartyText:区配合协调中心",
      "ListSeparator:、",
      "PartyText:区指导站",
    ]);
  });

  it("never splits on 和", () => {
    expect(names("各镇乡政府和街道办事处")).toEqual(["PartyText:各镇乡政府和街道办事处"]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe.each(gold)("gold bracket （$raw）", (row) => {
  const reading = readResponsibility(row.raw, { places: row.places });

  it("is read as a responsibility bracket", () => {
    expect(reading).not.toBeNull();
  });

  it("has the gold parties in every role, in order, under the scorer's key()", () => {
    for (const role of ROLES) expect(reading?.[role].map(key), role).toEqual(row[role].map(key));
  });

  it("differs from the gold names only by a carried district prefix", () => {
    for (const role of ROLES) {
      const got = reading?.[role] ?? [];
      expect(got).toHaveLength(row[role].length);
      got.forEach((name, i) => expect([row[role][i], `区${row[role][i]}`], role).toContain(name));
    }
  });

  it("reports no unknown role word", () => {
    expect(reading?.unknownRoles).toEqual([]);
  });
});

describe("gold brackets as a PDF wraps them", () => {
  it("read the same with line breaks and spaces inside names and role words", () => {
    const wrapped: [string, string][] = [
      ["区卫\n\n健委、农业农村局按职责分工负责", "区卫健委、农业农村局按职责分工负责"],
      ["区食药监分局牵\n\n头，住建局（交通运输局）等配合", "区食药监分局牵头，住建局（交通运输局）等配合"],
      ["区食药监分\n\n局牵头，各乡镇（街道）、区食安委相关成员单位按职责分工负\n\n责", "区食药监分局牵头，各乡镇（街道）、区食安委相关成员单位按职责分工负责"],
      ["区农业农村局、食药监\n 分局按职责分工负责", "区农业农村局、食药监分局按职责分工负责"],
    ];
    for (const [pdf, clean] of wrapped) expect(readResponsibility(pdf)).toEqual(readResponsibility(clean));
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("every form of domain.md §3 reads to exact normalized names", () => {
  const forms: [string, Roles, string | null][] = [
    // one owner
    ["区生态环境局", R({ responsible: ["区生态环境局"] }), null],
    ["各街道办事处", R({ responsible: ["各街道办事处"] }), null],
    // joint owners: the district prefix carries to later names
    ["区农业农村局、市场监管局按职责分工负责", R({ responsible: ["区农业农村局", "区市场监管局"] }), null],
    ["区卫健局、区市场监管局按职责分工负责", R({ responsible: ["区卫健局", "区市场监管局"] }), null],
    ["区市场监管局、农业农村局、交通运输局", R({ responsible: ["区市场监管局", "区农业农村局", "区交通运输局"] }), null],
    // lead + support, 等 dropped
    ["区市场监管局牵头，区交通运输局等配合", R({ lead: ["区市场监管局"], support: ["区交通运输局"] }), null],
    ["区农业农村局牵头，相关部门配合", R({ lead: ["区农业农村局"], support: ["相关部门"] }), null],
    ["区市场监管局、公安局等部门按职责分工负责", R({ responsible: ["区市场监管局", "区公安局"] }), null],
    // lead + owners
    [
      "区市场监管局牵头，文化广电和旅游局、民政局按职责分工负责",
      R({ lead: ["区市场监管局"], responsible: ["区文化广电和旅游局", "区民政局"] }),
      null,
    ],
    ["区政府食品安全办牵头，区市场监管局负责", R({ lead: ["区政府食品安全办"], responsible: ["区市场监管局"] }), null],
    ["区食安办、农委牵头，各相关部门、各镇乡街分工负责", R({ lead: ["区食安办", "区农委"], responsible: ["各相关部门", "各镇乡街"] }), null],
    // labelled
    [
      "责任单位：区农委牵头，区畜牧中心、种植中心、水产中心依职责分工负责",
      R({ lead: ["区农委"], responsible: ["区畜牧中心", "区种植中心", "区水产中心"] }),
      "责任单位",
    ],
    ["责任单位：区市场监管局负责，区农委依职责分工配合", R({ responsible: ["区市场监管局"], support: ["区农委"] }), "责任单位"],
    ["责任部门：区教育局", R({ responsible: ["区教育局"] }), "责任部门"],
    ["主要责任单位：区卫生健康委、教育局", R({ responsible: ["区卫生健康委", "区教育局"] }), "主要责任单位"],
    ["主责单位:区财政局", R({ responsible: ["区财政局"] }), "主责单位"],
    // coordinator
    ["责任单位：区食安办组织协调，区卫计委、农委依职责分工负责", R({ lead: ["区食安办"], responsible: ["区卫计委", "区农委"] }), "责任单位"],
    ["责任单位：区食安办负责组织协调，区市场监管局、农委依职责分工负责", R({ lead: ["区食安办"], responsible: ["区市场监管局", "区农委"] }), "责任单位"],
    // other label forms
    ["牵头单位：区市场监管局；配合单位：区公安分局、区商务局", R({ lead: ["区市场监管局"], support: ["区公安分局", "区商务局"] }), "牵头单位"],
    ["牵头部门：区民政局；配合部门：区财政局", R({ lead: ["区民政局"], support: ["区财政局"] }), "牵头部门"],
    ["牵头单位：区市场监管局，区卫生健康委；协办单位：区教育局", R({ lead: ["区市场监管局", "区卫生健康委"], support: ["区教育局"] }), "牵头单位"],
    ["指导单位：区农业农村局；责任单位：各镇街", R({ guide: ["区农业农村局"], responsible: ["各镇街"] }), "指导单位"],
    ["区市场监管局牵头配合单位：区公安局", R({ lead: ["区市场监管局"], support: ["区公安局"] }), "配合单位"],
    // a clause with no role word takes the next clause's role
    [
      "区检察院，公安分局、农业农村局、市场监管局按职责分工负责",
      R({ responsible: ["区检察院", "区公安分局", "区农业农村局", "区市场监管局"] }),
      null,
    ],
    [
      "区市场监管局牵头，区委宣传部，马村公安分局、民政局按职责分工负责",
      R({ lead: ["区市场监管局"], responsible: ["区委宣传部", "马村公安分局", "区民政局"] }),
      null,
    ],
    ["区财政局，各乡镇（街道）", R({ responsible: ["区财政局", "各乡镇（街道）"] }), null],
    ["区民政局，区财政局配合", R({ support: ["区民政局", "区财政局"] }), null],
    // party lists: 及相关, never 和
    [
      "责任单位：区食安办、农委、水产中心及相关职能部门依职责分工负责",
      R({ responsible: ["区食安办", "区农委", "区水产中心", "相关职能部门"] }),
      "责任单位",
    ],
    ["各镇乡政府和街道办事处", R({ responsible: ["各镇乡政府和街道办事处"] }), null],
    ["各相关行政执法部门和公安部门", R({ responsible: ["各相关行政执法部门和公安部门"] }), null],
    ["区工业和信息化局、住房和城乡建设局", R({ responsible: ["区工业和信息化局", "区住房和城乡建设局"] }), null],
    // nested brackets stay in the name (ASCII ones written full-width)
    ["区食药监分局、住建局（交通运输局）等按职责分工负责", R({ responsible: ["区食药监分局", "区住建局（交通运输局）"] }), null],
    ["各乡镇（街道）", R({ responsible: ["各乡镇（街道）"] }), null],
    ["天津海关〈原宝坻出入境检验检疫局〉", R({ responsible: ["天津海关〈原宝坻出入境检验检疫局〉"] }), null],
    [
      "区食药监分局牵头，区工信局（金融工作局），各乡镇（街道）按职责分工负责",
      R({ lead: ["区食药监分局"], responsible: ["区工信局（金融工作局）", "各乡镇（街道）"] }),
      null,
    ],
    ["各县（市、区）人民政府，市市场监管局", R({ responsible: ["各县（市、区）人民政府", "市市场监管局"] }), null],
    ["各县（市、区）", R({ responsible: ["各县（市、区）"] }), null],
    ["区工信局(金融工作局)、农业农村局", R({ responsible: ["区工信局（金融工作局）", "区农业农村局"] }), null],
    // the district prefix: carried, but not to collectives, places, 海关, or names before the first prefixed one
    ["区委宣传部、网信办", R({ responsible: ["区委宣传部", "区网信办"] }), null],
    ["高新法庭、公安分局、区住建局、农业农村局", R({ responsible: ["高新法庭", "公安分局", "区住建局", "区农业农村局"] }), null],
    ["鲅鱼圈海关、区公安局按职责分工负责", R({ responsible: ["鲅鱼圈海关", "区公安局"] }), null],
    ["区市场监管局、天津海关、各镇街", R({ responsible: ["区市场监管局", "天津海关", "各镇街"] }), null],
    ["区食安办牵头，区食安委相关成员单位配合", R({ lead: ["区食安办"], support: ["区食安委相关成员单位"] }), null],
    ["区财政局、镇乡街政府", R({ responsible: ["区财政局", "镇乡街政府"] }), null],
    ["区民政局、市容园林委", R({ responsible: ["区民政局", "区市容园林委"] }), null],
    ["县市场监管局牵头，公安局、农业农村局配合", R({ lead: ["县市场监管局"], support: ["县公安局", "县农业农村局"] }), null],
    ["市市场监管局、公安局", R({ responsible: ["市市场监管局", "市公安局"] }), null],
    // separators: ASCII, with spaces
    ["区卫生健康委牵头, 区政府食品安全委相关成员单位按职责分工负责", R({ lead: ["区卫生健康委"], responsible: ["区政府食品安全委相关成员单位"] }), null],
    ["区卫生健康委牵头,区教育局配合", R({ lead: ["区卫生健康委"], support: ["区教育局"] }), null],
    ["区市场监管局牵头;区公安局配合", R({ lead: ["区市场监管局"], support: ["区公安局"] }), null],
    ["区市场监管局 、 区公安局 按职责分工负责", R({ responsible: ["区市场监管局", "区公安局"] }), null],
    // role-word synonyms
    ["区市场监管局负责，区交通运输局各负其责", R({ responsible: ["区市场监管局", "区交通运输局"] }), null],
    ["区财政局具体负责", R({ responsible: ["区财政局"] }), null],
    ["区公安局协助", R({ support: ["区公安局"] }), null],
    ["区城管局参与", R({ support: ["区城管局"] }), null],
    ["区农业农村局牵头负责，区公安局依职责配合", R({ lead: ["区农业农村局"], support: ["区公安局"] }), null],
    // guide
    ["区农业农村局业务指导，各镇街负责", R({ guide: ["区农业农村局"], responsible: ["各镇街"] }), null],
    ["区教育局指导，区市场监管局牵头，各学校落实", R({ guide: ["区教育局"], lead: ["区市场监管局"], responsible: ["各学校"] }), null],
    // duplicates within a role
    ["区市场监管局、区市场监管局", R({ responsible: ["区市场监管局"] }), null],
  ];

  it.each(forms)("（%s）", (inner, expected, label) => {
    const r = readResponsibility(inner, PLACES);
    expect(roles(r)).toEqual(expected);
    expect(r?.label).toBe(label);
    expect(r?.unknownRoles).toEqual([]);
  });
});

describe("options.places", () => {
  it("keeps a name that starts with a place stem of the document free of the carried prefix", () => {
    expect(readResponsibility("区委宣传部，马村公安分局、民政局", { places: ["马村"] })?.responsible).toEqual([
      "区委宣传部",
      "马村公安分局",
      "区民政局",
    ]);
  });
  it("carries the prefix onto it when the stem is not known (the scorer's key still matches)", () => {
    const r = readResponsibility("区委宣传部，马村公安分局、民政局");
    expect(r?.responsible).toEqual(["区委宣传部", "区马村公安分局", "区民政局"]);
    expect(r?.responsible.map(key)).toEqual(["委宣传部", "马村公安分局", "民政局"]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("parentheses that are not responsibility brackets read as null", () => {
  const notBrackets = [
    "试行",
    "2020-2022年",
    "“双安双创”",
    "HACCP",
    "天津",
    "午托机构",
    "专用通道进货、专区存放、专区售卖",
    "检验检疫合格证明、核酸检测证明、消毒证明",
    "中发〔2019〕17号",
    "焦示党文〔2020〕21号",
    "征求意见稿",
    "此件主动公开",
    "园长",
    "户",
    "厂",
    "库",
    "含幼儿园",
    "幼儿园",
    "绿色通道、待检通道",
    "简称：“双安双创”",
    "会议、活动",
    "扩大",
    "社区",
    "街道",
    "乡镇",
    "区",
    "监",
    "镇",
    "伙房",
    "农贸",
    "一",
    "二十二",
    "1",
    "2021年6月底前完成",
    "2021年试行",
    "2021年修订",
    "无公害农产品、绿色食品、有机农产品和农产品地理标志",
    "市场监管所+N个监管片区+X个城乡社区网格",
    "不得销售无入境货物检验检疫证明、无核酸检测证明、无消毒证明、无“豫冷链”追溯码的进口冷链食品",
    "区市场监管局负责全区食品安全工作。区公安局配合",
    "",
    "   ",
    "牵头",
    "责任单位：",
    "区市场监管局、",
    "区市场监管局（公安局",
    "责任单位：（区市场监管局）",
  ];
  it.each(notBrackets)("（%s）", (inner) => {
    expect(readResponsibility(inner, PLACES)).toBeNull();
  });

  it(`gives up on an inside longer than ${MAX_BRACKET_LENGTH} characters`, () => {
    const long = Array.from({ length: 60 }, () => "区市场监管局").join("、");
    expect(long.length).toBeGreaterThan(MAX_BRACKET_LENGTH);
    expect(readResponsibility(long)).toBeNull();
    const short = Array.from({ length: 9 }, () => "区市场监管局").join("、");
    expect(readResponsibility(short)?.responsible).toEqual(["区市场监管局"]);
  });
});

describe("unknown role words", () => {
  it("keeps 区市场监管局 under responsible and reports 督办", () => {
    const r = readResponsibility("区市场监管局督办");
    expect(roles(r)).toEqual(R({ responsible: ["区市场监管局"] }));
    expect(r?.unknownRoles).toEqual(["督办"]);
  });

  it("does not let the clause before it take a later role", () => {
    const r = readResponsibility("区食安办，区市场监管局督办，区公安局配合");
    expect(roles(r)).toEqual(R({ responsible: ["区食安办", "区市场监管局"], support: ["区公安局"] }));
    expect(r?.unknownRoles).toEqual(["督办"]);
  });

  it("splits a role-like word that follows an agency name and drops a 等 before it", () => {
    const r = readResponsibility("区卫生健康委、教育局等统筹");
    expect(roles(r)).toEqual(R({ responsible: ["区卫生健康委", "区教育局"] }));
    expect(r?.unknownRoles).toEqual(["统筹"]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("properties", () => {
  const SEPARATORS = /[、，,；;：:\s]/;
  const unnested = (s: string): string => {
    for (let prev = ""; prev !== s; ) [prev, s] = [s, s.replace(/[（(〈〔【[][^（(〈〔【[）)〉〕】\]]*[）)〉〕】\]]/g, "")];
    return s;
  };
  const compact = (s: string): string => s.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");
  const check = (inner: string): void => {
    const r = readResponsibilityOrThrow(inner, PLACES);
    expect(readResponsibility(inner, PLACES)).toEqual(r); // the shared parser carries no state between calls
    if (r === null) return;
    const text = compact(inner);
    for (const role of ROLES) {
      expect(new Set(r[role]).size).toBe(r[role].length);
      for (const p of r[role]) {
        expect(p.length).toBeGreaterThan(0);
        expect(unnested(p).length).toBeGreaterThanOrEqual(2);
        expect(unnested(p)).not.toMatch(SEPARATORS); // separators only inside nested brackets: 各县（市、区）
        // substring-ish: as written, or with a carried 区/县/市 in front
        expect(text.includes(p) || (/^[区县市]/.test(p) && text.includes(p.slice(1)))).toBe(true);
      }
    }
    for (const w of r.unknownRoles) expect(text).toContain(w);
  };

  it("never throws on arbitrary strings, and every party is a non-empty piece of the input", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 60 }), check), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), check), { numRuns: 1000 });
  });

  const vocabulary = [
    ...LEAD_WORDS,
    ...SUPPORT_WORDS,
    ...RESPONSIBLE_WORDS,
    ...GUIDE_WORDS,
    ...[...RESPONSIBLE_LABELS, ...LEAD_LABELS, ...SUPPORT_LABELS, ...GUIDE_LABELS, ...LEADER_LABELS].flatMap((l) => [l, `${l}：`]),
    ...LIST_SEPARATORS,
    ...CLAUSE_SEPARATORS,
    ...NESTED_OPENERS,
    ...NESTED_CLOSERS,
    ...["区", "县", "市", "市场监管局", "农业农村局", "公安分局", "住房和城乡建设局", "各", "乡镇", "街道", "相关", "部门"],
    ...["成员单位", "等", "及", "和", "海关", "马村", "委", "办", "督办", "中心", " ", "\n", "：", "。", "〔", "〕", "1", "会同", "张明", "以及"],
  ];
  it("never throws on strings built from the token vocabulary, and every party is well formed", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 24 }).map((a) => a.join("")), check),
      { numRuns: 5000 },
    );
  });

  it("reads every gold bracket within a few microseconds on average", () => {
    const start = performance.now();
    let n = 0;
    for (let i = 0; i < 20; i++) for (const row of gold) (readResponsibility(row.raw, row), n++);
    expect((performance.now() - start) / n).toBeLessThan(0.5); // ms per call; ~0.01 ms measured
  });
});
