// `plan-parse agencies`: the agency × document matrix researchers otherwise build by hand — for every party
// named in a responsibility bracket, how many tasks it leads (牵头), is responsible for (负责), supports (配合)
// and guides (指导) in each plan. Names are compared by a key that ignores how a plan happens to write them
// (区农业农村局 / 农业农村局), and an aliases file merges what no rule can (区食安办 = 区政府食品安全办).
import { Chalk, type ChalkInstance } from "chalk";
import { BOM, csvLine } from "./csv.js";
import type { PlanDocument, PlanNode, Task } from "./schema.js";
import { partyKey } from "./party-key.js";
import { terminalDeep, terminalLine } from "./terminal-text.js";
import { parseYamlDocument } from "./yaml-data.js";

export type AgencyRole = "lead" | "responsible" | "support" | "guide";
const ROLES: readonly AgencyRole[] = ["lead", "responsible", "support", "guide"];

// ---------------------------------------------------------------------------------------------------------
// Keys

/** The comparable key agencies are grouped by (see src/party-key.ts). */
export const agencyKey = partyKey;

// ---------------------------------------------------------------------------------------------------------
// Aliases

export interface Aliases {
  /** The canonical name a party name stands for, compared by agencyKey; undefined when it has none. */
  canonicalOf(name: string): string | undefined;
}

function aliasError(message: string): Error {
  return new Error(`aliases: ${message}`.replace(/\s*\n\s*/g, " "));
}

/**
 * Reads an aliases file: YAML, a mapping of canonical name → list of variants (a single string is one variant):
 *
 *     区政府食品安全办: [区食安办, 食安办]
 *
 * Variants and the canonical name itself are compared by agencyKey. Throws a one-line Error naming the
 * offending key when the YAML does not parse or has another shape, or when one name is claimed by two
 * canonical names. An empty file means no aliases.
 */
export function loadAliases(yamlText: string): Aliases {
  let doc;
  try {
    doc = parseYamlDocument(yamlText);
  } catch (e) {
    throw aliasError(`invalid YAML: ${(e as Error).message}`);
  }
  const error = doc.errors[0];
  if (error) {
    const first = error.message.split("\n")[0] ?? "";
    throw aliasError(`invalid YAML: ${first}`);
  }
  const data: unknown = doc.toJS();
  const byKey = new Map<string, string>();
  if (data === null || data === undefined) return { canonicalOf: () => undefined };
  if (typeof data !== "object" || Array.isArray(data) || data instanceof Map) {
    throw aliasError("expected a mapping of canonical name → list of variants at the top level");
  }
  const claim = (name: string, canonical: string): void => {
    const key = agencyKey(name);
    const other = byKey.get(key);
    if (other !== undefined && other !== canonical) {
      throw aliasError(`${JSON.stringify(name)} is listed under both ${JSON.stringify(other)} and ${JSON.stringify(canonical)}`);
    }
    byKey.set(key, canonical);
  };
  for (const [rawCanonical, value] of Object.entries(data as Record<string, unknown>)) {
    const canonical = rawCanonical.trim();
    const where = JSON.stringify(rawCanonical);
    if (!canonical) throw aliasError(`${where}: an empty canonical name`);
    const variants = typeof value === "string" ? [value] : value;
    if (!Array.isArray(variants)) {
      const got = value === null ? "nothing" : Array.isArray(value) ? "a list" : typeof value === "object" ? "a mapping" : typeof value;
      throw aliasError(`${where} must map to a list of variant names, got ${got}`);
    }
    claim(canonical, canonical);
    for (const variant of variants) {
      if (typeof variant !== "string" || !variant.trim()) {
        throw aliasError(`${where}: every variant must be a non-empty name, got ${JSON.stringify(variant) ?? String(variant)}`);
      }
      claim(variant, canonical);
    }
  }
  return { canonicalOf: (name) => byKey.get(agencyKey(name)) };
}

// ---------------------------------------------------------------------------------------------------------
// The matrix

export interface RoleCounts {
  lead: number;
  responsible: number;
  support: number;
  guide: number;
  /** Tasks naming the party in any role (a task naming it as lead and as support counts once here). */
  total: number;
}

