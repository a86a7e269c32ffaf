// One name per agency: the reviewed table of data/agencies.json (full names, their abbreviations and short
// forms, and the reform renamings with their year), and what it says about a party as written — its
// comparable key, its level and place (区 / 县 / 市 / 省, a named place such as 马村), and its successors when a
// reform renamed or merged it. Used wherever parties are compared or counted (agencies, diff, table, export).
//
// A name goes to its key in four steps:
//   1. what src/pipeline/party-key.ts drops: full-width forms folded, whitespace, bracketed parts （…） 〈…〉, a final 等;
//   2. the level and place in front: 区 / 县 / 市 / 省 (and 区委 / 县委 / 市委 / 省委 before a department), or a
//      named place — 马村区市场监管局 — when what follows it is a body the table knows, or when it is one of
//      the places the document names (马村公安分局 in the plan of 马村区);
//   3. the general rules, which only ever join spellings of one name: 和 inside a name is dropped
//      (发展和改革委员会 = 发展改革委员会), a final 委员会 reads as 委 (卫生健康委员会 = 卫生健康委), and 分局 reads as
//      局 when that 局 is a body the table knows (区公安分局 = 区公安局: a district's branch of the city bureau is
//      the district's bureau);
//   4. the table: an abbreviation or short form is its body's full name (卫健委 → 卫生健康委员会).
// The key is the table's full name for a body it knows, else the name after steps 1–3. Two names with one key
// are one party written two ways; two keys of which one is a successor of the other (transitively) are one
// body before and after a reform: a renaming, not a change of owner.
import DATA from "../../data/agencies.json" with { type: "json" };
import { withoutBrackets } from "./party-key.js";

export type AgencyLevel = "省" | "市" | "县" | "区";

/** A reform step: `from` was renamed or merged into `to`. */
export interface Renaming {
  from: string;
  to: string;
  year: number | null;
  /** The reform, in general terms. */
  reform: string;
}

export interface AgencyInfo {
  /** The name as written. */
  name: string;
  /** The comparable key: the table's full name of a known body, else the name without place, level and brackets. */
  key: string;
  /** True when the table (or an aliases file) knows the body. */
  known: boolean;
  level: AgencyLevel | null;
  /** A named place in front of the name (马村 of 马村区市场监管局, of 马村公安分局 in 马村区's plan); null when none. */
  place: string | null;
  /** The bodies a reform renamed or merged it into (the table's full names), empty when none. */
  successors: string[];
  /** The reform step to the first successor, null when there is none. */
  renamed: Renaming | null;
  /** The end of the chain of first successors (卫生局 → 卫生和计划生育委员会 → 卫生健康委员会); the key itself when none. */
  current: string;
}

/** One body of the table. */
export interface AgencyEntry {
  name: string;
  variants: readonly string[];
  successors?: readonly string[];
  year?: number | null;
  /** A key of the file's `reforms`, or the reform's words. */
  reform?: string;
  source: string;
}

export interface AgencyData {
  reforms?: Readonly<Record<string, string>>;
  agencies: readonly AgencyEntry[];
}

/** The places a document names (its title and issuer): 马村 with level 区, for names written without a level. */
export interface PlaceContext {
  places: ReadonlyArray<{ place: string; level: AgencyLevel | null }>;
}

const LEVELS = new Set<string>(["省", "市", "县", "区"]);

/** The general rules of step 3, without 分局 (which needs the table): 和 inside dropped, a final 委员会 → 委. */
export function spellingForm(name: string): string {
  // Most names have neither, and the table's 170-odd names and variants are put in this form at start-up.
  if (!name.includes("和") && !name.endsWith("委员会")) return name;
  return name.replace(/(?<=.)和(?=.)/g, "").replace(/委员会$/, "委");
}

/** 区 / 县 / 市 / 省 (or 区委 …) in front of a department; 市 only when not the 市 of 市场, 市容, 市政, 市民. */
const LEVEL_PREFIX = /^([区县市省])(?:委(?=.))?(?=.)/;
const NOT_A_LEVEL = /^市(?:场|容|政|民)/;
/** A named place with its level in front: 马村区…, 焦作市…, 河南省… (2 to 6 characters before the level). */
const NAMED_PLACE = /^([\u4e00-\u9fff]{2,6}?)([省市区县])(?:委(?=.))?(?=.)/;

/** Bracketed parts, a final 等 and whitespace dropped, full-width forms folded (the prefix stays). */
function bare(name: string): string {
  return withoutBrackets(name) || name.normalize("NFKC").replace(/\s+/g, "");
}

