// Reading the inside of a responsibility bracket into roles (lead / responsible / support / guide), with party
// names normalized (district prefix carried, 等 dropped, nested brackets kept). The grammar lives in
// grammars/responsibility.ts; this file gives its CST a meaning.

import type { IToken } from "chevrotain";
import {
  GuideRoleWord,
  GuideUnitLabel,
  LeaderLabel,
  LeadRoleWord,
  LeadUnitLabel,
  ResponsibilityParser,
  ResponsibleRoleWord,
  SupportRoleWord,
  SupportUnitLabel,
  createResponsibilityLexer,
  type ClauseCstNode,
  type NestedBracketCstNode,
  type PartyCstNode,
  type PartyListCstNode,
  type ResponsibilityCstNode,
} from "../../grammars/responsibility.js";

export interface ResponsibilityReading {
  /** e.g. "责任单位" when written `责任单位：…` (the first label when there are several). */
  label: string | null;
  lead: string[];
  responsible: string[];
  support: string[];
  guide: string[];
  /** People named with `责任领导：` `牵头领导：` `分管领导：` (never agencies). */
  leaders: string[];
  /** Role-like words the grammar does not know (their parties went to `responsible`). */
  unknownRoles: string[];
}

export interface ReadOptions {
  /** Place-name stems found in the document title/issuer, e.g. ["马村","焦作","鲅鱼圈","天津","蓟州"]. */
  places?: readonly string[];
  /** The document said `列第一位者为牵头单位`: with no lead written, the first party listed leads. */
  firstListedLeads?: boolean;
}

export type Role = "lead" | "responsible" | "support" | "guide";

/** Longer than this, a parenthesis is prose, not a responsibility bracket. */
export const MAX_BRACKET_LENGTH = 400;

// ---------------------------------------------------------------------------------------------------------------
// Party-name facts

/** Endings of agency names. Strong ones end a name for sure; weak ones (single characters that also end ordinary
 *  words) are used only when no strong ending fits, when splitting off an unknown role word. */
const STRONG_SUFFIXES = [
  "人民政府", "政府", "办事处", "委员会", "分局", "局", "委", "办", "部", "院", "中心", "街道", "乡镇", "镇乡街",
  "镇街", "镇乡", "海关", "法院", "检察院", "部门", "单位", "机关", "室", "厅", "署", "公司", "集团", "银行",
  "支行", "分行", "小组", "总局", "总署", "政府办", "管委会", "委员会办公室", "新区", "开发区", "高新区", "园区",
  "示范区", "自贸区", "保税区", "试验区",
] as const;
const WEAK_SUFFIXES = ["社", "庭", "所", "队", "站", "处", "协", "会", "组", "联"] as const;
const SUFFIXES = [...STRONG_SUFFIXES, ...WEAK_SUFFIXES];
/** Collective parties: `各…`, `相关…`, `有关…`, `其他…`, `…成员单位`. */
const COLLECTIVE_START = /^(?:各|相关|有关|其他|其它)/;
/** Endings a collective party may have besides agency suffixes: `各镇`, `各县（市、区）`, `各地`, `相关企业`. */
const COLLECTIVE_ENDINGS = /(?:[省市县区镇乡街村地级]|成员|企业|学校|方面)$/;
/** A district/county/city prefix that carries to later parties: 区…, 县…, 市… (not 市场…, 市容…, 市政…). */
const CARRIED_PREFIX = /^(?:([区县])(?!域)|(市)(?!场|容|政(?!府)))/;
/** A name that already says where it belongs (its own level, or a development zone: `高新法庭`). */
const OWN_PREFIX =
  /^(?:[区县省镇乡](?!域)|市(?!场|容|政(?!府))|街道|社区|中共|中国|国家|共青团|团|高新|经开|开发区|保税区|自贸)/;
