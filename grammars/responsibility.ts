// Grammar of the inside of a responsibility bracket (责任括号), e.g. the text between the parentheses of
// `（责任单位：区农委牵头，区畜牧中心、种植中心、水产中心依职责分工负责）`.
//
// Tokens and rules only: what a role word *means*, how party names are normalized and whether a parenthesis is
// a responsibility bracket at all is decided in src/pipeline/responsibility.ts.
//
// Chevrotain notes (see shared/notes/chevrotain-and-startup.md): no `u` flag, BMP only. Every token whose
// pattern is a custom matcher carries `start_chars_hint`, so the lexer keeps its first-character optimisation
// (a test builds it with `ensureOptimizations: true`).

import { CstParser, Lexer, createToken, type CstNode, type IParserConfig, type IToken, type TokenType } from "chevrotain";

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary (literal words of the domain). Longest first inside each list is not required (see `alternation`).

/** 牵头 and its synonyms: the lead unit. */
export const LEAD_WORDS = ["负责组织协调", "牵头负责", "负责牵头", "牵头落实", "牵头抓总", "统筹协调", "组织协调", "牵头"] as const;
/** 配合 and its synonyms: supporting units. */
export const SUPPORT_WORDS = [
  "依职责分工配合",
  "按职责分工配合",
  "依职责配合",
  "按职责配合",
  "积极配合",
  "密切配合",
  "配合落实",
  "协同配合",
  "配合",
  "协办",
  "协助",
  "协同",
  "参与",
  "参加",
] as const;

// 负责 and 落实 with what plans put in front of them: 按职责分工负责, 依职能分工负责, 按职责分别负责, 分头落实 …
const DUTY_BASES = ["按职责", "依职责", "按照职责", "依照职责", "按职能", "依职能", "按照职能"];
const DUTY_MODES = ["", "分工", "分别"];
const DUTY_VERBS = ["负责", "落实"];
const dutyWords = (): string[] => {
  const out: string[] = [];
  for (const base of ["", ...DUTY_BASES]) {
    for (const mode of DUTY_MODES) {
      for (const verb of DUTY_VERBS) {
        if (base === "" && mode === "" && verb !== "负责" && verb !== "落实") continue;
        out.push(base + mode + verb);
      }
    }
  }
  return out;
};
/** 负责 and its synonyms: responsible units. */
export const RESPONSIBLE_WORDS = [
  ...new Set([
    ...dutyWords(),
    "分头落实",
    "分头负责",
    "负总责",
    "各负其责",
    "负责落实",
    "抓好落实",
    "组织实施",
    "具体实施",
    "分工落实",
    "共同负责",
    "具体负责",
    "按职责分工实施",
  ]),
] as readonly string[];
/** 指导 and its synonyms: guiding units. */
export const GUIDE_WORDS = ["业务指导", "督促指导", "统筹指导", "指导"] as const;

/** Labels naming no role: `责任单位：`. */
export const RESPONSIBLE_LABELS = [
  "主要责任单位",
  "责任单位",
  "责任部门",
  "主责单位",
  "主责部门",
  "负责单位",
  "负责部门",
  "实施单位",
  "承办单位",
  "责任主体",
  "实施主体",
  "责任",
  "负责",
] as const;
/** Labels naming the lead: `牵头单位：`. */
export const LEAD_LABELS = ["牵头单位", "牵头部门", "牵头考核单位", "牵头责任单位", "牵头处室", "牵头"] as const;
/** Labels naming supporters: `配合单位：`. */
export const SUPPORT_LABELS = [
  "配合单位",
  "配合部门",
  "协办单位",
  "参加单位",
  "参加部门",
  "参与单位",
  "参与部门",
  "协同单位",
  "协同部门",
  "协助单位",
  "配合",
  "参与",
] as const;
/** Labels naming guides: `指导单位：`. */
export const GUIDE_LABELS = ["指导单位"] as const;
/** Labels naming people, not agencies: `责任领导：`. Their names go to `leaders`, never to an agency role. */
export const LEADER_LABELS = ["责任领导", "牵头领导", "分管领导", "联系领导", "牵头市领导", "牵头区领导", "牵头县领导", "责任人"] as const;

