// The export database file: SQLite compiled to WebAssembly (node-sqlite3-wasm), reading and writing the file
// through Node's fs as it goes, so memory stays at SQLite's page cache however many plans go in. The caller
// hands it a file of its own (a temporary file that src/cli/safe-write.ts renames into place), so no journal is
// kept: a failure leaves the temporary file, which is thrown away, and the target as it was.
import { closeSync, openSync, readSync } from "node:fs";
import { Database, type SQLiteValue } from "node-sqlite3-wasm";
import { APPLICATION_ID, EXPORT_DDL, EXPORT_INDEXES, EXPORT_SCHEMA_VERSION, TABLE_NAMES, tableColumns, type Row, type TableName } from "./schema.js";
import type { DocumentRows } from "./rows.js";

const SQLITE_HEADER = "SQLite format 3\0";

/** Why `path` cannot be added to (not an SQLite file, not an export database); null when it can. */
export function notAnExportFile(path: string): string | null {
  let fd = -1;
  const head = Buffer.alloc(100);
  let n = 0;
  try {
    fd = openSync(path, "r");
    n = readSync(fd, head, 0, 100, 0);
  } catch {
    return null; // missing: a new database
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  if (n === 0) return null;
  if (n < 100 || head.toString("latin1", 0, 16) !== SQLITE_HEADER) return "not an SQLite database";
  const applicationId = head.readUInt32BE(68);
  const userVersion = head.readUInt32BE(60);
  // An empty SQLite file has no tables: the header's schema cookie (offset 40) is 0.
  if (applicationId !== APPLICATION_ID && head.readUInt32BE(40) !== 0) return "an SQLite database that plan-parse export did not make";
  if (userVersion > EXPORT_SCHEMA_VERSION) return `made by a newer plan-parse (export schema v${userVersion}; this one writes v${EXPORT_SCHEMA_VERSION})`;
  return null;
}

/** Documents per transaction. */
const BATCH = 64;

export class ExportDatabase {
  private readonly db: Database;
  private readonly insert: Map<TableName, ReturnType<Database["prepare"]>>;
  private readonly exists: ReturnType<Database["prepare"]>;
  private pending = 0;

  /** Opens (creating when missing) the database at `path`, which this process alone writes. */
  constructor(path: string) {
    this.db = new Database(path);
    try {
      this.db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF");
      this.db.exec("BEGIN");
      for (const table of TABLE_NAMES) this.db.exec(EXPORT_DDL[table]);
      for (const index of EXPORT_INDEXES) this.db.exec(index);
      // Only on a new database: setting them again would rewrite the header of one that is not changing.
      const version = Number((this.db.get("PRAGMA user_version") as { user_version: number }).user_version);
      if (version !== EXPORT_SCHEMA_VERSION) this.db.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = ${EXPORT_SCHEMA_VERSION}`);
      this.db.exec("COMMIT");
      this.insert = new Map(
        TABLE_NAMES.map((table) => {
          const names = tableColumns(table).map((c) => c.name);
          return [table, this.db.prepare(`INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`)];
        }),
      );
      this.exists = this.db.prepare("SELECT 1 AS found FROM documents WHERE document_id = ?");
    } catch (e) {
      this.db.close();
      throw e;
    }
  }

  /** Whether a document with this sha256 is in the database. */
  has(documentId: string): boolean {
    return this.exists.get([documentId]) !== null;
  }

  /** Adds one document's rows (the caller checked `has`); committed in batches of BATCH documents. */
  add(rows: DocumentRows): void {
    if (this.pending === 0) this.db.exec("BEGIN");
    for (const table of TABLE_NAMES) {
      const stmt = this.insert.get(table)!;
      for (const row of rows[table]) stmt.run(row);
    }
    if (++this.pending >= BATCH) this.flush();
  }

  /** Rows of a table as they come in Parquet files (rows in `values` order); see addRows. */
  addRows(table: TableName, rows: readonly Row[]): void {
    if (this.pending === 0) this.db.exec("BEGIN");
    const stmt = this.insert.get(table)!;
    for (const row of rows) stmt.run(row);
    this.pending++;
    this.flush();
  }

  flush(): void {
    if (this.pending === 0) return;
    this.db.exec("COMMIT");
    this.pending = 0;
  }

  /** The number of the next export into this database: 1 for a new one, then one more than the last. */
  nextBatch(): number {
    return Number((this.db.get("SELECT coalesce(max(export_batch), 0) + 1 AS n FROM documents") as { n: number }).n);
  }

  count(table: TableName): number {
    return Number((this.db.get(`SELECT count(*) AS n FROM ${table}`) as { n: number }).n);
  }

  /** A table's rows in the order they were added, `size` at a time, values in column order. */
  *batches(table: TableName, size: number): Generator<Row[]> {
    const names = tableColumns(table).map((c) => c.name);
    const stmt = this.db.prepare(`SELECT ${names.join(", ")} FROM ${table} ORDER BY rowid`);
    try {
      let batch: Row[] = [];
      for (const record of stmt.iterate()) {
        const r = record as Record<string, SQLiteValue>;
        batch.push(names.map((n) => r[n] as Row[number]));
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      stmt.finalize();
    }
  }

  close(): void {
    if (!this.db.isOpen) return;
    try {
      this.flush();
    } finally {
      for (const stmt of this.insert.values()) stmt.finalize();
      this.exists.finalize();
      this.db.close();
    }
  }

  /** Closes without committing what is pending (the file is being thrown away anyway). */
  discard(): void {
    if (!this.db.isOpen) return;
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
    this.pending = 0;
    this.close();
  }
}
