// The export database (`plan-parse export`): its schema as SQL DDL, the single source for the SQLite tables
// and for the Parquet files' columns (one file per table, the same columns in the same order).
//
// Keys: a document is its bytes' sha256 (`document_id`), so exporting the same file twice adds it once, and a
// changed file under the same name is a new document (both stay; `source_name` and `export_batch` tell them
// apart). Inside a document: `node_id` (2.4.1), `task_id` (2.4.1#2). Every row carries `document_id`, so
// tables join on (document_id, node_id) and (document_id, task_id).
//
// Conventions the Parquet writer reads from this text: one column per line, `name TYPE [NOT NULL]`, a comment
// after it; TEXT is a UTF-8 string and INTEGER a 32-bit integer in Parquet, NOT NULL a required column, and a
// TEXT column named `date` or `…_date` (ISO yyyy-mm-dd) is a DATE in Parquet. Table constraints (PRIMARY KEY,
// CHECK) go on lines of their own starting with an upper-case keyword.

/** Bumped when a table or column changes; kept in the database (PRAGMA user_version) and the Parquet metadata. */
export const EXPORT_SCHEMA_VERSION = 1;
export const EXPORT_SCHEMA_ID = `plan-parse-export/v${EXPORT_SCHEMA_VERSION}`;
/** PRAGMA application_id of an export database: "plnp". */
export const APPLICATION_ID = 0x706c6e70;

export const TABLE_NAMES = ["documents", "nodes", "tasks", "task_parties", "deadlines"] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export const EXPORT_DDL: Readonly<Record<TableName, string>> = {
  documents: `CREATE TABLE IF NOT EXISTS documents (
  document_id TEXT NOT NULL, -- sha256 of the input's bytes (source.sha256): the key
  source_name TEXT NOT NULL, -- the input's name as given on the command line (never made absolute)
  format TEXT NOT NULL, -- txt md html docx pdf
  encoding TEXT, -- utf-8 utf-8-bom utf-16le utf-16be gb18030; null for docx and pdf
  bytes INTEGER NOT NULL, -- size of the input
  title TEXT NOT NULL, -- the plan's own title (meta.title)
  issuer TEXT, -- meta.issuer
  year INTEGER, -- meta.year: the year of issue
  doc_number TEXT, -- 发文字号 (meta.docNumber)
  issue_date TEXT, -- ISO date of issue (meta.date)
  status TEXT, -- draft marker such as 征求意见稿 (meta.status)
  node_count INTEGER NOT NULL, -- stats.nodes
  task_count INTEGER NOT NULL, -- stats.tasks
  warning_count INTEGER NOT NULL, -- stats.warnings
  plan_schema TEXT NOT NULL, -- plan-parse/v1: the document contract the rows were made from
  plan_parse_version TEXT NOT NULL, -- the plan-parse that parsed it
  export_batch INTEGER NOT NULL, -- which export into this output added it: 1, 2, … (no clock: same inputs, same bytes)
  PRIMARY KEY (document_id)
)`,
  nodes: `CREATE TABLE IF NOT EXISTS nodes (
  document_id TEXT NOT NULL, -- documents.document_id
  node_id TEXT NOT NULL, -- ordinal path among siblings: 2.4.1
  parent_id TEXT, -- the parent's node_id; null at the top level
  position INTEGER NOT NULL, -- 0-based, in document order (a node before its children)
  level INTEGER NOT NULL, -- 一、=1 （一）=2 1.=3 （1）=4 ①=5; 0 implicit top level
  style TEXT NOT NULL, -- chinese chinese-paren arabic arabic-paren circled implicit table-row
  marker TEXT NOT NULL, -- the marker as written: （四）
  number INTEGER, -- the number the marker says
  label TEXT NOT NULL, -- the numbering as printed along the path: 二（四）
  path TEXT NOT NULL, -- the titles from the top-level section down to this node, joined with ' / '
  title TEXT NOT NULL, -- the heading's first sentence
  text TEXT NOT NULL, -- the node's own text, children excluded
  progress TEXT, -- the progress clause (工作进度：…) without its label
  task_count INTEGER NOT NULL, -- tasks of this node (children excluded)
  start_line INTEGER NOT NULL, -- 1-based line of the marker in the source text
  PRIMARY KEY (document_id, node_id)
)`,
  tasks: `CREATE TABLE IF NOT EXISTS tasks (
  document_id TEXT NOT NULL, -- documents.document_id
  task_id TEXT NOT NULL, -- node_id#n, n the 1-based ordinal of the bracket in the node: 2.4#1
  node_id TEXT NOT NULL, -- nodes.node_id
  ordinal INTEGER NOT NULL, -- n of task_id
  text TEXT NOT NULL, -- the sentences the responsibility bracket covers
  raw TEXT NOT NULL, -- the bracket's inside as written
  party_count INTEGER NOT NULL, -- agencies named (lead + responsible + support + guide)
  start_line INTEGER NOT NULL, -- 1-based line where the task's text starts
  PRIMARY KEY (document_id, task_id)
)`,
  task_parties: `CREATE TABLE IF NOT EXISTS task_parties (
  document_id TEXT NOT NULL, -- documents.document_id
  task_id TEXT NOT NULL, -- tasks.task_id
  role TEXT NOT NULL, -- lead (牵头) responsible (负责) support (配合) guide (指导) leader (责任领导: a person)
  position INTEGER NOT NULL, -- 1-based place in the task's list for that role
  party TEXT NOT NULL, -- the name as written
  agency_key TEXT, -- the comparable key of the agency (agencyKey: 区市场监管局 → 市场监管局); null for a leader
  PRIMARY KEY (document_id, task_id, role, position),
  CHECK (role IN ('lead', 'responsible', 'support', 'guide', 'leader'))
)`,
  deadlines: `CREATE TABLE IF NOT EXISTS deadlines (
  document_id TEXT NOT NULL, -- documents.document_id
  node_id TEXT NOT NULL, -- nodes.node_id
  task_id TEXT NOT NULL, -- tasks.task_id for a task's deadline; empty for a node's progress deadline
  scope TEXT NOT NULL, -- task (the task's own sentences or bracket) or progress (the node's progress clause)
  position INTEGER NOT NULL, -- 1-based among the deadlines of the task (or of the progress clause)
  text TEXT NOT NULL, -- the wording: 6月底前
  date TEXT, -- ISO date it resolves to against the plan's year; null for recurring and vague ones
  kind TEXT NOT NULL, -- by recurring vague
  PRIMARY KEY (document_id, node_id, task_id, position),
  CHECK (scope IN ('task', 'progress'))
)`,
};

