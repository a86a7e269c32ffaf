// `plan-parse agencies`: the agency × document matrix researchers otherwise build by hand — for every party
// named in a responsibility bracket, how many tasks it leads (牵头), is responsible for (负责), supports (配合)
// and guides (指导) in each plan. Names are compared by the key of the agency table (src/pipeline/agency-table.ts,
// data/agencies.json), which ignores how a plan happens to write them (区农业农村局 / 农业农村局, 区卫健委 /
// 区卫生健康委); an aliases file adds what the table does not know (区食安委相关成员单位 = …).
import { Chalk, type ChalkInstance } from "chalk";
import { BOM, csvLine } from "./csv.js";
import type { PlanDocument, PlanNode, Task } from "../schema.js";
import { builtInAgencies, placeContext, type AgencyEntry, type AgencyTable, type Renaming } from "../pipeline/agency-table.js";
import { terminalDeep, terminalLine } from "./terminal-text.js";
import { textWidth } from "./text-width.js";
import { parseYamlDocument } from "../input/yaml-data.js";

export { textWidth };

export type AgencyRole = "lead" | "responsible" | "support" | "guide";
const ROLES: readonly AgencyRole[] = ["lead", "responsible", "support", "guide"];

// ---------------------------------------------------------------------------------------------------------
// Keys

/**
 * The comparable key agencies are grouped by: the agency table's full name of a body it knows (区卫健委,
 * 卫生健康委 → 卫生健康委员会; 区食药监分局 → 食品药品监督管理局), else the name without place, level, brackets
 * and a final 等 (src/pipeline/agency-table.ts says how).
 */
export function agencyKey(name: string): string {
  return builtInAgencies().key(name);
}

// ---------------------------------------------------------------------------------------------------------
// Aliases

export interface Aliases {
  /** The canonical name a party name stands for, compared by agencyKey; undefined when it has none. */
  canonicalOf(name: string): string | undefined;
  /** The file's entries, in file order: for the agency table (agencyTableWith). */
  readonly entries?: readonly AliasEntry[];
}

export interface AliasEntry {
  canonical: string;
  variants: string[];
  /** What a reform renamed it into, when the file says. */
  successor?: string;
  year?: number;
  reform?: string;
}

function aliasError(message: string): Error {
  return new Error(`aliases: ${message}`.replace(/\s*\n\s*/g, " "));
}

function describe(value: unknown): string {
  return value === null || value === undefined ? "nothing" : Array.isArray(value) ? "a list" : typeof value === "object" ? "a mapping" : typeof value;
}

/**
 * Reads an aliases file: YAML, a mapping of canonical name → list of variants (a single string is one variant),
 * or → a mapping with `variants` and, for a renaming the built-in table does not know, `successor`, `year`
 * and `reform`:
 *
 *     区政府食品安全办: [区食安办, 食安办]
 *     区城市管理局:
 *       variants: [区城管局]
 *       successor: 区城市管理综合执法局
 *       year: 2019
 *       reform: 区机构改革
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
  const entries: AliasEntry[] = [];
  if (data === null || data === undefined) return { canonicalOf: () => undefined, entries };
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
    const entry: AliasEntry = { canonical, variants: [] };
    let variants: unknown = typeof value === "string" ? [value] : value;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const fields = value as Record<string, unknown>;
      const unknown = Object.keys(fields).find((k) => !["variants", "successor", "year", "reform"].includes(k));
      if (unknown !== undefined || !("variants" in fields || "successor" in fields)) {
        throw aliasError(`${where} must map to a list of variant names, got a mapping (other than one of variants, successor, year, reform)`);
      }
      variants = typeof fields.variants === "string" ? [fields.variants] : (fields.variants ?? []);
      if (fields.successor !== undefined) {
        if (typeof fields.successor !== "string" || !fields.successor.trim()) throw aliasError(`${where}: successor must be a name, got ${describe(fields.successor)}`);
        entry.successor = fields.successor.trim();
      }
      if (fields.year !== undefined) {
        if (!Number.isInteger(fields.year)) throw aliasError(`${where}: year must be a whole number, got ${JSON.stringify(fields.year) ?? String(fields.year)}`);
        entry.year = fields.year as number;
      }
      if (fields.reform !== undefined) {
        if (typeof fields.reform !== "string") throw aliasError(`${where}: reform must be text, got ${describe(fields.reform)}`);
        entry.reform = fields.reform;
      }
    }
    if (!Array.isArray(variants)) throw aliasError(`${where} must map to a list of variant names, got ${describe(value)}`);
    claim(canonical, canonical);
    for (const variant of variants) {
      if (typeof variant !== "string" || !variant.trim()) {
        throw aliasError(`${where}: every variant must be a non-empty name, got ${JSON.stringify(variant) ?? String(variant)}`);
      }
      claim(variant, canonical);
      entry.variants.push(variant.trim());
    }
    entries.push(entry);
  }
  return { canonicalOf: (name) => byKey.get(agencyKey(name)), entries };
}

/**
 * The built-in agency table extended by an aliases file: each canonical name becomes a body whose variants
 * are the names listed under it (a canonical name the table knows adds variants to that body), and a
 * `successor` a renaming. Without aliases, the built-in table.
 */