/** Separators between the parties of one list: `、`. */
export const LIST_SEPARATORS = ["、"] as const;
/** Separators between clauses: `，` `,` `；` `;`. */
export const CLAUSE_SEPARATORS = ["，", ",", "；", ";"] as const;
/** Opening / closing nested brackets inside a party name: `住建局（交通运输局）`, `天津海关〈原宝坻…〉`. */
export const NESTED_OPENERS = ["（", "(", "〈", "〔", "【", "["] as const;
export const NESTED_CLOSERS = ["）", ")", "〉", "〕", "】", "]"] as const;
/** Words after `及` that start a collective party: `水产中心及相关职能部门`, `商务委及各区县政府`. */
export const AND_RELATED_FOLLOWERS = ["相关", "有关", "其他", "其它", "各"] as const;
/** Words after `等` that start a further party, so `等` joins two lists instead of closing one:
 *  `A、B等国务院相关部门及各地区`, `A等和各省级人民政府`, `A等有关部门`. */
export const ETC_JOIN_FOLLOWERS = ["各", "相关", "有关", "其他", "其它", "国务院", "中央", "全国", "省直", "市直", "区直", "县直"] as const;
/** `X会同Y负责`: X leads, Y supports. */
export const TOGETHER_WITH_WORDS = ["会同"] as const;

// ---------------------------------------------------------------------------------------------------------------
// Pattern building blocks (plain strings, used inside sticky RegExps of the custom matchers).

const escape = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
/**
 * The words as one regex source, factored into a trie (`按(?:职责(?:分工负责|负责)|…)`): the role vocabulary runs
 * to a hundred and more words, and a flat alternation would try each of them at every character that could start
 * one. Greedy optional tails keep "longest first", so a shorter word never wins over a longer one it begins.
 */
const alternation = (words: readonly string[]): string => {
  interface Trie {
    end: boolean;
    next: Map<string, Trie>;
  }
  const root: Trie = { end: false, next: new Map() };
  for (const w of words) {
    let t = root;
    for (const c of w) {
      let n = t.next.get(c);
      if (!n) t.next.set(c, (n = { end: false, next: new Map() }));
      t = n;
    }
    t.end = true;
  }
  const emit = (t: Trie): string => {
    const branches = [...t.next.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => escape(c) + emit(n));
    if (branches.length === 0) return "";
    const body = branches.length === 1 ? branches[0]! : `(?:${branches.join("|")})`;
    if (!t.end) return body;
    return branches.length === 1 && body.length === 1 ? `${body}?` : `(?:${branches.join("|")})?`;
  };
  return `(?:${emit(root)})`;
};

const ALL_ROLE_WORDS = [...LEAD_WORDS, ...SUPPORT_WORDS, ...RESPONSIBLE_WORDS, ...GUIDE_WORDS];
const ALL_LABEL_WORDS = [...RESPONSIBLE_LABELS, ...LEAD_LABELS, ...SUPPORT_LABELS, ...GUIDE_LABELS, ...LEADER_LABELS];
const COLON_CLASS = "：:";

// ---------------------------------------------------------------------------------------------------------------
// Matching the vocabulary. Role words, labels and list joins are looked up in sets of words, one position at a
// time, instead of through regexes: the vocabulary runs to a hundred words and more, and one alternation of them
// inside the lookahead of every party character cost more to compile than a whole short plan takes to parse.

/** Words by their first character, longest first: "the words of the set that start here" without a regex. */
class WordSet {
  // Keyed by code unit: `text[at]` would make a new one-character string at every CJK position looked at.
  private readonly byFirst = new Map<number, string[]>();
  constructor(list: readonly string[]) {
    for (const w of new Set(list)) {
      const c = w.charCodeAt(0);
      let group = this.byFirst.get(c);
      if (!group) this.byFirst.set(c, (group = []));
      group.push(w);
    }
    for (const group of this.byFirst.values()) group.sort((x, y) => y.length - x.length);
  }
  /** The words that start at `at`, longest first (an empty list when none can). */
  candidates(text: string, at: number): readonly string[] {
    return this.byFirst.get(text.charCodeAt(at)) ?? NONE;
  }
}
const NONE: readonly string[] = [];