/** Names containing a party/government body of a place (`团区委`, `中共…区委`) take no carried prefix. */
const OWN_PLACE_BODY = /[区县市](?:委|政府|人民政府)/;
/** A character any acceptable party ends with; a cheap filter before lexing. */
const PREFILTER = new RegExp(
  `[${[...new Set([...SUFFIXES.map((s) => s[s.length - 1] as string), ..."省市县区镇乡街村地级员业校面位门"])].join("")}]`,
);
const CJK_ONLY = /^[\u3400-\u9fff]+$/;
/** Characters an agency name is written with (CJK, ASCII letters and digits, nested brackets). */
const NAME_CHARS = /^[\u3400-\u9fffA-Za-z0-9０-９（）()〈〉]+$/;
/** Action words that end like an agency name (…办, …署) but name what a party does: `区市场监管局督办`. */
const ACTION_WORDS = ["督办", "主办", "承办", "交办", "部署"] as const;
const NESTED = /[（(〈〔【[][^（(〈〔【[）)〉〕】\]]*[）)〉〕】\]]/g;

/** The name without its nested brackets: `住建局（交通运输局）` → `住建局`. */
function baseName(name: string): string {
  let prev = name;
  for (;;) {
    const next = prev.replace(NESTED, "");
    if (next === prev) return next;
    prev = next;
  }
}

function suffixOf(base: string): { suffix: string; strong: boolean } | null {
  for (const s of STRONG_SUFFIXES) if (base.endsWith(s)) return { suffix: s, strong: true };
  for (const s of WEAK_SUFFIXES) if (base.endsWith(s)) return { suffix: s, strong: false };
  return null;
}

function isCollective(name: string): boolean {
  return COLLECTIVE_START.test(name) || name.includes("成员单位");
}

/** Does this text name a party on its own (the acceptance test of a bare bracket)? */
function looksLikeParty(name: string, alone: boolean): boolean {
  const base = baseName(name);
  if (isCollective(name)) return suffixOf(base) !== null || COLLECTIVE_ENDINGS.test(base);
  if (suffixOf(base) === null || !NAME_CHARS.test(base) || /^[0-9０-９]/.test(base)) return false;
  return base.length >= (alone ? 3 : 2);
}

/**
 * `区市场监管局督办` → { party: `区市场监管局`, word: `督办` }: the text does not end like an agency, but a prefix
 * of it does and 1–4 CJK characters follow. Prefers the longest prefix with a strong ending, then a weak one.
 */
function splitUnknownRole(name: string): { party: string; word: string } | null {
  const ok = (party: string): boolean => {
    const base = baseName(party);
    return NAME_CHARS.test(party) && (isCollective(party) ? base.length >= 2 : base.length >= 3);
  };
  for (const w of ACTION_WORDS) {
    if (!name.endsWith(w)) continue;
    const party = name.slice(0, name.length - w.length).replace(/等$/, "");
    if (ok(party) && suffixOf(baseName(party)) !== null) return { party, word: w };
  }
  if (looksLikeParty(name, false)) return null;
  let weak: { party: string; word: string } | null = null;
  // One character is too little to call a role word: `含居住证办理` is 办理, not a party `…办` doing `理`.
  for (let k = 2; k <= 4 && k < name.length; k++) {
    const party = name.slice(0, name.length - k);
    let word = name.slice(name.length - k);
    if (!CJK_ONLY.test(word)) break;
    const suffix = suffixOf(baseName(party));
    if (suffix === null || !ok(party)) continue;
    if (word.startsWith("等") && word.length > 1) word = word.slice(1);
    if (suffix.strong) return { party, word };
    if (k <= 2) weak ??= { party, word };
  }
  return weak;
}

// ---------------------------------------------------------------------------------------------------------------
// CST → clauses

interface Clause {
  label: string | null;
  labelRole: Role | null;
  /** A `责任领导：` clause: its names are people. */
  leaders: boolean;
  roleWord: Role | null;
  parties: string[];
  /** `X会同Y负责`: the parties after 会同 (they support). */
  together: string[];
}

const ROLE_OF_WORD = new Map<unknown, Role>([
  [LeadRoleWord, "lead"],
  [SupportRoleWord, "support"],
  [ResponsibleRoleWord, "responsible"],
  [GuideRoleWord, "guide"],
]);
const ROLE_OF_LABEL = new Map<unknown, Role>([
  [LeadUnitLabel, "lead"],
  [SupportUnitLabel, "support"],
  [GuideUnitLabel, "guide"],
]);

const lexer = createResponsibilityLexer({ skipValidations: true });
const parser = new ResponsibilityParser({ skipValidations: true });
const BaseVisitor = parser.getBaseCstVisitorConstructor<string, unknown>();

