// The library: `import { parsePlan } from "plan-parse"`.
export { parsePlan, parsePlanBytes, type ParseOptions, type BytesResult } from "./pipeline/parse-plan.js";
export { parseFile } from "./parse-file.js";
export { eachNode, eachTask, type NodeVisit, type TaskVisit } from "./walk.js";
export { decodeBytes, type DecodeResult } from "./pipeline/decode.js";
export {
  SCHEMA_ID,
  PlanDocument as PlanDocumentSchema,
  planJsonSchema,
  type Deadline,
  type Diagnostic,
  type DiagnosticCode,
  type Encoding,
  type Meta,
  type NodeStyle,
  type Notice,
  type PlanDocument,
  type PlanNode,
  type Progress,
  type Source,
  type Span,
  type Stats,
  type Task,
  type Convention,
  type Attachment,
} from "./schema.js";
export { parseInput, detectFormat, INPUT_FORMATS, type InputFormat, type InputOptions } from "./input/index.js";
export { diffPlans, type DiffOptions } from "./diff/diff.js";
export { renderDiffText } from "./diff/render.js";
export { DiffReport as DiffReportSchema, diffJsonSchema, type DiffReport } from "./diff/schema.js";
export { tableRows, formatRows, partyRows, tableWorkbook, TABLE_COLUMNS, PARTY_COLUMNS, type TableRow, type PartyRow } from "./outputs/table.js";
export {
  agencyMatrix,
  agencyKey,
  agencyTableWith,
  agenciesWorkbook,
  loadAliases,
  renderAgencies,
  AGENCY_COLUMNS,
  type AgencyMatrix,
  type AgencyRow,
  type Aliases,
  type AliasEntry,
  type MatrixOptions,
} from "./outputs/agencies.js";
export {
  AgencyTable,
  builtInAgencies,
  placeContext,
  documentRegion,
  type AgencyInfo,
  type AgencyEntry,
  type AgencyData,
  type AgencyLevel,
  type PlaceContext,
  type Renaming,
} from "./pipeline/agency-table.js";