export class AgencyTable {
  /** Spelling form → full name. */
  private readonly bySpelling = new Map<string, string>();
  private readonly entries = new Map<string, AgencyEntry>();
  private readonly reforms: Readonly<Record<string, string>>;
  private readonly memo = new Map<string, AgencyInfo>();
  private readonly descendants = new Map<string, Set<string>>();

  constructor(data: AgencyData, extra: readonly AgencyEntry[] = []) {
    this.reforms = data.reforms ?? {};
    for (const entry of [...data.agencies, ...extra]) this.add(entry);
  }

  private add(entry: AgencyEntry): void {
    const name = entry.name;
    const existing = this.entries.get(name);
    const merged: AgencyEntry = existing
      ? {
          ...existing,
          variants: [...existing.variants, ...entry.variants],
          ...(entry.successors?.length ? { successors: entry.successors, year: entry.year ?? null, reform: entry.reform ?? "" } : {}),
        }
      : entry;
    this.entries.set(name, merged);
    for (const n of [name, ...entry.variants]) this.bySpelling.set(spellingForm(n), name);
  }

  /** The table's full name for a name written without place or level, or undefined. */
  private lookup(rest: string): string | undefined {
    const direct = this.bySpelling.get(spellingForm(rest));
    if (direct !== undefined) return direct;
    if (rest.endsWith("分局") && rest.length > 2) return this.bySpelling.get(spellingForm(rest.slice(0, -2) + "局"));
    return undefined;
  }

  /** The full name a name stands for when the table knows it (steps 1–4), else undefined. */
  fullName(name: string): string | undefined {
    return this.lookup(this.split(name).rest);
  }

  /** The name without its place, level, brackets and a final 等 (what the table's entries are written as). */
  stem(name: string, context?: PlaceContext): string {
    return this.split(name, context).rest || bare(name);
  }

  private split(name: string, context?: PlaceContext): { rest: string; level: AgencyLevel | null; place: string | null } {
    const s = bare(name);
    if (context) {
      for (const { place, level } of context.places) {
        if (!s.startsWith(place) || s.length <= place.length) continue;
        let rest = s.slice(place.length);
        let lv = level;
        const m = LEVEL_PREFIX.exec(rest);
        if (m && !NOT_A_LEVEL.test(rest)) {
          lv = m[1] as AgencyLevel;
          rest = rest.slice(m[0].length);
        }
        if (rest) return { rest, level: lv, place };
      }
    }
    const generic = LEVEL_PREFIX.exec(s);
    // 区委 itself (the district's Party committee) keeps its name: only a department after it goes.
    if (generic && !NOT_A_LEVEL.test(s) && s !== `${generic[1]}委`) return { rest: s.slice(generic[0].length), level: generic[1] as AgencyLevel, place: null };
    const named = NAMED_PLACE.exec(s);
    if (named) {
      const rest = s.slice(named[0].length);
      if (rest && this.lookup(rest) !== undefined) return { rest, level: named[2] as AgencyLevel, place: named[1]! };
    }
    return { rest: s, level: null, place: null };
  }

  private chain(key: string): string {
    const seen = new Set<string>([key]);
    let at = key;
    for (;;) {
      const next = this.entries.get(at)?.successors?.[0];
      if (next === undefined || seen.has(next)) return at;
      seen.add(next);
      at = next;
    }
  }

  private renamingOf(key: string): Renaming | null {
    const entry = this.entries.get(key);
    const to = entry?.successors?.[0];
    if (!entry || to === undefined) return null;
    const reform = entry.reform ?? "";
    return { from: key, to, year: entry.year ?? null, reform: this.reforms[reform] ?? reform };
  }

  /** What the table says about a party name (see AgencyInfo). */
  info(name: string, context?: PlaceContext): AgencyInfo {
    const memoKey = context ? `${contextKey(context)}\u0000${name}` : name;
    const hit = this.memo.get(memoKey);
    if (hit) return hit;
    const { rest, level, place } = this.split(name, context);
    const full = this.lookup(rest);
    const key = full ?? (rest ? spellingForm(rest) : name.normalize("NFKC").replace(/\s+/g, ""));
    const entry = full !== undefined ? this.entries.get(full) : undefined;
    const info: AgencyInfo = {
      name,
      key,
      known: full !== undefined,
      level,
      place,
      successors: [...(entry?.successors ?? [])],
      renamed: this.renamingOf(key),
      current: this.chain(key),
    };
    if (this.memo.size < 100_000) this.memo.set(memoKey, info);
    return info;
  }

