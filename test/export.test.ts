// `plan-parse export`: the seeds into an SQLite database and into Parquet files, queried back. Counts per role
// against the parsed documents, one task's owners and deadlines, the sha256 key (no duplicates after a second
// export, a changed file is a new document), Parquet read back with hyparquet, and the command end to end.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { Database } from "node-sqlite3-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencyKey } from "../src/outputs/agencies.js";
import { exportFormatFor, openExport, type ExportFormat, type ExportSummary } from "../src/export/index.js";
import { parquetSchemaOf } from "../src/export/parquet.js";
import { EXPORT_DDL, TABLE_NAMES, tableColumns } from "../src/export/schema.js";
import { parsePlanBytes } from "../src/pipeline/parse-plan.js";
import type { PlanDocument, PlanNode } from "../src/schema.js";
import { tableRows } from "../src/outputs/table.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SEEDS = "fixtures/seeds/";
const seedNames = readdirSync(join(ROOT, SEEDS))
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => SEEDS + f);
const S000 = SEEDS + "000_8d72839633e6c520.txt";
let tmp = "";

function parse(name: string, bytes: Uint8Array = readFileSync(join(ROOT, name))): PlanDocument {
  const r = parsePlanBytes(bytes, { name });
  if (!r.ok) throw new Error(r.problem);
  return r.document;
}
const docs = seedNames.map((n) => parse(n));
const sha = (name: string): string => createHash("sha256").update(readFileSync(join(ROOT, name))).digest("hex");

async function exportDocs(output: string, list: readonly PlanDocument[], format: ExportFormat = "sqlite"): Promise<ExportSummary> {
  const exporter = await openExport({ output, format, version: "test" });
  for (const d of list) exporter.add(d);
  exporter.finish();
  return exporter.summary();
}

function query<T = Record<string, unknown>>(file: string, sql: string, values: (string | number)[] = []): T[] {
  const db = new Database(file, { readOnly: true });
  try {
    return db.all(sql, values) as T[];
  } finally {
    db.close();
  }
}

