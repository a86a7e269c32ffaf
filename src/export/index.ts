// `plan-parse export`: plans into a database — an SQLite file, or a directory of Parquet files (one per table)
// — keyed by each document's sha256, so a second export into the same output adds the plans that are not in
// it yet and leaves the others (re-exporting the same file adds nothing; a changed file under the same name is
// a new document). Documents go in one at a time as they are parsed: memory does not grow with their number.
//
// Writes go through src/cli/safe-write.ts: the database is built in a temporary file next to the output (a copy
// of the output when there is one) and renamed over it at the end, so a failure or Ctrl-C leaves the output
// as it was. For Parquet the temporary database is thrown away once the files are written.
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { extname, join } from "node:path";
import { readInputBytes } from "../input/read-file.js";
import type { PlanDocument } from "../schema.js";
import { makeDirectory, openOutputPath, type OutputPath } from "../cli/safe-write.js";
import { terminalLine } from "../outputs/terminal-text.js";
import { readParquetFiles, writeParquetFiles } from "./parquet.js";
import { documentRows } from "./rows.js";
import { TABLE_NAMES, type TableName } from "./schema.js";
import { ExportDatabase, notAnExportFile } from "./sqlite.js";

export type ExportFormat = "sqlite" | "parquet";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["sqlite", "parquet"];
const SQLITE_EXTENSIONS = [".sqlite", ".sqlite3", ".db", ".db3"];

/** The format for `-o output` (and --format, when given), or why there is none. */
export function exportFormatFor(output: string, format?: ExportFormat): { format: ExportFormat } | { problem: string } {
  if (output === "-") return { problem: "-o -: a database is a file (or a directory of Parquet files), not standard output" };
  let isDir = /[\\/]$/.test(output);
  try {
    isDir ||= statSync(output).isDirectory();
  } catch {
    // missing
  }
  const ext = extname(output.replace(/[\\/]+$/, "")).toLowerCase();
  const implied: ExportFormat | undefined = isDir ? "parquet" : SQLITE_EXTENSIONS.includes(ext) ? "sqlite" : undefined;
  if (ext === ".parquet") return { problem: `-o ${terminalLine(output)}: Parquet is written as one file per table: name a directory (end it with /)` };
  if (format === "parquet" && !isDir && ext !== "") return { problem: `-o ${terminalLine(output)}: --format parquet writes a directory of files, not ${ext}` };
  if (format === "sqlite" && isDir) return { problem: `-o ${terminalLine(output)}: a directory; --format sqlite writes one file (plans.sqlite)` };
  if (format && implied && format !== implied) return { problem: `-o ${terminalLine(output)} is ${implied}, not ${format}` };
  return { format: format ?? implied ?? "sqlite" };
}

export interface ExportOptions {
  output: string;
  format: ExportFormat;
  /** plan-parse's version, recorded with each document. */
  version: string;
}

export interface ExportSummary {
  /** Documents added by this export. */
  added: number;
  /** Inputs whose document (by sha256) was there already, or came twice. */
  skipped: number;
  /** Rows of each table after the export. */
  rows: Record<TableName, number>;
  /** Whether the output was (re)written: false when nothing was added to an existing one. */
  written: boolean;
}

export interface Exporter {
  /**
   * Whether the file at `path` (by the sha256 of its bytes) is in the output already: such an input need not
   * be parsed. False when it cannot be read (parsing it will say why) and for standard input (read once).
   */
  hasInput(path: string): boolean;
  /** Adds a document unless one with its sha256 is there; true when added. */
  add(doc: PlanDocument): boolean;
  /** Writes the output (renames it into place). Throws OutputError. */
  finish(): void;
  /** Leaves the output as it was. */
  abort(): void;
  summary(): ExportSummary;
}

/**
 * Opens an export. Throws an Error (or OutputError) in one line when the output cannot be added to: an
 * existing file that is no export database, Parquet files another program wrote, a directory that cannot be
 * made.
 */
export async function openExport(options: ExportOptions): Promise<Exporter> {
  let work: OutputPath;
  if (options.format === "sqlite") {
    const problem = notAnExportFile(options.output);
    if (problem) throw new Error(`-o ${terminalLine(options.output)}: ${problem}; refusing to replace it`);
    work = openOutputPath(options.output, { copyExisting: true });
  } else {
    makeDirectory(options.output);
    // Never renamed: the database the Parquet files are written from, removed at the end.
    work = openOutputPath(join(options.output, ".export.sqlite"));
  }
  let db: ExportDatabase;
  try {
    db = new ExportDatabase(work.path);
  } catch (e) {
    work.abort();
    throw new Error(`-o ${terminalLine(options.output)}: cannot open the database (${(e as Error).message})`);
  }
  let existing = work.existing;
  try {
    if (options.format === "parquet") existing = (await readParquetFiles(db, options.output)) > 0;
  } catch (e) {
    db.discard();
    work.abort();
    throw e;
  }
  const context = { version: options.version, batch: db.nextBatch() };
  let added = 0;
  let skipped = 0;
  let rows: Record<TableName, number> | null = null;
  let written = false;
  let closed = false;
  const abort = (): void => {
    if (closed) return;
    closed = true;
    db.discard();
    work.abort();
  };
  return {
    hasInput(path) {
      if (path === "-") return false;
      let bytes: Uint8Array;
      try {
        bytes = readInputBytes(path);
      } catch {
        return false;
      }
      if (!db.has(createHash("sha256").update(bytes).digest("hex"))) return false;
      skipped++;
      return true;
    },
    add(doc) {
      if (db.has(doc.source.sha256)) {
        skipped++;
        return false;
      }
      db.add(documentRows(doc, context));
      added++;
      return true;
    },
    finish() {
      if (closed) return;
      try {
        db.flush();
        rows = Object.fromEntries(TABLE_NAMES.map((t) => [t, db.count(t)])) as Record<TableName, number>;
        written = added > 0 || !existing;
        if (options.format === "parquet" && written) writeParquetFiles(db, options.output);
        db.close();
      } catch (e) {
        abort();
        throw e;
      }
      closed = true;
      // Nothing added to an existing output: it stays as it was, untouched.
      if (options.format === "sqlite" && written) work.commit();
      else work.abort();
    },
    abort,
    summary: () => ({ added, skipped, rows: rows ?? (Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>), written }),
  };
}