export interface AgencyRow {
  /** Display name: the canonical name when an alias applies, else the most frequent variant as written. */
  name: string;
  key: string;
  /** The names as written, most frequent first (ties: shorter first, then codepoint order). */
  variants: string[];
  /** Per document name, every document present (zeros included). */
  counts: Record<string, RoleCounts>;
  /** Sum of the per-document totals. */
  total: number;
}

export interface AgencyMatrix {
  documents: string[];
  agencies: AgencyRow[];
}

function byCodepoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function* tasksOf(nodes: readonly PlanNode[]): Generator<Task> {
  for (const node of nodes) {
    yield* node.tasks;
    yield* tasksOf(node.children);
  }
}

const zero = (): RoleCounts => ({ lead: 0, responsible: 0, support: 0, guide: 0, total: 0 });

/**
 * Counts, per party and document, the tasks naming it in each role. A party is counted once per task per role
 * (a task naming 区市场监管局 as lead counts 1 lead, even if two variants of it appear there). Sorted by total
 * descending, then name. Documents are keyed by `source.name`; two documents with one name are counted together.
 */
export function agencyMatrix(docs: PlanDocument[], aliases?: Aliases): AgencyMatrix {
  const documents = [...new Set(docs.map((d) => d.source.name))];
  interface Group {
    canonical: string | undefined;
    written: Map<string, number>;
    counts: Map<string, RoleCounts>;
  }
  const groups = new Map<string, Group>();
  const resolve = (name: string): { key: string; canonical: string | undefined } => {
    const canonical = aliases?.canonicalOf(name);
    return { key: agencyKey(canonical ?? name), canonical };
  };
  for (const doc of docs) {
    const docName = doc.source.name;
    for (const task of tasksOf(doc.outline)) {
      const inTask = new Set<string>();
      for (const role of ROLES) {
        const inRole = new Set<string>();
        for (const name of task[role]) {
          const { key, canonical } = resolve(name);
          let group = groups.get(key);
          if (!group) {
            group = { canonical, written: new Map(), counts: new Map() };
            groups.set(key, group);
          }
          group.written.set(name, (group.written.get(name) ?? 0) + 1);
          let counts = group.counts.get(docName);
          if (!counts) {
            counts = zero();
            group.counts.set(docName, counts);
          }
          if (!inRole.has(key)) {
            inRole.add(key);
            counts[role]++;
          }
          if (!inTask.has(key)) {
            inTask.add(key);
            counts.total++;
          }
        }
      }
    }
  }
  const agencies: AgencyRow[] = [];
  for (const [key, group] of groups) {
    const variants = [...group.written.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || byCodepoint(a[0], b[0]))
      .map(([name]) => name);
    const counts: Record<string, RoleCounts> = {};
    let total = 0;
    for (const d of documents) {
      const c = group.counts.get(d) ?? zero();
      // Defined, not assigned: a document named `__proto__` is a key like any other.
      Object.defineProperty(counts, d, { value: { ...c }, enumerable: true, writable: true, configurable: true });
      total += c.total;
    }
    agencies.push({ name: group.canonical ?? variants[0] ?? key, key, variants, counts, total });
  }
  agencies.sort((a, b) => b.total - a.total || byCodepoint(a.name, b.name));
  return { documents, agencies };
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

/** Terminal columns of a code point: East Asian wide and full-width ones take 2, combining marks 0, others 1. */
function codepointWidth(cp: number): number {
  if (cp < 0x300) return 1;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Display width in terminal columns (CJK characters count 2). */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += codepointWidth(ch.codePointAt(0)!);
  return w;
}

function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - textWidth(text)));
}

function padStart(text: string, width: number): string {
  return " ".repeat(Math.max(0, width - textWidth(text))) + text;
}

/** Column headers for the documents: the file name without directory and extension, unless two would clash. */
function documentHeaders(documents: readonly string[]): string[] {
  const short = documents.map((d) => d.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "") || d);
  return new Set(short).size === short.length ? short : [...documents];
}