  /** The comparable key of a party name. */
  key(name: string, context?: PlaceContext): string {
    return this.info(name, context).key;
  }

  /** Every key a reform turned this one into, transitively (its successors, theirs, …), without itself. */
  successorsOf(key: string): ReadonlySet<string> {
    let out = this.descendants.get(key);
    if (out) return out;
    out = new Set<string>();
    const stack = [...(this.entries.get(key)?.successors ?? [])];
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (out.has(k) || k === key) continue;
      out.add(k);
      stack.push(...(this.entries.get(k)?.successors ?? []));
    }
    this.descendants.set(key, out);
    return out;
  }

  /**
   * The reform steps from key a to key b, or from b to a (an older plan compared with a newer one, or the
   * other way round); null when neither is a successor of the other. Steps go from the older name to the newer.
   */
  renaming(a: string, b: string): Renaming[] | null {
    if (a === b) return null;
    const path = (from: string, to: string): Renaming[] | null => {
      if (!this.successorsOf(from).has(to)) return null;
      // Breadth first from `from` to `to`, for the shortest chain of steps.
      const back = new Map<string, string>();
      const queue = [from];
      while (queue.length > 0) {
        const k = queue.shift()!;
        if (k === to) break;
        for (const next of this.entries.get(k)?.successors ?? []) {
          if (back.has(next) || next === from) continue;
          back.set(next, k);
          queue.push(next);
        }
      }
      const steps: Renaming[] = [];
      for (let at = to; at !== from; at = back.get(at)!) {
        const prev = back.get(at)!;
        const entry = this.entries.get(prev)!;
        const reform = entry.reform ?? "";
        steps.unshift({ from: prev, to: at, year: entry.year ?? null, reform: this.reforms[reform] ?? reform });
      }
      return steps;
    };
    return path(a, b) ?? path(b, a);
  }

  /** A table with more entries (an aliases file's); entries with a known full name add to it. */
  extend(extra: readonly AgencyEntry[]): AgencyTable {
    return new AgencyTable({ reforms: this.reforms, agencies: [...this.entries.values()] }, extra);
  }

  /** The entries, for listing. */
  list(): AgencyEntry[] {
    return [...this.entries.values()];
  }
}

/** A context's places as one string, made once per context rather than once per name looked up. */
const contextKeys = new WeakMap<PlaceContext, string>();
function contextKey(context: PlaceContext): string {
  let key = contextKeys.get(context);
  if (key === undefined) contextKeys.set(context, (key = context.places.map((p) => p.place).join("|")));
  return key;
}

let builtIn: AgencyTable | undefined;

/** The table shipped with plan-parse (data/agencies.json). */
export function builtInAgencies(): AgencyTable {
  return (builtIn ??= new AgencyTable(DATA as AgencyData));
}

/**
 * The places a document names, for names written with a place and no level (马村公安分局): the places of its
 * title and issuer, each with the level written after it (马村区 → 马村, 区).
 */
export function placeContext(doc: { meta: { title: string; issuer: string | null } }): PlaceContext {
  const places: { place: string; level: AgencyLevel | null }[] = [];
  const seen = new Set<string>();
  for (const text of [doc.meta.title, doc.meta.issuer]) {
    if (!text) continue;
    const clean = text.replace(/\d{4}\s*年/g, " ");
    for (const m of clean.matchAll(/([\u4e00-\u9fff]{2,6}?)(省|市|区|县)/g)) {
      const place = m[1]!;
      if (/^(全|本|各|我|示范|食品|关于|印发)/.test(place) || seen.has(place)) continue;
      seen.add(place);
      places.push({ place, level: LEVELS.has(m[2]!) ? (m[2] as AgencyLevel) : null });
    }
  }
  // Longest first: 鲅鱼圈 before a shorter place it starts with.
  places.sort((a, b) => b.place.length - a.place.length);
  return { places };
}

/** The region a document is about, as its title (else its issuer) writes it: 马村区, 营口市鲅鱼圈区; null when none. */
export function documentRegion(doc: { meta: { title: string; issuer: string | null } }): string | null {
  for (const text of [doc.meta.title, doc.meta.issuer]) {
    if (!text) continue;
    const clean = text.replace(/^\s*\d{4}\s*年(?:度)?/, "").trim();
    const m = /^(?:[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|区|县|州|旗))+/.exec(clean);
    if (m && !/^(全|本|各|我|关于|印发)/.test(m[0])) return m[0];
  }
  return null;
}