const ROLE_WORDS = new WordSet(ALL_ROLE_WORDS);
const LABEL_WORDS = new WordSet(ALL_LABEL_WORDS);
const ETC_TAILS = ["成员单位", "职能部门", "部门", "单位"];
const ETC_TAILS_OR_NONE = [...ETC_TAILS, ""];
const ETC_JOINTS = ["以及", "和", "及", "与", ""];
const AND_JOINTS = ["以及", "及"];
/** The code units of characters (sets of code units, so that no one-character strings are made to look them up). */
const codes = (chars: Iterable<string>): Set<number> => new Set(Array.from(chars, (c) => c.charCodeAt(0)));
const CLAUSE_SEPARATOR_SET = codes(CLAUSE_SEPARATORS);
const BLANKS = codes(" \t\r\n\u3000\u00a0\f\v");
const isBlank = (c: number): boolean => BLANKS.has(c);
const isLabelPadding = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x3000;
const COLONS = codes("：:");
/** 等 */
const ETC = 0x7b49;

/** A label (`牵头单位：`, `责任单位 :`) at `at`: its length, else 0. */
function labelAt(text: string, at: number): number {
  for (const w of LABEL_WORDS.candidates(text, at)) {
    if (!text.startsWith(w, at)) continue;
    let q = at + w.length;
    while (isLabelPadding(text.charCodeAt(q))) q++;
    if (COLONS.has(text.charCodeAt(q))) return q + 1 - at;
  }
  return 0;
}

/** Whether a clause may end at `at`: blanks, then a clause separator, the end of the inside, or the next label. */
function clauseEndsAt(text: string, at: number): boolean {
  let q = at;
  while (isBlank(text.charCodeAt(q))) q++;
  return q >= text.length || CLAUSE_SEPARATOR_SET.has(text.charCodeAt(q)) || labelAt(text, q) > 0;
}

/** A role word at `at` that ends its clause: its length, else 0 (`牵头` in `区市场监管局牵头，`, not in `牵头单位`). */
function roleAtClauseEnd(words: WordSet, text: string, at: number): number {
  for (const w of words.candidates(text, at)) if (text.startsWith(w, at) && clauseEndsAt(text, at + w.length)) return w.length;
  return 0;
}

/** `等`, `等部门`, `等单位` closing a list: followed by an optional role word and the clause end. */
function etceteraAt(text: string, at: number): number {
  if (text.charCodeAt(at) !== ETC) return 0;
  for (const tail of ETC_TAILS_OR_NONE) {
    if (!text.startsWith(tail, at + 1)) continue;
    const q = at + 1 + tail.length;
    if (clauseEndsAt(text, q) || roleAtClauseEnd(ROLE_WORDS, text, q) > 0) return q - at;
  }
  return 0;
}

const startsWithAny = (text: string, at: number, words: readonly string[]): boolean => words.some((w) => text.startsWith(w, at));

/** `等`, `等和`, `等及` joining a further party: `A等和各省级人民政府`, `A、B等国务院相关部门`. */
function etceteraJoinAt(text: string, at: number): number {
  if (text.charCodeAt(at) !== ETC) return 0;
  for (const joint of ETC_JOINTS) {
    if (text.startsWith(joint, at + 1) && startsWithAny(text, at + 1 + joint.length, ETC_JOIN_FOLLOWERS)) return 1 + joint.length;
  }
  return 0;
}

/** `及`, `以及` before `相关` / `有关` / `其他` / `各`. */
function andRelatedAt(text: string, at: number): number {
  for (const joint of AND_JOINTS) {
    if (text.startsWith(joint, at) && startsWithAny(text, at + joint.length, AND_RELATED_FOLLOWERS)) return joint.length;
  }
  return 0;
}

const togetherWithAt = (text: string, at: number): number => (startsWithAny(text, at, TOGETHER_WITH_WORDS) ? 2 : 0);