function compact(c: RoleCounts): string {
  return `${c.lead}/${c.responsible}/${c.support}/${c.guide}`;
}

const plain: ChalkInstance = new Chalk({ level: 0 });

function renderTable(matrix: AgencyMatrix, c: ChalkInstance): string {
  // For a terminal: names come from the documents, and their control characters must not reach it.
  const m = terminalDeep(matrix, terminalLine);
  const headers = documentHeaders(m.documents);
  const GAP = "  ";
  const rows = m.agencies.map((a) => ({
    name: a.name,
    cells: m.documents.map((d) => (Object.hasOwn(a.counts, d) ? a.counts[d] : undefined) ?? zero()),
    total: a.total,
  }));
  const nameWidth = Math.max(textWidth("agency"), ...rows.map((r) => textWidth(r.name)));
  const docWidths = m.documents.map((_, i) =>
    Math.max(textWidth(headers[i]!), textWidth("L/R/S/G"), ...rows.map((r) => textWidth(compact(r.cells[i]!)))),
  );
  const totalWidth = Math.max(textWidth("total"), textWidth("tasks"), ...rows.map((r) => String(r.total).length));
  const line = (name: string, docs: string[], total: string, style: (s: string) => string = (s) => s): string =>
    [style(padEnd(name, nameWidth)), ...docs.map((d, i) => style(padStart(d, docWidths[i]!))), style(padStart(total, totalWidth))].join(GAP);

  const out: string[] = [];
  out.push(line("agency", headers, "total", c.bold));
  out.push(line("", m.documents.map(() => "L/R/S/G"), "tasks", c.dim));
  out.push(c.dim(["-".repeat(nameWidth), ...docWidths.map((w) => "-".repeat(w)), "-".repeat(totalWidth)].join(GAP)));
  for (const r of rows) {
    const cells = r.cells.map((x, i) => {
      const padded = padStart(compact(x), docWidths[i]!);
      return x.total === 0 ? c.dim(padded) : padded;
    });
    out.push([padEnd(r.name, nameWidth), ...cells, c.bold(padStart(String(r.total), totalWidth))].join(GAP));
  }
  out.push("");
  out.push(c.dim("L/R/S/G: tasks led (牵头) / responsible (负责) / supporting (配合) / guiding (指导); total: tasks naming the party"));
  const merged = m.agencies.filter((a) => a.variants.length > 1 || (a.variants.length === 1 && a.variants[0] !== a.name));
  if (merged.length > 0) {
    out.push(c.dim("variants:"));
    for (const a of merged) out.push(`  ${a.name} ${c.dim("←")} ${a.variants.join("、")}`);
  }
  return out.join("\n") + "\n";
}

const CSV_COLUMNS = ["agency", "key", "document", "lead", "responsible", "support", "guide", "total", "variants"] as const;

function renderCsv(m: AgencyMatrix): string {
  const parts: string[] = [BOM, csvLine(CSV_COLUMNS)];
  for (const a of m.agencies) {
    for (const d of m.documents) {
      const x = (Object.hasOwn(a.counts, d) ? a.counts[d] : undefined) ?? zero();
      parts.push(
        csvLine([a.name, a.key, d, String(x.lead), String(x.responsible), String(x.support), String(x.guide), String(x.total), a.variants.join("、")]),
      );
    }
  }
  return parts.join("");
}

/**
 * The matrix as text, ending with a newline. table: aligned for a terminal (CJK characters count two columns),
 * one column per document with L/R/S/G counts (`5/34/1/0`) and a total, then a legend and the variants of
 * merged names; colours only when a chalk instance with colours is given. csv: BOM, RFC 4180, one row per
 * agency × document (zeros included) with the role counts. json: the matrix, JSON.stringify(m, null, 2).
 */
export function renderAgencies(m: AgencyMatrix, format: "table" | "csv" | "json", color?: ChalkInstance): string {
  switch (format) {
    case "table":
      return renderTable(m, color ?? plain);
    case "csv":
      return renderCsv(m);
    case "json":
      return JSON.stringify(m, null, 2) + "\n";
  }
}
