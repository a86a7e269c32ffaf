// Grammar of the inside of a responsibility bracket (责任括号), e.g. the text between the parentheses of
// `（责任单位：区农委牵头，区畜牧中心、种植中心、水产中心依职责分工负责）`.
//
// Tokens and rules only: what a role word *means*, how party names are normalized and whether a parenthesis is
// a responsibility bracket at all is decided in src/responsibility.ts.
//
// Chevrotain notes (see shared/notes/chevrotain-and-startup.md): no `u` flag, BMP only. Every token whose
// pattern is a custom matcher carries `start_chars_hint`, so the lexer keeps its first-character optimisation
// (a test builds it with `ensureOptimizations: true`).

import { CstParser, Lexer, createToken, type CstNode, type IParserConfig, type IToken, type TokenType } from "chevrotain";

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary (literal words of the domain). Longest first inside each list is not required (see `alternation`).

/** 牵头 and its synonyms: the lead unit. */
export const LEAD_WORDS = ["负责组织协调", "牵头负责", "组织协调", "牵头"] as const;
/** 配合 and its synonyms: supporting units. */
export const SUPPORT_WORDS = [
  "依职责分工配合",
  "按职责分工配合",
  "依职责配合",
  "按职责配合",
  "配合",
  "协办",
  "协助",
  "参与",
] as const;
/** 负责 and its synonyms: responsible units. */
export const RESPONSIBLE_WORDS = [
  "按照职责分工负责",
  "按职责分工负责",
  "依职责分工负责",
  "按职责分工落实",
  "依职责分工落实",
  "分工负责",
  "按职责负责",
  "依职责负责",
  "各负其责",
  "具体负责",
  "共同负责",
  "负责",
  "落实",
] as const;
/** 指导 and its synonyms: guiding units. */
export const GUIDE_WORDS = ["业务指导", "指导"] as const;

/** Labels naming no role: `责任单位：`. */
export const RESPONSIBLE_LABELS = ["主要责任单位", "责任单位", "责任部门", "主责单位"] as const;
/** Labels naming the lead: `牵头单位：`. */
export const LEAD_LABELS = ["牵头单位", "牵头部门"] as const;
/** Labels naming supporters: `配合单位：`. */
export const SUPPORT_LABELS = ["配合单位", "配合部门", "协办单位"] as const;
/** Labels naming guides: `指导单位：`. */
export const GUIDE_LABELS = ["指导单位"] as const;

/** Separators between the parties of one list: `、`. */
export const LIST_SEPARATORS = ["、"] as const;
/** Separators between clauses: `，` `,` `；` `;`. */
export const CLAUSE_SEPARATORS = ["，", ",", "；", ";"] as const;
/** Opening / closing nested brackets inside a party name: `住建局（交通运输局）`, `天津海关〈原宝坻…〉`. */
export const NESTED_OPENERS = ["（", "(", "〈"] as const;
export const NESTED_CLOSERS = ["）", ")", "〉"] as const;
/** Words after `及` that start a collective party: `水产中心及相关职能部门`. */
export const AND_RELATED_FOLLOWERS = ["相关", "有关", "其他", "其它"] as const;

// ---------------------------------------------------------------------------------------------------------------
// Pattern building blocks (plain strings, used inside sticky RegExps of the custom matchers).

const escape = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
/** Longest first, so an alternation never stops at a shorter word that is a prefix of a longer one. */
const alternation = (words: readonly string[]): string =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join("|");