/** A set of characters as a 64 KB table of code units: one array read per character, for the loops that look at
 *  every one. */
const table = (chars: Iterable<string>): Uint8Array => {
  const t = new Uint8Array(0x10000);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
};
/** Characters that never belong to party text. */
const STOP_CHARS = table([..." \t\r\n\u3000\u00a0\f\v", ...LIST_SEPARATORS, ...CLAUSE_SEPARATORS, ...NESTED_OPENERS, ...NESTED_CLOSERS, ..."：:"]);
/** First characters of anything party text must stop in front of (role words, 等, 及, labels). */
const LOOKOUT_CHARS = table([...ALL_ROLE_WORDS, ...ALL_LABEL_WORDS, ...TOGETHER_WITH_WORDS, "等", "及", "以"].map((w) => w[0] as string));

/**
 * Party text: a run of characters up to a separator, a nested bracket, a colon, a blank, or a role word / `等` /
 * `及相关` / `会同` / a label that ends or joins the clause. Only characters that can start one of those pay for
 * the look-up.
 */
function partyTextLength(text: string, at: number): number {
  let q = at;
  for (; q < text.length; q++) {
    const c = text.charCodeAt(q);
    if (STOP_CHARS[c] === 1) break;
    if (LOOKOUT_CHARS[c] !== 1) continue;
    if (
      roleAtClauseEnd(ROLE_WORDS, text, q) > 0 ||
      etceteraAt(text, q) > 0 ||
      etceteraJoinAt(text, q) > 0 ||
      andRelatedAt(text, q) > 0 ||
      togetherWithAt(text, q) > 0 ||
      labelAt(text, q) > 0
    ) {
      break;
    }
  }
  return q - at;
}

/** What of the vocabulary a text holds, found with the same word sets: whether a bracket names labels or roles. */
export interface Vocabulary {
  /** A label word anywhere (`责任单位`). */
  label: boolean;
  /** A label with its colon (`责任单位：`). */
  labelled: boolean;
  /** A role word anywhere (`牵头`, also inside `牵头单位`), or `会同`. */
  role: boolean;
  /** A role word that ends a clause (`区市场监管局牵头，…`). */
  roleAtEnd: boolean;
}

export function vocabularyIn(text: string): Vocabulary {
  const found: Vocabulary = { label: false, labelled: false, role: false, roleAtEnd: false };
  for (let i = 0; i < text.length; i++) {
    if (LOOKOUT_CHARS[text.charCodeAt(i)] !== 1) continue;
    if (!found.label && LABEL_WORDS.candidates(text, i).some((w) => text.startsWith(w, i))) found.label = true;
    if (!found.labelled && labelAt(text, i) > 0) found.labelled = true;
    if (!found.role && (togetherWithAt(text, i) > 0 || ROLE_WORDS.candidates(text, i).some((w) => text.startsWith(w, i)))) found.role = true;
    if (!found.roleAtEnd && roleAtClauseEnd(ROLE_WORDS, text, i) > 0) found.roleAtEnd = true;
  }
  return found;
}

/** Whether a label word starts at `at` (`责任单位` in `责任单位：…`). */
export function labelWordAt(text: string, at: number): boolean {
  return LABEL_WORDS.candidates(text, at).some((w) => text.startsWith(w, at));
}

type Exec = (text: string, offset: number) => RegExpExecArray | null;
/** A chevrotain custom matcher from a function giving the length of the match at an offset (0: none). */
function lengthMatcher(length: (text: string, at: number) => number): Exec {
  return (text, offset) => {
    const n = length(text, offset);
    return n > 0 ? ([text.slice(offset, offset + n)] as unknown as RegExpExecArray) : null;
  };
}
const firstChars = (words: readonly string[]): string[] => [...new Set(words.map((w) => w[0] as string))];

/**
 * First characters party text can start with, for chevrotain's first-character optimisation: every code unit
 * below 256 that is not a stop character, and one code unit of each of chevrotain's buckets above (code unit c
 * goes to bucket 255 + ⌊c / 255⌋, so buckets 256 … 512 start at 255·k + 1, the last at U+FFFF).
 */