/** Turns the CST into clauses; party names are cut from the text by token offsets. */
class ClauseVisitor extends BaseVisitor {
  constructor() {
    super();
    this.validateVisitor();
  }

  responsibility(node: ResponsibilityCstNode["children"], text: string): Clause[] {
    return node.clause.map((c) => this.clause(c.children, text));
  }

  clause(node: ClauseCstNode["children"], text: string): Clause {
    const labelTok = node.UnitLabel?.[0];
    const roleTok = node.RoleWord?.[0];
    const [list, after] = node.partyList;
    return {
      label: labelTok ? labelTok.image.replace(/[\s：:]+/g, "") : null,
      labelRole: labelTok ? (ROLE_OF_LABEL.get(labelTok.tokenType) ?? null) : null,
      leaders: labelTok?.tokenType === LeaderLabel,
      roleWord: roleTok ? (ROLE_OF_WORD.get(roleTok.tokenType) ?? null) : null,
      parties: list ? this.partyList(list.children, text) : [],
      together: after ? this.partyList(after.children, text) : [],
    };
  }

  partyList(node: PartyListCstNode["children"], text: string): string[] {
    return node.party.map((p) => this.party(p.children, text));
  }

  party(node: PartyCstNode["children"], text: string): string {
    let start = Infinity;
    let end = -1;
    const cover = (t: IToken | undefined): void => {
      if (!t) return;
      if (t.startOffset < start) start = t.startOffset;
      if (t.startOffset + t.image.length > end) end = t.startOffset + t.image.length;
    };
    for (const t of node.PartyText ?? []) cover(t);
    for (const n of node.nestedBracket ?? []) {
      cover(n.children.NestedOpen[0]);
      cover(n.children.NestedClose[0]);
    }
    return end < 0 ? "" : text.slice(start, end);
  }

  nestedBracket(_node: NestedBracketCstNode["children"], _text: string): void {
    // Nested brackets are kept verbatim as part of the party name (see `party`).
  }
}
const visitor = new ClauseVisitor();

// ---------------------------------------------------------------------------------------------------------------
// Normalization

/** Blanks between CJK characters are PDF/Word artefacts: `区农业\n\n农村局` → `区农业农村局`. */
function compactBlanks(s: string): string {
  if (!BLANK_RUN.test(s)) return s;
  return s.replace(/[\s\u3000]+/g, (m, offset: number, all: string) => {
    const before = all.charCodeAt(offset - 1);
    const after = all.charCodeAt(offset + m.length);
    return before < 0x80 && after < 0x80 ? " " : "";
  });
}

const BLANK_RUN = /[\s\u3000]/;

/** Party name as output: no blanks, ASCII nested parentheses written full-width. */
function cleanName(raw: string): string {
  // Most names have none of these: one test instead of three replacements.
  if (!NEEDS_CLEANING.test(raw)) return raw;
  return raw.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");
}

const NEEDS_CLEANING = /[\s()]/;
/** Endings of parties that are no district bureau, so a list's district prefix never carries to them. */
const NOT_A_BUREAU = /(?:海关|公司|集团|银行|支行|分行)$/;