export function agencyTableWith(aliases?: Aliases): AgencyTable {
  const table = builtInAgencies();
  if (!aliases?.entries?.length) return table;
  const extra: AgencyEntry[] = aliases.entries.map((e) => {
    const name = table.stem(e.canonical);
    return {
      name: table.fullName(e.canonical) ?? name,
      variants: e.variants.map((v) => table.stem(v)),
      ...(e.successor ? { successors: [table.fullName(e.successor) ?? table.stem(e.successor)], year: e.year ?? null, reform: e.reform ?? "" } : {}),
      source: "aliases file",
    };
  });
  return table.extend(extra);
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
  /** The level of the display name's prefix (区 / 县 / 市 / 省), null when it has none. */
  level: string | null;
  /** A named place in front of the display name (马村), null when none. */
  place: string | null;
  /** The bodies a reform renamed or merged it into, empty when none. */
  successors: string[];
  /** The reform step to the first successor, null when none. */
  renamed: Renaming | null;
  /** With followRenamings: the keys of the predecessors counted in this row, else empty. */
  predecessors: string[];
}

export interface AgencyMatrix {
  documents: string[];
  agencies: AgencyRow[];
}

export interface MatrixOptions {
  /** Count a renamed body under its current successor (食药监局 → 市场监督管理局): one row across the reform. */
  followRenamings?: boolean;
  /** The agency table (default: the built-in one extended by the aliases). */
  table?: AgencyTable;
}

function byCodepoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function* tasksOf(nodes: readonly PlanNode[]): Generator<Task> {
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield* node.tasks;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

const zero = (): RoleCounts => ({ lead: 0, responsible: 0, support: 0, guide: 0, total: 0 });

/**
 * Counts, per party and document, the tasks naming it in each role. A party is counted once per task per role
 * (a task naming 区市场监管局 as lead counts 1 lead, even if two variants of it appear there). Sorted by total
 * descending, then name. Documents are keyed by `source.name`; two documents with one name are counted together.
 */
export function agencyMatrix(docs: PlanDocument[], aliases?: Aliases, options: MatrixOptions = {}): AgencyMatrix {
  const table = options.table ?? agencyTableWith(aliases);
  const documents = [...new Set(docs.map((d) => d.source.name))];
  interface Group {
    canonical: string | undefined;
    written: Map<string, number>;
    counts: Map<string, RoleCounts>;
    keys: Set<string>;
  }
  const groups = new Map<string, Group>();
  for (const doc of docs) {
    const docName = doc.source.name;
    const context = placeContext(doc);
    const resolve = (name: string): { key: string; own: string; canonical: string | undefined } => {
      const canonical = aliases?.canonicalOf(name);
      const info = table.info(canonical ?? name, context);
      return { key: options.followRenamings ? info.current : info.key, own: info.key, canonical };
    };
    for (const task of tasksOf(doc.outline)) {
      const inTask = new Set<string>();
      for (const role of ROLES) {
        const inRole = new Set<string>();
        for (const name of task[role]) {
          const { key, own, canonical } = resolve(name);
          let group = groups.get(key);
          if (!group) {
            group = { canonical, written: new Map(), counts: new Map(), keys: new Set() };
            groups.set(key, group);
          }
          group.keys.add(own);
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
    const name = group.canonical ?? variants[0] ?? key;
    const info = table.info(name);
    const keyInfo = info.key === key ? info : table.info(key);
    agencies.push({
      name,
      key,
      variants,
      counts,
      total,
      level: info.level,
      place: info.place,
      successors: [...keyInfo.successors],
      renamed: keyInfo.renamed,
      predecessors: options.followRenamings ? [...group.keys].filter((k) => k !== key).sort(byCodepoint) : [],
    });
  }
  agencies.sort((a, b) => b.total - a.total || byCodepoint(a.name, b.name));
  return { documents, agencies };
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

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
  const renamed = m.agencies.filter((a) => a.renamed);
  if (renamed.length > 0) {
    out.push(c.dim("renamed by a reform:"));
    for (const a of renamed) out.push(`  ${a.name} ${c.dim("→")} ${a.successors.join(" / ")}${a.renamed!.year ? c.dim(` (${a.renamed!.year})`) : ""}`);
  }
  const followed = m.agencies.filter((a) => a.predecessors.length > 0);
  if (followed.length > 0) {
    out.push(c.dim("counted with their predecessors:"));
    for (const a of followed) out.push(`  ${a.name} ${c.dim("←")} ${a.predecessors.join("、")}`);
  }
  return out.join("\n") + "\n";
}

/** The long form's columns: one row per agency × document. */
export const AGENCY_COLUMNS = ["agency", "key", "document", "lead", "responsible", "support", "guide", "total", "variants", "level", "place", "successor", "renamed_year"] as const;

const countsOf = (a: AgencyRow, d: string): RoleCounts => (Object.hasOwn(a.counts, d) ? a.counts[d] : undefined) ?? zero();

function longRows(m: AgencyMatrix): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const a of m.agencies) {
    for (const d of m.documents) {
      const x = countsOf(a, d);
      rows.push([a.name, a.key, d, x.lead, x.responsible, x.support, x.guide, x.total, a.variants.join("、"), a.level ?? "", a.place ?? "", a.successors.join("、"), a.renamed?.year ?? null]);
    }
  }
  return rows;
}

function renderCsv(m: AgencyMatrix): string {
  const parts: string[] = [BOM, csvLine(AGENCY_COLUMNS)];
  for (const row of longRows(m)) parts.push(csvLine(row.map((v) => (v === null ? "" : String(v)))));
  return parts.join("");
}

/**
 * The matrix as an .xlsx workbook: sheet `agencies`, the wide form — one row per agency, and per plan one
 * column for each role and the total (`000_… lead`, …), the agency, key, level, place and successor first
 * and kept in view; sheet `long`, AGENCY_COLUMNS, one row per agency × plan (for pivot tables).
 */
export async function agenciesWorkbook(m: AgencyMatrix): Promise<Uint8Array> {
  const { workbookBytes } = await import("./xlsx.js");
  const headers = documentHeaders(m.documents);
  const text = (header: string, maxWidth?: number) => ({ header, type: "text" as const, ...(maxWidth ? { maxWidth } : {}) });
  const count = (header: string) => ({ header, type: "integer" as const, maxWidth: 14 });
  const wide = {
    name: "agencies",
    columns: [
      text("agency", 30),
      text("key", 30),
      text("level"),
      text("place"),
      text("successor", 30),
      { header: "renamed_year", type: "integer" as const },
      ...headers.flatMap((h) => [...ROLES, "total"].map((r) => count(`${h} ${r}`))),
      count("total"),
      text("variants", 60),
    ],
    rows: m.agencies.map((a) => [
      a.name,
      a.key,
      a.level ?? "",
      a.place ?? "",
      a.successors.join("、"),
      a.renamed?.year ?? null,
      ...m.documents.flatMap((d) => {
        const x = countsOf(a, d);
        return [x.lead, x.responsible, x.support, x.guide, x.total];
      }),
      a.total,
      a.variants.join("、"),
    ]),
    frozenColumns: 1,
  };
  const long = {
    name: "long",
    columns: AGENCY_COLUMNS.map((h) =>
      ["lead", "responsible", "support", "guide", "total", "renamed_year"].includes(h) ? count(h) : text(h, h === "variants" ? 60 : 30),
    ),
    rows: longRows(m),
    frozenColumns: 1,
  };
  return workbookBytes([wide, long]);
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