export function partyTextStartChars(): number[] {
  const out: number[] = [];
  for (let c = 0; c < 256; c++) if (STOP_CHARS[c] !== 1) out.push(c);
  for (let k = 1; k <= 257; k++) out.push(Math.min(255 * k + 1, 0xffff));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

/** Everything a nested bracket may hold besides further nested brackets (category). */
export const NestedContent = createToken({ name: "NestedContent", pattern: Lexer.NA });

/** Blanks (spaces, tabs, line breaks, U+3000) between tokens; skipped. */
export const Blank = createToken({
  name: "Blank",
  pattern: /[ \t\r\n\u3000\u00a0\f\v]+/,
  start_chars_hint: [" ", "\t", "\r", "\n", "\u3000", "\u00a0", "\f", "\v"],
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/** Any label `…单位：` / `…部门：` (category). */
export const UnitLabel = createToken({ name: "UnitLabel", pattern: Lexer.NA });
/** `责任单位：` `责任部门：` `主要责任单位：` `主责单位：` */
export const ResponsibleUnitLabel = createToken({
  name: "ResponsibleUnitLabel",
  pattern: new RegExp(`(?:${alternation(RESPONSIBLE_LABELS)})[ \\t\\u3000]*[${COLON_CLASS}]`),
  start_chars_hint: firstChars(RESPONSIBLE_LABELS),
  categories: [UnitLabel, NestedContent],
});
/** `牵头单位：` `牵头部门：` */
export const LeadUnitLabel = createToken({
  name: "LeadUnitLabel",
  pattern: new RegExp(`(?:${alternation(LEAD_LABELS)})[ \\t\\u3000]*[${COLON_CLASS}]`),
  start_chars_hint: firstChars(LEAD_LABELS),
  categories: [UnitLabel, NestedContent],
});
/** `配合单位：` `配合部门：` `协办单位：` */
export const SupportUnitLabel = createToken({
  name: "SupportUnitLabel",
  pattern: new RegExp(`(?:${alternation(SUPPORT_LABELS)})[ \\t\\u3000]*[${COLON_CLASS}]`),
  start_chars_hint: firstChars(SUPPORT_LABELS),
  categories: [UnitLabel, NestedContent],
});
/** `指导单位：` */
export const GuideUnitLabel = createToken({
  name: "GuideUnitLabel",
  pattern: new RegExp(`(?:${alternation(GUIDE_LABELS)})[ \\t\\u3000]*[${COLON_CLASS}]`),
  start_chars_hint: firstChars(GUIDE_LABELS),
  categories: [UnitLabel, NestedContent],
});

/** `责任领导：` `牵头领导：` `分管领导：` — people, not agencies. */
export const LeaderLabel = createToken({
  name: "LeaderLabel",
  pattern: new RegExp(`(?:${alternation(LEADER_LABELS)})[ \\t\\u3000]*[${COLON_CLASS}]`),
  start_chars_hint: firstChars(LEADER_LABELS),
  categories: [UnitLabel, NestedContent],
});

/** Any role word at the end of a clause (category). */
export const RoleWord = createToken({ name: "RoleWord", pattern: Lexer.NA });
const roleToken = (name: string, list: readonly string[]): TokenType => {
  const words = new WordSet(list);
  return createToken({
    name,
    pattern: { exec: lengthMatcher((text, at) => roleAtClauseEnd(words, text, at)) },
    start_chars_hint: firstChars(list),
    line_breaks: false,
    categories: [RoleWord, NestedContent],
  });
};
/** `牵头` `组织协调` `负责组织协调` `牵头负责` — only right before `，`/`；`/the end. */
export const LeadRoleWord = roleToken("LeadRoleWord", LEAD_WORDS);
/** `配合` `依职责分工配合` `按职责分工配合` `依职责配合` `协办` `协助` `参与` — only at the end of a clause. */
export const SupportRoleWord = roleToken("SupportRoleWord", SUPPORT_WORDS);
/** `负责` `按职责分工负责` `依职责分工负责` `分工负责` `各负其责` `具体负责` `落实` … — only at the end of a clause. */
export const ResponsibleRoleWord = roleToken("ResponsibleRoleWord", RESPONSIBLE_WORDS);
/** `指导` `业务指导` — only at the end of a clause. */
export const GuideRoleWord = roleToken("GuideRoleWord", GUIDE_WORDS);

/** `等` (also `等部门`, `等相关单位`) closing a party list: `区交通运输局等配合`. */
export const EtCetera = createToken({
  name: "EtCetera",
  pattern: { exec: lengthMatcher(etceteraAt) },
  start_chars_hint: ["等"],
  line_breaks: false,
  categories: [NestedContent],
});
/** `等` joining a further party: `A等和各省级人民政府`, `A、B等国务院相关部门`. */
export const EtCeteraJoin = createToken({
  name: "EtCeteraJoin",
  pattern: { exec: lengthMatcher(etceteraJoinAt) },
  start_chars_hint: ["等"],
  line_breaks: false,
  categories: [NestedContent],
});
/** `会同` in `X会同Y负责`: the parties before it lead, those after it support. */
export const TogetherWith = createToken({
  name: "TogetherWith",
  pattern: { exec: lengthMatcher(togetherWithAt) },
  start_chars_hint: firstChars(TOGETHER_WITH_WORDS),
  line_breaks: false,
  categories: [NestedContent],
});
/** `及` (`以及`) in front of `相关` / `有关` / `其他` / `各`: `水产中心及相关职能部门`, `商务委及各区县政府`. */
export const AndRelated = createToken({
  name: "AndRelated",
  pattern: { exec: lengthMatcher(andRelatedAt) },
  start_chars_hint: ["及", "以"],
  line_breaks: false,
  categories: [NestedContent],
});
/** `、` between the parties of one list. */
export const ListSeparator = createToken({ name: "ListSeparator", pattern: /、/, start_chars_hint: [...LIST_SEPARATORS], categories: [NestedContent] });
/** `，` `,` `；` `;` between clauses. */
export const ClauseSeparator = createToken({
  name: "ClauseSeparator",
  pattern: /[，,；;]/,
  start_chars_hint: [...CLAUSE_SEPARATORS],
  categories: [NestedContent],
});
/** `（` `(` `〈` `〔` `【` `[` opening a bracket inside a party name: `各市、县〔市、区〕政府`. */
export const NestedOpen = createToken({ name: "NestedOpen", pattern: /[（(〈〔【[]/, start_chars_hint: [...NESTED_OPENERS] });
/** `）` `)` `〉` `〕` `】` `]` closing a bracket inside a party name. */
export const NestedClose = createToken({ name: "NestedClose", pattern: /[）)〉〕】\]]/, start_chars_hint: [...NESTED_CLOSERS] });
/** The words of a party name: `区市场监管局`, `文化广电和旅游局`, `各镇乡政府和街道办事处`. */
export const PartyText = createToken({
  name: "PartyText",
  pattern: { exec: lengthMatcher(partyTextLength) },
  start_chars_hint: partyTextStartChars(),
  line_breaks: false,
  categories: [NestedContent],
});

/** Lexer order matters: labels and role words before party text; custom matchers decide clause ends. */
export const responsibilityTokens: TokenType[] = [
  Blank,
  ResponsibleUnitLabel,
  LeadUnitLabel,
  SupportUnitLabel,
  GuideUnitLabel,
  LeaderLabel,
  LeadRoleWord,
  SupportRoleWord,
  ResponsibleRoleWord,
  GuideRoleWord,
  EtCeteraJoin,
  EtCetera,
  AndRelated,
  TogetherWith,
  ListSeparator,
  ClauseSeparator,
  NestedOpen,
  NestedClose,
  PartyText,
  // categories (pattern NA: the lexer skips them, the parser needs them in its vocabulary)
  UnitLabel,
  RoleWord,
  NestedContent,
];

export function createResponsibilityLexer(options: { ensureOptimizations?: boolean; skipValidations?: boolean } = {}): Lexer {
  return new Lexer(responsibilityTokens, {
    positionTracking: "onlyOffset",
    ensureOptimizations: options.ensureOptimizations ?? false,
    skipValidations: options.skipValidations ?? false,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Parser
//
//   responsibility := ClauseSeparator* (clause ClauseSeparator*)+
//   clause         := UnitLabel? partyList (TogetherWith partyList)? RoleWord?
//   partyList      := party ((ListSeparator | AndRelated | EtCeteraJoin) party)* EtCetera?
//   party          := (PartyText | nestedBracket)+
//   nestedBracket  := NestedOpen (NestedContent | nestedBracket)* NestedClose

export class ResponsibilityParser extends CstParser {
  constructor(config: Pick<IParserConfig, "skipValidations"> = {}) {
    // One token of lookahead decides every choice (the grammar analyses without an ambiguity at 1): less for
    // performSelfAnalysis to compute at start-up than at 2.
    super(responsibilityTokens, { maxLookahead: 1, recoveryEnabled: false, ...config });
    this.performSelfAnalysis();
  }

  /** The whole inside of a bracket. */
  public responsibility = this.RULE("responsibility", () => {
    this.MANY(() => this.CONSUME(ClauseSeparator));
    this.AT_LEAST_ONE(() => {
      this.SUBRULE(this.clause);
      this.MANY2(() => this.CONSUME2(ClauseSeparator));
    });
  });

  /** `责任单位：区农委牵头`, `区发展改革委会同区财政局负责` — optional label, parties, optional role word. */
  public clause = this.RULE("clause", () => {
    this.OPTION(() => this.CONSUME(UnitLabel));
    this.SUBRULE(this.partyList);
    this.OPTION3(() => {
      this.CONSUME(TogetherWith);
      this.SUBRULE2(this.partyList);
    });
    this.OPTION2(() => this.CONSUME(RoleWord));
  });

  /** `区畜牧中心、种植中心、水产中心及相关职能部门等` */
  public partyList = this.RULE("partyList", () => {
    this.SUBRULE(this.party);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(ListSeparator) },
        { ALT: () => this.CONSUME(AndRelated) },
        { ALT: () => this.CONSUME(EtCeteraJoin) },
      ]);
      this.SUBRULE2(this.party);
    });
    this.OPTION(() => this.CONSUME(EtCetera));
  });

  /** `住建局（交通运输局）` */
  public party = this.RULE("party", () => {
    this.AT_LEAST_ONE(() => {
      this.OR([
        { ALT: () => this.CONSUME(PartyText) },
        { ALT: () => this.SUBRULE(this.nestedBracket) },
      ]);
    });
  });

  /** `（交通运输局）`, `〈原宝坻出入境检验检疫局〉` */
  public nestedBracket = this.RULE("nestedBracket", () => {
    this.CONSUME(NestedOpen);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(NestedContent) },
        { ALT: () => this.SUBRULE(this.nestedBracket) },
      ]);
    });
    this.CONSUME(NestedClose);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// CST node shapes (as `generateCstDts` would write them)

export interface ResponsibilityCstNode extends CstNode {
  name: "responsibility";
  children: { ClauseSeparator?: IToken[]; clause: ClauseCstNode[] };
}
export interface ClauseCstNode extends CstNode {
  name: "clause";
  children: { UnitLabel?: IToken[]; partyList: PartyListCstNode[]; TogetherWith?: IToken[]; RoleWord?: IToken[] };
}
export interface PartyListCstNode extends CstNode {
  name: "partyList";
  children: {
    party: PartyCstNode[];
    ListSeparator?: IToken[];
    AndRelated?: IToken[];
    EtCeteraJoin?: IToken[];
    EtCetera?: IToken[];
  };
}
export interface PartyCstNode extends CstNode {
  name: "party";
  children: { PartyText?: IToken[]; nestedBracket?: NestedBracketCstNode[] };
}
export interface NestedBracketCstNode extends CstNode {
  name: "nestedBracket";
  children: {
    NestedOpen: IToken[];
    NestedContent?: IToken[];
    nestedBracket?: NestedBracketCstNode[];
    NestedClose: IToken[];
  };
}