function takesNoPrefix(name: string, places: readonly string[]): boolean {
  if (isCollective(name) || OWN_PREFIX.test(name) || OWN_PLACE_BODY.test(name)) return true;
  // Customs, companies and banks are not the district's bureaux: 国网…供电公司, 人民银行…支行 stay as written.
  if (NOT_A_BUREAU.test(baseName(name))) return true;
  for (const p of places) if (p && name.startsWith(p)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// The reader

/** The bracket's inside (without the outer parens) → its reading, or null when this parenthesis is not a
 *  responsibility bracket. Never throws. */
export function readResponsibility(inner: string, options?: ReadOptions): ResponsibilityReading | null {
  try {
    return read(inner, options?.places ?? [], options?.firstListedLeads ?? false);
  } catch {
    return null;
  }
}

/** @internal The same reading without the safety net, so tests can see an exception should one ever happen. */
export function readResponsibilityOrThrow(inner: string, options?: ReadOptions): ResponsibilityReading | null {
  return read(inner, options?.places ?? [], options?.firstListedLeads ?? false);
}

function read(inner: string, places: readonly string[], firstListedLeads: boolean): ResponsibilityReading | null {
  if (typeof inner !== "string" || inner.length > MAX_BRACKET_LENGTH) return null;
  if (inner.length < 2 || inner.includes("。") || !PREFILTER.test(inner)) return null;
  const text = compactBlanks(inner).trim();
  if (text.length < 2) return null;

  const lexed = lexer.tokenize(text);
  if (lexed.errors.length > 0 || lexed.tokens.length === 0) return null;
  parser.input = lexed.tokens;
  const cst = parser.responsibility();
  if (parser.errors.length > 0 || !cst) return null;
  const clauses = visitor.responsibility(cst.children as ResponsibilityCstNode["children"], text);

  // Unknown role words and the acceptance test.
  const unknownRoles: string[] = [];
  const unknownInClause: boolean[] = [];
  const hasLabel = clauses.some((c) => c.label !== null);
  const partyCount = clauses.reduce((n, c) => n + c.parties.length + c.together.length, 0);
  if (partyCount === 0) return null;
  for (const c of clauses) {
    let unknown = false;
    const last = c.parties.length - 1;
    c.parties = c.parties.map(cleanName);
    c.together = c.together.map(cleanName);
    if (c.leaders) {
      unknownInClause.push(false);
      continue; // names of people: no agency test
    }
    if (c.roleWord === null && c.together.length === 0) {
      const lastName = c.parties[last];
      if (lastName !== undefined) {
        const split = splitUnknownRole(lastName);
        if (split) {
          c.parties[last] = split.party;
          if (!unknownRoles.includes(split.word)) unknownRoles.push(split.word);
          unknown = true;
        }
      }
    }
    unknownInClause.push(unknown);
    if (!hasLabel) {
      for (const p of [...c.parties, ...c.together]) if (!p || !looksLikeParty(p, partyCount === 1)) return null;
    }
    // Whatever the label, a party needs words of its own outside nested brackets.
    if ([...c.parties, ...c.together].some((p) => baseName(p).length < 2)) return null;
  }

  // Roles: the role word; else the label's role (it lasts until the next label); else the role word of the next
  // clause under the same label; else responsible. A clause with an unknown role word is responsible.
  const written: (Role | null)[] = [];
  let scopeRole: Role | null = null;
  clauses.forEach((c, i) => {
    if (c.label !== null) scopeRole = c.labelRole;
    if (c.together.length > 0 && c.roleWord !== "support") written.push("lead");
    else written.push(c.roleWord ?? (unknownInClause[i] ? "responsible" : scopeRole));
  });
  const roles: Role[] = written.map((role, i) => {
    if (role !== null) return role;
    for (let j = i + 1; j < clauses.length; j++) {
      if (clauses[j]?.label != null) break; // a new label starts a new scope
      if (clauses[j]?.leaders) continue;
      const next = written[j];
      if (next != null) return next;
    }
    return "responsible";
  });

  // Names: carry the district prefix.
  const out: ResponsibilityReading = {
    label: clauses.find((c) => c.label !== null)?.label ?? null,
    lead: [],
    responsible: [],
    support: [],
    guide: [],
    leaders: [],
    unknownRoles,
  };
  let carried: string | null = null;
  const place = (written: string): string => {
    const own = CARRIED_PREFIX.exec(written);
    if (own) carried = (own[1] ?? own[2]) as string;
    else if (carried !== null && !takesNoPrefix(written, places)) return carried + written;
    return written;
  };
  const add = (bucket: string[], name: string): void => {
    if (!bucket.includes(name)) bucket.push(name);
  };
  let firstParty = true;
  const explicitLead = clauses.some((c, i) => !c.leaders && roles[i] === "lead");
  clauses.forEach((c, i) => {
    if (c.leaders) {
      for (const name of c.parties) add(out.leaders, name);
      return;
    }
    const bucket = out[roles[i] as Role];
    for (const written of c.parties) {
      const name = place(written);
      // `列第一位者为牵头单位，下同`: the first party listed leads when the bracket names no lead itself.
      if (firstParty && firstListedLeads && !explicitLead) add(out.lead, name);
      else add(bucket, name);
      firstParty = false;
    }
    for (const written of c.together) add(out.support, place(written));
  });
  return out;
}