const ALL_ROLE_WORDS = [...LEAD_WORDS, ...SUPPORT_WORDS, ...RESPONSIBLE_WORDS, ...GUIDE_WORDS];
const ALL_LABEL_WORDS = [...RESPONSIBLE_LABELS, ...LEAD_LABELS, ...SUPPORT_LABELS, ...GUIDE_LABELS];
const BLANK_CLASS = " \\t\\r\\n\\u3000\\u00a0\\f\\v";
const COLON_CLASS = "：:";
const LABEL_SRC = `(?:${alternation(ALL_LABEL_WORDS)})[ \\t\\u3000]*[${COLON_CLASS}]`;
/** What may follow a clause: a clause separator, the end of the inside, or the next label. */
const CLAUSE_END_BODY = `[${BLANK_CLASS}]*(?:[${CLAUSE_SEPARATORS.join("")}]|${LABEL_SRC}|$)`;
const CLAUSE_END_SRC = `(?=${CLAUSE_END_BODY})`;
const ROLE_AT_CLAUSE_END_SRC = `(?:${alternation(ALL_ROLE_WORDS)})${CLAUSE_END_SRC}`;
/** `等` (optionally `等部门`, `等相关单位`) closing a list: followed by an optional role word and the clause end. */
const ETC_SRC = `等(?:(?:${alternation(AND_RELATED_FOLLOWERS)})?(?:成员单位|职能部门|部门|单位))?`;
const ETC_AT_LIST_END_SRC = `${ETC_SRC}(?=(?:${alternation(ALL_ROLE_WORDS)})?${CLAUSE_END_BODY})`;
const AND_RELATED_SRC = `及(?=${alternation(AND_RELATED_FOLLOWERS)})`;

/** Characters that never belong to party text. */
const STOP_CLASS = `${BLANK_CLASS}${LIST_SEPARATORS.join("")}${CLAUSE_SEPARATORS.join("")}${escape(
  NESTED_OPENERS.join("") + NESTED_CLOSERS.join(""),
)}${COLON_CLASS}`;
/** First characters of anything party text must stop in front of (role words, 等, 及, labels). */
const LOOKOUT_CHARS = [...new Set([...ALL_ROLE_WORDS, ...ALL_LABEL_WORDS, "等", "及"].map((w) => w[0] as string))].join(
  "",
);
/**
 * Party text: a run of characters up to a separator, a nested bracket, a colon, a blank, or a role word / `等` /
 * `及相关` that ends the clause. Only characters that can start one of those words pay for the lookahead.
 */
const PARTY_TEXT_SRC = `(?:[^${STOP_CLASS}${LOOKOUT_CHARS}]|(?!${ROLE_AT_CLAUSE_END_SRC}|${ETC_AT_LIST_END_SRC}|${AND_RELATED_SRC}|${LABEL_SRC})[${LOOKOUT_CHARS}])+`;

type Exec = (text: string, offset: number) => RegExpExecArray | null;
/** A chevrotain custom matcher from a sticky RegExp (custom, because chevrotain rejects `$` in token patterns). */
function stickyMatcher(source: string): Exec {
  const re = new RegExp(source, "y");
  return (text, offset) => {
    re.lastIndex = offset;
    return re.exec(text);
  };
}
const firstChars = (words: readonly string[]): string[] => [...new Set(words.map((w) => w[0] as string))];

/**
 * First characters party text can start with, for chevrotain's first-character optimisation: every code unit
 * below 256 that is not a stop character, and one code unit per 256-wide block above (chevrotain buckets those).
 */
