// Parquet files of the export tables, one per table (documents.parquet, nodes.parquet, …) in a directory:
// written from an export database (src/export/sqlite.ts) a row group at a time with hyparquet-writer (pure
// JavaScript), and read back into one with hyparquet, so a second export into the same directory adds plans
// to what is there without duplicating any. Columns and types come from the DDL (src/export/schema.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, type FileMetaData, type SchemaElement } from "hyparquet";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { openOutput, type OutputFile } from "../cli/safe-write.js";
import { terminalLine } from "../outputs/terminal-text.js";
import { EXPORT_SCHEMA_ID, TABLE_NAMES, tableColumns, type ColumnDef, type Row, type TableName } from "./schema.js";
import type { ExportDatabase } from "./sqlite.js";

/** Rows per row group (and per read when adding to existing files). */
export const ROW_GROUP = 20_000;
const METADATA_KEY = "plan-parse-export";
const DAY_MS = 86_400_000;

export const parquetFile = (dir: string, table: TableName): string => join(dir, `${table}.parquet`);

function element(column: ColumnDef): SchemaElement {
  const repetition_type = column.notNull ? "REQUIRED" : "OPTIONAL";
  if (column.isoDate) return { name: column.name, type: "INT32", converted_type: "DATE", repetition_type };
  if (column.type === "INTEGER") return { name: column.name, type: "INT32", repetition_type };
  return { name: column.name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type };
}

export function parquetSchemaOf(table: TableName): SchemaElement[] {
  const columns = tableColumns(table);
  return [{ name: "root", num_children: columns.length }, ...columns.map(element)];
}

/** ISO yyyy-mm-dd → days since 1970-01-01 (a Parquet DATE), and back. */
const isoToDays = (iso: string): number => Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);
const dateToIso = (d: Date): string => d.toISOString().slice(0, 10);

/** A hyparquet-writer Writer that hands its bytes to an output file (src/cli/safe-write.ts) a megabyte at a time. */
class OutputWriter extends ByteWriter {
  constructor(private readonly out: OutputFile) {
    super(1 << 20);
  }
  override ensure(size: number): void {
    if (this.index > 1 << 20) this.flush();
    super.ensure(size);
  }
  flush(): void {
    if (this.index === 0) return;
    this.out.write(new Uint8Array(this.buffer.slice(0, this.index)));
    this.index = 0;
  }
  override finish(): void {
    this.flush();
  }
}

/**
 * Writes every table of `db` as `dir/<table>.parquet`, each through a temporary file; all are renamed into
 * place once all are complete (on a failure none is, and the temporary files are removed). Throws OutputError.
 */
export function writeParquetFiles(db: ExportDatabase, dir: string): void {
  const outputs: OutputFile[] = [];
  try {
    for (const table of TABLE_NAMES) {
      const out = openOutput(parquetFile(dir, table));
      outputs.push(out);
      const columns = tableColumns(table);
      const writer = new ParquetWriter({
        writer: new OutputWriter(out),
        schema: parquetSchemaOf(table),
        kvMetadata: [{ key: METADATA_KEY, value: EXPORT_SCHEMA_ID }],
        createdBy: "plan-parse export (hyparquet-writer)",
      });
      for (const rows of db.batches(table, ROW_GROUP)) {
        const columnData = columns.map((c, i) => ({
          name: c.name,
          data: rows.map((r) => {
            const v = r[i]!;
            return c.isoDate && typeof v === "string" ? isoToDays(v) : v;
          }),
        }));
        void writer.write({ columnData, rowGroupSize: rows.length });
      }
      void writer.finish();
    }
    for (const out of outputs) out.commit();
  } catch (e) {
    for (const out of outputs) out.abort();
    throw e;
  }
}

/** Why the Parquet file of `table` cannot be added to; null when it can. */
function notOurs(table: TableName, meta: FileMetaData): string | null {
  const mark = meta.key_value_metadata?.find((kv) => kv.key === METADATA_KEY)?.value;
  if (mark === undefined) return "not written by plan-parse export";
  if (mark !== EXPORT_SCHEMA_ID) return `written as ${mark}, not ${EXPORT_SCHEMA_ID}`;
  const expected = tableColumns(table).map((c) => c.name);
  const got = meta.schema.slice(1).map((s) => s.name);
  if (expected.join(",") !== got.join(",")) return `its columns are not those of ${table}`;
  return null;
}

/**
 * Reads the Parquet files already in `dir` into `db`, a row group at a time. Returns the tables it found;
 * throws an Error naming the file when one is there but cannot be added to (another program's file, an
 * older schema) or when some tables have a file and others not.
 */
export async function readParquetFiles(db: ExportDatabase, dir: string): Promise<number> {
  const present = TABLE_NAMES.filter((t) => existsSync(parquetFile(dir, t)));
  if (present.length === 0) return 0;
  if (present.length < TABLE_NAMES.length) {
    const missing = TABLE_NAMES.filter((t) => !present.includes(t)).map((t) => `${t}.parquet`);
    throw new Error(`${terminalLine(dir)}: has ${present.map((t) => `${t}.parquet`).join(", ")} but not ${missing.join(", ")}; refusing to add to an incomplete export`);
  }
  for (const table of TABLE_NAMES) {
    const path = parquetFile(dir, table);
    const file = await asyncBufferFromFile(path);
    let meta: FileMetaData;
    try {
      meta = await parquetMetadataAsync(file);
    } catch (e) {
      throw new Error(`${terminalLine(path)}: not a Parquet file (${(e as Error).message})`);
    }
    const problem = notOurs(table, meta);
    if (problem) throw new Error(`${terminalLine(path)}: ${problem}; refusing to replace it`);
    const columns = tableColumns(table);
    let start = 0;
    for (const group of meta.row_groups) {
      const end = start + Number(group.num_rows);
      const records = (await parquetReadObjects({ file, metadata: meta, rowStart: start, rowEnd: end })) as Record<string, unknown>[];
      const rows: Row[] = records.map((r) =>
        columns.map((c) => {
          const v = r[c.name];
          if (v === undefined || v === null) return null;
          if (v instanceof Date) return dateToIso(v);
          if (typeof v === "bigint") return Number(v);
          return v as string | number;
        }),
      );
      db.addRows(table, rows);
      start = end;
    }
  }
  return present.length;
}