/** Indexes for the usual questions (by agency, by date); not part of the Parquet files. */
export const EXPORT_INDEXES: readonly string[] = [
  "CREATE INDEX IF NOT EXISTS task_parties_agency ON task_parties (agency_key, role)",
  "CREATE INDEX IF NOT EXISTS deadlines_date ON deadlines (date)",
  "CREATE INDEX IF NOT EXISTS documents_year ON documents (year)",
];

export interface ColumnDef {
  name: string;
  type: "TEXT" | "INTEGER";
  notNull: boolean;
  /** TEXT holding an ISO date (a column named date or …_date): a DATE in Parquet. */
  isoDate: boolean;
  comment: string;
}

const COLUMN_LINE = /^\s+([a-z_][a-z0-9_]*)\s+(TEXT|INTEGER)(\s+NOT NULL)?,?\s*(?:--\s*(.*))?$/;

/** The columns of a table, in order, read from its DDL. */
export function tableColumns(table: TableName): ColumnDef[] {
  const columns: ColumnDef[] = [];
  for (const line of EXPORT_DDL[table].split("\n").slice(1)) {
    const m = COLUMN_LINE.exec(line);
    if (!m) continue;
    const [, name, type, notNull, comment] = m;
    columns.push({ name: name!, type: type as ColumnDef["type"], notNull: !!notNull, isoDate: type === "TEXT" && /(^|_)date$/.test(name!), comment: comment ?? "" });
  }
  return columns;
}

/** A table's rows as the exporter makes them: values in tableColumns order. */
export type Row = (string | number | null)[];