function partyTextStartChars(): number[] {
  const stop = new RegExp(`[${STOP_CLASS}]`);
  const out: number[] = [];
  for (let c = 0; c < 256; c++) if (!stop.test(String.fromCharCode(c))) out.push(c);
  for (let c = 256; c < 0x10000; c += 256) out.push(c);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

/** Everything a nested bracket may hold besides further nested brackets (category). */
export const NestedContent = createToken({ name: "NestedContent", pattern: Lexer.NA });

/** Blanks (spaces, tabs, line breaks, U+3000) between tokens; skipped. */
export const Blank = createToken({ name: "Blank", pattern: /[ \t\r\n\u3000\u00a0\f\v]+/, group: Lexer.SKIPPED, line_breaks: true });

/** Any label `…单位：` / `…部门：` (category). */
export const UnitLabel = createToken({ name: "UnitLabel", pattern: Lexer.NA });
/** `责任单位：` `责任部门：` `主要责任单位：` `主责单位：` */
export const ResponsibleUnitLabel = createToken({
  name: "ResponsibleUnitLabel",
  pattern: new RegExp(`(?:${alternation(RESPONSIBLE_LABELS)})[ \\t\\u3000]*[${COLON_CLASS}]`),
  categories: [UnitLabel, NestedContent],
});
/** `牵头单位：` `牵头部门：` */
export const LeadUnitLabel = createToken({
  name: "LeadUnitLabel",
  pattern: new RegExp(`(?:${alternation(LEAD_LABELS)})[ \\t\\u3000]*[${COLON_CLASS}]`),
  categories: [UnitLabel, NestedContent],
});
/** `配合单位：` `配合部门：` `协办单位：` */
export const SupportUnitLabel = createToken({
  name: "SupportUnitLabel",
  pattern: new RegExp(`(?:${alternation(SUPPORT_LABELS)})[ \\t\\u3000]*[${COLON_CLASS}]`),
  categories: [UnitLabel, NestedContent],
});
/** `指导单位：` */
export const GuideUnitLabel = createToken({
  name: "GuideUnitLabel",
  pattern: new RegExp(`(?:${alternation(GUIDE_LABELS)})[ \\t\\u3000]*[${COLON_CLASS}]`),
  categories: [UnitLabel, NestedContent],
});

/** Any role word at the end of a clause (category). */
export const RoleWord = createToken({ name: "RoleWord", pattern: Lexer.NA });
const roleToken = (name: string, words: readonly string[]): TokenType =>
  createToken({
    name,
    pattern: { exec: stickyMatcher(`(?:${alternation(words)})${CLAUSE_END_SRC}`) },
    start_chars_hint: firstChars(words),
    line_breaks: false,
    categories: [RoleWord, NestedContent],
  });
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
  pattern: { exec: stickyMatcher(ETC_AT_LIST_END_SRC) },
  start_chars_hint: ["等"],
  line_breaks: false,
  categories: [NestedContent],
});
/** `及` in front of `相关` / `有关` / `其他`: `水产中心及相关职能部门`. */
export const AndRelated = createToken({
  name: "AndRelated",
  pattern: { exec: stickyMatcher(AND_RELATED_SRC) },
  start_chars_hint: ["及"],
  line_breaks: false,
  categories: [NestedContent],
});
/** `、` between the parties of one list. */
export const ListSeparator = createToken({ name: "ListSeparator", pattern: /、/, categories: [NestedContent] });
/** `，` `,` `；` `;` between clauses. */
export const ClauseSeparator = createToken({
  name: "ClauseSeparator",
  pattern: /[，,；;]/,
  categories: [NestedContent],
});
/** `（` `(` `〈` opening a bracket inside a party name. */
export const NestedOpen = createToken({ name: "NestedOpen", pattern: /[（(〈]/ });
/** `）` `)` `〉` closing a bracket inside a party name. */
export const NestedClose = createToken({ name: "NestedClose", pattern: /[）)〉]/ });
/** The words of a party name: `区市场监管局`, `文化广电和旅游局`, `各镇乡政府和街道办事处`. */
export const PartyText = createToken({
  name: "PartyText",
  pattern: { exec: stickyMatcher(PARTY_TEXT_SRC) },
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
  LeadRoleWord,
  SupportRoleWord,
  ResponsibleRoleWord,
  GuideRoleWord,
  EtCetera,
  AndRelated,
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
//   clause         := UnitLabel? partyList RoleWord?
//   partyList      := party ((ListSeparator | AndRelated) party)* EtCetera?
//   party          := (PartyText | nestedBracket)+
//   nestedBracket  := NestedOpen (NestedContent | nestedBracket)* NestedClose

export class ResponsibilityParser extends CstParser {
  constructor(config: Pick<IParserConfig, "skipValidations"> = {}) {
    super(responsibilityTokens, { maxLookahead: 2, recoveryEnabled: false, ...config });
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

  /** `责任单位：区农委牵头` — optional label, parties, optional role word. */
  public clause = this.RULE("clause", () => {
    this.OPTION(() => this.CONSUME(UnitLabel));
    this.SUBRULE(this.partyList);
    this.OPTION2(() => this.CONSUME(RoleWord));
  });

  /** `区畜牧中心、种植中心、水产中心及相关职能部门等` */
  public partyList = this.RULE("partyList", () => {
    this.SUBRULE(this.party);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(ListSeparator) },
        { ALT: () => this.CONSUME(AndRelated) },
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
  children: { UnitLabel?: IToken[]; partyList: PartyListCstNode[]; RoleWord?: IToken[] };
}
export interface PartyListCstNode extends CstNode {
  name: "partyList";
  children: { party: PartyCstNode[]; ListSeparator?: IToken[]; AndRelated?: IToken[]; EtCetera?: IToken[] };
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