function allNodes(doc: PlanDocument): PlanNode[] {
  const out: PlanNode[] = [];
  const walk = (ns: readonly PlanNode[]): void => ns.forEach((n) => (out.push(n), walk(n.children)));
  walk(doc.outline);
  return out;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist/export.cjs"))) spawnSync(process.execPath, ["build.mjs", "--no-types"], { cwd: ROOT });
  tmp = mkdtempSync(join(tmpdir(), "plan-parse-export-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the export schema", () => {
  it("is the DDL: SQLite's own view of every table has the columns, types and NOT NULLs tableColumns reads from it", async () => {
    const file = join(tmp, "schema.sqlite");
    await exportDocs(file, []);
    for (const table of TABLE_NAMES) {
      const info = query<{ name: string; type: string; notnull: number }>(file, `PRAGMA table_info(${table})`);
      expect(info.map((c) => [c.name, c.type, c.notnull === 1])).toEqual(tableColumns(table).map((c) => [c.name, c.type, c.notNull]));
      expect(EXPORT_DDL[table]).toMatch(new RegExp(`^CREATE TABLE IF NOT EXISTS ${table} \\(`));
    }
    // Columns in English snake_case; the Parquet schema has the same columns in the same order, dates as DATE.
    for (const table of TABLE_NAMES) {
      for (const c of tableColumns(table)) expect(c.name).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(parquetSchemaOf(table).slice(1).map((e) => e.name)).toEqual(tableColumns(table).map((c) => c.name));
    }
    expect(parquetSchemaOf("deadlines").find((e) => e.name === "date")).toMatchObject({ type: "INT32", converted_type: "DATE", repetition_type: "OPTIONAL" });
    expect(query(file, "PRAGMA application_id")).toEqual([{ application_id: 0x706c6e70 }]);
    expect(query(file, "PRAGMA user_version")).toEqual([{ user_version: 1 }]);
  });
});

describe("export to SQLite", () => {
  let file = "";
  beforeAll(async () => {
    file = join(tmp, "plans.sqlite");
    const s = await exportDocs(file, docs);
    expect(s).toMatchObject({ added: docs.length, skipped: 0, written: true });
  });

  it("keys each document by its sha256 and keeps its name as given, title, issuer, year, 文号 and format", () => {
    const rows = query<Record<string, unknown>>(file, "SELECT * FROM documents ORDER BY source_name");
    expect(rows.map((r) => r.document_id)).toEqual(seedNames.map(sha));
    expect(rows.map((r) => r.source_name)).toEqual(seedNames);
    const s003 = rows.find((r) => String(r.source_name).includes("003_"))!;
    expect(s003).toMatchObject({
      title: "2021年焦作市示范区食品安全工作要点",
      issuer: "焦作市示范区食品安全委员会",
      year: 2021,
      doc_number: "焦示食安〔2021〕1号",
      format: "txt",
      plan_schema: "plan-parse/v1",
      plan_parse_version: "test",
      export_batch: 1,
    });
    for (const [i, d] of docs.entries()) {
      expect(rows[i]).toMatchObject({ bytes: d.source.bytes, node_count: d.stats.nodes, task_count: d.stats.tasks, warning_count: d.stats.warnings });
    }
  });

  it("has every node and task of every document, with the printed labels `table` gives", () => {
    for (const d of docs) {
      const id = d.source.sha256;
      const nodes = query<{ node_id: string; label: string; parent_id: string | null }>(file, "SELECT node_id, label, parent_id FROM nodes WHERE document_id = ? ORDER BY position", [id]);
      expect(nodes.map((n) => n.node_id)).toEqual(allNodes(d).map((n) => n.id));
      const labels = new Map(tableRows(d).map((r) => [r.node_id, r.label]));
      for (const n of nodes) expect(n.label).toBe(labels.get(n.node_id));
      for (const n of nodes) expect(n.parent_id).toBe(n.node_id.includes(".") ? n.node_id.replace(/\.\d+$/, "") : null);
      const tasks = query<{ task_id: string; node_id: string }>(file, "SELECT task_id, node_id FROM tasks WHERE document_id = ? ORDER BY rowid", [id]);
      expect(tasks.map((t) => t.task_id)).toEqual(allNodes(d).flatMap((n) => n.tasks.map((t) => t.id)));
      for (const t of tasks) expect(t.task_id).toMatch(new RegExp(`^${t.node_id.replace(/\./g, "\\.")}#\\d+$`));
    }
  });

  it("counts the parties per role as the documents name them, each with its agency key", () => {
    const counts = query<{ role: string; n: number }>(file, "SELECT role, count(*) AS n FROM task_parties GROUP BY role");
    const got = Object.fromEntries(counts.map((r) => [r.role, r.n]));
    const expected: Record<string, number> = {};
    for (const d of docs) {
      for (const t of allNodes(d).flatMap((n) => n.tasks)) {
        for (const [role, list] of [["lead", t.lead], ["responsible", t.responsible], ["support", t.support], ["guide", t.guide], ["leader", t.leaders]] as const) {
          if (list.length > 0) expected[role] = (expected[role] ?? 0) + list.length;
        }
      }
    }
    expect(got).toEqual(expected);
    // The seeds as they read today: 51 leads, 537 responsible, 17 supporting.
    expect(got.lead).toBeGreaterThan(40);
    expect(got.responsible).toBeGreaterThan(got.lead!);
    const parties = query<{ party: string; agency_key: string | null; role: string }>(file, "SELECT party, agency_key, role FROM task_parties");
    for (const p of parties) expect(p.agency_key).toBe(p.role === "leader" ? null : agencyKey(p.party));
    // 区市场监管局 and 市场监管局 are one agency.
    expect(parties.find((p) => p.party === "区市场监管局")?.agency_key).toBe(agencyKey("市场监管局"));
  });

  it("gives task 4.4#4 of 马村区 2021 (000) its lead, the five responsible bureaux and its item's deadline 年底前 = 2021-12-31", () => {
    const id = sha(S000);
    const owners = query<{ role: string; party: string }>(file, "SELECT role, party FROM task_parties WHERE document_id = ? AND task_id = '4.4#4' ORDER BY role, position", [id]);
    expect(owners).toEqual([
      { role: "lead", party: "区市场监管局" },
      { role: "responsible", party: "区文化广电和旅游局" },
      { role: "responsible", party: "区民政局" },
      { role: "responsible", party: "区卫生健康委" },
      { role: "responsible", party: "区住房和城乡建设局" },
      { role: "responsible", party: "区交通运输局" },
    ]);
    const deadlines = query(file, "SELECT d.text, d.date, d.kind, d.scope FROM tasks t JOIN deadlines d ON d.document_id = t.document_id AND d.node_id = t.node_id AND d.scope = 'progress' WHERE t.document_id = ? AND t.task_id = '4.4#4' ORDER BY d.position", [id]);
    expect(deadlines).toContainEqual({ text: "年底前", date: "2021-12-31", kind: "by", scope: "progress" });
    const label = query(file, "SELECT n.label FROM nodes n WHERE n.document_id = ? AND n.node_id = '4.4'", [id]);
    expect(label).toEqual([{ label: "四（十一）" }]);
  });

  it("gives a task's own deadline its wording and ISO date (000, 6.3#1: 马村公安分局, 年底前)", () => {
    const rows = query(file, "SELECT p.party, d.text, d.date, d.scope FROM deadlines d JOIN task_parties p USING (document_id, task_id) WHERE d.document_id = ? AND d.task_id = '6.3#1'", [sha(S000)]);
    expect(rows).toEqual([{ party: "马村公安分局", text: "年底前", date: "2021-12-31", scope: "task" }]);
  });

  it("keeps every deadline of the documents, tasks' and progress clauses' alike", () => {
    const n = (query<{ n: number }>(file, "SELECT count(*) AS n FROM deadlines")[0]!).n;
    const expected = docs.reduce((s, d) => s + allNodes(d).reduce((a, node) => a + (node.progress?.deadlines.length ?? 0) + node.tasks.reduce((b, t) => b + t.deadlines.length, 0), 0), 0);
    expect(n).toBe(expected);
    expect(query(file, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
  });

  it("adds nothing on a second export of the same files, and leaves the file untouched", async () => {
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    const s = await exportDocs(file, docs);
    expect(s).toMatchObject({ added: 0, skipped: docs.length, written: false });
    expect(s.rows.documents).toBe(docs.length);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(query(file, "SELECT count(*) AS n FROM (SELECT document_id, task_id FROM tasks GROUP BY 1, 2 HAVING count(*) > 1)")).toEqual([{ n: 0 }]);
  });

  it("knows an input already there by its bytes, before parsing it (not standard input, not a file it cannot read)", async () => {
    const exporter = await openExport({ output: file, format: "sqlite", version: "test" });
    try {
      expect(exporter.hasInput(join(ROOT, S000))).toBe(true);
      expect(exporter.hasInput(join(tmp, "missing.txt"))).toBe(false);
      expect(exporter.hasInput("-")).toBe(false);
      const copy = join(tmp, "000-touched.txt");
      writeFileSync(copy, Buffer.concat([readFileSync(join(ROOT, S000)), Buffer.from(" ")]));
      expect(exporter.hasInput(copy)).toBe(false);
      expect(exporter.summary().skipped).toBe(1);
    } finally {
      exporter.abort();
    }
  });

  it("adds a second batch to the first, and the same file twice in one batch once", async () => {
    const two = join(tmp, "batches.sqlite");
    expect(await exportDocs(two, docs.slice(0, 2))).toMatchObject({ added: 2, skipped: 0 });
    const s = await exportDocs(two, [...docs, docs[0]!]);
    expect(s).toMatchObject({ added: docs.length - 2, skipped: 3 });
    const whole = query(file, "SELECT (SELECT count(*) FROM documents) d, (SELECT count(*) FROM nodes) n, (SELECT count(*) FROM tasks) t, (SELECT count(*) FROM task_parties) p, (SELECT count(*) FROM deadlines) l");
    const batched = query(two, "SELECT (SELECT count(*) FROM documents) d, (SELECT count(*) FROM nodes) n, (SELECT count(*) FROM tasks) t, (SELECT count(*) FROM task_parties) p, (SELECT count(*) FROM deadlines) l");
    expect(batched).toEqual(whole);
    expect(query(two, "SELECT export_batch b, count(*) n FROM documents GROUP BY export_batch ORDER BY b")).toEqual([
      { b: 1, n: 2 },
      { b: 2, n: docs.length - 2 },
    ]);
  });

  it("writes the same bytes for the same inputs: no clock, no path in the database", async () => {
    const a = join(tmp, "same-a.sqlite");
    const b = join(tmp, "same-b.sqlite");
    await exportDocs(a, docs);
    await new Promise((r) => setTimeout(r, 1100));
    await exportDocs(b, docs);
    expect(createHash("sha256").update(readFileSync(a)).digest("hex")).toBe(createHash("sha256").update(readFileSync(b)).digest("hex"));
  });

  it("takes a changed file under the same name for a new document: both stay, told apart by sha256", async () => {
    const changedFile = join(tmp, "changed.sqlite");
    const name = "plans/2021.txt";
    const first = parse(name, readFileSync(join(ROOT, S000)));
    const changed = parse(name, Buffer.concat([readFileSync(join(ROOT, S000)), Buffer.from("\n八、加强宣传。（区委宣传部牵头）\n")]));
    await exportDocs(changedFile, [first]);
    expect(await exportDocs(changedFile, [changed])).toMatchObject({ added: 1, skipped: 0 });
    const rows = query<{ source_name: string; document_id: string }>(changedFile, "SELECT source_name, document_id FROM documents ORDER BY rowid");
    expect(rows.map((r) => r.source_name)).toEqual([name, name]);
    expect(new Set(rows.map((r) => r.document_id)).size).toBe(2);
  });

  it("refuses to add to a file that is not an export database, and leaves it as it was", async () => {
    const notDb = join(tmp, "notes.db");
    writeFileSync(notDb, "my notes\n");
    await expect(openExport({ output: notDb, format: "sqlite", version: "test" })).rejects.toThrow(/not an SQLite database; refusing to replace it/);
    expect(readFileSync(notDb, "utf8")).toBe("my notes\n");
    const other = join(tmp, "other.sqlite");
    const db = new Database(other);
    db.exec("CREATE TABLE t (x)");
    db.close();
    await expect(openExport({ output: other, format: "sqlite", version: "test" })).rejects.toThrow(/did not make/);
    expect(readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("leaves the database as it was when an export is abandoned", async () => {
    const copy = join(tmp, "abandoned.sqlite");
    copyFileSync(file, copy);
    const before = readFileSync(copy);
    const exporter = await openExport({ output: copy, format: "sqlite", version: "test" });
    exporter.add(parse("other.txt", Buffer.concat([readFileSync(join(ROOT, S000)), Buffer.from("\n")])));
    exporter.abort();
    expect(readFileSync(copy).equals(before)).toBe(true);
    expect(readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

async function readParquet(file: string): Promise<{ rows: Record<string, unknown>[]; numRows: number; kv: Record<string, string | undefined> }> {
  const buffer = await asyncBufferFromFile(file);
  const meta = await parquetMetadataAsync(buffer);
  const rows = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
  return { rows, numRows: Number(meta.num_rows), kv: Object.fromEntries((meta.key_value_metadata ?? []).map((k) => [k.key, k.value])) };
}

describe("export to Parquet", () => {
  let dir = "";
  let sqliteCounts: Record<string, number> = {};
  beforeAll(async () => {
    dir = join(tmp, "parquet");
    await exportDocs(dir, docs, "parquet");
    const file = join(tmp, "for-parquet.sqlite");
    const s = await exportDocs(file, docs);
    sqliteCounts = s.rows;
  });

  it("writes one file per table with the rows of the SQLite export, read back with hyparquet", async () => {
    expect(readdirSync(dir).sort()).toEqual(TABLE_NAMES.map((t) => `${t}.parquet`).sort());
    for (const table of TABLE_NAMES) {
      const { rows, numRows, kv } = await readParquet(join(dir, `${table}.parquet`));
      expect(numRows).toBe(sqliteCounts[table]);
      expect(rows).toHaveLength(sqliteCounts[table]!);
      expect(Object.keys(rows[0]!)).toEqual(tableColumns(table).map((c) => c.name));
      expect(kv["plan-parse-export"]).toBe("plan-parse-export/v1");
    }
    const { rows: deadlines } = await readParquet(join(dir, "deadlines.parquet"));
    const own = deadlines.find((d) => d.task_id === "6.3#1" && d.document_id === sha(S000))!;
    expect(own).toMatchObject({ text: "年底前", scope: "task", kind: "by" });
    expect(own.date).toEqual(new Date("2021-12-31T00:00:00Z"));
    const { rows: docsRows } = await readParquet(join(dir, "documents.parquet"));
    expect(docsRows.map((d) => d.source_name).sort()).toEqual(seedNames);
    expect(docsRows.find((d) => String(d.source_name).includes("004_"))).toMatchObject({ task_count: 0, issuer: null });
  });

  it("adds a second batch to the files without duplicating any document", async () => {
    const batched = join(tmp, "parquet-batches");
    await exportDocs(batched, docs.slice(0, 3), "parquet");
    expect((await readParquet(join(batched, "documents.parquet"))).numRows).toBe(3);
    const s = await exportDocs(batched, docs, "parquet");
    expect(s).toMatchObject({ added: docs.length - 3, skipped: 3 });
    for (const table of TABLE_NAMES) expect((await readParquet(join(batched, `${table}.parquet`))).numRows).toBe(sqliteCounts[table]);
    const again = await exportDocs(batched, docs, "parquet");
    expect(again).toMatchObject({ added: 0, skipped: docs.length, written: false });
    const dates = (await readParquet(join(batched, "deadlines.parquet"))).rows.filter((d) => d.date !== null).length;
    expect(dates).toBe((await readParquet(join(dir, "deadlines.parquet"))).rows.filter((d) => d.date !== null).length);
    expect(readdirSync(batched).filter((f) => !f.endsWith(".parquet"))).toEqual([]);
  });

  it("refuses to add to Parquet files another program wrote, or to an incomplete set", async () => {
    const mixed = join(tmp, "parquet-mixed");
    await exportDocs(mixed, docs.slice(0, 1), "parquet");
    rmSync(join(mixed, "tasks.parquet"));
    await expect(exportDocs(mixed, docs, "parquet")).rejects.toThrow(/but not tasks\.parquet; refusing to add to an incomplete export/);
    writeFileSync(join(mixed, "tasks.parquet"), "not parquet");
    await expect(exportDocs(mixed, docs, "parquet")).rejects.toThrow(/tasks\.parquet: not a Parquet file/);
    expect(readdirSync(mixed).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("the output's format", () => {
  it("follows -o: a .sqlite/.db file is SQLite, a directory Parquet; a mismatch or a .parquet file is refused", () => {
    expect(exportFormatFor("plans.sqlite")).toEqual({ format: "sqlite" });
    expect(exportFormatFor("plans.db")).toEqual({ format: "sqlite" });
    expect(exportFormatFor("plans")).toEqual({ format: "sqlite" });
    expect(exportFormatFor("plans/")).toEqual({ format: "parquet" });
    expect(exportFormatFor(tmp)).toEqual({ format: "parquet" });
    expect(exportFormatFor("plans", "parquet")).toEqual({ format: "parquet" });
    expect(exportFormatFor("plans.parquet")).toMatchObject({ problem: expect.stringMatching(/one file per table/) });
    expect(exportFormatFor("plans.sqlite", "parquet")).toMatchObject({ problem: expect.stringMatching(/writes a directory/) });
    expect(exportFormatFor("plans/", "sqlite")).toMatchObject({ problem: expect.stringMatching(/a directory/) });
    expect(exportFormatFor("-")).toMatchObject({ problem: expect.stringMatching(/not standard output/) });
  });
});

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ["bin/plan-parse.js", ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined },
    input,
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("plan-parse export (the built binary)", () => {
  it("exports the seeds to SQLite, says what it added, and adds nothing the second time", () => {
    const out = join(tmp, "cli.sqlite");
    const first = cli(["export", ...seedNames, "-o", out, "-q"]);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe("");
    expect(first.stderr).toMatch(new RegExp(`${seedNames.length} documents added; now ${seedNames.length} documents, \\d+ tasks`));
    const leads = query<{ n: number }>(out, "SELECT count(*) AS n FROM task_parties WHERE role = 'lead'")[0]!.n;
    expect(leads).toBeGreaterThan(40);
    // The same files copied elsewhere, read from their directory: the same documents by sha256, nothing added.
    const copies = join(tmp, "copies");
    mkdirSync(copies);
    for (const n of seedNames) copyFileSync(join(ROOT, n), join(copies, n.slice(SEEDS.length)));
    const second = cli(["export", copies, "-o", out, "-q"]);
    expect(second.status).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`0 documents added, ${seedNames.length} already there`));
    expect(query(out, "SELECT count(*) AS n FROM documents")).toEqual([{ n: seedNames.length }]);
    expect(query<{ source_name: string }>(out, "SELECT source_name FROM documents ORDER BY source_name").map((r) => r.source_name)).toEqual(seedNames);
  });

  it("exports to a directory of Parquet files, standard input included", () => {
    const out = join(tmp, "cli-parquet") + "/";
    const r = cli(["export", S000, "-", "-o", out, "-q"], readFileSync(join(ROOT, seedNames[1]!), "utf8"));
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(TABLE_NAMES.map((t) => `${t}.parquet`).sort());
    expect(r.stderr).toMatch(/2 documents added/);
  });

  it("refuses a .parquet file, a format that does not match -o, a missing -o, and a file that is not a database (exit 2)", () => {
    expect(cli(["export", S000, "-o", join(tmp, "x.parquet")])).toMatchObject({ status: 2, stderr: expect.stringMatching(/one file per table/) });
    expect(cli(["export", S000, "-o", join(tmp, "x.sqlite"), "--format", "parquet"]).status).toBe(2);
    expect(cli(["export", S000]).stderr).toMatch(/required option '-o, --output/);
    const notes = join(tmp, "notes.sqlite");
    writeFileSync(notes, "notes");
    expect(cli(["export", S000, "-o", notes])).toMatchObject({ status: 2, stderr: expect.stringMatching(/not an SQLite database; refusing to replace it/) });
    expect(readFileSync(notes, "utf8")).toBe("notes");
    expect(cli(["export", S000, "-o", S000]).stderr).toMatch(/would overwrite the input/);
  });

  it("exports the good inputs when one fails, and exits 2", () => {
    const bad = join(tmp, "bad.txt");
    writeFileSync(bad, "这不是一个计划。\n");
    const out = join(tmp, "partial.sqlite");
    const r = cli(["export", S000, bad, "-o", out, "-q"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/1 document added/);
    expect(query(out, "SELECT count(*) AS n FROM documents")).toEqual([{ n: 1 }]);
  });
});

describe("the example queries (examples/export/*.sql, shown in the README)", () => {
  const sql = (name: string): string => readFileSync(join(ROOT, "examples/export", name), "utf8");
  let file = "";
  beforeAll(async () => {
    file = join(tmp, "examples.sqlite");
    await exportDocs(file, docs);
  });

  it("who leads what: agencies by tasks led, most first, with the plans and years", () => {
    const rows = query<{ agency_key: string; lead_tasks: number; plans: number; years: string }>(file, sql("who-leads-what.sql"));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.map((r) => r.lead_tasks)).toEqual([...rows.map((r) => r.lead_tasks)].sort((a, b) => b - a));
    const market = rows.find((r) => r.agency_key === agencyKey("区市场监管局"))!;
    expect(market.plans).toBeGreaterThanOrEqual(1);
    expect(market.years).toContain("2021");
  });

  it("due by a date: tasks whose own or item deadline falls in the first half of 2021, with owners", () => {
    const rows = query<{ task_id: string; date: string; owners: string; plan: string }>(file, sql("due-by-date.sql"));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.date >= "2021-01-01" && r.date <= "2021-06-30").toBe(true);
    expect(rows).toContainEqual(expect.objectContaining({ plan: "2021年马村区食品安全工作要点", task_id: "4.4#4", date: "2021-06-30", owners: expect.stringMatching(/^区市场监管局、/) }));
  });

  it("one agency's load in two years: 市场监管局 by role, 2018 and 2021", () => {
    const rows = query<{ role: string; tasks_2018: number; tasks_2021: number }>(file, sql("agency-load-by-year.sql"));
    expect(rows.map((r) => r.role)).toContain("responsible");
    const responsible = rows.find((r) => r.role === "responsible")!;
    expect(responsible.tasks_2018).toBeGreaterThan(0);
    expect(responsible.tasks_2021).toBeGreaterThan(0);
  });
});
